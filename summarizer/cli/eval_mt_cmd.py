"""`summarizer eval mt --model ID|DIR | --translations FILE`: sacreBLEU BLEU and chrF on a shared Korean–English test set."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from summarizer.cli.common import Backend, Config, Device, NumBeams, show_notices

if TYPE_CHECKING:
    from summarizer.evaluation.mt_eval import MTScore


class Testset(str, Enum):
    flores200 = "flores200"
    ntrex = "ntrex"
    jungyeul = "jungyeul"


def eval_mt(
    model: Annotated[Optional[str], typer.Option("--model", "-m", help="Translation model: hub id, local folder or CTranslate2 folder.", show_default=False)] = None,
    translations: Annotated[Optional[Path], typer.Option("--translations", help="Score this file of stored translations (one per line, aligned with the test set) instead of a model.", show_default=False)] = None,
    testset: Annotated[Testset, typer.Option("--testset", help="flores200 (FLORES-200 devtest), ntrex (NTREX-128) or jungyeul (filtered news).")] = Testset.flores200,
    data: Annotated[Optional[Path], typer.Option("--data", help="Shared data folder. [default: $SUMMARIZER_DATA or ../shared/data]")] = None,
    limit: Annotated[Optional[int], typer.Option("--limit", min=1, help="Score only the first N sentence pairs.")] = None,
    backend: Backend = None,
    device: Device = None,
    beams: NumBeams = None,
    config: Config = None,
    hypotheses: Annotated[Optional[Path], typer.Option("--hypotheses", help="Also write the translations here, one per line.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object (the last line) instead of a table.")] = False,
) -> None:
    """Translate a test set and print corpus BLEU and chrF with their sacreBLEU signatures.

    Compare models (--model) and backends (--backend transformers vs ctranslate2, i.e. fp32 vs int8) on
    the same sentences. jungyeul is filtered first (mojibake repaired, HTML entities unescaped, loose
    pairs dropped; see summarizer/evaluation/mt_eval.py). With --translations, scores a stored file
    the same way (e.g. the leaderboard's outputs, to check the scores match the published ones).
    """
    from summarizer.errors import InputError
    from summarizer.evaluation.mt_eval import evaluate_mt, score_translation_file
    from summarizer.settings import Settings

    if (model is None) == (translations is None):
        raise InputError("give exactly one of --model or --translations")
    if translations is not None:
        _print_score(score_translation_file(translations, testset.value, data, limit), as_json)
        return
    show_notices(quiet=False)  # a first-use conversion to CTranslate2 or a fallback: one line each on stderr
    settings = Settings.load(config_file=config)
    progress = None if as_json else (lambda message: typer.echo(message, err=True))
    score, outputs = evaluate_mt(
        model,
        testset=testset.value,
        data_dir=data,
        limit=limit,
        backend=backend or settings.backend,
        device=device or settings.device,
        num_beams=beams,
        settings=settings,
        progress=progress,
    )
    if hypotheses is not None:
        hypotheses.write_text("".join(line.replace("\n", " ") + "\n" for line in outputs), encoding="utf-8")
    _print_score(score, as_json)


def _print_score(score: "MTScore", as_json: bool) -> None:
    """One JSON object, or the table with the sacreBLEU signatures."""
    if as_json:
        typer.echo(json.dumps(score.to_dict(), ensure_ascii=False))
        return
    dropped = f" ({score.dropped_pairs} noisy pairs dropped)" if score.dropped_pairs else ""
    typer.echo(f"test set   {score.testset}: {score.sentences} sentences{dropped}")
    if score.backend == "file":
        typer.echo(f"model      stored translations in {score.model} [file]")
    else:
        typer.echo(f"model      {score.model} [{score.family}, {score.backend}, {score.device}, beams {score.num_beams}]")
    typer.echo(f"BLEU       {score.bleu:.2f}   {score.bleu_signature}")
    typer.echo(f"chrF       {score.chrf:.2f}   {score.chrf_signature}")
    if score.backend != "file":
        typer.echo(f"speed      {score.sentences_per_s:.2f} sentences/s ({score.seconds:.1f} s)")
