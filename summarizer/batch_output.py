"""The batch runner's OUTPUT: whole JSONL lines written in full or failing loudly, one writer at a time, resumable.

    with open_output(Path("out.jsonl"), resume=True) as sink:   # locked; sink.state holds what is done
        sink.write([{"id": "a1", "status": "ok", ...}])

OUTPUT is a file (locked, fsync'ed per batch, a torn last line cut on resume) or a stream: "-" for standard
output, or a path that is a pipe or a device such as /dev/stdout (no lock, no fsync, no resume).
"""

from __future__ import annotations

import errno
import json
import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Iterable, Mapping

from summarizer.errors import ConfigError, InputError, OutputError

LOCK_SUFFIX = ".lock"


@dataclass(frozen=True)
class OutputState:
    """What an existing OUTPUT already holds (read on --resume)."""

    done: frozenset[tuple[str, int | None]]
    ok: int = 0
    errors: int = 0
    dropped_bytes: int = 0  # size of the torn tail that was cut off


def output_key(record_id: Any, line: Any) -> tuple[str, int | None]:
    """Key of an output record: (id, line) where `line` is only set on unparseable/duplicate records."""
    return (str(record_id), int(line) if line is not None else None)


def encode_record(record: Mapping[str, Any]) -> bytes:
    """One output line: compact JSON, UTF-8, newline-terminated (escapes anything UTF-8 cannot hold)."""
    try:
        return (json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
    except UnicodeEncodeError:
        return (json.dumps(record, ensure_ascii=True, separators=(",", ":")) + "\n").encode("ascii")


def is_stream(path: str | os.PathLike[str]) -> bool:
    """True for "-" (standard output) and for paths that are pipes, sockets or devices (/dev/stdout, /dev/null)."""
    if str(path) == "-":
        return True
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


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
    except (ValueError, RecursionError):  # JSONDecodeError, UnicodeDecodeError, over-long ints, deep nesting
        return None
    if not isinstance(record, dict) or "id" not in record or "status" not in record:
        return None
    try:
        output_key(record["id"], record.get("line"))
    except (TypeError, ValueError):
        return None
    return record


def write_all(fh: IO[bytes], data: bytes, name: str) -> None:
    """Write every byte of `data` to a binary stream (short writes retried) and flush; OutputError otherwise.

    Needed because an unbuffered stream (PYTHONUNBUFFERED=1) may take only part of a write on a full disk.
    """
    view = memoryview(data)
    try:
        while view:
            written = fh.write(view)
            if written is None:  # a non-blocking stream that is full: wait by flushing
                fh.flush()
                continue
            if written == 0:
                raise OSError(errno.EIO, "the stream took no bytes")
            view = view[written:]
        fh.flush()
    except (OSError, ValueError) as exc:  # ValueError: the stream was closed under us
        raise OutputError(f"cannot write {name}: {_reason(exc)}; the output is incomplete") from None


def _reason(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__


class JsonlOutput:
    """Append-only JSONL OUTPUT. Each batch is one write of whole lines; files are also fsync'ed.

    Build it with open_output(); `state` says what OUTPUT held before this run (resume).
    """

    def __init__(self, fh: IO[bytes], name: str, fsync: bool, state: OutputState, lock: "OutputLock | None" = None) -> None:
        self._fh = fh
        self.name = name
        self._fsync = fsync
        self.state = state
        self._lock = lock

    def write(self, records: Iterable[Mapping[str, Any]]) -> None:
        data = b"".join(encode_record(r) for r in records)
        if not data:
            return
        write_all(self._fh, data, self.name)
        if self._fsync:
            try:
                os.fsync(self._fh.fileno())
            except OSError as exc:
                raise OutputError(f"cannot write {self.name}: {_reason(exc)}; the output is incomplete") from None

    def close(self) -> None:
        try:
            if self._fh is not _stdout_buffer():
                self._fh.close()
        finally:
            if self._lock is not None:
                self._lock.release()

    def __enter__(self) -> "JsonlOutput":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_output(output: str | os.PathLike[str], resume: bool, input: str | os.PathLike[str] | None = None) -> JsonlOutput:
    """Open OUTPUT for a batch run: locked against a second writer, checked, scanned on resume.

    Args:
        output: a .jsonl path, "-" for standard output, or a pipe/device path.
        resume: keep what OUTPUT holds (cutting a torn tail); otherwise OUTPUT must be new or empty.
        input: the input path, to refuse writing over it.

    Raises:
        OutputError: OUTPUT is locked by another process, or its folder cannot be made.
        InputError: OUTPUT is the input, a directory, or holds records without resume.
        ConfigError: resume asked for a stream.
    """
    if is_stream(output):
        if resume:
            raise ConfigError("--resume needs an OUTPUT file; standard output and devices cannot be resumed")
        return JsonlOutput(_open_stream(output), _display(output), fsync=False, state=OutputState(frozenset()))
    path = Path(output)
    if input is not None and str(input) != "-" and path.exists() and Path(input).exists() and path.resolve() == Path(input).resolve():
        raise InputError("OUTPUT must not be the INPUT file")
    if path.is_dir():
        raise InputError(f"OUTPUT {path} is a directory; give a .jsonl file path")
    _make_parent(path)
    lock = OutputLock.acquire(path)
    try:
        if path.exists() and path.stat().st_size > 0 and not resume:
            raise InputError(f"{path} already exists; pass --resume to continue that run, or remove it")
        state = scan_output(path) if resume else OutputState(frozenset())
        fh = path.open("ab")
    except BaseException:
        lock.release()
        raise
    return JsonlOutput(fh, str(path), fsync=True, state=state, lock=lock)


def _display(output: str | os.PathLike[str]) -> str:
    return "standard output" if str(output) == "-" else str(output)


def _stdout_buffer() -> IO[bytes] | None:
    return getattr(sys.stdout, "buffer", None)


def _open_stream(output: str | os.PathLike[str]) -> IO[bytes]:
    if str(output) == "-":
        buffer = _stdout_buffer()
        if buffer is None:
            raise OutputError("standard output is closed")
        return buffer
    try:
        return open(output, "ab", buffering=0)  # noqa: SIM115 — closed by JsonlOutput.close
    except OSError as exc:
        raise OutputError(f"cannot write {output}: {_reason(exc)}") from None


def _make_parent(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise OutputError(f"cannot write {path}: a part of its folder path is a file, not a folder") from None
    except OSError as exc:
        raise OutputError(f"cannot make the folder of {path}: {_reason(exc)}") from None


class OutputLock:
    """An exclusive flock on OUTPUT.lock, which holds the writer's pid; removed on release.

    Two batch runs on one OUTPUT would write every record twice; the second one is refused at once.
    """

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd: int | None = fd

    @classmethod
    def acquire(cls, output: Path) -> "OutputLock":
        """Lock OUTPUT for this process, or raise OutputError naming the process that holds it."""
        try:
            import fcntl
        except ImportError:  # not POSIX: no lock, as before
            return cls(output, -1)
        real = Path(os.path.realpath(output))  # a symlink to OUTPUT is the same OUTPUT: one lock beside the real file
        path = real.with_name(real.name + LOCK_SUFFIX)
        while True:
            try:
                fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError as exc:
                raise OutputError(f"cannot lock {output}: {_reason(exc)}") from None
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = _read_pid(fd)
                os.close(fd)
                who = f"process {holder}" if holder else "another process"
                raise OutputError(f"{output} is being written by {who} (summarizer batch); wait for it to finish or choose another OUTPUT") from None
            # The holder before us may have removed the file between our open and our lock: lock the live one.
            try:
                same = os.path.samestat(os.fstat(fd), os.stat(path))
            except FileNotFoundError:
                same = False
            if same:
                os.ftruncate(fd, 0)
                os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
                return cls(path, fd)
            os.close(fd)

    def release(self) -> None:
        if self._fd is None or self._fd < 0:
            self._fd = None
            return
        try:
            os.unlink(self.path)  # before unlocking, so a waiting writer re-opens a fresh file
        except FileNotFoundError:
            pass
        os.close(self._fd)
        self._fd = None


def _read_pid(fd: int) -> int | None:
    try:
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None
