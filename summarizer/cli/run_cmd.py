"""`summarizer run`: one page in, English title, summary and full translation out."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal, Optional

import typer

from summarizer.cli.common import Backend, Cache, Config, Device, Force, Keep, NumBeams, Strategy, SummaryModel, TranslationModel, build_settings, show_notices, write_stdout
from summarizer.types import ProgressCallback

Format = Literal["markdown", "json"]  # typer shows and checks the choices: --format <markdown|json>


def run(
    source: Annotated[str, typer.Argument(metavar="FILE|-", help="A saved page (HTML or text dump), or - for stdin.")],
    output_format: Annotated[Format, typer.Option("--format", "-f", help="markdown: for reading; json: the whole result.")] = "markdown",
    url: Annotated[Optional[str], typer.Option("--url", help="The page's address (recorded in the result).")] = None,
    translation_model: TranslationModel = None,
    summary_model: SummaryModel = None,
    strategy: Strategy = None,
    device: Device = None,
    backend: Backend = None,
    beams: NumBeams = None,
    summary_max_tokens: Annotated[Optional[int], typer.Option("--summary-max-tokens", help="Longest summary, in tokens. [default: 160]")] = None,
    summary_min_tokens: Annotated[Optional[int], typer.Option("--summary-min-tokens", help="Shortest summary, in tokens. [default: 30]")] = None,
    config: Config = None,
    force: Force = False,
    keep: Keep = None,
    cache: Cache = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress on stderr.")] = False,
) -> None:
    """Clean a Korean news page, translate it paragraph by paragraph and summarize it in English.

    Models come from --translation-model / --summary-model, else SUMMARIZER_* env vars, else the
    config file, else the registry defaults (downloaded from the Hugging Face Hub on first use).
    Offline: `summarizer models tiny /tmp/m` and pass /tmp/m/translation and /tmp/m/summarization.
    """
    from summarizer.pipeline import Pipeline
    from summarizer.textio import read_input

    show_notices(quiet)
    settings = build_settings(translation_model, summary_model, strategy, device, backend, beams, config, force, keep, cache)
    settings = settings.replace(summary_max_tokens=summary_max_tokens, summary_min_tokens=summary_min_tokens)
    raw = read_input(Path(source) if source != "-" else "-")
    pipeline = Pipeline(settings)
    result = pipeline.run(raw, url=url, progress=None if quiet else _stderr_progress())
    if not quiet:  # which engine ran each model: CTranslate2 (fast) or transformers (fallback)
        typer.echo("models: " + ", ".join(f"{m.task} on {m.backend}" for m in result.models), err=True)
    write_stdout(result.to_json(indent=1) if output_format == "json" else result.to_markdown())


def _stderr_progress() -> ProgressCallback:
    """A progress callback printing each new message on stderr as it happens (stages, then n/N per batch)."""
    import sys

    last: list[str] = []

    def progress(stage: str, fraction: float) -> None:
        if not last or last[-1] != stage:
            last.append(stage)
            print(f"[{fraction:4.0%}] {stage}{'' if stage == 'done' else '…'}", file=sys.stderr, flush=True)

    return progress
