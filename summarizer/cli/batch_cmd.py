"""`summarizer batch INPUT OUTPUT`: a dump of articles → one JSONL record per article, resumable."""

from __future__ import annotations

import signal
from contextlib import contextmanager
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Iterator, Optional

import typer

from summarizer.cli.common import (
    Backend,
    Cache,
    Config,
    Device,
    Force,
    Keep,
    NumBeams,
    Strategy,
    SummaryModel,
    TranslationModel,
    build_settings,
    show_notices,
)

if TYPE_CHECKING:
    from summarizer.batch import BatchStats


class EngineChoice(str, Enum):
    local = "local"
    ray = "ray"


class InputFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    dir = "dir"


def batch(
    input: Annotated[str, typer.Argument(metavar="INPUT", help="JSONL (.jsonl, .jsonl.gz), CSV, a folder of .html/.txt pages, or - for JSONL on stdin.", show_default=False)],
    output: Annotated[str, typer.Argument(metavar="OUTPUT", help="JSONL file to write: one record per input record; - for stdout.", show_default=False)],
    resume: Annotated[bool, typer.Option("--resume", help="Continue an interrupted run: keep OUTPUT, skip records it already holds.")] = False,
    engine: Annotated[EngineChoice, typer.Option("--engine", help="local (this machine) or ray (Ray Data; needs the [ray] extra).")] = EngineChoice.local,
    batch_size: Annotated[int, typer.Option("--batch-size", "-b", min=1, help="Articles translated together, and written per fsync.")] = 8,
    input_format: Annotated[Optional[InputFormat], typer.Option("--input-format", help="jsonl, csv or dir. [default: from the path]")] = None,
    text_field: Annotated[str, typer.Option("--text-field", help="Field holding a text dump of the page.")] = "text",
    html_field: Annotated[str, typer.Option("--html-field", help="Field holding the page's HTML (used when present).")] = "html",
    id_field: Annotated[str, typer.Option("--id-field", help="Field holding the record id (missing → sha256: + 16 hex digits of the record's content).")] = "id",
    url_field: Annotated[str, typer.Option("--url-field", help="Field holding the page URL.")] = "url",
    fail_on_error: Annotated[bool, typer.Option("--fail-on-error", help="Exit 1 when OUTPUT holds any error record.")] = False,
    max_chars: Annotated[Optional[int], typer.Option("--max-chars", min=1, help="Refuse articles longer than this many characters. [default: 200000]")] = None,
    ray_address: Annotated[Optional[str], typer.Option("--ray-address", help="Ray cluster to join (auto = the running one). [default: start a local Ray]")] = None,
    num_gpus_per_worker: Annotated[Optional[float], typer.Option("--num-gpus-per-worker", min=0, help="GPUs per Ray worker (0.5 shares a GPU between two). [default: 1 when the cluster has GPUs]")] = None,
    workers: Annotated[Optional[int], typer.Option("--workers", min=1, help="Ray workers, each loading the models once. [default: one per GPU share, 1 on CPU]")] = None,
    progress: Annotated[bool, typer.Option("--progress/--no-progress", help="Progress bar on a terminal, else a log line every --log-interval seconds.")] = True,
    log_interval: Annotated[float, typer.Option("--log-interval", min=0, help="Seconds between progress lines when stderr is not a terminal.")] = 30.0,
    translation_model: TranslationModel = None,
    summary_model: SummaryModel = None,
    strategy: Strategy = None,
    device: Device = None,
    backend: Backend = None,
    beams: NumBeams = None,
    config: Config = None,
    force: Force = False,
    keep: Keep = None,
    cache: Cache = None,
) -> None:
    """Translate and summarise every article of a dump into a JSONL file; safe to kill and --resume.

    Every input record gets exactly one output record: the result plus id, status (ok | error) and error;
    unparseable lines and duplicate ids also carry their line number. Exit code 0, or 1 when nothing
    succeeded (or with --fail-on-error, when any record failed); 2 for bad options or missing models.
    """
    from summarizer.batch import run_batch

    show_notices(quiet=False)  # model conversions and fallbacks, one line each on stderr
    settings = build_settings(translation_model, summary_model, strategy, device, backend, beams, config, force, keep, cache)
    executor = None
    if engine is EngineChoice.ray:
        from summarizer.distributed import RayExecutor

        executor = RayExecutor(ray_address=ray_address, num_gpus_per_worker=num_gpus_per_worker, workers=workers)
    where = "standard output" if output == "-" else output
    try:
        with stop_on_sigterm():
            stats = run_batch(
                input,
                output,
                settings=settings,
                resume=resume,
                executor=executor,
                batch_size=batch_size,
                input_format=input_format.value if input_format else None,
                text_field=text_field,
                html_field=html_field,
                id_field=id_field,
                url_field=url_field,
                max_chars=max_chars,
                progress=progress,
                log_interval_s=log_interval,
            )
    except KeyboardInterrupt:
        typer.echo(f"interrupted: {where} holds every batch finished so far; rerun with --resume to continue", err=True)
        raise SystemExit(130) from None
    except Terminated:
        typer.echo(f"stopped (SIGTERM): {where} holds every batch finished so far; rerun with --resume to continue", err=True)
        raise SystemExit(143) from None
    typer.echo(f"done: {stats.summary()}", err=True)
    # SystemExit rather than typer.Exit: click returns (not raises) typer.Exit's code outside standalone mode.
    if stats.output_ok == 0:
        typer.echo(f"error: no article succeeded: {_why_none_succeeded(stats, input)}", err=True)
        raise SystemExit(1)
    if fail_on_error and stats.output_errors:
        raise SystemExit(1)


def _why_none_succeeded(stats: "BatchStats", input: str) -> str:
    """The reason to print after "no article succeeded": no record at all, or the first error."""
    if stats.output_errors == 0:
        return f"{input} holds no records (a folder needs .html, .htm, .xhtml or .txt pages)"
    if stats.first_error:
        return f"every record failed ({stats.output_errors} error records); first error record: {stats.first_error}"
    return f"{stats.output} holds {stats.output_errors} error records and no ok one; see their error field"


class Terminated(BaseException):
    """SIGTERM arrived during a batch (a scheduler or `kill` stopping the job)."""


@contextmanager
def stop_on_sigterm() -> Iterator[None]:
    """Turn SIGTERM into Terminated, so the run stops like on Ctrl-C: batches written so far stay, one line is said."""

    def handler(signum: int, frame: object) -> None:
        raise Terminated()

    try:
        previous = signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread: leave SIGTERM alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
