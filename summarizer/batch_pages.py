"""A folder of pages as batch input: which files are pages, and reading one without hanging on odd files."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Iterator

PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".txt")


def page_files(root: Path) -> Iterator[Path]:
    """The page files under `root` (by suffix), hidden files and folders left out, in sorted order."""
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and name.lower().endswith(PAGE_SUFFIXES):
                yield Path(folder) / name


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
