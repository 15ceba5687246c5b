"""Streaming readers for article dumps (JSONL, .jsonl.gz, CSV, a folder of pages) and the resumable JSONL output.

Readers turn every input record into an InputRecord, never raising on bad data: a line that cannot be
used carries a one-line `error` instead of a payload, so the runner writes an error record and goes on.
Records without an id are keyed by a hash of their content, so inserting a record does not shift them.
Only a compressed input cut short, or a line that runs on past MAX_SKIP_BYTES without a newline, stops the
reading (InputError naming the file and the line; records before it are still yielded). check_input refuses
what cannot be a dump before any model loads (batch_sniff). The output side is summarizer.batch_output.
"""

from __future__ import annotations

import bz2
import csv
import gzip
import io
import json
import lzma
import os
import stat
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Callable, Iterator, Mapping

from summarizer.batch_csv import LineTap, ends_in_open_quote
from summarizer.batch_ids import as_payload, pick_record_id, safe_str
from summarizer.batch_output import output_key
from summarizer.batch_pages import UnreadableFolder, page_entries, read_regular_file
from summarizer.batch_sniff import check_start, runaway_line
from summarizer.errors import InputError
from summarizer.textio import MAX_INPUT_BYTES, input_name, missing_input, stdin_buffer

INPUT_FORMATS = ("jsonl", "csv", "dir")
# A JSON line may hold a whole page, escaped; anything larger is refused without reading it into memory.
MAX_LINE_BYTES = 2 * MAX_INPUT_BYTES
_OPENERS: dict[str, Callable[..., IO[bytes]]] = {".gz": gzip.open, ".bz2": bz2.open, ".xz": lzma.open}
_READ_CHUNK = 1 << 20
# A line still without a newline after this many bytes is not a dump (/dev/zero, a disk image): reading stops.
MAX_SKIP_BYTES = 1 << 30
# What a truncated or mislabelled .gz/.bz2/.xz raises while it is read.
_DECOMPRESSION_ERRORS = (EOFError, OSError, lzma.LZMAError, zlib.error)


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
        id: the record's id: its own, `sha256:<16 hex>` of its content when it has none, `line-N` when the
            line cannot be parsed.
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


def detect_format(path: str | os.PathLike[str]) -> str:
    """jsonl | csv | dir from the path (compression suffixes .gz/.bz2/.xz are looked through)."""
    p = Path(path)
    if str(path) == "-":
        return "jsonl"
    if not p.exists():
        raise missing_input(p)
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
    """Raise InputError when the input does not exist, does not match the format, or its first bytes show text
    batch cannot read (UTF-16, a JSON array: see batch_sniff)."""
    if fmt not in INPUT_FORMATS:
        raise InputError(f"unknown input format {fmt!r}; use one of: {', '.join(INPUT_FORMATS)}")
    if str(path) == "-":
        if fmt != "jsonl":
            raise InputError("standard input can only be read as JSONL")
        stdin_buffer()  # closed stdin (<&-): say so before any model is loaded
        check_start(path, fmt, _open_binary)
        return
    p = Path(path)
    if not p.exists():
        raise missing_input(p)
    if fmt == "dir" and not p.is_dir():
        raise InputError(f"{p} is not a directory (--input-format dir)")
    if fmt != "dir" and p.is_dir():
        raise InputError(f"{p} is a directory; use --input-format dir")
    if fmt == "dir":
        try:
            os.scandir(p).close()
        except OSError as exc:
            raise InputError(f"cannot read folder {p}: {exc.strerror or exc}") from None
        return
    check_start(p, fmt, _open_binary)


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
    if str(path) == "-" or (fmt != "dir" and not _is_regular(path)):
        return None  # a pipe (`<(zcat dump.gz)`) read here would be empty for the run itself
    try:
        if fmt == "dir":
            return sum(1 for _ in page_entries(Path(path)))  # unreadable folders get a record too
        if fmt == "csv":
            with _open_text(path) as fh:
                return max(0, sum(1 for _ in csv.reader(_line_tap(fh, path), dialect=_dialect(path))) - 1)
        with _open_binary(path) as fh:
            count, last = 0, b"\n"
            while chunk := fh.read(_READ_CHUNK):
                count += chunk.count(b"\n")
                last = chunk[-1:]
            return count + (last != b"\n")
    except (csv.Error, *_DECOMPRESSION_ERRORS):
        return None


