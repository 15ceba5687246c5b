"""`summarizer bench`: translation speed of naive transformers vs this project's backends, in one run."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer


def bench(
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object (the last line) instead of a table.")] = False,
    data: Annotated[Optional[Path], typer.Option("--data", help="Shared data folder. [default: $SUMMARIZER_DATA or ../shared/data]")] = None,
    sentences: Annotated[int, typer.Option("--sentences", "-n", min=1, help="Korean sentences (FLORES-200 devtest) to translate.")] = 32,
    new_tokens: Annotated[int, typer.Option("--new-tokens", min=1, help="Target tokens per sentence, identical for every backend.")] = 24,
    beams: Annotated[int, typer.Option("--beams", min=1, help="Beam size, identical for every backend.")] = 1,
    device: Annotated[str, typer.Option("--device", "-d", help="auto (CUDA when present), cpu, cuda or cuda:N.")] = "auto",
    threads: Annotated[int, typer.Option("--threads", min=0, show_default=False, help="CPU threads. [default: 0 = torch default / every usable core]")] = 0,
    batch_max_tokens: Annotated[int, typer.Option("--batch-max-tokens", min=16, help="Token budget per batch of the project's backends.")] = 4096,
    model: Annotated[Optional[str], typer.Option("--model", help="Measure this model instead of the opus-mt-tc-big-ko-en stand-in.")] = None,
    work_dir: Annotated[Optional[Path], typer.Option("--work-dir", help="Where the stand-in checkpoint and conversions are kept. [default: <cache>/bench]")] = None,
    skip_naive: Annotated[bool, typer.Option("--skip-naive", help="Do not measure naive transformers.")] = False,
    skip_transformers: Annotated[bool, typer.Option("--skip-transformers", help="Do not measure the transformers backend.")] = False,
    skip_ctranslate2: Annotated[bool, typer.Option("--skip-ctranslate2", help="Do not measure the CTranslate2 backend.")] = False,
    isolate: Annotated[bool, typer.Option("--isolate/--no-isolate", help="One fresh process per backend (own peak memory).")] = True,
    repeats: Annotated[int, typer.Option("--repeats", min=1, help="Timed runs per backend; the median counts.")] = 1,
) -> None:
    """Measure sentences/s, target tokens/s and peak memory of (a) naive transformers, one sentence per
    generate() call, (b) this project's transformers backend and (c) its CTranslate2 int8 backend.

    The default model is a random-weight stand-in with the real architecture of
    Helsinki-NLP/opus-mt-tc-big-ko-en (built once, offline); every backend generates the same number of
    tokens per sentence with the same beam size, so the figures compare like with like.
    """
    from summarizer.bench import bench_main

    bench_main(
        as_json=as_json,
        data=str(data) if data else None,
        sentences=sentences,
        new_tokens=new_tokens,
        beams=beams,
        device=device,
        threads=threads,
        batch_max_tokens=batch_max_tokens,
        model=model,
        work_dir=str(work_dir) if work_dir else None,
        skip_naive=skip_naive,
        skip_transformers=skip_transformers,
        skip_ctranslate2=skip_ctranslate2,
        isolate=isolate,
        repeats=repeats,
        echo=typer.echo,
        log=lambda message: typer.echo(message, err=True),
    )
