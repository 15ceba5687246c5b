"""Page metadata chosen among candidates from every source, by one ranking per field that tests can read.

Sources, as html.py and structured.py name them: 'meta' (<meta> tags), 'json-ld', 'app-state', 'text' (the lines
of the article: '입력 …' stamps, bylines, sign-offs), 'byline' (byline elements of the DOM), 'htmldate' (its
search of URL and markup), 'page' (a date/time element shown on the page).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Generic, Iterable, TypeVar

from summarizer.clean import metadata

T = TypeVar("T")

# Best first. A published time: the page's own declarations, then its visible stamps, then searches.
PUBLISHED_RANKING = ("meta", "json-ld", "text", "app-state", "htmldate", "page")
# Reporters: the article's own byline lines, then byline elements, then structured authors, then author metas
# (which often name the outlet or the portal), then the writer a column's title names ('[동아광장/문영진]…').
REPORTER_RANKING = ("text", "byline", "json-ld", "app-state", "meta", "title")


@dataclass(frozen=True)
class Candidate(Generic[T]):
    """One source's answer for a field."""

    value: T
    source: str


def choose_time(candidates: Iterable[Candidate[datetime | None]], ranking: tuple[str, ...] = PUBLISHED_RANKING) -> datetime | None:
    """The best-ranked time; when it has only a day, the time of day of the best-ranked candidate on that same day
    ('2016-08-09' in a meta, '2016-08-09 16:52:59' shown on the page → 16:52:59). Another day never replaces it."""
    ranked = sorted((c for c in candidates if c.value is not None), key=lambda c: _rank(c.source, ranking))
    if not ranked:
        return None
    best = ranked[0].value
    for candidate in ranked[1:]:
        best = metadata.more_precise(best, candidate.value)
    return best


def choose_names(candidates: Iterable[Candidate[list[str]]], ranking: tuple[str, ...] = REPORTER_RANKING) -> list[str]:
    """The names of the best-ranked source that has any."""
    ranked = sorted((c for c in candidates if c.value), key=lambda c: _rank(c.source, ranking))
    return list(ranked[0].value) if ranked else []


def choose_title(page_title: str, headline: str, site_names: Iterable[str]) -> str:
    """The page's title (og:title or <title>) against a structured headline: the visible title wins over an SEO
    headline, except when the page title is only the site's name, or is that headline plus a site affix; a headline
    cut to schema.org's 110 characters ('…') never wins over a page title."""
    if not headline:
        return page_title
    page = _comparable(page_title)
    sites = {_comparable(s) for s in site_names if s}
    site_only = not page or page in sites or bool(metadata.canonical_outlet(page_title.strip()))
    cut = headline.rstrip().endswith(("…", "..."))
    if site_only or (not cut and _comparable(headline) in page):
        return headline
    return page_title


def is_date_only(value: datetime | None) -> bool:
    return value is not None and value.time() == datetime.min.time()


def _rank(source: str, ranking: tuple[str, ...]) -> int:
    return ranking.index(source) if source in ranking else len(ranking)


def _comparable(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())