def _is_regular(path: str | os.PathLike[str]) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


# ---------------------------------------------------------------- readers


def _open_binary(path: str | os.PathLike[str]) -> IO[bytes]:
    if str(path) == "-":
        return stdin_buffer()
    opener = _OPENERS.get(Path(path).suffix.lower(), open)
    return opener(path, "rb")


def _open_text(path: str | os.PathLike[str]) -> IO[str]:
    # surrogateescape keeps bytes that are not UTF-8 (a CP949 export, say) recoverable as bytes.
    return io.TextIOWrapper(_open_binary(path), encoding="utf-8-sig", errors="surrogateescape", newline="")


def _read_jsonl(path: str | os.PathLike[str], fields: RecordFields) -> Iterator[InputRecord]:
    with _open_binary(path) as fh:
        line_no = 0
        while True:
            raw = _read_line(fh, path, line_no)
            if not raw:
                return
            line_no += 1
            if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
                # Said before the rest is skipped, so a line that never ends still leaves its record.
                yield _unparseable(line_no, f"line is longer than {MAX_LINE_BYTES // (1024 * 1024)} MB")
                _skip_rest_of_line(fh, path, line_no, len(raw))
                continue
            if not raw.strip():
                continue  # blank lines (often a trailing one) are not records
            yield parse_jsonl_line(raw, line_no, fields)


def parse_jsonl_line(raw: bytes, line_no: int, fields: RecordFields = RecordFields()) -> InputRecord:
    """One JSONL line → InputRecord; whatever is wrong with it (bad JSON, invalid UTF-8, NULs, a 5,000-digit
    number, 100,000 nested brackets) becomes an error record, never an exception."""
    text = raw.rstrip(b"\r\n").decode("utf-8", "surrogateescape").lstrip("\ufeff")
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        return _unparseable(line_no, f"invalid JSON: {exc.msg} (column {exc.colno})")
    except RecursionError:
        return _unparseable(line_no, "invalid JSON: nested too deeply")
    except ValueError as exc:  # e.g. an integer over Python's 4,300-digit conversion limit
        return _unparseable(line_no, f"invalid JSON: {exc}")
    if not isinstance(obj, dict):
        return _unparseable(line_no, f"line is a JSON {type(obj).__name__}, not an object")
    return record_from_mapping(obj, line_no, fields, content=raw.strip())


def _read_line(fh: IO[bytes], path: str | os.PathLike[str], line_no: int, limit: int | None = None) -> bytes:
    try:
        return fh.readline(MAX_LINE_BYTES + 1 if limit is None else limit)
    except _DECOMPRESSION_ERRORS as exc:
        raise corrupt_input(path, line_no, exc) from None


def corrupt_input(path: str | os.PathLike[str], line_no: int, exc: BaseException) -> InputError:
    """The one-line error for an input that cannot be read to its end (a truncated .gz, a plain file named .gz)."""
    name = input_name(path)
    reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    return InputError(f"{name} is truncated or corrupt: reading stopped after line {line_no} ({reason})")


def _skip_rest_of_line(fh: IO[bytes], path: str | os.PathLike[str], line_no: int, skipped: int) -> None:
    """Read past the end of an over-long line; InputError once MAX_SKIP_BYTES pass without a newline."""
    while chunk := _read_line(fh, path, line_no, _READ_CHUNK):
        skipped += len(chunk)
        if chunk.endswith(b"\n"):
            return
        if skipped > MAX_SKIP_BYTES:
            raise runaway_line(input_name(path), line_no, skipped, "bytes", "JSONL", MAX_SKIP_BYTES)


