"""SIGTERM during a real (model-running) batch stops the run: the per-record error capture must not swallow it."""

from __future__ import annotations

from typing import Any

import pytest

from summarizer.batch_records import _run_articles
from summarizer.cli.batch_cmd import Terminated


class _TerminatedPipeline:
    """Stands in for a Pipeline whose run is interrupted by the SIGTERM handler."""

    def run_many(self, articles: list[Any], **_: Any) -> Any:
        raise Terminated()

    def run(self, article: Any) -> Any:
        raise Terminated()


def test_sigterm_inside_a_batch_is_not_turned_into_error_records() -> None:
    # An Exception subclass was caught by "redo one by one" and then stored as each record's error (an adversarial
    # run found records saved as 'unexpected Terminated:' and the job exiting 0).
    with pytest.raises(Terminated):
        _run_articles(_TerminatedPipeline(), ["본문 하나", "본문 둘"], batch_size=2)


def test_terminated_is_not_an_exception_like_keyboard_interrupt() -> None:
    assert issubclass(Terminated, BaseException) and not issubclass(Terminated, Exception)
