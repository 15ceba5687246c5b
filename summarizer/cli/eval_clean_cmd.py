"""`summarizer eval clean`: measure the cleaner on the shared data and our Korean outlet fixtures."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from summarizer.evaluation.clean_sections import SECTIONS  # a constant module: --help must not import the cleaner

def eval_clean(
    data: Annotated[Optional[Path], typer.Option("--data", help="Shared data folder. [default: $SUMMARIZER_DATA or ../shared/data]")] = None,
    fixtures: Annotated[Optional[Path], typer.Option("--fixtures", help="Korean outlet fixtures. [default: tests/fixtures/clean in a source checkout]")] = None,
    only: Annotated[Optional[list[str]], typer.Option("--only", help=f"Run only these sections (repeatable): {', '.join(SECTIONS)}.")] = None,
    limit: Annotated[Optional[int], typer.Option("--limit", min=1, help="Use only the first N ScrapingHub pages (quick runs).")] = None,
    seconds: Annotated[float, typer.Option("--seconds", min=0.1, help="Minimum seconds per speed measurement.")] = 2.0,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object instead of the table.")] = False,
) -> None:
    """Print the cleaner's scores: the example page vs its gold, ScrapingHub and mozilla/readability's test pages
    (this cleaner and plain trafilatura in the same run), the two Korean benchmark pages, the Korean outlet
    fixtures, and pages/s on one core.
    """
    from summarizer.errors import InputError
    from summarizer.evaluation.clean_eval import default_fixtures_dir, format_report, resolve_data_dir, run_clean_evaluation

    chosen = tuple(only) if only else SECTIONS
    unknown = [s for s in chosen if s not in SECTIONS]
    if unknown:
        raise InputError(f"unknown section {unknown[0]!r}; choose from {', '.join(SECTIONS)}")
    if fixtures is not None and not fixtures.is_dir():
        raise InputError(f"fixtures folder not found: {fixtures}")
    data_dir = resolve_data_dir(data)
    if not as_json:
        typer.echo(f"evaluating the cleaner on {data_dir} ({', '.join(chosen)})…", err=True)
    result = run_clean_evaluation(data_dir, fixtures or default_fixtures_dir(), sections=chosen,
                                  scrapinghub_limit=limit, min_seconds=seconds)
    if as_json:
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, default=str))
    else:
        typer.echo(format_report(result))
