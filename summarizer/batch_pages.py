"""A folder of pages as batch input: which files are pages, and reading one without hanging on odd files."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".txt")


@dataclass(frozen=True)
class UnreadableFolder:
    """A folder under the input that could not be listed; `reason` is the OS's word for it (Permission denied)."""

    path: Path
    reason: str


def page_files(root: Path) -> Iterator[Path]:
    """The page files under `root` (by suffix), hidden files and folders left out, in sorted order."""
    return (entry for entry in page_entries(root) if isinstance(entry, Path))


def page_entries(root: Path) -> Iterator[Path | UnreadableFolder]:
    """page_files, plus an UnreadableFolder where a folder could not be listed, in the place it would have had."""
    failures: list[OSError] = []
    for folder, dirs, files in os.walk(root, onerror=failures.append):
        # os.walk reports a folder it cannot list just before it yields the next one: flush in walk order.
        yield from _unreadable(failures)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and name.lower().endswith(PAGE_SUFFIXES):
                yield Path(folder) / name
    yield from _unreadable(failures)


def _unreadable(failures: list[OSError]) -> Iterator[UnreadableFolder]:
    while failures:
        exc = failures.pop(0)
        yield UnreadableFolder(Path(exc.filename or "."), exc.strerror or str(exc))


def read_regular_file(path: Path, limit: int) -> bytes | str:
    """The bytes of a regular file of at most `limit` bytes, else a one-line reason why not.

    FIFOs, devices and links to them are refused before they are read (a FIFO would hang, /dev/zero never
    ends); the file is opened non-blocking and checked again on the open descriptor, and never read past `limit`.
    """
    too_large = f"file is larger than {limit // (1024 * 1024)} MB"
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return "not a regular file (a FIFO, device or socket); skipped"
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        return f"cannot read file: {exc.strerror or exc}"
    with os.fdopen(fd, "rb", buffering=0) as fh:
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                return "not a regular file (a FIFO, device or socket); skipped"
            if info.st_size > limit:
                return too_large
            data = fh.read(limit + 1) or b""
        except OSError as exc:
            return f"cannot read file: {exc.strerror or exc}"
    return too_large if len(data) > limit else data
