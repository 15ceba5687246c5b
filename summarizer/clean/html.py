"""HTML pages: trafilatura finds the main text; Korean rules clean what it keeps; page metadata fills the gaps.

    - the tree (html_tree.py: parsed as deep as it goes, source line breaks as spaces, captions, decks, related
      boxes pruned, layout tables and <br> bodies made into blocks), then the <head>: og:title/<title> without
      the site suffix, full timestamps (article:published_time, og:regDate…), outlet and author metas;
    - Korean pages: visible '입력 2020.01.29 14:52' lines;
    - trafilatura.bare_extraction (favor_precision, no comments; the balanced mode when that keeps only a stub);
    - the layout pass (layout.py) over its lines: lead dateline/byline, captions, sign-offs, copyright,
      '주요뉴스' lead lines, related-article tails. Pages in other languages get only the end/chrome rules;
    - where those rules are not confident, trafilatura's text as it is (fallback.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Sequence

from summarizer.clean import metadata, structured
from summarizer.clean.candidates import Candidate, choose_time, is_date_only
from summarizer.clean.classify import normalise_lines
from summarizer.clean.fallback import fall_back_to_extraction, is_confident
from summarizer.clean.headline import comparable
from summarizer.clean.layout import PageParts, lay_out
from summarizer.clean.html_tree import (collapse_source_newlines, paragraphs_from_breaks, parse_page, prune_captions,
                                         prune_related_blocks, prune_subtitles, unwrap_layout_tables)
from summarizer.clean.rules import HTML_BYLINE_XPATH
from summarizer.clean.site_title import clean_title, outlet_in_title, title_pieces
from summarizer.clean.textdump import MAX_LINES
from summarizer.clean.vocabulary import PORTALS
from summarizer.textio import is_korean
from summarizer.types import RemovedBlock

# Meta keys (lower-case) → what they hold, best first within each group.
_TITLE_KEYS = ("og:title", "twitter:title", "title", "dc.title")
_SITE_KEYS = ("og:site_name", "application-name", "twitter:site", "publisher", "article:publisher")
_PUBLISHED_KEYS = ("article:published_time", "og:regdate", "dable:published_time", "publish_date", "pubdate",
                   "publishdate", "date", "dc.date", "dc.date.issued", "article.published", "sailthru.date", "parsely-pub-date")
_UPDATED_KEYS = ("article:modified_time", "og:updated_time", "dable:modified_time", "lastmod", "last-modified", "dc.date.modified")
_OUTLET_KEYS = ("og:site_name", "twitter:site", "twitter:creator", "article:publisher", "publisher", "og:article:author",
                "application-name", "copyright")
_AUTHOR_KEYS = ("dable:author", "article:author", "author", "byl", "dc.creator", "sailthru.author", "parsely-author")
_STAMP_WORDS = ("입력", "수정", "등록", "송고", "승인", "업데이트", "게재", "발행")
_STAMP_XPATH = (
    "//*[not(self::script or self::style)][text()["
    + " or ".join(f"contains(., '{w}')" for w in _STAMP_WORDS)
    + "]]"
)
_MAX_STAMP_ELEMENTS = 40
# trafilatura's own metadata pass is skipped (it costs ~20% of the time): read_meta() reads what we use.
EXTRACT_OPTIONS = dict(favor_precision=True, include_comments=False, include_tables=True)
RETRY_OPTIONS = dict(include_comments=False, include_tables=True)
RECALL_RETRY_CHARS = 600  # a body shorter than this is checked against trafilatura's balanced mode
# jusText, trafilatura's fallback, compares every paragraph with its neighbours in quadratic time: a 9 MB page of
# 15,000 tables took over half an hour. Past these sizes trafilatura runs alone (fast=True), which stays linear;
# the 181 real pages of the ScrapingHub benchmark have at most 866 block elements.
LARGE_PAGE_CHARS = 1_000_000
LARGE_PAGE_BLOCKS = 3_000
_BLOCK_TAGS = ("p", "div", "li", "td", "tr", "br", "h1", "h2", "h3", "h4", "section", "article")
# Rule kinds applied to pages in other languages: the Korean caption/byline/copyright rules stay out of them.
OTHER_LANGUAGE_KINDS = frozenset({"end", "chrome"})


@dataclass(frozen=True)
class HtmlMeta:
    """What the page's <head> and visible timestamps say, before trafilatura looks at the body."""

    title: str = ""
    site_name: str = ""
    published: datetime | None = None
    updated: datetime | None = None
    authors: tuple[str, ...] = ()
    language: str = ""
    url: str = ""
    date_only: bool = False  # the published time came without hour and minute
    page_title: str = ""  # the <title> as written, site suffix included
    outlet_candidates: tuple[str, ...] = ()  # site name, publisher, creator metas (split on '|')


