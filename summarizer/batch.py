"""Batch runner: a dump of articles in, one JSONL record per input record out — streaming and resumable.

    from summarizer.batch import run_batch
    stats = run_batch("dump.jsonl.gz", "out.jsonl", resume=True, batch_size=16)

Every input record ends up in OUTPUT exactly once: the ArticleResult dict plus `id`, `status` ("ok" or
"error") and `error` (one line, null when ok); unparseable lines and duplicate ids also carry `line`
(1-based); records without an id get `sha256:…` of their content. Kill the run at any moment and rerun
with resume=True: whole lines are written and fsync'ed per batch, a torn last line is dropped and records
already written are skipped. One writer per OUTPUT (OUTPUT.lock); OUTPUT.manifest.json records the input
and settings, so a resume with other settings is refused and a changed input is reported.

Modules: batch_io (readers; batch_pages for a folder of pages), batch_records (planning, processing, the local
executor), batch_output (locked, all-or-error writes), batch_manifest; summarizer.distributed (the Ray executor)
sits above them.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, Sequence, TextIO

from summarizer.batch_io import RecordFields, check_input, detect_format, estimate_total
from summarizer.batch_manifest import build_manifest, check_manifest, write_manifest
from summarizer.batch_output import is_stream, open_output
from summarizer.batch_pages import page_files
from summarizer.batch_records import BatchExecutor, LocalExecutor, Outcome
from summarizer.errors import ConfigError
from summarizer.settings import Settings

if TYPE_CHECKING:
    from summarizer.pipeline import Pipeline

logger = logging.getLogger(__name__)


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
        first_error: `id: error` of this run's first error record ("" when none), to say why nothing succeeded.
    """

    ok: int
    errors: int
    duplicates: int
    skipped: int
    elapsed_s: float
    output_ok: int
    output_errors: int
    output: str = ""
    first_error: str = ""

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


