"""Options shared by the commands that load models (run, batch, demo, eval), and their mapping to Settings."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Annotated, Literal, Optional

import typer

from summarizer.settings import STRATEGIES, Settings

TranslationModel = Annotated[
    Optional[str],
    typer.Option("--translation-model", "-t", help="Translation model: hub id or local folder. [env: SUMMARIZER_TRANSLATION_MODEL]"),
]
SummaryModel = Annotated[
    Optional[str],
    typer.Option("--summary-model", "-s", help="Summary model for the chosen strategy: hub id or local folder. [env: SUMMARIZER_SUMMARY_MODEL]"),
]
Strategy = Annotated[
    Optional[Literal[STRATEGIES]],  # the usage line shows the choices and typer refuses others
    typer.Option("--strategy", help=f"How to summarize. [default: {STRATEGIES[0]}; env: SUMMARIZER_STRATEGY]"),
]
Device = Annotated[
    Optional[str],
    typer.Option("--device", "-d", help="auto (CUDA when present), cpu, cuda or cuda:N. [env: SUMMARIZER_DEVICE]"),
]
Backend = Annotated[
    Optional[str],
    typer.Option("--backend", help="auto (CTranslate2, converting each model once on first use; transformers where it cannot), transformers or ctranslate2. [env: SUMMARIZER_BACKEND]"),
]
NumBeams = Annotated[Optional[int], typer.Option("--beams", help="Beam size for translation. [default: 4]")]
Config = Annotated[
    Optional[Path],
    typer.Option("--config", help="TOML config file. [default: ~/.config/summarizer/config.toml; env: SUMMARIZER_CONFIG]"),
]
Cache = Annotated[
    Optional[Path],
    typer.Option("--cache", metavar="DIR", help="Keep translations in DIR and reuse them in later runs. [env: SUMMARIZER_TRANSLATION_CACHE]"),
]
Force = Annotated[bool, typer.Option("--force", help="Translate even when the text does not look Korean.")]
Keep = Annotated[
    Optional[list[str]],
    typer.Option(
        "--keep",
        metavar="KIND",
        help="Leave this in-article furniture in the body (repeatable or comma-separated): byline, caption, credit, "
        "signoff, copyright, or all. [default: none, prose only; env: SUMMARIZER_KEEP]",
        show_default=False,
    ),
]


def build_settings(
    translation_model: str | None = None,
    summary_model: str | None = None,
    strategy: str | None = None,
    device: str | None = None,
    backend: str | None = None,
    num_beams: int | None = None,
    config: Path | None = None,
    force: bool | None = None,
    keep: list[str] | None = None,
    cache: Path | None = None,
) -> Settings:
    """Flags > SUMMARIZER_* env > config file > registry defaults."""
    overrides = {
        "translation_model": translation_model,
        "summary_model": summary_model,
        "strategy": strategy,
        "device": device,
        "backend": backend,
        "num_beams": num_beams,
        "force": force or None,
        "keep": tuple(keep) if keep else None,
        "translation_cache": str(cache) if cache else None,
    }
    return Settings.load(overrides, config_file=config)


def write_stdout(text: str) -> None:
    """Print a result on standard output, all of it or an OutputError (a full disk, a closed pipe): a command
    must not exit 0 with a truncated result, which an unbuffered stdout (PYTHONUNBUFFERED=1) otherwise allows."""
    import sys

    from summarizer.batch_output import write_all
    from summarizer.errors import OutputError

    data = (text + "\n").encode("utf-8", "surrogateescape")
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # closed (>&-) or replaced by a text-only stream
        if sys.stdout is None:
            raise OutputError("cannot write standard output: it is closed")
        try:
            sys.stdout.write(text + "\n")
            sys.stdout.flush()
        except (OSError, ValueError) as exc:
            raise OutputError(f"cannot write standard output: {getattr(exc, 'strerror', None) or exc}") from None
        return
    try:
        sys.stdout.flush()  # anything printed before goes first
    except (OSError, ValueError):
        pass
    write_all(buffer, data, "standard output")


class _StderrNotices(logging.Handler):
    """Prints the package's notices (`…`) and warnings (`warning: …`) on stderr, one line each."""

    def emit(self, record: logging.LogRecord) -> None:
        text = " ".join(record.getMessage().split())
        print(f"warning: {text}" if record.levelno >= logging.WARNING else text, file=sys.stderr, flush=True)


def show_notices(quiet: bool) -> None:
    """Route the `summarizer` logger's notices and warnings to stderr; with `quiet`, warnings only (a fallback to the
    slow backend or a misspelt setting is worth a line even then; progress and notices are not)."""
    from summarizer.engines.conversion_cache import NOTICE

    logger = logging.getLogger("summarizer")
    for handler in [h for h in logger.handlers if isinstance(h, _StderrNotices)]:
        logger.removeHandler(handler)  # one handler, however many commands run in this process
    if logger.level == logging.NOTSET or logger.level > NOTICE:
        logger.setLevel(NOTICE)
    # Quiet filters at the handler, not the logger: a handler present also keeps Python's last-resort printer away.
    logger.addHandler(_StderrNotices(logging.WARNING if quiet else NOTICE))
