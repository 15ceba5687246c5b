"""The demo's one size limit, said the same way on the page, in every refusal and in the browser's own upload check.

A page may be up to `DemoConfig.input_limit` bytes (uploaded or fetched) or characters (pasted); once cleaned, its
article text may be up to `settings.max_chars` characters. Every message names both, in words a demo user can act on.
"""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal

from summarizer.demo.config import DemoConfig

_UNITS = ("bytes", "KB", "MB", "GB", "TB")
_MAX_NAME_CHARS = 120  # a refused file's name comes from the browser: keep the message one short line


def size_text(n_bytes: int) -> str:
    """A byte count as Gradio's upload check writes it (1024-based, one decimal): 800,000 → '781.3 KB'."""
    value, unit = float(n_bytes), 0
    while value >= 1024 and unit < len(_UNITS) - 1:
        value, unit = value / 1024, unit + 1
    # Halves round up, as JavaScript's toFixed does (Python's format rounds 781.25 to 781.2).
    return f"{Decimal(value).quantize(Decimal('0.1'), ROUND_HALF_UP)} {_UNITS[unit]}" if unit else f"{n_bytes:,} bytes"


def limit_sentence(config: DemoConfig) -> str:
    """The limit as every message states it: 'this demo takes pages up to 781.3 KB (800,000 characters pasted) …'."""
    limit = config.input_limit
    return (f"this demo takes pages up to {size_text(limit)} ({limit:,} characters pasted) "
            f"with up to {config.settings.max_chars:,} characters of article text")


def page_limit_hint(config: DemoConfig) -> str:
    """The same sentence as a line under the inputs: 'This demo takes pages up to 781.3 KB (…) … article text.'"""
    sentence = limit_sentence(config)
    return f"{sentence[:1].upper()}{sentence[1:]}."


def refused_upload(report: str | None, limit: int) -> tuple[str, int] | None:
    """(name, size) of the file the browser refused for its size, from the page's JSON note; None when there is none.

    The note comes from the browser, so anything malformed, or a size within the limit, counts as no note.
    """
    if not report:
        return None
    try:
        note = json.loads(report)
        name, size = " ".join(str(note["name"]).split())[:_MAX_NAME_CHARS], int(note["size"])
    except (ValueError, TypeError, KeyError):
        return None
    return (name, size) if name and size > limit else None


def refused_upload_script(limit: int) -> str:
    """A <head> script noting the last file picked or dropped over `limit` bytes (Gradio refuses it in the browser,
    so the server never sees it); the Run button sends the note along, and the status then says why there is no file."""
    return (
        "<script>(() => {"
        f"const limit = {int(limit)}; window.ksRefusedUpload = '';"
        "const note = (files) => { if (!files || !files.length) return;"
        " const big = Array.from(files).find((f) => f.size > limit);"
        " window.ksRefusedUpload = big ? JSON.stringify({name: big.name, size: big.size}) : ''; };"
        "document.addEventListener('change', (e) => {"
        " if (e.target instanceof HTMLInputElement && e.target.type === 'file') note(e.target.files); }, true);"
        "document.addEventListener('drop', (e) => note(e.dataTransfer && e.dataTransfer.files), true);"
        "})();</script>"
    )


# Run before the button's handler: the last input (a hidden textbox) receives the note.
SEND_REFUSED_UPLOAD_JS = "(...args) => { args[args.length - 1] = window.ksRefusedUpload || ''; return args; }"
