"""Translation speed, side by side in one run: naive transformers vs this project's two backends.

    python -m summarizer.bench [--json]        (same options as `summarizer bench`)

Backends, each measured on the same Korean sentences (FLORES-200 devtest from the shared data):

    naive         transformers, one sentence per `generate()` call, fp32 — what most scripts do
    transformers  this project's TransformersEngine via the loader: tokenized once, length-sorted,
                  token-budget batches, torch.inference_mode
    ctranslate2   this project's CTranslate2Engine on the int8 conversion (int8_float16 on GPU),
                  intra_threads = usable cores, inter_threads = 1

Fairness: every backend decodes with the same beam size and emits exactly `--new-tokens` target tokens
per sentence (min = max = N, forced end-of-sentence disabled), so each does the same number of decoder
steps; the run checks the lengths and reports `equal_output_lengths`. Each backend runs in a fresh worker
process by default, so its peak memory (RSS: imports + weights + decoding) is its own.

The default model is a stand-in for Helsinki-NLP/opus-mt-tc-big-ko-en built here (no download): its real
architecture (transformer-big: 6+6 layers, d_model 1024, 16 heads, FFN 4096, 32001-wide vocabulary) with
random seeded weights and a small SentencePiece vocabulary trained on a bundled sample (the embedding and
output layers keep the real 32001 width; unused rows are filler tokens). Speed depends on shapes, not on
weight values, so the figures transfer to the real model; its outputs are meaningless text.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import resource
import shutil
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field, replace
from multiprocessing import get_context
from pathlib import Path
from typing import Any, Callable, Sequence

BACKENDS = ("naive", "transformers", "ctranslate2")
STAND_IN_NOTE = (
    "random-weight stand-in for Helsinki-NLP/opus-mt-tc-big-ko-en: real architecture (6+6 layers, d_model 1024, "
    "16 heads, FFN 4096, vocabulary width 32001), SentencePiece vocabulary shrunk to a few thousand pieces "
    "trained on a bundled sample (filler rows keep the real width); outputs are meaningless"
)
_STAMP_FILE = "bench_checkpoint.json"
_WARMUP_TOKENS = 2


@dataclass(frozen=True)
class BenchConfig:
    """What to measure and how. Every backend gets the same sentences, beam size and output length."""

    sentences: int = 32
    new_tokens: int = 24  # target tokens every backend generates per sentence
    num_beams: int = 1
    device: str = "auto"
    threads: int = 0  # 0: torch's default / every usable core for CTranslate2
    batch_max_tokens: int = 4096
    max_batch_size: int = 64
    testset: str = "flores200"
    data_dir: str | None = None
    model: str | None = None  # None: the opus-mt-tc-big-ko-en stand-in
    work_dir: str | None = None  # stand-in checkpoint and conversions; default <cache>/bench
    backends: tuple[str, ...] = BACKENDS
    isolate: bool = True  # one fresh worker process per backend
    repeats: int = 1  # timed runs per backend; the median counts (a shared machine is noisy)
    seed: int = 0


@dataclass(frozen=True)
class BackendJob:
    """One backend's measurement, as sent to a worker process."""

    backend: str
    checkpoint: str
    converted: str | None
    sentences: tuple[str, ...]
    config: BenchConfig
    device: str


@dataclass(frozen=True)
class BackendResult:
    """What one backend achieved."""

    backend: str
    sentences: int
    seconds: float
    sentences_per_s: float
    target_tokens: int
    target_tokens_per_s: float
    output_lengths: tuple[int, ...]
    run_seconds: tuple[float, ...]  # every timed run; `seconds` is their median
    peak_rss_mb: float
    peak_gpu_mb: float | None
    load_seconds: float
    detail: str


