"""`summarizer bench`'s work: the sentence bench, optionally the end-to-end figures, then one report."""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from typing import Callable

from summarizer.bench.end_to_end import EndToEndConfig, run_end_to_end
from summarizer.bench.report import BACKENDS, BenchConfig, BenchReport, render_text
from summarizer.bench.sentences import run_bench


def bench_main(
    as_json: bool = False,
    data: str | None = None,
    sentences: int = 32,
    new_tokens: int = 24,
    beams: int = 1,
    device: str = "auto",
    threads: int = 0,
    batch_max_tokens: int = 0,  # 0 → the pipeline's default for the device
    model: str | None = None,
    work_dir: str | None = None,
    skip_naive: bool = False,
    skip_transformers: bool = False,
    skip_ctranslate2: bool = False,
    skip_expert: bool = False,
    isolate: bool = True,
    repeats: int = 1,
    end_to_end: EndToEndConfig | None = None,
    echo: Callable[[str], None] = print,
    log: Callable[[str], None] | None = None,
) -> BenchReport:
    """What `summarizer bench` runs: measure, then print the table or JSON.

    With as_json the last printed line is one JSON object (BenchReport.to_dict()).
    """
    skipped = {"naive": skip_naive, "transformers": skip_transformers, "ctranslate2": skip_ctranslate2, "expert": skip_expert}
    config = BenchConfig(
        sentences=sentences,
        new_tokens=new_tokens,
        num_beams=beams,
        device=device,
        threads=threads,
        batch_max_tokens=batch_max_tokens,
        data_dir=data,
        model=model,
        work_dir=work_dir,
        backends=tuple(b for b in BACKENDS if not skipped[b]),
        isolate=isolate,
        repeats=repeats,
    )
    say = log or (lambda message: print(message, file=sys.stderr, flush=True))
    report = run_bench(config, say)
    if end_to_end is not None:
        report = replace(report, end_to_end=run_end_to_end(end_to_end, say))
    if as_json:
        echo(json.dumps(report.to_dict(), ensure_ascii=False))
    else:
        echo(render_text(report))
    return report

