"""Batch runner: a dump of articles in, one JSONL record per input record out — streaming and resumable.

    from summarizer.batch import run_batch
    stats = run_batch("dump.jsonl.gz", "out.jsonl", resume=True, batch_size=16)

Every input record ends up in OUTPUT exactly once: the ArticleResult dict plus `id`, `status` ("ok" or
"error") and `error` (one line, null when ok); unparseable lines and duplicate ids also carry `line`
(1-based). Kill the run at any moment and rerun with resume=True: whole lines are written and fsync'ed
per batch, a torn last line is dropped and records already written are skipped.
"""

from __future__ import annotations

import itertools
import logging
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
import threading
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Sequence, TextIO

from summarizer.batch_io import (
    InputRecord,
    JsonlOutput,
    OutputState,
    RecordFields,
    check_input,
    detect_format,
    estimate_total,
    read_records,
    scan_output,
)
from summarizer.errors import ConfigError, InputError, ModelError, SummarizerError
from summarizer.settings import Settings

if TYPE_CHECKING:
    from summarizer.pipeline import Pipeline
    from summarizer.types import ArticleResult, ProgressCallback

logger = logging.getLogger(__name__)

ENGINES = ("local", "ray")
MAX_ERROR_CHARS = 500


@dataclass(frozen=True)
class BatchStats:
    """What a batch run did.

    Attributes:
        ok: records processed successfully in this run.
        errors: error records written in this run (duplicates included).
        duplicates: of those errors, records whose id had already been seen in the input.
        skipped: input records OUTPUT already held from an earlier run (resume).
        elapsed_s: wall time of this run, model loading included.
        output_ok: ok records in OUTPUT after the run, earlier runs included.
        output_errors: error records in OUTPUT after the run, earlier runs included.
        output: where the records went.
    """

    ok: int
    errors: int
    duplicates: int
    skipped: int
    elapsed_s: float
    output_ok: int
    output_errors: int
    output: str = ""

    @property
    def processed(self) -> int:
        return self.ok + self.errors

    @property
    def articles_per_s(self) -> float:
        return self.processed / self.elapsed_s if self.elapsed_s > 0 else 0.0

    def summary(self) -> str:
        """One line for the end of a run."""
        duplicates = f" ({self.duplicates} duplicate ids)" if self.duplicates else ""
        return (
            f"{self.ok} ok, {self.errors} errors{duplicates}, {self.skipped} skipped as already done; "
            f"{_clock(self.elapsed_s)} elapsed, {self.articles_per_s:.2f} articles/s; "
            f"{self.output or 'output'} holds {self.output_ok} ok and {self.output_errors} error records"
        )


@dataclass(frozen=True)
class Outcome:
    """What became of one input record: its output record (None when skipped as already done)."""

    status: str  # "ok" | "error" | "skipped"
    record: dict[str, Any] | None = None
    duplicate: bool = False


