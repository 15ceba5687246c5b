"""What the batch runner does with records, whichever executor runs it: plan (duplicates, resume) and process.

An executor turns the records of a dump into lists of Outcomes, in input order. The local one
(LocalExecutor, here) runs a Pipeline in this process; summarizer.distributed.RayExecutor runs the same
process_records on Ray workers. The caller picks one and hands it to summarizer.batch.run_batch.
"""

from __future__ import annotations

import itertools
import logging
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Protocol, Sequence

from summarizer.batch_dedup import ResultMemo, run_unique
from summarizer.batch_io import InputRecord, RecordFields, read_records
from summarizer.errors import ConfigError, ModelError, SummarizerError
from summarizer.settings import Settings

if TYPE_CHECKING:
    from summarizer.pipeline import Pipeline
    from summarizer.types import ArticleResult, ProgressCallback

logger = logging.getLogger(__name__)

MAX_ERROR_CHARS = 500


@dataclass(frozen=True)
class Outcome:
    """What became of one input record: its output record (None when skipped as already done)."""

    status: str  # "ok" | "error" | "skipped"
    record: dict[str, Any] | None = None
    duplicate: bool = False


class BatchExecutor(Protocol):
    """Runs a dump's records and yields their Outcomes batch by batch, in input order."""

    def __call__(
        self,
        input: str | os.PathLike[str],
        fmt: str,
        fields: RecordFields,
        done: frozenset[tuple[str, int | None]],
        settings: Settings,
        batch_size: int,
    ) -> Iterator[list[Outcome]]: ...


class LocalExecutor:
    """The local engine: one Pipeline in this process (a given one is reused when its settings match).

    `progress` hears each batch's pipeline stages (Pipeline.run_many's callback).
    """

    def __init__(self, pipeline: "Pipeline | None" = None, progress: "ProgressCallback | None" = None) -> None:
        self.pipeline = pipeline
        self.progress = progress

    def prepare(self, settings: Settings) -> None:
        """Load the models now, so a missing model fails with one line before OUTPUT is touched."""
        if self.pipeline is None or self.pipeline.settings != settings:
            from summarizer.pipeline import Pipeline

            self.pipeline = Pipeline(settings)
        self.pipeline.load()

    def __call__(
        self,
        input: str | os.PathLike[str],
        fmt: str,
        fields: RecordFields,
        done: frozenset[tuple[str, int | None]],
        settings: Settings,
        batch_size: int,
    ) -> Iterator[list[Outcome]]:
        self.prepare(settings)
        assert self.pipeline is not None
        memo = ResultMemo()  # identical bodies anywhere in the dump are processed once
        for chunk in chunked(plan_records(read_records(input, fmt, fields), done), batch_size):
            yield process_records(self.pipeline, chunk, batch_size, memo, self.progress)


# ---------------------------------------------------------------- planning: duplicates and resume


def plan_records(records: Iterable[InputRecord], done: frozenset[tuple[str, int | None]]) -> Iterator[InputRecord]:
    """Mark duplicate ids (reported once each, never processed) and records OUTPUT already holds.

    The first record with an id is the one processed; later ones become error records keyed by their line.
    Id-less records carry a content hash as id, so identical id-less records count as duplicates too.
    Only ids are kept in memory (a few dozen bytes each), never payloads.
    """
    seen: set[str] = set()
    for record in records:
        if not record.unparseable:
            if record.id in seen:
                record = InputRecord(
                    record.id,
                    record.line,
                    url=record.url,
                    error=f"duplicate id {record.id!r}: processed once, at its first occurrence",
                    duplicate=True,
                )
            else:
                seen.add(record.id)
        if record.key in done:
            record = InputRecord(record.id, record.line, unparseable=record.unparseable, duplicate=record.duplicate, done=True)
        yield record


def chunked(items: Iterable[InputRecord], size: int) -> Iterator[list[InputRecord]]:
    """Lists of `size` records; when the reader fails midway (a truncated .gz), the records read before the
    failure still come out as a last chunk, then the error is raised."""
    iterator = iter(items)
    while True:
        chunk: list[InputRecord] = []
        try:
            chunk.extend(itertools.islice(iterator, size))
        except SummarizerError:
            if chunk:
                yield chunk
            raise
        if not chunk:
            return
        yield chunk