def clean_html(text: str, url: str | None = None, keep: frozenset[str] = frozenset()) -> tuple[PageParts, HtmlMeta]:
    """Clean an HTML page: (layout parts, page metadata). Never raises for odd markup: warnings say why.

    `keep`: in-article kinds left in the body (see keep.py); with 'caption', caption markup becomes body paragraphs.
    """
    tree, parse_warnings = parse_page(text)
    if tree is None:
        parts = PageParts()
        parts.warnings.append("the HTML could not be parsed into a document tree")
        return parts, HtmlMeta()
    meta = read_meta(tree)
    found = structured.read_structured(tree, meta.title or meta.page_title)  # JSON-LD / app state: ranked in below
    meta = structured.merge_into_meta(meta, found)
    korean = meta.language == "ko" or is_korean(meta.title)
    if korean:
        meta = _with_visible_timestamps(meta, tree)
    captions = prune_captions(tree, keep="caption" in keep) if korean else []
    decks = prune_subtitles(tree) if korean else []
    related = prune_related_blocks(tree) if korean else []
    unwrap_layout_tables(tree)
    collapse_source_newlines(tree)
    paragraphs_from_breaks(tree)
    large = len(text) > LARGE_PAGE_CHARS or sum(1 for _ in tree.iter(*_BLOCK_TAGS)) > LARGE_PAGE_BLOCKS
    fast = {"fast": True} if large else {}
    body, reason = _extract(tree, url or meta.url or None, {**EXTRACT_OPTIONS, **fast})
    if len(body) < RECALL_RETRY_CHARS:  # precision mode sometimes keeps only a stub: ask for the balanced extraction
        retry_body, _ = _extract(tree, url or meta.url or None, {**RETRY_OPTIONS, **fast})
        if len(retry_body) > 2 * len(body):
            body = retry_body
    dom_body, body = body, structured.better_body(body, found)  # script-only pages: the article lives in their JSON
    title = _best_title(meta, _headings(tree))
    korean = korean or is_korean(body[:2000])
    lines = normalise_lines(body)
    kept_captions = frozenset(captions) if "caption" in keep else frozenset()
    parts = lay_out(lines[:MAX_LINES], mode="html", title_hint=title, kinds=None if korean else OTHER_LANGUAGE_KINDS, keep=keep,
                    captions=kept_captions)
    if body is not dom_body and parts.paragraphs:  # a JSON body field holds only the article: no deck line in it
        parts.paragraphs[:0], parts.subtitles = parts.subtitles, []
    if not is_confident(parts, lines[:MAX_LINES], korean):
        fall_back_to_extraction(parts, lines[:MAX_LINES])
    if len(lines) > MAX_LINES:
        parts.warnings.append(f"only the first {MAX_LINES} lines of the extracted text were read")
    if large:
        parts.warnings.append("very large page: extracted without trafilatura's fallback extractors (they take quadratic time)")
    if not kept_captions:
        parts.removed[:0] = [RemovedBlock(text, "caption (photo caption markup)") for text in captions]
    parts.removed += [RemovedBlock(text, "related-articles block (its heading)") for text in related]
    if not body.strip():
        parts.warnings = [reason]
    parts.warnings[:0] = parse_warnings
    _merge_meta(parts, meta, tree)
    if decks and not parts.subtitles and parts.paragraphs:
        parts.subtitles = decks
    return parts, meta


def _extract(tree, url: str | None, options: dict) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """(main text, why it may be empty) from trafilatura.bare_extraction on a copy of the tree."""
    import trafilatura

    try:
        document = trafilatura.bare_extraction(tree, url=url, **options)
    except (ValueError, RecursionError) as exc:  # trafilatura signals unusable pages with ValueError
        return "", f"trafilatura failed: {type(exc).__name__}"
    text = (getattr(document, "text", None) or "") if document is not None else ""
    return text, "trafilatura found no main text (script-only, empty or navigation-only page)"