def run_batch(
    input: str | os.PathLike[str],
    output: str | os.PathLike[str],
    *,
    settings: Settings | None = None,
    resume: bool = False,
    engine: str = "local",
    batch_size: int = 8,
    input_format: str | None = None,
    text_field: str = "text",
    html_field: str = "html",
    id_field: str = "id",
    url_field: str = "url",
    max_chars: int | None = None,
    progress: bool = False,
    log_interval_s: float = 30.0,
    log_stream: TextIO | None = None,
    pipeline: "Pipeline | None" = None,
    ray_address: str | None = None,
    num_gpus_per_worker: float | None = None,
    workers: int | None = None,
) -> BatchStats:
    """Run the pipeline over every record of a dump and write one JSONL record per input record.

    Args:
        input: a .jsonl / .jsonl.gz (.bz2, .xz) file, a .csv file, a folder of .html/.txt pages, or "-" (JSONL on stdin).
        output: the JSONL file to write (appended to with resume=True).
        settings: models, strategy, device...; None → Settings.load() (env and config file).
        resume: continue an earlier run: skip records OUTPUT already holds, drop a torn last line.
        engine: "local" (this process) or "ray" (Ray Data; see summarizer.distributed).
        batch_size: articles per Pipeline.run_many call, and per write+fsync of OUTPUT.
        input_format: jsonl | csv | dir; None → from the path.
        text_field, html_field, id_field, url_field: field names in JSONL objects / CSV columns.
        max_chars: refuse articles longer than this (None → settings.max_chars, 200,000 by default).
        progress: show a progress bar on a TTY, else a log line every log_interval_s seconds.
        log_interval_s: seconds between progress lines when stderr is not a TTY.
        log_stream: where progress goes (stderr by default).
        pipeline: a ready Pipeline to use (local engine only); its settings win.
        ray_address: Ray cluster to join ("auto" for the running one); None starts a local Ray.
        num_gpus_per_worker: GPUs each Ray worker holds (None → 1 when the cluster has GPUs, else 0).
        workers: number of Ray workers (None → one per GPU share, or 1 on CPU).

    Returns:
        BatchStats of this run.

    Raises:
        InputError: the input cannot be read, OUTPUT exists without resume, or OUTPUT is not ours.
        ModelUnavailableError: the models cannot be loaded.
        ConfigError: an option has an invalid value.
    """
    started = time.perf_counter()
    if engine not in ENGINES:
        raise ConfigError(f"unknown engine {engine!r}; use local or ray")
    if batch_size < 1:
        raise ConfigError("batch size must be at least 1")
    settings = pipeline.settings if pipeline is not None else (settings or Settings.load())
    if max_chars is not None:
        if max_chars < 1:
            raise ConfigError("max chars must be at least 1")
        settings = settings.replace(max_chars=max_chars)
    fmt = input_format or detect_format(input)
    check_input(input, fmt)
    fields = RecordFields(text=text_field, html=html_field, id=id_field, url=url_field)
    output_path = Path(output)
    state = _open_output_state(input, output_path, resume)
    total = estimate_total(input, fmt) if progress else None
    reporter = BatchProgress(total=total, enabled=progress, stream=log_stream or sys.stderr, interval_s=log_interval_s)
    if state.dropped_bytes:
        reporter.note(f"dropped a torn last line ({state.dropped_bytes} bytes) from {output_path.name}")
    if engine == "ray":
        from summarizer.distributed import ray_outcomes

        batches = ray_outcomes(
            input, fmt, fields, state.done, settings,
            batch_size=batch_size, ray_address=ray_address,
            num_gpus_per_worker=num_gpus_per_worker, workers=workers,
        )  # fmt: skip
    else:
        batches = _local_outcomes(input, fmt, fields, state.done, _ready_pipeline(pipeline, settings), batch_size, reporter.stage)
    counts = {"ok": 0, "error": 0, "skipped": 0, "duplicate": 0}
    with JsonlOutput(output_path) as sink:
        try:
            for outcomes in batches:
                sink.write(o.record for o in outcomes if o.record is not None)
                for o in outcomes:
                    counts[o.status] += 1
                    counts["duplicate"] += o.duplicate
                reporter.update(outcomes)
        finally:
            reporter.close()
    return BatchStats(
        ok=counts["ok"],
        errors=counts["error"],
        duplicates=counts["duplicate"],
        skipped=counts["skipped"],
        elapsed_s=time.perf_counter() - started,
        output_ok=state.ok + counts["ok"],
        output_errors=state.errors + counts["error"],
        output=str(output_path),
    )


def _open_output_state(input: str | os.PathLike[str], output: Path, resume: bool) -> OutputState:
    if str(input) != "-" and Path(input).exists() and output.exists() and output.resolve() == Path(input).resolve():
        raise InputError("OUTPUT must not be the INPUT file")
    if output.is_dir():
        raise InputError(f"OUTPUT {output} is a directory; give a .jsonl file path")
    if output.exists() and output.stat().st_size > 0 and not resume:
        raise InputError(f"{output} already exists; pass --resume to continue that run, or remove it")
    return scan_output(output) if resume else OutputState(frozenset())


# ---------------------------------------------------------------- planning: duplicates and resume


def plan_records(records: Iterable[InputRecord], done: frozenset[tuple[str, int | None]]) -> Iterator[InputRecord]:
    """Mark duplicate ids (reported once each, never processed) and records OUTPUT already holds.

    The first record with an id is the one processed; later ones become error records keyed by their line.
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
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def _ready_pipeline(pipeline: "Pipeline | None", settings: Settings) -> "Pipeline":
    """The given pipeline when its settings match, else a new one (models are shared); loaded now."""
    if pipeline is None or pipeline.settings != settings:
        from summarizer.pipeline import Pipeline

        pipeline = Pipeline(settings)
    return pipeline.load()  # fail fast, with one line, before touching OUTPUT


def _local_outcomes(
    input: str | os.PathLike[str],
    fmt: str,
    fields: RecordFields,
    done: frozenset[tuple[str, int | None]],
    pipeline: "Pipeline",
    batch_size: int,
    progress: "ProgressCallback | None" = None,
) -> Iterator[list[Outcome]]:
    for chunk in chunked(plan_records(read_records(input, fmt, fields), done), batch_size):
        yield process_records(pipeline, chunk, batch_size, progress)


# ---------------------------------------------------------------- processing (shared by the local and Ray engines)


def process_records(
    pipeline: "Pipeline", records: Sequence[InputRecord], batch_size: int, progress: "ProgressCallback | None" = None
) -> list[Outcome]:
    """Clean, translate and summarise a chunk of records; one Outcome per record, in order.

    Bad records become error outcomes. If Pipeline.run_many fails on the whole chunk with an unexpected
    exception, the chunk is redone one article at a time so no record is lost. A model failure
    (ModelError) is not a record's fault and stops the run.
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
    for i, result in zip(positions, _run_articles(pipeline, articles, batch_size, progress)):
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
    except (ModelError, ImportError):
        raise
    except Exception as exc:  # noqa: BLE001 — fall back below so no record is lost
        logger.warning("batch of %d failed (%s); redoing it one article at a time", len(articles), _describe(exc))
    return [_run_one(pipeline, article) for article in articles]