@dataclass(frozen=True)
class BenchReport:
    """The whole run: settings, machine, checkpoint and one result per backend."""

    config: BenchConfig
    device: str
    checkpoint: str
    checkpoint_note: str
    machine: dict[str, Any]
    results: tuple[BackendResult, ...] = field(default_factory=tuple)

    def result(self, backend: str) -> BackendResult | None:
        return next((r for r in self.results if r.backend == backend), None)

    @property
    def equal_output_lengths(self) -> bool:
        lengths = {n for r in self.results for n in r.output_lengths}
        return lengths == {self.config.new_tokens}

    def speedup(self, backend: str) -> float | None:
        base, other = self.result("naive"), self.result(backend)
        if base is None or other is None or base.sentences_per_s <= 0:
            return None
        return round(other.sentences_per_s / base.sentences_per_s, 2)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for backend in BACKENDS:
            r = self.result(backend)
            data[f"{backend}_sentences_per_s"] = r.sentences_per_s if r else None
            data[f"{backend}_target_tokens_per_s"] = r.target_tokens_per_s if r else None
            data[f"{backend}_peak_rss_mb"] = r.peak_rss_mb if r else None
        data["transformers_speedup"] = self.speedup("transformers")
        data["ctranslate2_speedup"] = self.speedup("ctranslate2")
        data["equal_output_lengths"] = self.equal_output_lengths
        data["settings"] = {**asdict(self.config), "device": self.device, "backends": list(self.config.backends)}
        data["checkpoint"] = {"path": self.checkpoint, "note": self.checkpoint_note}
        data["machine"] = self.machine
        data["results"] = {r.backend: {**asdict(r), "output_lengths": sorted(set(r.output_lengths))} for r in self.results}
        return data

    def table(self) -> str:
        """A Markdown table of the results."""
        rows = [
            "| backend | sentences/s | target tokens/s | × naive | peak RSS (MB) | load (s) | how |",
            "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
        ]
        for r in self.results:
            speedup = self.speedup(r.backend)
            times = f"{speedup:.1f}×" if speedup is not None else "–"
            rows.append(
                f"| {r.backend} | {r.sentences_per_s:.2f} | {r.target_tokens_per_s:.1f} | {times} | "
                f"{r.peak_rss_mb:.0f} | {r.load_seconds:.1f} | {r.detail} |"
            )
        return "\n".join(rows)


# --- the run ---------------------------------------------------------------------------------------------


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
    work_dir = Path(config.work_dir).expanduser() if config.work_dir else _default_work_dir()
    checkpoint, note = prepare_checkpoint(config, work_dir, say)
    converted = None
    if "ctranslate2" in config.backends:
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


def prepare_checkpoint(config: BenchConfig, work_dir: Path, say: Callable[[str], None]) -> tuple[str, str]:
    """The model to measure: `config.model`, or the opus-mt-tc-big-ko-en stand-in (built once, then reused)."""
    if config.model:
        return config.model, "user-supplied model"
    from summarizer.tiny import OPUS_MT_TC_BIG_KO_EN_DIMS, build_marian

    dims = OPUS_MT_TC_BIG_KO_EN_DIMS.as_kwargs()
    stamp = {"dims": dims, "seed": config.seed, "format": 1}
    folder = work_dir / f"opus-mt-tc-big-ko-en-random-seed{config.seed}"
    stamp_file = folder / _STAMP_FILE
    if not (stamp_file.is_file() and json.loads(stamp_file.read_text(encoding="utf-8")) == stamp):
        say(f"building the opus-mt-tc-big-ko-en stand-in in {folder} (once)")
        if folder.exists():
            shutil.rmtree(folder)  # an older stand-in's conversion must not outlive it
        build_marian(folder, **dims, seed=config.seed)
        stamp_file.write_text(json.dumps(stamp) + "\n", encoding="utf-8")
    return str(folder), STAND_IN_NOTE