# ---------------------------------------------------------------- processing (shared by the local and Ray engines)


def process_records(
    pipeline: "Pipeline",
    records: Sequence[InputRecord],
    batch_size: int,
    memo: ResultMemo | None = None,
    progress: "ProgressCallback | None" = None,
) -> list[Outcome]:
    """Clean, translate and summarise a chunk of records; one Outcome per record, in order.

    Bad records become error outcomes. If Pipeline.run_many fails on the whole chunk with an unexpected
    exception, the chunk is redone one article at a time so no record is lost. A model failure
    (ModelError) is not a record's fault and stops the run. Identical bodies (in this chunk, or in
    `memo` from earlier chunks) are processed once and each record gets its own copy of the result.
    `progress` hears the pipeline's stages.
    """
    outcomes: list[Outcome | None] = [None] * len(records)
    articles, positions = [], []
    for i, record in enumerate(records):
        if record.done:
            outcomes[i] = Outcome("skipped")
            continue
        if record.error is not None:
            outcomes[i] = _error_outcome(record, record.error)
            continue
        try:
            articles.append(pipeline.prepare(record.payload, url=record.url))
            positions.append(i)
        except SummarizerError as exc:
            outcomes[i] = _error_outcome(record, str(exc))
        except ImportError:
            raise  # a broken install fails every record alike: stop rather than write them all off
        except Exception as exc:  # noqa: BLE001 — a cleaner bug on one odd page must not stop the run
            logger.debug("unexpected error preparing %s", record.id, exc_info=True)
            outcomes[i] = _error_outcome(record, _describe(exc))
    results = run_unique(articles, lambda unique: _run_articles(pipeline, unique, batch_size, progress), memo)
    for i, result in zip(positions, results):
        record = records[i]
        if isinstance(result, BaseException):
            outcomes[i] = _error_outcome(record, str(result) if isinstance(result, SummarizerError) else _describe(result))
        else:
            outcomes[i] = Outcome("ok", {"id": record.id, "status": "ok", "error": None, **result.to_dict()})
    return [o for o in outcomes if o is not None]


def _run_articles(
    pipeline: "Pipeline", articles: list[Any], batch_size: int, progress: "ProgressCallback | None" = None
) -> list["ArticleResult | BaseException"]:
    if not articles:
        return []
    try:
        results = list(pipeline.run_many(articles, batch_size=batch_size, return_errors=True, progress=progress))
        if len(results) == len(articles):
            return results
        logger.warning("run_many returned %d results for %d articles; redoing them one by one", len(results), len(articles))
    except (ModelError, ConfigError, ImportError):  # not a record's fault: stop the run, --resume retries
        raise
    except Exception as exc:  # noqa: BLE001 — fall back below so no record is lost
        logger.warning("batch of %d failed (%s); redoing it one article at a time", len(articles), _describe(exc))
    return [_run_one(pipeline, article) for article in articles]


def _run_one(pipeline: "Pipeline", article: Any) -> "ArticleResult | BaseException":
    try:
        return pipeline.run(article)
    except (ModelError, ConfigError, ImportError):
        raise
    except Exception as exc:  # noqa: BLE001 — becomes this record's error
        return exc


def _error_outcome(record: InputRecord, message: str) -> Outcome:
    out: dict[str, Any] = {"id": record.id, "status": "error", "error": _one_line(message)}
    if record.carries_line and record.line is not None:
        out["line"] = record.line
    return Outcome("error", out, duplicate=record.duplicate)


def _describe(exc: BaseException) -> str:
    return f"unexpected {type(exc).__name__}: {exc}"


def _one_line(message: str) -> str:
    text = " ".join(str(message).split()) or "unknown error"
    return text if len(text) <= MAX_ERROR_CHARS else text[: MAX_ERROR_CHARS - 1] + "…"
