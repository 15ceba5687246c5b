"""The sentence bench: the same Korean sentences through naive transformers, this project's two backends
and a hand-written CTranslate2 `translate_batch` call (the expert reference), each in its own process.

Fairness: every backend decodes with the same beam size and emits exactly `--new-tokens` target tokens
per sentence (min = max = N, forced end-of-sentence disabled), so each does the same number of decoder
steps; the run checks the lengths and reports `equal_output_lengths`.
"""

from __future__ import annotations

import statistics
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from multiprocessing import get_context
from pathlib import Path
from typing import Callable

from summarizer.bench.machine import PeakMemory, machine_info
from summarizer.bench.report import BACKENDS, BackendJob, BackendResult, BenchConfig, BenchReport
from summarizer.bench.runners import RUNNERS, quiet_libraries
from summarizer.bench.standins import prepare_checkpoint, prepare_conversion, default_work_dir

_WARMUP_TOKENS = 2


def run_bench(config: BenchConfig, say: Callable[[str], None] = lambda _m: None) -> BenchReport:
    """Prepare the checkpoint and its int8 conversion, then measure each backend in turn.

    Raises:
        SummarizerError subclasses: missing data folder or model, bad settings.
    """
    from summarizer.engines.loader import resolve_device
    from summarizer.errors import ConfigError
    from summarizer.evaluation.mt_eval import load_testset

    unknown = sorted(set(config.backends) - set(BACKENDS))
    if unknown or not config.backends:
        raise ConfigError(f"unknown backend(s) {', '.join(unknown) or '(none)'}; choose from: {', '.join(BACKENDS)}")
    if min(config.sentences, config.new_tokens, config.num_beams, config.repeats) < 1:
        raise ConfigError("--sentences, --new-tokens, --beams and --repeats must be at least 1")
    device = resolve_device(config.device)
    sentences = load_testset(config.testset, config.data_dir, config.sentences).sources
    work_dir = Path(config.work_dir).expanduser() if config.work_dir else default_work_dir()
    checkpoint, note = prepare_checkpoint(config, work_dir, say)
    converted = None
    if {"ctranslate2", "expert"} & set(config.backends):
        converted = prepare_conversion(checkpoint, work_dir, say, own_checkpoint=not config.model)
    report = BenchReport(config, device, checkpoint, note, machine_info(config.threads))
    results = []
    for backend in config.backends:
        say(f"measuring {backend}: {len(sentences)} sentences × {config.new_tokens} tokens, beams {config.num_beams}")
        job = BackendJob(backend, checkpoint, converted, tuple(sentences), config, device)
        result = _run_isolated(job) if config.isolate else run_backend(job)
        say(f"  {result.sentences_per_s:.2f} sentences/s, {result.target_tokens_per_s:.1f} tokens/s")
        results.append(result)
    return replace(report, results=tuple(results))



def _run_isolated(job: BackendJob) -> BackendResult:
    # A fresh interpreter per backend: its peak RSS is its own and no thread pool or allocator is shared.
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        return pool.submit(run_backend, job).result()



def run_backend(job: BackendJob) -> BackendResult:
    """Load, warm up, then time one backend on every sentence; runs in a worker or in-process."""
    quiet_libraries()
    runner = RUNNERS[job.backend](job)
    with PeakMemory() as memory:
        started = time.perf_counter()
        runner.load()
        load_seconds = time.perf_counter() - started
        # First-call costs (allocations, kernels for each batch shape) off the clock: the batched backends
        # warm up on the very run they are timed on, as the expert's calibration does; naive on short outputs.
        warmup_tokens = _WARMUP_TOKENS if job.backend == "naive" else job.config.new_tokens
        runner.translate(job.sentences if job.backend != "naive" else job.sentences[:1], warmup_tokens)
        if hasattr(runner, "calibrate"):  # the expert picks its best batch size before the clock starts
            runner.calibrate(job.sentences, job.config.new_tokens)
        runs = []
        for _ in range(job.config.repeats):
            started = time.perf_counter()
            lengths = runner.translate(job.sentences, job.config.new_tokens)
            runs.append(time.perf_counter() - started)
        seconds = statistics.median(runs)
    detail = runner.detail()
    runner.close()
    tokens = sum(lengths)
    return BackendResult(
        backend=job.backend,
        sentences=len(job.sentences),
        seconds=round(seconds, 3),
        sentences_per_s=round(len(job.sentences) / seconds, 3),
        target_tokens=tokens,
        target_tokens_per_s=round(tokens / seconds, 1),
        output_lengths=tuple(lengths),
        run_seconds=tuple(round(r, 3) for r in runs),
        peak_rss_mb=round(memory.peak_rss_mb, 1),
        peak_gpu_mb=memory.peak_gpu_mb,
        load_seconds=round(load_seconds, 2),
        detail=detail,
    )


