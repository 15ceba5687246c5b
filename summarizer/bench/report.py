"""What a sentence bench measured: settings, per-backend results, the report and its renderings."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

BACKENDS = ("naive", "transformers", "ctranslate2", "expert")
# The backend every speed-up is relative to, and the one the project's CTranslate2 path is compared with.
BASELINE, EXPERT = "naive", "expert"


@dataclass(frozen=True)
class BenchConfig:
    """What to measure and how. Every backend gets the same sentences, beam size and output length."""

    sentences: int = 32
    new_tokens: int = 24  # target tokens every backend generates per sentence
    num_beams: int = 1
    device: str = "auto"
    threads: int = 0  # 0: torch's default / every usable core for CTranslate2
    batch_max_tokens: int = 0  # 0 → the pipeline's default for the device
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
    end_to_end: dict[str, Any] | None = None  # end_to_end.run_end_to_end, when asked for

    def result(self, backend: str) -> BackendResult | None:
        return next((r for r in self.results if r.backend == backend), None)

    @property
    def equal_output_lengths(self) -> bool:
        lengths = {n for r in self.results for n in r.output_lengths}
        return lengths == {self.config.new_tokens}

    def speedup(self, backend: str) -> float | None:
        return self.ratio(backend, BASELINE)

    def ratio(self, backend: str, reference: str) -> float | None:
        """sentences/s of `backend` over those of `reference` (None when either was not measured)."""
        base, other = self.result(reference), self.result(backend)
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
        data["ctranslate2_vs_expert"] = self.ratio("ctranslate2", EXPERT)  # ≥ 0.9: the project adds little
        data["end_to_end"] = self.end_to_end
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
    vs_expert = report.ratio("ctranslate2", EXPERT)
    if vs_expert is not None:
        lines.append(f"project CTranslate2 path vs hand-written translate_batch: {vs_expert:.2f}×")
    if report.end_to_end:
        from summarizer.bench.end_to_end import render_end_to_end

        lines += ["", render_end_to_end(report.end_to_end)]
    return "\n".join(lines)

