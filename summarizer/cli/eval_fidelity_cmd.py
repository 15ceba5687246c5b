"""`summarizer eval fidelity`: precision/recall of the number check against hand labels on real MT output."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer


def eval_fidelity(
    data: Annotated[Optional[Path], typer.Option("--data", help="Shared data folder. [default: $SUMMARIZER_DATA or ../shared/data]")] = None,
    labels: Annotated[Optional[Path], typer.Option("--labels", help="Labels TSV (model, line, label, kinds, note). [default: the packaged NTREX labels]")] = None,
    details: Annotated[int, typer.Option("--details", min=0, help="List at most N misses, false alarms and human-pair flags each.")] = 50,
    no_speed: Annotated[bool, typer.Option("--no-speed", help="Skip the timing against the cleaner.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object instead of the table.")] = False,
) -> None:
    """Check the NTREX-128 outputs of opus-mt-tc-big-ko-en and opus-mt-ko-en for wrong numbers; print precision
    and recall against the labels, the share of human pairs (Korean vs English original) flagged, and the
    check's cost next to the cleaner's.
    """
    from summarizer.evaluation.fidelity_eval import format_report, run_fidelity_evaluation

    report = run_fidelity_evaluation(data, labels, speed=not no_speed)
    if as_json:
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False))
    else:
        typer.echo(format_report(report, details))
