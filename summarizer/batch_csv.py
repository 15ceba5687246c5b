"""CSV input helpers: the physical lines behind each row, so a quote left open cannot swallow the rest of a file
unnoticed (csv's lenient mode reads everything after it into one field)."""

from __future__ import annotations

import csv
from typing import IO

from summarizer.batch_sniff import runaway_line


class LineTap:
    """The lines of a text file for csv.reader, keeping those of the row being read and noting the end of the file.

    Call `start_row()` before each row; `lines` then holds that row's physical lines, `at_end` whether the row
    ran into the end of the file, `line_no` the last physical line read. A line longer than `max_line` characters raises csv.Error (the row becomes an
    error record) without being held in memory; `skip_rest()` then reads past its end.
    """

    def __init__(self, fh: IO[str], max_line: int, max_skip: int, name: str) -> None:
        self.fh = fh
        self.max_line = max_line
        self.max_skip = max_skip
        self.name = name
        self.lines: list[str] = []
        self.line_no = 0  # physical lines read, over-long ones included (csv's line_num misses those)
        self.at_end = False
        self._overlong = 0  # characters read of an over-long line not yet skipped

    def start_row(self) -> None:
        self.lines.clear()

    def __iter__(self) -> "LineTap":
        return self

    def __next__(self) -> str:
        line = self.fh.readline(self.max_line + 1)
        if not line:
            self.at_end = True
            raise StopIteration
        self.line_no += 1
        if len(line) > self.max_line and line[-1] not in "\r\n":
            self._overlong = len(line)
            raise csv.Error(f"line is longer than {self.max_line // (1 << 20)} MB")
        self.lines.append(line)
        return line

    def skip_rest(self) -> None:
        """Read past the end of an over-long line; InputError once `max_skip` characters pass without a newline."""
        skipped, self._overlong = self._overlong, 0
        while skipped and (chunk := self.fh.readline(1 << 20)):
            skipped += len(chunk)
            if chunk[-1] in "\r\n":
                return
            if skipped > self.max_skip:
                raise runaway_line(self.name, self.line_no, skipped, "characters", "CSV", self.max_skip)


def ends_in_open_quote(lines: list[str], dialect: str) -> bool:
    """Whether these lines (one row that ran into the end of the file) end inside a quoted field."""
    try:
        for _ in csv.reader(lines, dialect=dialect, strict=True):
            pass
    except csv.Error as exc:
        return "unexpected end of data" in str(exc)
    return False