def prepare_conversion(checkpoint: str, work_dir: Path, say: Callable[[str], None], own_checkpoint: bool) -> str:
    """An int8 CTranslate2 copy of the checkpoint: the one the loader would pick up, else one made for the bench.

    The stand-in gets its copy where the loader looks (inside its folder); a user's model folder is left
    untouched and converted into work_dir instead.
    """
    from summarizer.convert import convert_model
    from summarizer.engines.ctranslate2_engine import (
        default_converted_dir,
        find_converted,
        read_conversion_info,
        sanitize_model_id,
    )

    existing = find_converted(checkpoint, "int8")
    if existing is not None:
        return str(existing)
    if own_checkpoint:
        out = default_converted_dir(checkpoint, "int8")
    else:
        out = work_dir / "ct2" / f"{sanitize_model_id(Path(checkpoint).name or checkpoint)}-int8"
        if (out / "model.bin").is_file() and read_conversion_info(out).get("model_id") == checkpoint:
            return str(out)
    say(f"converting {checkpoint} to CTranslate2 int8 in {out}")
    return str(convert_model(checkpoint, out, quantization="int8", force=True))


def _default_work_dir() -> Path:
    from summarizer.engines.ctranslate2_engine import cache_root

    return cache_root() / "bench"


def _run_isolated(job: BackendJob) -> BackendResult:
    # A fresh interpreter per backend: its peak RSS is its own and no thread pool or allocator is shared.
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        return pool.submit(run_backend, job).result()


# --- one backend -----------------------------------------------------------------------------------------


def run_backend(job: BackendJob) -> BackendResult:
    """Load, warm up, then time one backend on every sentence; runs in a worker or in-process."""
    _quiet_libraries()
    runner = {"naive": _NaiveRunner, "transformers": _EngineRunner, "ctranslate2": _EngineRunner}[job.backend](job)
    with PeakMemory() as memory:
        started = time.perf_counter()
        runner.load()
        load_seconds = time.perf_counter() - started
        runner.translate(job.sentences[:1], _WARMUP_TOKENS)  # first-call costs (allocations, kernels) off the clock
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


class _NaiveRunner:
    """transformers as most scripts use it: one sentence per generate() call."""

    def __init__(self, job: BackendJob) -> None:
        self.job = job
        self.model: Any = None
        self.tokenizer: Any = None

    def load(self) -> None:
        import torch
        from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

        if self.job.config.threads:
            torch.set_num_threads(self.job.config.threads)
        self.tokenizer = AutoTokenizer.from_pretrained(self.job.checkpoint)
        self.model = AutoModelForSeq2SeqLM.from_pretrained(self.job.checkpoint).to(self.job.device).eval()
        _disable_forced_eos(self.model)

    def translate(self, sentences: Sequence[str], new_tokens: int) -> list[int]:
        lengths = []
        for sentence in sentences:
            inputs = self.tokenizer(sentence, return_tensors="pt").to(self.job.device)
            output = self.model.generate(
                **inputs,
                num_beams=self.job.config.num_beams,
                do_sample=False,
                min_new_tokens=new_tokens,
                max_new_tokens=new_tokens,
            )
            self.tokenizer.decode(output[0], skip_special_tokens=True)
            lengths.append(int(output.shape[1]) - 1)  # minus the decoder start token
        return lengths

    def detail(self) -> str:
        import torch

        return f"fp32, one sentence per generate(), {torch.get_num_threads()} torch threads"

    def close(self) -> None:
        self.model = None
        gc.collect()


