"""The example page, ScrapingHub's 181 pages and the benchmark's two Korean pages, each against its own gold."""

from __future__ import annotations

import gzip
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from summarizer.clean.keep import BENCHMARK_KEEP
from summarizer.evaluation.clean_eval.scoring import PRF, clean_page, benchmark_text, benchmark_text_or_empty, mean_prf, same_minute, token_prf

EXAMPLE = "seed/newspim_gwangju_ai_2020"
SCRAPINGHUB = "extraction/scrapinghub"
KOREAN_PAGES = "extraction/korean_pages"


@dataclass(frozen=True)
class SeedResult:
    f1: PRF
    paragraphs: int
    gold_paragraphs: int
    title_exact: bool
    published_ok: bool
    published_at: str | None
    reporters: list[str]
    reporters_ok: bool
    leaked: list[str]


def evaluate_seed(data_dir: Path) -> SeedResult:
    """The example page against its hand-made gold."""
    gold = json.loads((data_dir / f"{EXAMPLE}.gold.json").read_text(encoding="utf-8"))
    article = clean_page((data_dir / f"{EXAMPLE}.txt").read_bytes())
    body = article.text
    return SeedResult(
        f1=token_prf(body, "\n".join(gold["paragraphs"])),
        paragraphs=len(article.paragraphs),
        gold_paragraphs=len(gold["paragraphs"]),
        title_exact=article.title == gold["title"],
        published_ok=same_minute(article.published_at, gold.get("published_at")),
        published_at=article.published_at.isoformat() if article.published_at else None,
        reporters=list(article.reporters),
        reporters_ok=list(article.reporters) == gold["reporters"],
        leaked=[s for s in gold.get("must_not_contain", []) if s in body],
    )


# --- ScrapingHub ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class BenchmarkResult:
    pages: int
    cleaner: PRF  # keep=all: the benchmark's own convention of what the article body is
    cleaner_default: PRF  # the default, prose-only body (differs only where Korean in-article furniture was found)
    trafilatura: PRF
    cleaner_pages_per_s: float  # per CPU-second
    trafilatura_pages_per_s: float
    worst: list[tuple[str, float, float]] = field(default_factory=list)  # (id, cleaner F1, trafilatura F1)


def load_scrapinghub(data_dir: Path, limit: int | None = None) -> list[tuple[str, bytes, str, str]]:
    """(id, html bytes, gold body, url) for each page of the benchmark."""
    root = data_dir / SCRAPINGHUB
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for path in sorted((root / "html").glob("*.html.gz")):
        page_id = path.name.split(".")[0]
        if page_id in truth:
            pages.append((page_id, gzip.decompress(path.read_bytes()), truth[page_id]["articleBody"], truth[page_id].get("url", "")))
        if limit and len(pages) >= limit:
            break
    return pages


def evaluate_scrapinghub(data_dir: Path, limit: int | None = None) -> BenchmarkResult:
    """Mean P/R/F1 of this cleaner (keep=all, and the default body) and of plain trafilatura.extract (default
    options) on the same pages; the speed figure is the keep=all run's."""
    import trafilatura

    pages = load_scrapinghub(data_dir, limit)
    ours, ours_default, theirs, worst = [], [], [], []
    ours_s = theirs_s = 0.0
    for page_id, html, gold, url in pages:
        start = time.process_time()
        predicted = benchmark_text_or_empty(html, url, BENCHMARK_KEEP)
        ours_s += time.process_time() - start
        ours_default.append(token_prf(benchmark_text_or_empty(html, url, frozenset()), gold))
        start = time.process_time()
        plain = trafilatura.extract(html, url=url) or ""
        theirs_s += time.process_time() - start
        ours.append(token_prf(predicted, gold))
        theirs.append(token_prf(plain, gold))
        worst.append((page_id[:12], ours[-1].f1, theirs[-1].f1))
    worst.sort(key=lambda row: row[1] - row[2])
    return BenchmarkResult(len(pages), mean_prf(ours), mean_prf(ours_default), mean_prf(theirs), len(pages) / max(ours_s, 1e-9),
                           len(pages) / max(theirs_s, 1e-9), worst[:5])



# --- the two Korean pages ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class KoreanPageResult:
    page: str
    vs_benchmark_gold: PRF  # keep=all output vs the benchmark's gold (its convention: byline, credit, copyright are body)
    default_vs_benchmark_gold: PRF  # the default prose-only output vs the same gold
    vs_project_gold: PRF | None  # the default output vs the gold minus those lines (see fixtures/clean/korean_pages)
    title: str
    published_at: str | None
    reporters: list[str]


def evaluate_korean_pages(data_dir: Path, fixtures: Path | None) -> list[KoreanPageResult]:
    """The benchmark's two Korean pages, each convention scored against its own gold: keep=all vs the benchmark's
    gold, the default output vs the gold in this project's body convention (and vs the benchmark's, for the record)."""
    results = []
    for path in sorted((data_dir / KOREAN_PAGES).glob("*.html")):
        stem = path.name[: -len(".html")]
        gold = (path.parent / f"{stem}.gold.txt").read_text(encoding="utf-8")
        url_file = path.parent / f"{stem}.url"
        url = url_file.read_text().strip() if url_file.exists() else None
        article = clean_page(path.read_bytes(), url=url)
        predicted = benchmark_text(article)
        kept = benchmark_text(clean_page(path.read_bytes(), url=url, keep=BENCHMARK_KEEP))
        project = None
        convention = fixtures / "korean_pages" / f"{stem}.convention.json" if fixtures else None
        if convention and convention.exists():
            project = token_prf(predicted, project_convention_gold(gold, json.loads(convention.read_text(encoding="utf-8"))))
        results.append(KoreanPageResult(stem, token_prf(kept, gold), token_prf(predicted, gold), project, article.title,
                                        article.published_at.isoformat() if article.published_at else None, list(article.reporters)))
    return results


def project_convention_gold(gold: str, convention: dict[str, Any]) -> str:
    """The benchmark gold minus the lines and lead prefix that this project's body convention leaves out."""
    text = gold
    for prefix in convention.get("drop_prefixes", []):
        text = text.replace(prefix, "", 1)
    drop = set(convention.get("drop_lines", []))
    return "\n".join(line for line in text.splitlines() if line.strip() not in drop)

