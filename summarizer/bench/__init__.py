"""Speed, side by side in one run (`summarizer bench`).

* sentences.py   the same Korean sentences through naive transformers, this project's transformers and
                 CTranslate2 backends, and a hand-written CTranslate2 `translate_batch` (the expert);
* end_to_end.py  articles/s for the whole job: a glue script as a user writes it vs `summarizer batch`,
                 and wire duplicates vs distinct articles;
* standins.py    random-weight stand-ins with the real architectures of the default models;
* report.py, machine.py, runners.py, main.py: the report, memory and machine facts, runners, the entry.
"""

from summarizer.bench.end_to_end import EndToEndConfig, run_end_to_end
from summarizer.bench.main import bench_main
from summarizer.bench.report import BACKENDS, BackendResult, BenchConfig, BenchReport, render_text
from summarizer.bench.sentences import run_backend, run_bench

__all__ = [
    "BACKENDS", "BackendResult", "BenchConfig", "BenchReport", "EndToEndConfig",
    "bench_main", "render_text", "run_backend", "run_bench", "run_end_to_end",
]
