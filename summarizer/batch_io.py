"""Streaming readers for article dumps (JSONL, .jsonl.gz, CSV, a folder of pages) and the resumable JSONL output.

Readers turn every input record into an InputRecord, never raising on bad data: a line that cannot be
used carries a one-line `error` instead of a payload, so the runner writes an error record and goes on.
The output is written in whole lines, flushed and fsync'ed per batch; on resume a torn last line is
dropped and the keys already written are skipped.
"""

from __future__ import annotations

import bz2
import csv
import gzip
import io
import json
import lzma
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Callable, Iterable, Iterator, Mapping

from summarizer.errors import InputError
from summarizer.textio import MAX_INPUT_BYTES

INPUT_FORMATS = ("jsonl", "csv", "dir")
# A JSON line may hold a whole page, escaped; anything larger is refused without reading it into memory.
MAX_LINE_BYTES = 2 * MAX_INPUT_BYTES
PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".txt")
_OPENERS: dict[str, Callable[..., IO[bytes]]] = {".gz": gzip.open, ".bz2": bz2.open, ".xz": lzma.open}
_READ_CHUNK = 1 << 20


@dataclass(frozen=True)
class RecordFields:
    """Which fields of a JSONL object or CSV row hold what."""

    text: str = "text"
    html: str = "html"
    id: str = "id"
    url: str = "url"


@dataclass(frozen=True)
class InputRecord:
    """One record of the dump, ready for the pipeline or already known to be bad.

    Attributes:
        id: the record's id (synthetic `line-N` when the record has none or cannot be parsed).
        line: 1-based line of the record in a JSONL/CSV input (None for a folder of files).
        payload: the page (HTML or text dump) as str, or as bytes when it was not valid UTF-8.
        url: the page's URL when the dump has one.
        error: why the record cannot be processed (set by the reader or the planner), else None.
        unparseable: the line itself could not be parsed (its id is synthetic).
        duplicate: an earlier record had the same id; this one is reported, not processed.
        done: OUTPUT already holds this record (resume); it is skipped.
    """

    id: str
    line: int | None = None
    payload: str | bytes | None = None
    url: str | None = None
    error: str | None = None
    unparseable: bool = False
    duplicate: bool = False
    done: bool = False

    @property
    def key(self) -> tuple[str, int | None]:
        """What identifies this record's output line: the id, plus the line when the id is not enough."""
        return output_key(self.id, self.line if self.carries_line else None)

    @property
    def carries_line(self) -> bool:
        """Unparseable lines and duplicates are told apart by line number in OUTPUT."""
        return self.unparseable or self.duplicate


def output_key(record_id: Any, line: Any) -> tuple[str, int | None]:
    """Key of an output record: (id, line) where `line` is only set on unparseable/duplicate records."""
    return (str(record_id), int(line) if line is not None else None)


def detect_format(path: str | os.PathLike[str]) -> str:
    """jsonl | csv | dir from the path (compression suffixes .gz/.bz2/.xz are looked through)."""
    p = Path(path)
    if str(path) == "-":
        return "jsonl"
    if p.is_dir():
        return "dir"
    suffixes = [s.lower() for s in p.suffixes]
    if suffixes and suffixes[-1] in _OPENERS:
        suffixes = suffixes[:-1]
    last = suffixes[-1] if suffixes else ""
    if last in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    if last in (".csv", ".tsv"):
        return "csv"
    raise InputError(f"cannot tell the format of {p.name}; pass --input-format jsonl, csv or dir")


def check_input(path: str | os.PathLike[str], fmt: str) -> None:
    """Raise InputError when the input does not exist or does not match the format."""
    if fmt not in INPUT_FORMATS:
        raise InputError(f"unknown input format {fmt!r}; use one of: {', '.join(INPUT_FORMATS)}")
    if str(path) == "-":
        if fmt != "jsonl":
            raise InputError("standard input can only be read as JSONL")
        return
    p = Path(path)
    if not p.exists():
        raise InputError(f"input not found: {p}")
    if fmt == "dir" and not p.is_dir():
        raise InputError(f"{p} is not a directory (--input-format dir)")
    if fmt != "dir" and p.is_dir():
        raise InputError(f"{p} is a directory; use --input-format dir")


def read_records(path: str | os.PathLike[str], fmt: str, fields: RecordFields = RecordFields()) -> Iterator[InputRecord]:
    """Stream the records of a dump in input order. Bad records come back with `error` set."""
    check_input(path, fmt)
    if fmt == "jsonl":
        yield from _read_jsonl(path, fields)
    elif fmt == "csv":
        yield from _read_csv(path, fields)
    else:
        yield from _read_dir(Path(path))


