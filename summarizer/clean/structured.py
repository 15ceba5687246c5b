"""Structured data a page carries besides its visible text: JSON-LD articles and app-state JSON in <script>s.

Sites built as JavaScript apps (Next.js, Nuxt, Redux) ship the article only as JSON (app_state.py), and most news
sites describe it in JSON-LD (`NewsArticle`: headline, articleBody, datePublished, author). read_structured() finds
those objects with a real JSON parser, bounded in size and work; merge_into_meta() and better_body() rank them
against the page's metas and DOM text (html.py calls both).
"""

from __future__ import annotations

import json
import re
from typing import Any

from summarizer.clean.app_state import MIN_BODY_CHARS, app_state_article, assigned_values, flight_chunks, flight_values, nuxt_objects
from summarizer.clean.candidates import Candidate, choose_names, choose_time, choose_title, is_date_only
from summarizer.clean.classify import normalise_lines
from summarizer.clean.json_fields import (
    StructuredArticle,
    body_paragraphs,
    comparable,
    first_text,
    json_datetime,
    person_names,
    raw_text,
    types_of,
    walk,
)

__all__ = ["StructuredArticle", "better_body", "body_paragraphs", "merge_into_meta", "read_structured"]

MAX_SCRIPT_CHARS = 4_000_000  # a script larger than this is a bundle, not page data: skipped
MAX_JSON_NODES = 200_000  # values visited per page across all scripts: bounds the time on huge state objects
MIN_DOM_SHARE = 0.6  # of the structured body's words: a DOM text holding fewer missed the article
ARTICLE_TYPES = frozenset({
    "newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle", "backgroundnewsarticle",
    "reviewnewsarticle", "blogposting", "socialmediaposting", "liveblogposting", "report", "techarticle", "scholarlyarticle",
})
_WORDS = re.compile(r"\w+")


def read_structured(tree, title_hint: str = "") -> list[StructuredArticle]:  # type: ignore[no-untyped-def]
    """Articles described by the page's JSON-LD and app-state scripts, best first (JSON-LD before app state).

    `title_hint`: the page's <title>/og:title; among several article-shaped objects in one app state (the story and
    its related stories), the one whose title it contains wins, then the longest body.
    """
    budget = [MAX_JSON_NODES]
    found: list[StructuredArticle] = []
    app_states: list[Any] = []
    flight: list[str] = []  # Next.js app router: the page's data as 'self.__next_f.push([1, "…"])' chunks
    for script in tree.iter("script"):
        text = script.text or ""
        if not text.strip() or len(text) > MAX_SCRIPT_CHARS:
            continue
        kind = (script.get("type") or "").strip().lower()
        if kind == "application/ld+json":
            value = _loads(text)
            found += [_from_json_ld(obj) for obj in _json_ld_articles(value, budget)]
        elif kind == "application/json" or script.get("id") == "__NEXT_DATA__":
            value = _loads(text)
            app_states.append(nuxt_objects(value) if script.get("id") == "__NUXT_DATA__" else value)
        elif kind in ("", "text/javascript", "application/javascript", "module"):
            app_states += assigned_values(text)
            flight += flight_chunks(text)
    app_states += flight_values("".join(flight))
    found = [a for a in found if a.title or a.paragraphs]
    from_state = app_state_article(app_states, budget, title_hint)
    return found + [from_state] if from_state is not None else found


def _loads(text: str) -> Any:
    try:
        return json.loads(text.strip().rstrip(";"), strict=False)  # strict=False: raw newlines inside strings occur
    except (ValueError, RecursionError):
        return None


# --- JSON-LD --------------------------------------------------------------------------------------------------------


def _json_ld_articles(value: Any, budget: list[int]) -> list[dict]:
    """NewsArticle/Article objects at any depth ('@graph', lists, 'mainEntity')."""
    return [item for item in walk(value, budget) if types_of(item) & ARTICLE_TYPES]


def _from_json_ld(item: dict) -> StructuredArticle:
    publisher = item.get("publisher")
    return StructuredArticle(
        origin="json-ld",
        title=first_text(item.get("headline")) or first_text(item.get("name")),
        paragraphs=tuple(body_paragraphs(raw_text(item.get("articleBody")) or raw_text(item.get("text")))),
        published=json_datetime(item.get("datePublished") or item.get("dateCreated")),
        updated=json_datetime(item.get("dateModified")),
        authors=tuple(person_names(item.get("author")) or person_names(item.get("creator"))),
        publisher=first_text(publisher.get("name")) if isinstance(publisher, dict) else first_text(publisher),
    )


# --- using it: where structured data beats the DOM ------------------------------------------------------------------


def merge_into_meta(meta, articles: list[StructuredArticle]):  # type: ignore[no-untyped-def]
    """The page's <head> metadata (html.HtmlMeta) with structured data ranked in (candidates.py):

    - title: choose_title (the JSON headline replaces a site-only or affixed page title, not a visible headline);
    - published/updated: choose_time (metas first; a date-only meta takes the JSON's time of that day);
    - authors: JSON-LD/app-state persons before author metas (which often name the outlet);
    - outlet: the JSON-LD publisher joins the outlet candidates.
    """
    if not articles:
        return meta
    from dataclasses import replace

    def first(attribute: str):  # type: ignore[no-untyped-def]
        return next((getattr(a, attribute) for a in articles if getattr(a, attribute)), None)

    publisher = first("publisher")
    sites = (publisher, meta.site_name, *meta.outlet_candidates)
    published = choose_time([Candidate(meta.published, "meta")] + [Candidate(a.published, a.origin) for a in articles])
    updated = choose_time([Candidate(meta.updated, "meta")] + [Candidate(a.updated, a.origin) for a in articles])
    authors = choose_names([Candidate(list(meta.authors), "meta")] + [Candidate(list(a.authors), a.origin) for a in articles])
    return replace(
        meta,
        title=choose_title(meta.title or meta.page_title, first("title") or "", sites) if first("title") else meta.title,
        published=published,
        date_only=meta.date_only if published == meta.published else is_date_only(published),
        updated=updated,
        authors=tuple(authors),
        outlet_candidates=meta.outlet_candidates + ((publisher,) if publisher else ()),
    )


def better_body(dom_body: str, articles: list[StructuredArticle]) -> str:
    """The structured body when the DOM's main text misses most of it (script-only pages, or pages whose DOM holds only
    menus and teasers), else the DOM's (its page order, captions and bylines are what the layout pass expects).
    trafilatura's own fallback may return the JSON-LD articleBody as one block: the same text with more paragraph
    breaks wins."""
    best = max((a for a in articles if a.paragraphs), key=lambda a: len(a.body), default=None)
    if best is None or len(best.body) < MIN_BODY_CHARS:
        return dom_body
    words = set(_WORDS.findall(best.body.casefold()))
    found = words & set(_WORDS.findall(dom_body.casefold()))
    if len(found) < MIN_DOM_SHARE * len(words):
        return best.body
    same_text = comparable(dom_body) == comparable(best.body)
    return best.body if same_text and len(best.paragraphs) > len(normalise_lines(dom_body)) else dom_body
