"""A batch executor without models: every record becomes an ok record echoing its payload's length.

The runner's own logic (lock, manifest, resume, output writes, signals) is what these tests exercise;
`python tests/batch/fake_executor.py ARGS` runs the `summarizer` CLI with it in place of the local engine.
"""

from __future__ import annotations

import os
import sys
import time
from typing import Any, Iterator

from summarizer.batch_io import RecordFields, read_records
from summarizer.batch_records import LocalExecutor, Outcome, chunked, plan_records
from summarizer.settings import Settings


class EchoExecutor:
    """Yields one Outcome per record: ok with the payload's length, error records as the reader made them."""

    def __init__(self, delay_s: float = 0.0) -> None:
        self.delay_s = delay_s
        self.seen: list[str] = []

    def __call__(self, input: Any, fmt: str, fields: RecordFields, done: frozenset, settings: Settings, batch_size: int) -> Iterator[list[Outcome]]:
        for chunk in chunked(plan_records(read_records(input, fmt, fields), done), batch_size):
            time.sleep(self.delay_s)
            yield [self._outcome(r) for r in chunk]

    def _outcome(self, record: Any) -> Outcome:
        if record.done:
            return Outcome("skipped")
        if record.error is not None:
            out = {"id": record.id, "status": "error", "error": record.error}
            if record.carries_line:
                out["line"] = record.line
            return Outcome("error", out, duplicate=record.duplicate)
        self.seen.append(record.id)
        return Outcome("ok", {"id": record.id, "status": "ok", "error": None, "chars": len(record.payload)})


def patch_local_engine(delay_s: float) -> None:
    """Make the CLI's local engine the EchoExecutor (no model is loaded)."""
    echo = EchoExecutor(delay_s)
    LocalExecutor.prepare = lambda self, settings: None  # type: ignore[method-assign]
    LocalExecutor.__call__ = lambda self, *args: echo(*args)  # type: ignore[method-assign]


if __name__ == "__main__":
    patch_local_engine(float(os.environ.get("FAKE_DELAY_S", "0")))
    from summarizer.cli import main

    main(sys.argv[1:])
