"""Reading raw input: files or stdin → bytes → text (BOM, declared charset, UTF-8/CP949, detection), and a Korean-text check."""

from __future__ import annotations

import codecs
import errno
import os
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from summarizer.errors import DecodeError, EmptyInputError, InputError, InputTooLargeError

MAX_INPUT_BYTES = 10 * 1024 * 1024  # pages over 10 MB are refused outright
_HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
# Bytes that never occur in text: NUL and most C0 controls (tab/newline/CR/formfeed allowed).
_BINARY_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def read_input(source: str | Path, max_bytes: int = MAX_INPUT_BYTES) -> bytes:
    """Bytes of a file, or of stdin when source is '-'. Raises InputError with a one-line reason."""
    if str(source) == "-":
        data = stdin_buffer().read(max_bytes + 1)
    else:
        path = Path(source)
        if not path.exists():
            raise missing_input(path, "file")
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


def input_name(path: str | os.PathLike[str]) -> str:
    """How messages name an input: "standard input" for "-", else the file's name."""
    return "standard input" if str(path) == "-" else Path(path).name


def missing_input(path: str | os.PathLike[str], what: str = "input") -> InputError:
    """The one-line error for an input path that cannot be followed: not found, a symlink loop, a dangling link."""
    p = Path(path)
    try:
        os.stat(p)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return InputError(f"{p} is a symbolic link loop (it points back at itself); point it at a file")
        if p.is_symlink():
            return InputError(f"{p} is a broken symbolic link (its target {os.readlink(p)} does not exist)")
        if exc.errno not in (errno.ENOENT, errno.ENOTDIR):
            return InputError(f"cannot read {p}: {exc.strerror or exc}")
    return InputError(f"{what} not found: {p}")


def stdin_buffer() -> BinaryIO:
    """Standard input as bytes; InputError when it is closed (`<&-`: Python then sets sys.stdin to None)."""
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is None:
        raise InputError("standard input is closed; pipe the input in or pass a file")
    return buffer


@dataclass(frozen=True)
class DecodedText:
    """Page text after decoding, the codec that produced it, and what a reader should know (replaced bytes…)."""

    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Page bytes → text, as decode_page does (tolerant, NFC); the warnings are dropped."""
    return decode_page(data, declared).text


def decode_page(data: bytes, declared: str | None = None) -> DecodedText:
    """Decode page bytes as a browser would: BOM, then the declared charset (HTTP header or <meta>), then detection.

    A declared single-byte charset on bytes that are really UTF-8/CP949 is overruled (mojibake otherwise); a few
    invalid bytes are replaced by U+FFFD and counted; NULs are dropped; the text is NFC-normalised.

    Raises:
        EmptyInputError: nothing but whitespace.
        DecodeError: binary data (magic number, many control bytes) or bytes that are text in no encoding.
    """
    if not data.strip():
        raise EmptyInputError("input is empty")
    if looks_binary(data):
        raise DecodeError("input looks binary (not text or HTML)")
    warnings: list[str] = []
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(codec)
            except UnicodeDecodeError:
                raise DecodeError(f"input has a {codec.upper()} byte order mark but is not {codec.upper()} text") from None
            return _finish(text, codec, warnings)
    codec = _codec(declared)
    try:  # valid UTF-8 wins: pages re-saved as UTF-8 keep their old <meta charset>
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if codec in _SINGLE_BYTE and not text.isascii():
            warnings.append(_wrong_charset(declared, "utf-8"))
        return _finish(text, "utf-8", warnings)
    if codec in _SINGLE_BYTE and _HANGUL.search(_strict(data, "cp949")):
        # '<meta charset=iso-8859-1>' on CP949 bytes: a browser shows mojibake, we do not
        warnings.append(_wrong_charset(declared, "cp949"))
        return _finish(_strict(data, "cp949"), "cp949", warnings)
    for candidate in dict.fromkeys(c for c in (codec, "cp949") if c and c != "utf-8"):
        try:
            text = data.decode(candidate)
        except UnicodeDecodeError:
            continue
        if codec and candidate != codec:
            warnings.append(_wrong_charset(declared, candidate))
        return _finish(text, candidate, warnings)
    return _decode_damaged(data, codec, declared, warnings)


def _wrong_charset(declared: str | None, actual: str) -> str:
    return f"the page declares charset {declared} but its bytes are {actual}; decoded as {actual}"


def _strict(data: bytes, codec: str) -> str:
    """The bytes decoded strictly, or '' when they are not valid in that codec."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return ""


_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
# Single-byte charsets pages declare by default or by mistake; WHATWG reads iso-8859-1 and ascii as windows-1252.
_SINGLE_BYTE = frozenset({"cp1252", "iso8859-1", "ascii", "iso8859-15", "cp1250", "cp1251"})
_KOREAN_CODECS = ("utf-8", "cp949")
# Binary formats a user may hand us by mistake: PNG, GIF, JPEG, PDF, ZIP, gzip, ELF, 7z, RAR, SQLite, WebAssembly, RIFF, Ogg.
_MAGIC_NUMBERS = (b"\x89PNG", b"GIF87a", b"GIF89a", b"\xff\xd8\xff", b"%PDF-", b"PK\x03\x04", b"\x1f\x8b", b"\x7fELF",
                  b"7z\xbc\xaf", b"Rar!", b"SQLite format 3", b"\x00asm", b"RIFF", b"OggS")
