"""Turn raw input into text and say whether it is HTML or a plain-text dump of a page."""

from __future__ import annotations

import os
import re

from summarizer.errors import DecodeError, EmptyInputError, InputError, InputTooLargeError
from summarizer.textio import MAX_CONTROL_SHARE, MAX_INPUT_BYTES, DecodedText, decode_page, read_input, tidy_text

_CHARSET_RE = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]{2,40})""", re.I)
_XML_ENCODING_RE = re.compile(rb"""^\s*<\?xml[^>]{0,100}encoding\s*=\s*["']([A-Za-z0-9_\-]{2,40})""", re.I)
_TAG_RE = re.compile(
    r"<(?:!doctype\s+html|/?(?:html|head|body|meta|title|div|p|span|article|section|main|header|footer|nav|table|"
    r"script|style|br|a|ul|ol|li|h[1-6]|img|iframe|link|form|figure|em|strong|b|i)\b[^<>]{0,2000}>)",
    re.I,
)
_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_SNIFF_CHARS = 65536


def sniff_charset(data: bytes) -> str | None:
    """The charset a page declares in its first 4 KB (<meta charset>, http-equiv or XML declaration), else None."""
    head = data[:4096]
    match = _XML_ENCODING_RE.search(head) or _CHARSET_RE.search(head)
    if not match:
        return None
    name = match.group(1).decode("ascii", "ignore").strip().lower()
    return name or None


def to_text(raw: bytes | bytearray | str) -> str:
    """The page as text (see decode_input); the warnings are dropped."""
    return decode_input(raw).text


def decode_input(raw: bytes | bytearray | str) -> DecodedText:
    """Decode page bytes (BOM, declared charset, UTF-8/CP949, detection; see textio.decode_page) or tidy a str.

    Raises:
        InputTooLargeError: over 10 MB.
        EmptyInputError: nothing but whitespace.
        DecodeError: binary data, or bytes in no encoding.
    """
    if isinstance(raw, (bytes, bytearray)):
        data = bytes(raw)
        if len(data) > MAX_INPUT_BYTES:
            raise InputTooLargeError(f"input is larger than {MAX_INPUT_BYTES // (1024 * 1024)} MB")
        decoded = decode_page(data, declared=sniff_charset(data))
        return DecodedText(_check_text(decoded.text), decoded.encoding, decoded.warnings)
    if not isinstance(raw, str):
        raise DecodeError(f"expected page bytes or text, got {type(raw).__name__}")
    if len(raw) > MAX_INPUT_BYTES // 4 and len(raw.encode("utf-8", "surrogatepass")) > MAX_INPUT_BYTES:
        raise InputTooLargeError(f"input is larger than {MAX_INPUT_BYTES // (1024 * 1024)} MB")
    _check_text(raw)  # binary pasted as text is refused before its NULs are dropped
    text, warnings = tidy_text(raw)
    return DecodedText(_check_text(text), "str", tuple(warnings))


def _check_text(text: str) -> str:
    if not text.strip():
        raise EmptyInputError("input is empty")
    sample = text[:_SNIFF_CHARS]
    if len(_CONTROL_RE.findall(sample)) > max(2, MAX_CONTROL_SHARE * len(sample)):
        raise DecodeError("input looks binary (not text or HTML)")
    return text


def looks_like_html(text: str) -> bool:
    """True when the text is markup: it opens with a tag, or carries several HTML tags near the top."""
    sample = text[:_SNIFF_CHARS]
    stripped = sample.lstrip()
    tags = 0
    for _ in _TAG_RE.finditer(sample):
        tags += 1
        if tags >= 3:
            # a feed saved as text ('description: …<br /><br />…') carries tags inside its fields; it stays a dump
            return stripped.startswith("<") or not _is_fielded_dump(sample[:_FIELDED_SNIFF_CHARS])
    return tags >= 1 and stripped.startswith("<")


_FIELDED_SNIFF_CHARS = 8000


def _is_fielded_dump(text: str) -> bool:
    from summarizer.clean.classify import normalise_lines
    from summarizer.clean.fielded import looks_fielded

    return looks_fielded(normalise_lines(text))


_FILE_SUFFIXES = (".html", ".htm", ".txt", ".xhtml", ".shtml", ".jsonl", ".json", ".gz")


def page_input(raw: object) -> object:
    """`raw` as page bytes or text: a path (os.PathLike) is read; a one-line str naming a file is refused.

    Raises:
        InputError: a file that cannot be read, or text that is only a file name.
    """
    if isinstance(raw, os.PathLike):
        return read_input(os.fspath(raw))
    if isinstance(raw, str) and _looks_like_a_path(raw):
        raise InputError(
            f"got the text {raw.strip()!r}, which looks like a file name, not a page: pass Path({raw.strip()!r}) to read the file"
        )
    return raw


def _looks_like_a_path(text: str) -> bool:
    """A one-line string naming a file (an existing one, or one ending in a page suffix) rather than page text."""
    candidate = text.strip()
    if not candidate or "\n" in candidate or len(candidate) > 4096 or "<" in candidate:
        return False
    if candidate.lower().endswith(_FILE_SUFFIXES) and " " not in candidate:
        return True
    try:
        return os.path.isfile(candidate)
    except (OSError, ValueError):
        return False