def estimate_total(path: str | os.PathLike[str], fmt: str) -> int | None:
    """How many records the input holds (a cheap pre-pass for the progress bar's ETA); None if unknown."""
    if str(path) == "-":
        return None
    try:
        if fmt == "dir":
            return sum(1 for _ in _page_files(Path(path)))
        if fmt == "csv":
            with _open_text(path) as fh:
                return max(0, sum(1 for _ in csv.reader(fh, dialect=_dialect(path))) - 1)
        with _open_binary(path) as fh:
            count, last = 0, b"\n"
            while chunk := fh.read(_READ_CHUNK):
                count += chunk.count(b"\n")
                last = chunk[-1:]
            return count + (last != b"\n")
    except (OSError, csv.Error, EOFError, lzma.LZMAError):
        return None


# ---------------------------------------------------------------- readers


def _open_binary(path: str | os.PathLike[str]) -> IO[bytes]:
    if str(path) == "-":
        return sys.stdin.buffer
    opener = _OPENERS.get(Path(path).suffix.lower(), open)
    return opener(path, "rb")


def _open_text(path: str | os.PathLike[str]) -> IO[str]:
    # surrogateescape keeps bytes that are not UTF-8 (a CP949 export, say) recoverable as bytes.
    return io.TextIOWrapper(_open_binary(path), encoding="utf-8-sig", errors="surrogateescape", newline="")


def _read_jsonl(path: str | os.PathLike[str], fields: RecordFields) -> Iterator[InputRecord]:
    with _open_binary(path) as fh:
        line_no = 0
        while True:
            raw = fh.readline(MAX_LINE_BYTES + 1)
            if not raw:
                return
            line_no += 1
            if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
                _skip_rest_of_line(fh)
                yield _unparseable(line_no, f"line is longer than {MAX_LINE_BYTES // (1024 * 1024)} MB")
                continue
            if not raw.strip():
                continue  # blank lines (often a trailing one) are not records
            text = raw.rstrip(b"\r\n").decode("utf-8", "surrogateescape").lstrip("\ufeff")
            try:
                obj = json.loads(text)
            except json.JSONDecodeError as exc:
                yield _unparseable(line_no, f"invalid JSON: {exc.msg} (column {exc.colno})")
                continue
            if not isinstance(obj, dict):
                yield _unparseable(line_no, f"line is a JSON {type(obj).__name__}, not an object")
                continue
            yield record_from_mapping(obj, line_no, fields)


def _skip_rest_of_line(fh: IO[bytes]) -> None:
    while chunk := fh.readline(_READ_CHUNK):
        if chunk.endswith(b"\n"):
            return


def _dialect(path: str | os.PathLike[str]) -> str:
    name = Path(path).name.lower()
    return "excel-tab" if ".tsv" in name else "excel"


def _read_csv(path: str | os.PathLike[str], fields: RecordFields) -> Iterator[InputRecord]:
    # Articles are longer than csv's default 128 KiB field cap.
    csv.field_size_limit(max(csv.field_size_limit(), MAX_LINE_BYTES))
    with _open_text(path) as fh:
        reader = csv.reader(fh, dialect=_dialect(path))
        try:
            header = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InputError(f"cannot read the CSV header of {Path(path).name}: {exc}") from None
        while True:
            start = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield _unparseable(start, f"invalid CSV row: {exc}")
                continue
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > len(header):
                yield _unparseable(start, f"CSV row has {len(row)} fields, the header {len(header)}")
                continue
            yield record_from_mapping(dict(zip(header, row)), start, fields, empty_is_missing=True)


def _page_files(root: Path) -> Iterator[Path]:
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and name.lower().endswith(PAGE_SUFFIXES):
                yield Path(folder) / name


def _read_dir(root: Path) -> Iterator[InputRecord]:
    for path in _page_files(root):
        record_id = path.relative_to(root).as_posix()
        try:
            size = path.stat().st_size
            if size > MAX_INPUT_BYTES:
                yield InputRecord(record_id, error=f"file is larger than {MAX_INPUT_BYTES // (1024 * 1024)} MB")
                continue
            data = path.read_bytes()
        except OSError as exc:
            yield InputRecord(record_id, error=f"cannot read file: {exc.strerror or exc}")
            continue
        # Bytes go to the pipeline as they are: it sniffs HTML/text and the charset (UTF-8, CP949/EUC-KR).
        yield InputRecord(record_id, payload=data)