def _dialect(path: str | os.PathLike[str]) -> str:
    name = Path(path).name.lower()
    return "excel-tab" if ".tsv" in name else "excel"


def _read_csv(path: str | os.PathLike[str], fields: RecordFields) -> Iterator[InputRecord]:
    # Articles are longer than csv's default 128 KiB field cap.
    csv.field_size_limit(max(csv.field_size_limit(), MAX_LINE_BYTES))
    with _open_text(path) as fh:
        tap = _line_tap(fh, path)
        reader = csv.reader(tap, dialect=_dialect(path))
        try:
            header = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InputError(f"cannot read the CSV header of {Path(path).name}: {exc}") from None
        except _DECOMPRESSION_ERRORS as exc:
            raise corrupt_input(path, 0, exc) from None
        while True:
            start = tap.line_no + 1
            tap.start_row()
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield _unparseable(start, f"invalid CSV row: {exc}")
                try:
                    tap.skip_rest()  # after the record, so a line without end still leaves it
                except _DECOMPRESSION_ERRORS as exc:
                    raise corrupt_input(path, tap.line_no, exc) from None
                continue
            except _DECOMPRESSION_ERRORS as exc:
                raise corrupt_input(path, start - 1, exc) from None
            if tap.at_end and ends_in_open_quote(tap.lines, _dialect(path)):
                rest = f"lines {start}-{tap.line_no}" if tap.line_no > start else f"line {start}"
                yield _unparseable(start, f"unterminated quote in the CSV row at line {start}: the rest of the file ({rest}) was read into it, so no later row was read; close the quote")
                return
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > len(header):
                yield _unparseable(start, f"CSV row has {len(row)} fields, the header {len(header)}")
                continue
            yield record_from_mapping(dict(zip(header, row)), start, fields, empty_is_missing=True, content=_row_content(row))


def _line_tap(fh: IO[str], path: str | os.PathLike[str]) -> LineTap:
    return LineTap(fh, MAX_LINE_BYTES, MAX_SKIP_BYTES, input_name(path))


def _read_dir(root: Path) -> Iterator[InputRecord]:
    for path in page_entries(root):
        if isinstance(path, UnreadableFolder):
            yield InputRecord(_relative_id(path.path, root), error=f"cannot read folder: {path.reason}")
            continue
        record_id = path.relative_to(root).as_posix()
        data = read_regular_file(path, MAX_INPUT_BYTES)
        if isinstance(data, str):
            yield InputRecord(record_id, error=data)
        else:
            # Bytes go to the pipeline as they are: it sniffs HTML/text and the charset (UTF-8, CP949/EUC-KR).
            yield InputRecord(record_id, payload=data)


def _relative_id(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _unparseable(line_no: int, error: str) -> InputRecord:
    return InputRecord(f"line-{line_no}", line=line_no, error=error, unparseable=True)


def record_from_mapping(
    obj: Mapping[str, Any],
    line_no: int | None,
    fields: RecordFields,
    empty_is_missing: bool = False,
    content: bytes | None = None,
) -> InputRecord:
    """Build an InputRecord from a parsed JSON object or CSV row.

    Args:
        obj: the parsed record.
        line_no: its 1-based line in the input.
        fields: which keys hold id, text, html and url.
        empty_is_missing: treat "" as absent (a CSV cell cannot be null).
        content: the record's raw bytes, hashed into its id when it has none (None → its canonical JSON).
    """
    record_id = pick_record_id(obj.get(fields.id), obj if content is None else content)
    url = obj.get(fields.url)
    url = safe_str(url) if isinstance(url, str) and url.strip() else None
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


def _row_content(row: list[str]) -> bytes:
    return "\x1f".join(row).encode("utf-8", "surrogateescape")
