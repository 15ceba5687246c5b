"""Turn raw input into text and say whether it is HTML or a plain-text dump of a page."""

from __future__ import annotations

import re

from summarizer.errors import DecodeError, EmptyInputError, InputTooLargeError
from summarizer.textio import MAX_INPUT_BYTES, decode_bytes

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
    """Decode page bytes (declared charset, UTF-8, then CP949/EUC-KR) or check a str; errors are one-liners.

    Raises:
        InputTooLargeError: over 10 MB.
        EmptyInputError: nothing but whitespace.
        DecodeError: binary data, or bytes in no accepted encoding.
    """
    if isinstance(raw, (bytes, bytearray)):
        data = bytes(raw)
        if len(data) > MAX_INPUT_BYTES:
            raise InputTooLargeError(f"input is larger than {MAX_INPUT_BYTES // (1024 * 1024)} MB")
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
            try:
                return _check_text(data.decode("utf-16"))
            except UnicodeDecodeError:
                raise DecodeError("input has a UTF-16 byte order mark but is not UTF-16 text") from None
        declared = sniff_charset(data)
        if declared and declared.replace("-", "").replace("_", "") != "utf8" and _is_utf8(data):
            declared = None  # valid UTF-8 wins over a stale declaration (pages re-saved as UTF-8 keep their old meta)
        return _check_text(decode_bytes(data, declared=declared))
    if not isinstance(raw, str):
        raise DecodeError(f"expected page bytes or text, got {type(raw).__name__}")
    if len(raw) > MAX_INPUT_BYTES // 4 and len(raw.encode("utf-8", "surrogatepass")) > MAX_INPUT_BYTES:
        raise InputTooLargeError(f"input is larger than {MAX_INPUT_BYTES // (1024 * 1024)} MB")
    return _check_text(raw.lstrip("\ufeff"))


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _check_text(text: str) -> str:
    if not text.strip():
        raise EmptyInputError("input is empty")
    sample = text[:_SNIFF_CHARS]
    if "\x00" in sample or len(_CONTROL_RE.findall(sample)) > max(8, len(sample) // 200):
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
            return True
    return tags >= 1 and stripped.startswith("<")