MAX_CONTROL_SHARE = 0.05  # text has almost no control bytes; binary formats have many (random bytes: ~10%)
MAX_REPLACED_SHARE = 0.01  # of the non-ASCII bytes: more damaged places than this and the bytes are not text in that codec
_HIGH_BYTES = bytes(range(0x80, 0x100))
_REPLACED = re.compile("[\udc80-\udcff]")
_DAMAGED_PLACE = re.compile("[\udc80-\udcff]+")  # one stray byte inside a Hangul syllable spoils 4 bytes in a row


def looks_binary(data: bytes) -> bool:
    """True for a known binary magic number, or when over 5% of the first 64 KB (and 3 or more) are control bytes (NUL included)."""
    if data.startswith(_MAGIC_NUMBERS):
        return True
    sample = data[:65536]
    return len(_BINARY_BYTES.findall(sample)) > max(2, MAX_CONTROL_SHARE * len(sample))


def _codec(name: str | None) -> str | None:
    """The Python codec for a declared charset name, or None when unknown."""
    if not name:
        return None
    try:
        return codecs.lookup(_normalise_encoding(name)).name
    except LookupError:
        return None


def _decode_damaged(data: bytes, codec: str | None, declared: str | None, warnings: list[str]) -> DecodedText:
    """Bytes valid in no codec tried so far: the codec with the fewest invalid bytes (replaced), else detection."""
    high = (len(data) - len(data.translate(None, _HIGH_BYTES))) or 1
    best: tuple[int, int, str, str] | None = None
    for candidate in dict.fromkeys(c for c in (codec, *_KOREAN_CODECS) if c):
        text = data.decode(candidate, "surrogateescape")
        bad = len(_REPLACED.findall(text))
        if best is None or bad < best[0]:
            best = (bad, len(_DAMAGED_PLACE.findall(text)), candidate, text)
    if best is not None and best[1] <= max(1, MAX_REPLACED_SHARE * high):
        bad, _, candidate, text = best
        warnings.append(f"replaced {bad} invalid byte{'s' if bad != 1 else ''} (not {candidate}) with U+FFFD")
        if codec and candidate != codec:
            warnings.append(_wrong_charset(declared, candidate))
        return _finish(_REPLACED.sub("\ufffd", text), candidate, warnings)
    from charset_normalizer import from_bytes  # deferred: only pages in no Korean encoding get here

    match = from_bytes(data[:MAX_INPUT_BYTES]).best()
    if match is None or not match.encoding or not _mostly_letters(str(match)[:65536]):
        raise DecodeError("cannot decode input: not UTF-8, CP949/EUC-KR or any encoding charset-normalizer knows")
    if codec and match.encoding != codec:
        warnings.append(_wrong_charset(declared, match.encoding))
    return _finish(str(match), match.encoding, warnings)


def _mostly_letters(text: str) -> bool:
    """Text (and markup) is mostly letters; a run of symbols that some code page happens to map is not."""
    visible = "".join(text.split())
    return len(_LETTER.findall(visible)) >= 0.5 * len(visible)


def _finish(text: str, codec: str, warnings: list[str]) -> DecodedText:
    text, more = tidy_text(text)
    return DecodedText(text, codec, tuple(warnings + more))


def tidy_text(text: str) -> tuple[str, list[str]]:
    """Text as the cleaner reads it: no BOM, no NULs, NFC (a page saved as NFD splits every syllable into jamo).

    Returns the text and warnings saying what changed.
    """
    warnings = []
    text = text.lstrip("\ufeff")
    nuls = text.count("\x00")
    if nuls:
        text = text.replace("\x00", "")
        warnings.append(f"removed {nuls} NUL character{'s' if nuls != 1 else ''}")
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
        warnings.append("the text was in decomposed Unicode (NFD); composed to NFC")
    return text, warnings


def _normalise_encoding(name: str) -> str:
    name = name.strip().lower()
    # EUC-KR pages routinely use CP949 (UHC) extensions; decoding as cp949 is a strict superset.
    if name in ("euc-kr", "euckr", "ks_c_5601-1987", "ksc5601", "x-windows-949", "uhc", "ks_c_5601"):
        return "cp949"
    # WHATWG: the labels iso-8859-1, latin1 and us-ascii all mean windows-1252
    return "cp1252" if name in ("iso-8859-1", "iso8859-1", "latin1", "latin-1", "us-ascii", "ascii", "l1") else name


def hangul_ratio(text: str) -> float:
    """Share of letters that are Hangul (0.0 when there are no letters)."""
    letters = _LETTER.findall(text)
    if not letters:
        return 0.0
    return sum(1 for ch in letters if _HANGUL.match(ch)) / len(letters)


KOREAN_SHARE = 0.3  # news mixes Latin names, acronyms and numbers into Korean text


def is_korean(text: str, threshold: float = KOREAN_SHARE) -> bool:
    """True when at least `threshold` of the letters are Hangul: the one test of 'is this Korean' (cleaner, pipeline)."""
    return hangul_ratio(text) >= threshold