class _EngineRunner:
    """This project's engines: the loader's TransformersEngine, or CTranslate2Engine on the int8 copy."""

    def __init__(self, job: BackendJob) -> None:
        self.job = job
        self.engine: Any = None

    def load(self) -> None:
        if self.job.backend == "transformers":
            import torch

            from summarizer.engines.loader import load_engine

            if self.job.config.threads:
                torch.set_num_threads(self.job.config.threads)
            self.engine = load_engine(self.job.checkpoint, "translation", self.job.device, "transformers")
            _disable_forced_eos(self.engine.model)
            if hasattr(self.engine, "_forces_eos"):  # the engine caches the setting to trim its length cap
                self.engine._forces_eos = False
        else:
            from summarizer.engines.ctranslate2_engine import load_ctranslate2_engine
            from summarizer.types import ModelInfo

            info = ModelInfo(task="translation", model_id=self.job.checkpoint, backend="ctranslate2")
            compute_type = "int8" if self.job.device == "cpu" else "int8_float16"
            converted = Path(self.job.converted or "")
            self.engine = load_ctranslate2_engine(converted, info, self.job.device, compute_type, self.job.config.threads)

    def translate(self, sentences: Sequence[str], new_tokens: int) -> list[int]:
        from summarizer.engines.base import GenerationOptions

        options = GenerationOptions(
            num_beams=self.job.config.num_beams,
            max_new_tokens=new_tokens,
            min_new_tokens=new_tokens,
            max_length_ratio=float(new_tokens),  # never let the ratio cap cut below N
            max_length_slack=new_tokens,
            no_repeat_ngram_size=0,
            batch_max_tokens=self.job.config.batch_max_tokens,
            max_batch_size=self.job.config.max_batch_size,
        )
        return [g.num_tokens for g in self.engine.generate_detailed(list(sentences), options)]

    def detail(self) -> str:
        c = self.job.config
        batching = f"length-sorted batches ≤ {c.batch_max_tokens} tokens / {c.max_batch_size} sentences"
        if self.job.backend == "transformers":
            import torch

            dtype = str(next(self.engine.model.parameters()).dtype).replace("torch.", "")
            return f"{dtype}, {batching}, inference_mode, {torch.get_num_threads()} torch threads"
        runtime = self.engine.runtime
        return f"{runtime.compute_type}, {batching}, {runtime.intra_threads} intra threads, 1 inter thread"

    def close(self) -> None:
        from summarizer.engines.loader import clear_cache

        self.engine = None
        clear_cache()
        gc.collect()


def _disable_forced_eos(model: Any) -> None:
    # Marian forces </s> at the length cap; CTranslate2 does not. Without it every backend emits N real tokens.
    model.generation_config.forced_eos_token_id = None


def _quiet_libraries() -> None:
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    try:
        from transformers.utils import logging as hf_logging

        hf_logging.set_verbosity_error()
        hf_logging.disable_progress_bar()
    except ImportError:
        pass


class PeakMemory:
    """Peak resident memory of this process inside the block (Linux: VmHWM after resetting it)."""

    def __init__(self) -> None:
        self.peak_rss_mb = 0.0
        self.peak_gpu_mb: float | None = None
        self._reset = False

    def __enter__(self) -> "PeakMemory":
        try:
            # Writing 5 to clear_refs resets the peak RSS counter (VmHWM) of this process.
            Path("/proc/self/clear_refs").write_text("5")
            self._reset = True
        except OSError:
            self._reset = False
        if "torch" in sys.modules:
            import torch

            if torch.cuda.is_available():
                torch.cuda.reset_peak_memory_stats()
        return self

    def __exit__(self, *exc: object) -> None:
        self.peak_rss_mb = _vm_hwm_mb() if self._reset else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        if "torch" in sys.modules:
            import torch

            if torch.cuda.is_available() and torch.cuda.max_memory_allocated() > 0:
                self.peak_gpu_mb = round(torch.cuda.max_memory_allocated() / 2**20, 1)


def _vm_hwm_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def machine_info(threads: int = 0) -> dict[str, Any]:
    """CPU, cores, memory, GPU and library versions: the context a speed figure needs."""
    import ctranslate2
    import torch
    import transformers

    from summarizer.engines.ctranslate2_engine import usable_cpu_cores

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory_gb = None
    try:
        memory_gb = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)
    except (ValueError, OSError, AttributeError):
        pass
    return {
        "cpu": cpu,
        "usable_cores": usable_cpu_cores(),
        "threads_setting": threads,
        "memory_gb": memory_gb,
        "gpu": torch.cuda.get_device_name(0) if torch.cuda.is_available() else None,
        "load_average_1m": round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None,
        "python": platform.python_version(),
        "torch": torch.__version__,
        "transformers": transformers.__version__,
        "ctranslate2": ctranslate2.__version__,
    }


# --- command line ----------------------------------------------------------------------------------------