def read_meta(tree) -> HtmlMeta:  # type: ignore[no-untyped-def]
    """Title, site name, full timestamps, authors, language and canonical URL from the parsed page."""
    values: dict[str, str] = {}
    for element in tree.iterfind(".//meta"):
        key = (element.get("property") or element.get("name") or element.get("itemprop") or "").strip().lower()
        content = (element.get("content") or "").strip()
        if key and content and key not in values:
            values[key] = content
    title_element = tree.find(".//title")
    page_title = (title_element.text_content() if title_element is not None else "").strip()
    published = _first_datetime(values, _PUBLISHED_KEYS)
    updated = _first_datetime(values, _UPDATED_KEYS)
    if published is None or _date_only(values, _PUBLISHED_KEYS):  # '[입력시간 : 2018-08-25 15:24]' in a description
        described = metadata.labelled_timestamps(values.get("description", "")[-300:])
        published = next((v for role, v in described if role == "published"), None) or published
    authors = tuple(values[k] for k in _AUTHOR_KEYS if values.get(k) and not values[k].startswith("http"))
    canonical = tree.find(".//link[@rel='canonical']")
    url = values.get("og:url") or (canonical.get("href") if canonical is not None else "") or ""
    language = (tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang") or values.get("content-language") or "")
    return HtmlMeta(
        date_only=published is not None and _date_only(values, _PUBLISHED_KEYS) and published.hour == published.minute == 0,
        title=next((values[k] for k in _TITLE_KEYS if values.get(k)), "") or page_title,
        page_title=page_title,
        outlet_candidates=tuple(part for k in _OUTLET_KEYS if values.get(k) for part in values[k].split("|")),
        site_name=next((values[k] for k in _SITE_KEYS if values.get(k) and not values[k].startswith("@")), ""),
        published=published,
        updated=updated,
        authors=authors,
        language=language.split("-")[0].strip().lower(),
        url=url if url.startswith("http") else "",
    )


def _first_datetime(values: dict[str, str], keys: tuple[str, ...]) -> datetime | None:
    for key in keys:
        if values.get(key):
            parsed = metadata.parse_datetime(values[key])
            if parsed is not None:
                return parsed
    return None


def _date_only(values: dict[str, str], keys: tuple[str, ...]) -> bool:
    value = next((values[k] for k in keys if values.get(k)), "")
    return bool(value) and not re.search(r"\d[:T]\d|\d{14}", value)


def _with_visible_timestamps(meta: HtmlMeta, tree) -> HtmlMeta:  # type: ignore[no-untyped-def]
    """Fill published/updated from the page's visible '입력 …/수정 …' lines where meta tags lack the time."""
    if meta.published is not None and meta.updated is not None and not meta.date_only:
        return meta
    published, updated = _visible_timestamps(tree)
    return replace(
        meta,
        published=published if published and (meta.published is None or meta.date_only) else meta.published,
        updated=meta.updated or updated,
    )


def _visible_timestamps(tree) -> tuple[datetime | None, datetime | None]:  # type: ignore[no-untyped-def]
    """'입력 2020.01.29 14:52 | 수정 …' written on the page (label and date may sit in sibling elements)."""
    published = updated = printed = None
    for count, element in enumerate(tree.xpath(_STAMP_XPATH)):
        if count >= _MAX_STAMP_ELEMENTS or (published and updated):
            break
        text = " ".join(" ".join(element.itertext()).split())[:200]
        found = metadata.labelled_timestamps(text)
        if not found and element.getparent() is not None:
            found = metadata.labelled_timestamps(" ".join(" ".join(element.getparent().itertext()).split())[:300])
        for role, value in found:
            if role == "updated":
                updated = updated or value
            elif role == "print":
                printed = printed or value
            else:
                published = published or value
    return published or printed, updated


def _best_title(meta: HtmlMeta, headings: Sequence[str] = ()) -> str:
    """og:title (or <title>) without the site suffix; the <title> when og:title is only the site's name.

    A piece of the title that is also the page's <h1> is the headline, whatever the rest names ('제목 - 뉴스포털7'
    on an unknown portal): wire copies on several portals then share one title.
    """
    sites = tuple(s for s in (meta.site_name, *meta.outlet_candidates) if s)
    site_keys = {comparable(s) for s in sites}
    for candidate in (meta.title, meta.page_title):
        cleaned = clean_title(candidate, sites)
        if cleaned and comparable(cleaned) not in site_keys:
            return _heading_in(cleaned, headings) or cleaned
    return clean_title(meta.title or meta.page_title)


def _heading_in(title: str, headings: Sequence[str]) -> str | None:
    """The heading that is one of `title`'s separator-split pieces (and not all of it), if any."""
    pieces = {comparable(p) for p in title_pieces(title)}
    if len(pieces) < 2:
        return None
    return next((h for h in headings if comparable(h) in pieces), None)


def _headings(tree) -> list[str]:  # type: ignore[no-untyped-def]
    """Text of the page's first few <h1> elements."""
    found = []
    for count, element in enumerate(tree.iter("h1")):
        if count >= 5:
            break
        text = " ".join(" ".join(element.itertext()).split())
        if text:
            found.append(text)
    return found


def _merge_meta(parts: PageParts, meta: HtmlMeta, tree=None) -> None:  # type: ignore[no-untyped-def]
    found = [Candidate(meta.published, "meta"), Candidate(parts.published_at, "text")]  # ranking: candidates.py
    parts.published_at = choose_time(found)
    if parts.published_at is None or is_date_only(parts.published_at):  # searched only when the time is missing
        found.append(Candidate(_htmldate(tree, meta.url or None), "htmldate"))
        day = choose_time(found)
        found.append(Candidate(metadata.shown_time(tree, day) if day and tree is not None else None, "page"))
        parts.published_at = choose_time(found)
    parts.updated_at = meta.updated or parts.updated_at
    if not parts.reporters:  # the article's own byline wins; meta authors are often the outlet or the portal
        parts.reporters = _byline_reporters(tree) or _meta_reporters(meta.authors) or _bare_byline_reporters(tree)
    parts.source = parts.source or _outlet(meta)


def _outlet(meta: HtmlMeta) -> str | None:
    """The outlet from the page's site names; a news outlet wins over a portal (네이버 뉴스, 다음뉴스) hosting it."""
    known = [metadata.canonical_outlet(c.strip()) for c in meta.outlet_candidates]
    known += [outlet_in_title(meta.page_title)]
    outlets = [k for k in known if k]
    own = [k for k in outlets if k not in PORTALS]
    return (own or outlets or [meta.site_name.strip() or None])[0]


def _byline_reporters(tree) -> list[str]:  # type: ignore[no-untyped-def]
    """Names in byline elements ('<a class="article-byline__author">홍길동 기자</a>')."""
    if tree is None:
        return []
    names: list[str] = []
    for count, element in enumerate(tree.xpath(HTML_BYLINE_XPATH)):
        if count >= 10:
            break
        names += metadata.reporters_in(" ".join(" ".join(element.itertext()).split())[:200])
    return metadata.unique(names)


_BARE_BYLINE_XPATH = ("//*[not(self::script or self::style or self::title or self::a)]/text()"
                      "[contains(., '기자') or contains(., '특파원')][string-length(normalize-space(.)) <= 40]")
_BARE_BYLINE = re.compile(r"[가-힣]{2,4}(?:\s*[·,]\s*[가-힣]{2,4}){0,3}\s*(?:기자|특파원)(?:\s*외\s*\d{1,2}\s*명)?")
_MAX_BARE_BYLINES = 50  # text nodes looked at


def _bare_byline_reporters(tree) -> list[str]:  # type: ignore[no-untyped-def]
    """The first element of the page whose whole text is a byline ('<span>홍길동 기자</span>', '이름 특파원'), in a
    header with no byline class; links are skipped (related stories name their own reporters)."""
    if tree is None:
        return []
    for count, node in enumerate(tree.xpath(_BARE_BYLINE_XPATH)):
        text = " ".join(str(node).split())
        if count >= _MAX_BARE_BYLINES:
            break
        if _BARE_BYLINE.fullmatch(text) and metadata.reporters_in(text):
            return metadata.reporters_in(text)
    return []


_MAX_META_AUTHOR_CHARS = 200


def _meta_reporters(values: tuple[str, ...]) -> list[str]:
    """Names from author meta values: Korean bylines ('홍길동 기자'), or Latin names split on ';' / ' and '."""
    found: list[str] = []
    for value in values:
        value = value.strip()[:_MAX_META_AUTHOR_CHARS]
        if not value or "|" in value:
            continue
        if re.search("[가-힣]", value):
            found += metadata.reporters_in(value) or [n for n in [value] if metadata.is_personal_name(n)]
        else:
            found += [a.strip() for a in re.split(r";|,|\band\b", value) if a.strip()]
    return metadata.unique(found)


def _htmldate(tree, url: str | None = None) -> datetime | None:  # type: ignore[no-untyped-def]
    """Last resort for the date, or its time: htmldate's quick search (URL, markup, text patterns), time included."""
    if tree is None:
        return None
    try:
        from htmldate import find_date

        value = find_date(tree, extensive_search=False, original_date=True, url=url, outputformat="%Y-%m-%dT%H:%M:%S%z")
    except Exception:  # noqa: BLE001 — a missing date is not an error
        return None
    return metadata.parse_datetime(value) if value else None