def _run_one(pipeline: "Pipeline", article: Any) -> "ArticleResult | BaseException":
    try:
        return pipeline.run(article)
    except (ModelError, ImportError):
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


# ---------------------------------------------------------------- progress


class BatchProgress:
    """A tqdm bar (articles/s, ETA) on a TTY; otherwise a log line every `interval_s` seconds, also in the middle
    of a batch (a timer thread), naming what the batch is doing now. Records skipped by --resume leave the
    bar's total, so its rate and ETA count only records really processed."""

    def __init__(self, total: int | None, enabled: bool, stream: TextIO, interval_s: float = 30.0) -> None:
        self.total = total
        self.enabled = enabled
        self.stream = stream
        self.interval_s = interval_s
        self.counts = {"ok": 0, "error": 0, "skipped": 0}
        self.started = time.perf_counter()
        self._last_log = self.started
        self._logged = 0  # records counted in the last log line
        self._now = ""  # the current batch's stage, from the pipeline's progress callback
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._bar: Any = None
        self._ticker: threading.Thread | None = None
        if enabled and _is_tty(stream):
            from tqdm import tqdm

            self._bar = tqdm(total=total, unit="article", file=stream, dynamic_ncols=True, smoothing=0.05)
        elif enabled and interval_s > 0:
            self._ticker = threading.Thread(target=self._tick, name="batch-progress", daemon=True)
            self._ticker.start()

    def stage(self, what: str, _fraction: float) -> None:
        """The pipeline's progress callback: remember what the current batch is doing (shown in the next line)."""
        self._now = what
        if self._bar is not None:
            self._bar.set_description_str(what[:40], refresh=True)

    def _tick(self) -> None:
        while not self._stop.wait(self.interval_s / 4):
            now = time.perf_counter()
            if now - self._last_log >= self.interval_s:
                self._last_log = now
                self._log_line(now)

    def note(self, message: str) -> None:
        if self.enabled:
            (self._bar.write if self._bar is not None else self._print)(f"batch: {message}")

    def update(self, outcomes: Sequence[Outcome]) -> None:
        for o in outcomes:
            self.counts[o.status] += 1
        if not self.enabled:
            return
        if self._bar is not None:
            skipped = sum(1 for o in outcomes if o.status == "skipped")
            if skipped and self._bar.total:
                self._bar.total -= skipped  # done by an earlier run: not part of this run's work or rate
            self._bar.set_postfix(ok=self.counts["ok"], errors=self.counts["error"], refresh=False)
            self._bar.update(len(outcomes) - skipped)
            return
        if self._ticker is None:  # interval 0: a line after every batch
            self._log_line(time.perf_counter())

    def line(self, now: float | None = None) -> str:
        """A progress line: done/total, counts, rate and ETA."""
        elapsed = (now or time.perf_counter()) - self.started
        done = sum(self.counts.values())
        processed = self.counts["ok"] + self.counts["error"]
        rate = processed / elapsed if elapsed > 0 else 0.0
        of_total = f"/{self.total} ({100 * done / self.total:.1f}%)" if self.total else ""
        eta = ""
        if self.total and rate > 0:
            eta = f", ETA {_clock(max(0, self.total - done) / rate)}"
        now_doing = f"; now {self._now}" if self._now and self._now != "done" else ""
        return (
            f"batch: {done}{of_total} records — {self.counts['ok']} ok, {self.counts['error']} errors, "
            f"{self.counts['skipped']} skipped; {rate:.2f} articles/s, {_clock(elapsed)} elapsed{eta}{now_doing}"
        )

    def close(self) -> None:
        self._stop.set()
        if self._ticker is not None:
            self._ticker.join()
        if self._bar is not None:
            self._bar.close()
        elif self.enabled and sum(self.counts.values()) != self._logged:
            self._log_line(time.perf_counter())

    def _log_line(self, now: float) -> None:
        with self._lock:  # the timer thread and the batch loop both log
            self._logged = sum(self.counts.values())
            self._print(self.line(now))

    def _print(self, text: str) -> None:
        print(text, file=self.stream, flush=True)


def _is_tty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _clock(seconds: float) -> str:
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"

