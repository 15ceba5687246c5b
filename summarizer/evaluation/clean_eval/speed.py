"""Pages per second on one core: text dumps, Korean HTML, ScrapingHub HTML."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from summarizer.evaluation.clean_eval.benchmarks import EXAMPLE, KOREAN_PAGES, SCRAPINGHUB, load_scrapinghub
from summarizer.evaluation.clean_eval.scoring import clean_page

@dataclass(frozen=True)
class Rate:
    """Throughput of one single-threaded process: pages per CPU-second (= per core) and per wall-clock second."""

    pages: int
    per_cpu_second: float
    per_wall_second: float


def pages_per_second(pages: list[bytes], clean: Callable[[bytes], Any], min_seconds: float = 2.0) -> Rate:
    """Clean `pages` in whole passes until min_seconds of CPU time are spent; CPU time is what one core delivers
    regardless of other load on the machine (the cleaner is single-threaded), wall time is shown beside it."""
    if not pages:
        return Rate(0, 0.0, 0.0)
    for page in pages[:3]:  # warm-up: imports, compiled patterns
        clean(page)
    done, cpu0, wall0 = 0, time.process_time(), time.perf_counter()
    while True:
        for page in pages:
            clean(page)
        done += len(pages)
        cpu = time.process_time() - cpu0
        if cpu >= min_seconds:
            return Rate(len(pages), done / cpu, done / (time.perf_counter() - wall0))


@dataclass(frozen=True)
class SpeedResult:
    text_dumps: Rate
    korean_html: Rate
    scrapinghub_html: Rate


def measure_speed(data_dir: Path, fixtures: Path | None, min_seconds: float = 2.0, scrapinghub_limit: int | None = None) -> SpeedResult:
    """Pages/s on one core: text dumps (fixtures + the example), Korean HTML (fixtures + the two pages), ScrapingHub."""
    dumps = [(data_dir / f"{EXAMPLE}.txt").read_bytes()] if (data_dir / f"{EXAMPLE}.txt").exists() else []
    korean_html = [p.read_bytes() for p in sorted((data_dir / KOREAN_PAGES).glob("*.html"))]
    if fixtures:
        dumps += [p.read_bytes() for p in sorted(fixtures.glob("dumps/*.txt"))]
        korean_html += [p.read_bytes() for p in sorted(fixtures.glob("html/*.html"))]
    english = [html for _, html, _, _ in load_scrapinghub(data_dir, scrapinghub_limit)] if (data_dir / SCRAPINGHUB).exists() else []
    return SpeedResult(pages_per_second(dumps, clean_page, min_seconds), pages_per_second(korean_html, clean_page, min_seconds),
                       pages_per_second(english, clean_page, min_seconds))