def render_text(report: BenchReport) -> str:
    """The human-readable report: settings, machine, table, ratios and the equal-length check."""
    c, m = report.config, report.machine
    lines = [
        f"model: {report.checkpoint}",
        f"       ({report.checkpoint_note})",
        f"input: {report.result(report.config.backends[0]).sentences if report.results else 0} Korean sentences "
        f"from {c.testset}; every backend generates exactly {c.new_tokens} target tokens per sentence "
        f"(beams {c.num_beams}, forced EOS off); median of {c.repeats} timed run(s) per backend",
        f"machine: {m['cpu']}, {m['usable_cores']} usable cores, {m['memory_gb']} GiB, GPU: {m['gpu'] or 'none'}, "
        f"load average {m['load_average_1m']} at start; "
        f"device {report.device}; torch {m['torch']}, transformers {m['transformers']}, ctranslate2 {m['ctranslate2']}",
        "",
        report.table(),
        "",
        f"equal output lengths: {'yes' if report.equal_output_lengths else 'NO'} "
        f"({', '.join(f'{r.backend}: {sorted(set(r.output_lengths))}' for r in report.results)})",
    ]
    return "\n".join(lines)


def bench_main(
    as_json: bool = False,
    data: str | None = None,
    sentences: int = 32,
    new_tokens: int = 24,
    beams: int = 1,
    device: str = "auto",
    threads: int = 0,
    batch_max_tokens: int = 4096,
    model: str | None = None,
    work_dir: str | None = None,
    skip_naive: bool = False,
    skip_transformers: bool = False,
    skip_ctranslate2: bool = False,
    isolate: bool = True,
    repeats: int = 1,
    echo: Callable[[str], None] = print,
    log: Callable[[str], None] | None = None,
) -> BenchReport:
    """What `summarizer bench` and `python -m summarizer.bench` run: measure, then print the table or JSON.

    With as_json the last printed line is one JSON object (BenchReport.to_dict()).
    """
    skipped = {"naive": skip_naive, "transformers": skip_transformers, "ctranslate2": skip_ctranslate2}
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
    if as_json:
        echo(json.dumps(report.to_dict(), ensure_ascii=False))
    else:
        echo(render_text(report))
    return report


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m summarizer.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object as the last line")
    parser.add_argument("--data", help="shared data folder [default: $SUMMARIZER_DATA or ../shared/data]")
    parser.add_argument("--sentences", type=int, default=32)
    parser.add_argument("--new-tokens", type=int, default=24, help="target tokens per sentence, all backends")
    parser.add_argument("--beams", type=int, default=1)
    parser.add_argument("--device", default="auto")
    parser.add_argument("--threads", type=int, default=0, help="CPU threads (0: defaults / every usable core)")
    parser.add_argument("--batch-max-tokens", type=int, default=4096)
    parser.add_argument("--model", help="measure this model instead of the opus-mt-tc-big-ko-en stand-in")
    parser.add_argument("--work-dir", help="where the stand-in and conversions are kept [default: <cache>/bench]")
    parser.add_argument("--skip-naive", action="store_true")
    parser.add_argument("--skip-transformers", action="store_true")
    parser.add_argument("--skip-ctranslate2", action="store_true")
    parser.add_argument("--no-isolate", action="store_true", help="run every backend in this process")
    parser.add_argument("--repeats", type=int, default=1, help="timed runs per backend; the median counts")
    args = parser.parse_args(argv)
    from summarizer.errors import SummarizerError

    try:
        bench_main(
            as_json=args.json,
            data=args.data,
            sentences=args.sentences,
            new_tokens=args.new_tokens,
            beams=args.beams,
            device=args.device,
            threads=args.threads,
            batch_max_tokens=args.batch_max_tokens,
            model=args.model,
            work_dir=args.work_dir,
            skip_naive=args.skip_naive,
            skip_transformers=args.skip_transformers,
            skip_ctranslate2=args.skip_ctranslate2,
            isolate=not args.no_isolate,
            repeats=args.repeats,
        )
    except SummarizerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    return 0


if __name__ == "__main__":
    sys.exit(main())
