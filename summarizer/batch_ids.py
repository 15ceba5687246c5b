"""Record ids and payload strings from the values of a parsed record (JSONL object or CSV row)."""

from __future__ import annotations

import hashlib
import json
from typing import Any, Mapping

CONTENT_ID_PREFIX = "sha256:"


def as_payload(value: str) -> str | bytes | None:
    """The value as str when it is clean Unicode, as its original bytes when it carried undecodable bytes
    (surrogate-escaped by the reader), or None when it holds surrogates no bytes can explain."""
    try:
        value.encode("utf-8")
        return value
    except UnicodeEncodeError:
        pass
    try:
        return value.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return None


def safe_str(value: str) -> str:
    """A string that can be written as UTF-8: undecodable bytes become \\xNN escapes."""
    try:
        value.encode("utf-8")
        return value
    except UnicodeEncodeError:
        return value.encode("utf-8", "surrogateescape" if _only_escaped_bytes(value) else "backslashreplace").decode(
            "utf-8", "backslashreplace"
        )


def _only_escaped_bytes(value: str) -> bool:
    return all(not ("\ud800" <= ch <= "\udfff") or "\udc80" <= ch <= "\udcff" for ch in value)


def pick_record_id(value: Any, content: bytes | Mapping[str, Any]) -> str:
    """The record's own id (a non-empty string or a number), else content_id of its content."""
    if isinstance(value, str) and value.strip():
        return safe_str(value.strip())
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return str(value)
        except ValueError:  # an int too long to print
            pass
    return content_id(content)


def content_id(content: bytes | Mapping[str, Any]) -> str:
    """`sha256:` + 16 hex digits of a record's bytes: an id-less record keeps its key when lines move."""
    if not isinstance(content, bytes):
        content = json.dumps(content, sort_keys=True, ensure_ascii=True, default=str).encode("ascii")
    return CONTENT_ID_PREFIX + hashlib.sha256(content).hexdigest()[:16]