def _unparseable(line_no: int, error: str) -> InputRecord:
    return InputRecord(f"line-{line_no}", line=line_no, error=error, unparseable=True)


def record_from_mapping(
    obj: Mapping[str, Any], line_no: int | None, fields: RecordFields, empty_is_missing: bool = False
) -> InputRecord:
    """Build an InputRecord from a parsed JSON object or CSV row.

    Args:
        obj: the parsed record.
        line_no: its 1-based line in the input (used for the synthetic id `line-N`).
        fields: which keys hold id, text, html and url.
        empty_is_missing: treat "" as absent (a CSV cell cannot be null).
    """
    record_id = _record_id(obj.get(fields.id), line_no)
    url = obj.get(fields.url)
    url = _safe_str(url) if isinstance(url, str) and url.strip() else None
    html, text = obj.get(fields.html), obj.get(fields.text)
    if empty_is_missing:
        html = html if html else None
        text = text if text else None
    # HTML wins when it has content; an empty html field next to a text field does not hide the text.
    if html is not None and not (isinstance(html, str) and not html.strip() and text is not None):
        field, value = fields.html, html
    elif text is not None:
        field, value = fields.text, text
    else:
        return InputRecord(record_id, line_no, url=url, error=f"record has neither a {fields.text!r} nor an {fields.html!r} field")
    if not isinstance(value, str):
        return InputRecord(record_id, line_no, url=url, error=f"field {field!r} must be a string, not {type(value).__name__}")
    payload = as_payload(value)
    if payload is None:
        return InputRecord(record_id, line_no, url=url, error=f"field {field!r} holds an unpaired surrogate escape (not valid Unicode)")
    return InputRecord(record_id, line_no, payload=payload, url=url)


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


def _safe_str(value: str) -> str:
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


def _record_id(value: Any, line_no: int | None) -> str:
    if isinstance(value, str) and value.strip():
        return _safe_str(value.strip())
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return f"line-{line_no}"


# ---------------------------------------------------------------- output


@dataclass(frozen=True)
class OutputState:
    """What an existing OUTPUT already holds (read on --resume)."""

    done: frozenset[tuple[str, int | None]]
    ok: int = 0
    errors: int = 0
    dropped_bytes: int = 0  # size of the torn tail that was cut off


def encode_record(record: Mapping[str, Any]) -> bytes:
    """One output line: compact JSON, UTF-8, newline-terminated (escapes anything UTF-8 cannot hold)."""
    try:
        return (json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
    except UnicodeEncodeError:
        return (json.dumps(record, ensure_ascii=True, separators=(",", ":")) + "\n").encode("ascii")


def scan_output(path: Path, repair: bool = True) -> OutputState:
    """Read an existing JSONL OUTPUT: the keys it holds, its ok/error counts; cut a torn tail.

    A torn tail is what a kill mid-write leaves: a last line without newline, or trailing lines that are
    not JSON. Anything unreadable before the last good line means the file is not ours: InputError.
    """
    if not path.exists() or path.stat().st_size == 0:
        return OutputState(frozenset())
    done: set[tuple[str, int | None]] = set()
    ok = errors = 0
    good_end = 0  # byte offset just after the last good line
    bad_line: int | None = None
    with path.open("rb") as fh:
        offset = 0
        for number, raw in enumerate(fh, start=1):
            offset += len(raw)
            record = _parse_output_line(raw)
            if record is None:
                bad_line = bad_line or number
                continue
            if bad_line is not None:
                raise InputError(f"{path} line {bad_line} is not a batch output record; move the file aside or fix it")
            done.add(output_key(record["id"], record.get("line")))
            if record.get("status") == "ok":
                ok += 1
            else:
                errors += 1
            good_end = offset
    dropped = path.stat().st_size - good_end
    if dropped and repair:
        os.truncate(path, good_end)
    return OutputState(frozenset(done), ok, errors, dropped)


def _parse_output_line(raw: bytes) -> dict[str, Any] | None:
    if not raw.endswith(b"\n"):
        return None
    try:
        record = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None
    if not isinstance(record, dict) or "id" not in record or "status" not in record:
        return None
    return record


class JsonlOutput:
    """Append-only JSONL OUTPUT. Each batch is one write of whole lines, then flush and fsync."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._fh: IO[bytes] = path.open("ab")

    def write(self, records: Iterable[Mapping[str, Any]]) -> None:
        data = b"".join(encode_record(r) for r in records)
        if not data:
            return
        self._fh.write(data)
        self._fh.flush()
        os.fsync(self._fh.fileno())

    def close(self) -> None:
        self._fh.close()

    def __enter__(self) -> "JsonlOutput":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
