"""Checks on a batch input before any model loads: is it there, and do its first bytes show a file batch cannot read
(UTF-16/32 text, one JSON array, pretty-printed JSON) — each refused with one line that says how to convert it."""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path
from typing import IO, Callable

from summarizer.errors import InputError
from summarizer.textio import input_name

# Enough bytes to see a BOM, the byte pattern of UTF-16 and the first line of pretty-printed JSON.
_HEAD_BYTES = 64 * 1024
_DECOMPRESSORS = {".gz": "zcat", ".bz2": "bzcat", ".xz": "xzcat"}


def check_start(path: str | os.PathLike[str], fmt: str, open_binary: Callable[[str | os.PathLike[str]], IO[bytes]]) -> None:
    """Raise InputError when the first bytes of a JSONL/CSV input show text batch cannot read.

    Only regular files and standard input (peeked, not consumed) are looked at: a FIFO read here would lose
    its bytes for the run. A compressed input that cannot even be opened is left to the reader to report.
    """
    head = _head(path, open_binary)
    if not head:
        return
    name = input_name(path)
    encoding = _wide_encoding(head, fmt)
    if encoding:
        target = f"{_stem(path)}-utf8.{fmt}"
        raise InputError(f"{name} is {encoding} text; batch reads UTF-8 {fmt.upper()}: convert it first, e.g. "
                         + _command(path, f"iconv -f {encoding} -t UTF-8", target))
    if fmt != "jsonl" or not (str(path) == "-" or ".json" in [s.lower() for s in Path(path).suffixes]):
        return  # .jsonl and .ndjson lines are judged one by one: a bad first line is that line's error record
    text = head.lstrip(codecs.BOM_UTF8 + b" \t\r\n")
    first = text.split(b"\n", 1)[0].strip()
    # `json.dump(records)` starts `[{` or `[` alone on a line (indent=2); a JSONL line never does.
    if first == b"[" or (first.startswith(b"[") and first[1:].lstrip()[:1] in (b"{", b"]")):
        what, fix = "one JSON array", "jq -c '.[]'"
    elif first == b"{":  # no JSONL line is a lone brace: this is one object spread over many lines
        what, fix = "pretty-printed JSON (objects over several lines)", "jq -c ."
    else:
        return
    raise InputError(f"{name} holds {what}; batch reads JSONL (one JSON object per line): convert it first, e.g. "
                     + _command(path, fix, f"{_stem(path)}.jsonl"))


def runaway_line(name: str, line_no: int, skipped: int, unit: str, dump: str, limit: int) -> InputError:
    """The error that stops reading a line with no end in sight (/dev/zero, a disk image): `skipped` units so far."""
    return InputError(
        f"{name}: line {line_no} runs on for {skipped:,} {unit} without a newline (more than {limit / (1 << 30):g} GiB): "
        f"not a {dump} dump; reading stopped"
    )


def _head(path: str | os.PathLike[str], open_binary: Callable[[str | os.PathLike[str]], IO[bytes]]) -> bytes:
    if str(path) == "-":
        peek = getattr(open_binary(path), "peek", None)
        return peek(_HEAD_BYTES)[:_HEAD_BYTES] if peek is not None else b""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return b""
        with open_binary(path) as fh:
            return fh.read(_HEAD_BYTES)
    except (OSError, EOFError, ValueError):  # an unreadable or corrupt file: the reader names it with its line
        return b""


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)


def _wide_encoding(head: bytes, fmt: str) -> str | None:
    """UTF-16 or UTF-32 when the head decodes that way into what a dump starts with, else None."""
    codec, name = next(((codec, name) for bom, codec, name in _BOMS if head.startswith(bom)), (None, None))
    sample = head[:16]
    if codec is None and len(sample) >= 8 and _only_nul(sample[1::2]) != _only_nul(sample[0::2]):
        # UTF-16 without a BOM: ASCII such as `{"id"` leaves every other byte NUL.
        codec, name = ("utf-16-le" if _only_nul(sample[1::2]) else "utf-16-be"), "UTF-16"
    if codec is None:
        return None
    text = head[: len(head) // 4 * 4].decode(codec, "replace").lstrip("\ufeff \t\r\n")
    if fmt == "jsonl":
        return name if text[:1] in ("{", "[") else None
    return name if text and all(ch.isprintable() or ch in "\t\r\n" for ch in text[:64]) else None


def _only_nul(data: bytes) -> bool:
    return data.count(0) == len(data)


def _stem(path: str | os.PathLike[str]) -> str:
    if str(path) == "-":
        return "input"
    name = Path(path).name
    return name.split(".", 1)[0] or name


def _command(path: str | os.PathLike[str], tool: str, target: str) -> str:
    if str(path) == "-":
        return f"pipe it through {tool}"
    p = Path(path)
    unpack = _DECOMPRESSORS.get(p.suffix.lower())
    return f"{unpack} {p.name} | {tool} > {target}" if unpack else f"{tool} {p.name} > {target}"
