"""CSV input helpers: the physical lines behind each row, so a quote left open cannot swallow the rest of a file
unnoticed (csv's lenient mode reads everything after it into one field)."""

from __future__ import annotations

import csv
from typing import IO


class LineTap:
    """The lines of a text file for csv.reader, keeping those of the row being read and noting the end of the file.

    Call `start_row()` before each row; `lines` then holds that row's physical lines, `at_end` whether the row
    ran into the end of the file.
    """

    def __init__(self, fh: IO[str]) -> None:
        self.fh = fh
        self.lines: list[str] = []
        self.at_end = False

    def start_row(self) -> None:
        self.lines.clear()

    def __iter__(self) -> "LineTap":
        return self

    def __next__(self) -> str:
        line = self.fh.readline()
        if not line:
            self.at_end = True
            raise StopIteration
        self.lines.append(line)
        return line


def ends_in_open_quote(lines: list[str], dialect: str) -> bool:
    """Whether these lines (one row that ran into the end of the file) end inside a quoted field."""
    try:
        for _ in csv.reader(lines, dialect=dialect, strict=True):
            pass
    except csv.Error as exc:
        return "unexpected end of data" in str(exc)
    return False