def run_batch(
    input: str | os.PathLike[str],
    output: str | os.PathLike[str],
    *,
    settings: Settings | None = None,
    resume: bool = False,
    executor: BatchExecutor | None = None,
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
) -> BatchStats:
    """Run the pipeline over every record of a dump and write one JSONL record per input record.

    Args:
        input: a .jsonl / .jsonl.gz (.bz2, .xz) file, a .csv file, a folder of .html/.txt pages, or "-" (JSONL on stdin).
        output: the JSONL file to write (appended to with resume=True), or "-" for standard output.
        settings: models, strategy, device...; None → Settings.load() (env and config file).
        resume: continue an earlier run: skip records OUTPUT already holds, drop a torn last line.
        executor: who runs the records: None → LocalExecutor (this process); summarizer.distributed.RayExecutor
            for Ray Data.
        batch_size: articles per Pipeline.run_many call, and per write+fsync of OUTPUT.
        input_format: jsonl | csv | dir; None → from the path.
        text_field, html_field, id_field, url_field: field names in JSONL objects / CSV columns.
        max_chars: refuse articles longer than this (None → settings.max_chars, 200,000 by default).
        progress: show a progress bar on a TTY, else a log line every log_interval_s seconds.
        log_interval_s: seconds between progress lines when stderr is not a TTY.
        log_stream: where progress and warnings go (stderr by default).
        pipeline: a ready Pipeline for the local executor; its settings win (a different max_chars is refused).

    Returns:
        BatchStats of this run.

    Raises:
        InputError: the input cannot be read (or is cut short), OUTPUT exists without resume, or is not ours.
        OutputError: OUTPUT is locked by another run, or the bytes could not all be written.
        ModelUnavailableError: the models cannot be loaded.
        ConfigError: an option has an invalid value, or resume with settings other than OUTPUT's.
    """
    started = time.perf_counter()
    if batch_size < 1:
        raise ConfigError("batch size must be at least 1")
    settings = pipeline.settings if pipeline is not None else (settings or Settings.load())
    if max_chars is not None:
        if max_chars < 1:
            raise ConfigError("max chars must be at least 1")
        if pipeline is not None and max_chars != settings.max_chars:  # would quietly replace the given pipeline
            raise ConfigError(
                f"max chars {max_chars:,} differs from the given pipeline's {settings.max_chars:,}: "
                "set it on the pipeline's settings instead"
            )
        settings = settings.replace(max_chars=max_chars)
    fmt = input_format or detect_format(input)
    check_input(input, fmt)
    fields = RecordFields(text=text_field, html=html_field, id=id_field, url=url_field)
    stream = log_stream or sys.stderr
    with open_output(output, resume, input) as sink:
        manifest = None if is_stream(output) else build_manifest(input, fmt, asdict(fields), settings, _page_files_of(input, fmt))
        if manifest is not None and resume and (sink.state.ok or sink.state.errors):  # an empty OUTPUT mixes nothing
            warning = check_manifest(Path(output), manifest)
            if warning:
                print(f"warning: {warning}", file=stream, flush=True)
        state = sink.state
        total = estimate_total(input, fmt) if progress else None
        # One clock from launch: progress lines and the final summary count model loading alike.
        reporter = BatchProgress(total=total, enabled=progress, stream=stream, interval_s=log_interval_s, started=started)
        try:
            executor = executor or LocalExecutor(pipeline, progress=reporter.stage)
            prepare = getattr(executor, "prepare", None)
            if prepare is not None:
                reporter.note("loading models…")
                prepare(settings)  # fail fast, with one line, before writing anything
            if manifest is not None:
                write_manifest(Path(output), manifest)
            if state.dropped_bytes:
                reporter.note(f"dropped a torn last line ({state.dropped_bytes} bytes) from {Path(output).name}")
            for outcomes in executor(input, fmt, fields, state.done, settings, batch_size):
                sink.write(o.record for o in outcomes if o.record is not None)
                reporter.update(outcomes)
        finally:
            reporter.close()
    counts = reporter.counts
    return BatchStats(
        ok=counts["ok"],
        errors=counts["error"],
        duplicates=reporter.duplicates,
        skipped=counts["skipped"],
        elapsed_s=time.perf_counter() - started,
        output_ok=state.ok + counts["ok"],
        output_errors=state.errors + counts["error"],
        output=sink.name,
        first_error=reporter.first_error,
    )


def _page_files_of(input: str | os.PathLike[str], fmt: str) -> Iterator[Path]:
    return page_files(Path(input)) if fmt == "dir" else iter(())


# ---------------------------------------------------------------- progress


class BatchProgress:
    """A tqdm bar (articles/s, ETA) on a TTY; otherwise a log line every `interval_s` seconds, also in the middle
    of a batch (a timer thread). Records skipped by --resume leave the bar's total, so its rate and ETA count
    only records really processed."""

    def __init__(
        self, total: int | None, enabled: bool, stream: TextIO, interval_s: float = 30.0, started: float | None = None
    ) -> None:
        self.total = total
        self.enabled = enabled
        self.stream = stream
        self.interval_s = interval_s
        self.counts = {"ok": 0, "error": 0, "skipped": 0}
        self.duplicates = 0  # of the errors, records whose id came earlier in the input
        self.first_error = ""  # `id: error` of the first error record, for a run where nothing succeeds
        self.started = time.perf_counter() if started is None else started  # perf_counter() of the run's launch
        self._last_log = self.started
        self._logged = 0  # records counted in the last log line
        self._now = ""  # the current batch's stage, when a pipeline progress callback reports it
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
        """A pipeline progress callback: remember what the current batch is doing (shown in the next line)."""
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
            self.duplicates += o.duplicate
            if o.status == "error" and not self.first_error and o.record is not None:
                self.first_error = f"{o.record.get('id')}: {o.record.get('error')}"
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

