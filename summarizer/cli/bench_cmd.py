"""`summarizer bench`: translation speed (naive, project backends, expert CTranslate2) and end-to-end articles/s, in one run."""

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
    batch_max_tokens: Annotated[int, typer.Option("--batch-max-tokens", min=0, show_default=False, help="Decoding tokens per batch of the project's backends: rows × beams × (source + output). [default: 0 = the pipeline's default for the device]")] = 0,
    model: Annotated[Optional[str], typer.Option("--model", help="Measure this model instead of the opus-mt-tc-big-ko-en stand-in.")] = None,
    work_dir: Annotated[Optional[Path], typer.Option("--work-dir", help="Where the stand-in checkpoint and conversions are kept. [default: <cache>/bench]")] = None,
    skip_naive: Annotated[bool, typer.Option("--skip-naive", help="Do not measure naive transformers.")] = False,
    skip_transformers: Annotated[bool, typer.Option("--skip-transformers", help="Do not measure the transformers backend.")] = False,
    skip_ctranslate2: Annotated[bool, typer.Option("--skip-ctranslate2", help="Do not measure the CTranslate2 backend.")] = False,
    skip_expert: Annotated[bool, typer.Option("--skip-expert", help="Do not measure the hand-written CTranslate2 translate_batch call.")] = False,
    isolate: Annotated[bool, typer.Option("--isolate/--no-isolate", help="One fresh process per backend (own peak memory).")] = True,
    repeats: Annotated[int, typer.Option("--repeats", min=1, help="Timed runs per backend; the median counts.")] = 1,
    end_to_end: Annotated[bool, typer.Option("--end-to-end", help="Also measure articles/s of the whole job: a glue script, its same work by hand on CTranslate2 (the machine's ceiling), and `summarizer batch`.")] = False,
    articles: Annotated[int, typer.Option("--articles", min=1, help="Articles of sci-news-sum-kr-50 for --end-to-end.")] = 50,
    batch_sizes: Annotated[str, typer.Option("--batch-sizes", help="Comma-separated batch sizes of `summarizer batch` for --end-to-end.")] = "8",
    length_ratio: Annotated[float, typer.Option("--length-ratio", min=0.1, max=4.0, help="With --end-to-end: translation tokens per source token forced on both sides (+10 per input), as random weights never stop on their own; the real opus-mt-tc-big-ko-en writes 1.06 on NTREX-128.")] = 1.1,
    duplicates: Annotated[float, typer.Option("--duplicates", min=0.0, max=0.9, help="With --end-to-end: also time a dump where this share of pages are wire copies.")] = 0.0,
    skip_glue: Annotated[bool, typer.Option("--skip-glue", help="With --end-to-end: do not run the glue script (nor the ceiling, which is its work).")] = False,
    quick: Annotated[bool, typer.Option("--quick", help="Tiny checkpoints and a few sentences/articles: checks the harness, not speed.")] = False,
) -> None:
    """Measure sentences/s, target tokens/s and peak memory of (a) naive transformers, one sentence per
    generate() call, (b) this project's transformers backend and (c) its CTranslate2 int8 backend.

    The default model is a random-weight stand-in with the real architecture of
    Helsinki-NLP/opus-mt-tc-big-ko-en (built once, offline); every backend generates the same number of
    tokens per sentence with the same beam size, so the figures compare like with like.
    """
    from summarizer.bench import EndToEndConfig, bench_main
    from summarizer.errors import ConfigError

    try:
        sizes = tuple(int(x) for x in batch_sizes.split(",") if x.strip())
    except ValueError:
        raise ConfigError(f"--batch-sizes expects comma-separated integers, got {batch_sizes!r}") from None
    if not sizes or min(sizes) < 1:
        raise ConfigError("--batch-sizes needs at least one size ≥ 1")
    e2e = None
    if end_to_end:
        e2e = EndToEndConfig(
            articles=min(articles, 3) if quick else articles, quick=quick, device=device, beams=1 if quick else 4,
            data_dir=str(data) if data else None, work_dir=str(work_dir) if work_dir else None,
            batch_sizes=sizes, duplicates=duplicates, skip_glue=skip_glue, length_ratio=length_ratio,
        )  # fmt: skip
    if quick:
        from summarizer.bench.end_to_end import tiny_models
        from summarizer.bench.standins import default_work_dir

        sentences, new_tokens = min(sentences, 4), min(new_tokens, 4)
        model = model or tiny_models(work_dir.expanduser() if work_dir else default_work_dir())[0]
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
        skip_expert=skip_expert,
        isolate=isolate,
        end_to_end=e2e,
        repeats=repeats,
        echo=typer.echo,
        log=lambda message: typer.echo(message, err=True),
    )
