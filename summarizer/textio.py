"""Reading raw input: files or stdin → bytes → text (UTF-8, then CP949/EUC-KR), and a Korean-text check."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from summarizer.errors import DecodeError, EmptyInputError, InputError, InputTooLargeError

MAX_INPUT_BYTES = 10 * 1024 * 1024  # pages over 10 MB are refused outright
_HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
# Bytes that never occur in text: NUL and most C0 controls (tab/newline/CR/formfeed allowed).
_BINARY_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def read_input(source: str | Path, max_bytes: int = MAX_INPUT_BYTES) -> bytes:
    """Bytes of a file, or of stdin when source is '-'. Raises InputError with a one-line reason."""
    if str(source) == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        path = Path(source)
        if not path.exists():
            raise InputError(f"file not found: {path}")
        if path.is_dir():
            raise InputError(f"{path} is a directory; pass a file (or use `summarizer batch` for folders)")
        try:
            with path.open("rb") as fh:
                data = fh.read(max_bytes + 1)
        except OSError as exc:
            raise InputError(f"cannot read {path}: {exc.strerror}") from None
    if len(data) > max_bytes:
        raise InputTooLargeError(f"input is larger than {max_bytes // (1024 * 1024)} MB")
    return data


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode page bytes: a declared charset first, then UTF-8, then CP949 (a superset of EUC-KR)."""
    if not data.strip():
        raise EmptyInputError("input is empty")
    sample = data[:65536]
    if _looks_binary(sample):
        raise DecodeError("input looks binary (not text or HTML)")
    candidates = [c for c in (declared, "utf-8", "cp949") if c]
    for encoding in candidates:
        try:
            text = data.decode(_normalise_encoding(encoding))
        except (UnicodeDecodeError, LookupError):
            continue
        return text.lstrip("\ufeff")
    raise DecodeError("cannot decode input as UTF-8 or CP949/EUC-KR")


def _normalise_encoding(name: str) -> str:
    name = name.strip().lower()
    # EUC-KR pages routinely use CP949 (UHC) extensions; decoding as cp949 is a strict superset.
    return "cp949" if name in ("euc-kr", "euckr", "ks_c_5601-1987", "ksc5601", "x-windows-949", "uhc") else name


def looks_binary(data: bytes) -> bool:
    """True when the first 64 KiB hold bytes that never occur in text (a cheap check before any size limit)."""
    return _looks_binary(data[:65536])


def _looks_binary(sample: bytes) -> bool:
    if b"\x00" in sample:
        return True
    return len(_BINARY_BYTES.findall(sample)) > max(8, len(sample) // 200)


def hangul_ratio(text: str) -> float:
    """Share of letters that are Hangul (0.0 when there are no letters)."""
    letters = _LETTER.findall(text)
    if not letters:
        return 0.0
    return sum(1 for ch in letters if _HANGUL.match(ch)) / len(letters)


def is_korean(text: str, threshold: float = 0.3) -> bool:
    """True when at least `threshold` of the letters are Hangul (news mixes in Latin names and numbers)."""
    return hangul_ratio(text) >= threshold
