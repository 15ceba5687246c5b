"""Scores shared by the cleaner's evaluations: bag-of-tokens P/R/F1, the benchmark body, minute-equal dates."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from summarizer.types import Article

@dataclass(frozen=True)
class PRF:
    """Precision, recall and F1 of a bag of tokens."""

    precision: float
    recall: float
    f1: float


def token_prf(predicted: str, gold: str) -> PRF:
    """Bag-of-whitespace-tokens precision/recall/F1, case-folded (both empty → 1.0)."""
    pred, ref = Counter(predicted.casefold().split()), Counter(gold.casefold().split())
    if not pred and not ref:
        return PRF(1.0, 1.0, 1.0)
    overlap = sum((pred & ref).values())
    precision = overlap / sum(pred.values()) if pred else 0.0
    recall = overlap / sum(ref.values()) if ref else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PRF(precision, recall, f1)


def mean_prf(scores: list[PRF]) -> PRF:
    if not scores:
        return PRF(0.0, 0.0, 0.0)
    n = len(scores)
    return PRF(sum(s.precision for s in scores) / n, sum(s.recall for s in scores) / n, sum(s.f1 for s in scores) / n)


def benchmark_text(article: Article) -> str:
    """What extraction benchmarks call the article body: subtitles and paragraphs (the title is metadata)."""
    return "\n".join((*article.subtitles, *article.paragraphs))


def same_minute(value: datetime | None, gold: str | None) -> bool:
    """True when value (any zone) shows the gold's Seoul wall-clock minute ('2020-01-29T14:52'); both empty → True."""
    if not gold:
        return value is None
    if value is None:
        return False
    from summarizer.clean.metadata import seoul_tz

    return value.astimezone(seoul_tz()).strftime("%Y-%m-%dT%H:%M") == gold[:16]



def clean_page(raw: bytes | str, url: str | None = None, keep: frozenset[str] = frozenset()) -> Article:
    """The cleaner on one page (imported late: the evaluation modules load without the cleaner)."""
    from summarizer.clean import clean_article

    return clean_article(raw, url=url, keep=keep)



def benchmark_text_or_empty(html: bytes, url: str | None, keep: frozenset[str]) -> str:
    """The benchmark body of a page, or '' when cleaning fails (a failure scores 0 instead of stopping the run)."""
    try:
        return benchmark_text(clean_page(html, url=url, keep=keep))
    except Exception:  # noqa: BLE001 — a failure scores 0 instead of stopping the benchmark
        return ""
