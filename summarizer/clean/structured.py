"""Structured data a page carries besides its visible text: JSON-LD articles and app-state JSON in <script>s.

Sites built as JavaScript apps (Next.js, Nuxt, Redux) ship the article only as JSON (`__NEXT_DATA__`,
`window.__INITIAL_STATE__ = {...}`), and most news sites describe it in JSON-LD (`NewsArticle`: headline,
articleBody, datePublished, author). read_structured() finds those objects with a real JSON parser, bounded in size
and work, and returns the article they describe; html.py uses it where the DOM has less.
"""

from __future__ import annotations

import html as html_entities
import json
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Iterator

from summarizer.clean import metadata
from summarizer.clean.classify import normalise_lines

MAX_SCRIPT_CHARS = 4_000_000  # a script larger than this is a bundle, not page data: skipped
MAX_JSON_NODES = 200_000  # values visited per page across all scripts: bounds the time on huge state objects
MIN_DOM_SHARE = 0.6  # of the structured body's words: a DOM text holding fewer missed the article
MIN_BODY_CHARS = 150  # a text field shorter than this is a teaser or a summary, not an article body
ARTICLE_TYPES = frozenset({
    "newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle", "backgroundnewsarticle",
    "reviewnewsarticle", "blogposting", "socialmediaposting", "liveblogposting", "report", "techarticle", "scholarlyarticle",
})
# Keys app states use for the parts of an article (compared lower-case, without '_' or '-').
_BODY_KEYS = frozenset({"articlebody", "body", "content", "contents", "bodyhtml", "contenthtml", "html", "text", "story",
                        "articlecontent", "newscontent", "articletext", "fulltext", "maintext", "cntn", "ctt"})
_TITLE_KEYS = frozenset({"headline", "title", "articletitle", "newstitle", "subject", "tit", "name", "maintitle"})
_PUBLISHED_KEYS = frozenset({"datepublished", "publishedat", "publishdate", "publisheddate", "publishedtime", "pubdate",
                             "firstpublishdate", "firstpublished", "createdat", "createddate", "regdate", "regdt", "regdttm",
                             "servicedate", "displaydate", "date", "inputdate", "writedate", "publishtime", "releasedate"})
_UPDATED_KEYS = frozenset({"datemodified", "updatedat", "modifieddate", "modifiedat", "lastmodified", "updatedate",
                           "updatedtime", "moddate", "moddt", "lastupdated", "lastpublishdate", "editdate"})
_AUTHOR_KEYS = frozenset({"author", "authors", "reporter", "reporters", "writer", "writers", "byline", "creator",
                          "reportername", "writername", "authorname", "credits"})
_STATE_ASSIGNMENT = re.compile(
    r"(?:window\.|self\.|var\s+|let\s+|const\s+)?(__(?:INITIAL|PRELOADED|APOLLO|REDUX)_STATE__|__NUXT__|__DATA__|__STATE__|"
    r"__APP_STATE__|__INITIAL_DATA__|__INITIAL_PROPS__)\s*=\s*"
)
_WORDS = re.compile(r"\w+")
_TAG = re.compile(r"<\s*/?\s*(?:p|br|div|span|strong|b|em|i|a|figure|img|h[1-6]|ul|li|blockquote)\b", re.I)
_DROPPED_ELEMENTS = ("script", "style", "figure", "figcaption", "img", "iframe", "video", "audio", "noscript", "button")
_BLOCK_ELEMENTS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section", "article", "tr", "pre")


@dataclass(frozen=True)
class StructuredArticle:
    """The article as the page's JSON describes it; empty fields where it says nothing."""

    origin: str  # "json-ld" or "app-state"
    title: str = ""
    paragraphs: tuple[str, ...] = ()
    published: datetime | None = None
    updated: datetime | None = None
    authors: tuple[str, ...] = ()  # names as written ('홍길동 기자', 'Jane Doe')
    publisher: str = ""

    @property
    def body(self) -> str:
        return "\n".join(self.paragraphs)


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
            app_states.append(_nuxt_objects(value) if script.get("id") == "__NUXT_DATA__" else value)
        elif kind in ("", "text/javascript", "application/javascript", "module"):
            app_states += _assigned_values(text)
            flight += _flight_chunks(text)
    app_states += _flight_values("".join(flight))
    found = [a for a in found if a.title or a.paragraphs]
    candidates = [c for state in app_states if state is not None for c in _article_shapes(state, budget)]
    if candidates:
        found.append(_best_shape(candidates, title_hint))
    return found


def _loads(text: str) -> Any:
    try:
        return json.loads(text.strip().rstrip(";"), strict=False)  # strict=False: raw newlines inside strings occur
    except (ValueError, RecursionError):
        return None


def _assigned_values(text: str) -> list[Any]:
    """JSON values assigned to well-known state globals in a script ('window.__INITIAL_STATE__ = {...};')."""
    decoder = json.JSONDecoder(strict=False)
    values = []
    for match in _STATE_ASSIGNMENT.finditer(text):
        start = match.end()
        try:
            if text.startswith("JSON.parse(", start):  # window.__STATE__ = JSON.parse("{\"a\": 1}")
                literal, _ = decoder.raw_decode(text, start + len("JSON.parse("))
                values.append(json.loads(literal, strict=False) if isinstance(literal, str) else None)
            elif text[start:start + 1] in ("{", "["):
                values.append(decoder.raw_decode(text, start)[0])
        except (ValueError, RecursionError):  # JavaScript, not JSON ('__NUXT__=(function(a){…})'): not ours to read
            continue
    return values


_FLIGHT_PUSH = "self.__next_f.push("
_FLIGHT_ROW = re.compile(r"^[0-9a-f]{1,8}:(?=[\[{])", re.M)


def _flight_chunks(text: str) -> list[str]:
    """The string chunks of 'self.__next_f.push([1,"…"])' calls (each a JSON array)."""
    decoder = json.JSONDecoder(strict=False)
    chunks = []
    start = text.find(_FLIGHT_PUSH)
    while start >= 0:
        try:
            value, end = decoder.raw_decode(text, start + len(_FLIGHT_PUSH))
        except (ValueError, RecursionError):
            end = start + len(_FLIGHT_PUSH)
        else:
            if isinstance(value, list) and len(value) >= 2 and value[0] == 1 and isinstance(value[1], str):
                chunks.append(value[1])
        start = text.find(_FLIGHT_PUSH, end)
    return chunks


def _flight_values(payload: str) -> list[Any]:
    """JSON rows of a React Server Components payload ('1a:{"article":{…}}', '5:["$","div",…]')."""
    if len(payload) > MAX_SCRIPT_CHARS:
        return []
    decoder = json.JSONDecoder(strict=False)
    values = []
    for match in _FLIGHT_ROW.finditer(payload):
        try:
            values.append(decoder.raw_decode(payload, match.end())[0])
        except (ValueError, RecursionError):
            continue
    return values


def _nuxt_objects(payload: Any) -> list[dict]:
    """Nuxt 3's '__NUXT_DATA__' is a flat array whose objects hold indexes into it: objects with their values put back."""
    if not isinstance(payload, list):
        return []
    size = len(payload)

    def value(index: Any) -> Any:
        return payload[index] if isinstance(index, int) and not isinstance(index, bool) and 0 <= index < size else index

    return [{k: value(v) for k, v in item.items()} for item in payload[:MAX_JSON_NODES] if isinstance(item, dict)]


def _walk(value: Any, budget: list[int]) -> Iterator[dict]:
    """Every dict inside a JSON value, outermost first; stops when the page's node budget is spent."""
    stack = [value]
    while stack and budget[0] > 0:
        item = stack.pop()
        budget[0] -= 1
        if isinstance(item, dict):
            yield item
            stack.extend(reversed([v for v in item.values() if isinstance(v, (dict, list))]))
        elif isinstance(item, list):
            stack.extend(reversed([v for v in item if isinstance(v, (dict, list))]))


# --- JSON-LD --------------------------------------------------------------------------------------------------------

def _json_ld_articles(value: Any, budget: list[int]) -> list[dict]:
    """NewsArticle/Article objects at any depth ('@graph', lists, 'mainEntity')."""
    return [item for item in _walk(value, budget) if _types(item) & ARTICLE_TYPES]


def _types(item: dict) -> set[str]:
    kind = item.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {k.strip().lower() for k in kinds if isinstance(k, str)}


def _from_json_ld(item: dict) -> StructuredArticle:
    publisher = item.get("publisher")
    return StructuredArticle(
        origin="json-ld",
        title=_first_text(item.get("headline")) or _first_text(item.get("name")),
        paragraphs=tuple(body_paragraphs(_raw_text(item.get("articleBody")) or _raw_text(item.get("text")))),
        published=_datetime(item.get("datePublished") or item.get("dateCreated")),
        updated=_datetime(item.get("dateModified")),
        authors=tuple(_person_names(item.get("author")) or _person_names(item.get("creator"))),
        publisher=_first_text(publisher.get("name")) if isinstance(publisher, dict) else _first_text(publisher),
    )


def _first_text(value: Any) -> str:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), "")
    return " ".join(html_entities.unescape(value).split()) if isinstance(value, str) else ""


def _raw_text(value: Any) -> str:
    """A body string as given (its newlines mark paragraphs), the first of a list."""
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), "")
    return value if isinstance(value, str) else ""


def _person_names(value: Any) -> list[str]:
    """Names from an author field: a string, {"@type": "Person", "name": …}, or a list of those; organisations skipped."""
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items[:20]:
        if isinstance(item, dict):
            if _types(item) & {"organization", "newsmediaorganization", "corporation"}:
                continue
            item = item.get("name") or item.get("reporterName") or item.get("writerName") or item.get("byline")
        if isinstance(item, str) and item.strip() and not item.strip().startswith("http"):
            names.append(" ".join(html_entities.unescape(item).split())[:200])
    return metadata.unique(names)


def _datetime(value: Any) -> datetime | None:
    """A datetime from an ISO/RFC 2822/Korean string or an epoch number (seconds or milliseconds)."""
    if isinstance(value, list) and value:
        value = value[0]
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)) or (isinstance(value, str) and re.fullmatch(r"\d{10}|\d{13}", value.strip())):
        return metadata.datetime_from_epoch(float(value))
    return metadata.parse_datetime(value) if isinstance(value, str) and value.strip() else None


# --- app state: find the article by its shape ---------------------------------------------------------------------

@dataclass(frozen=True)
class _Shape:
    article: StructuredArticle
    body_chars: int
    depth_order: int  # position in the walk: the page's own story usually comes before its related stories


def _article_shapes(state: Any, budget: list[int]) -> list[_Shape]:
    """Objects in an app state shaped like an article: a long text field (the body) next to a title-like field."""
    shapes = []
    for order, item in enumerate(_walk(state, budget)):
        fields = {_key(k): v for k, v in item.items() if isinstance(k, str)}
        body = _body_field(fields)
        if not body:
            continue
        paragraphs = body_paragraphs(body)
        chars = sum(len(p) for p in paragraphs)
        title = next((_first_text(fields[k]) for k in _TITLE_KEYS if k in fields and _is_title(fields[k])), "")
        if chars < MIN_BODY_CHARS or not title:
            continue
        published = next((d for k in _PUBLISHED_KEYS if k in fields for d in [_datetime(fields[k])] if d), None)
        updated = next((d for k in _UPDATED_KEYS if k in fields for d in [_datetime(fields[k])] if d), None)
        authors = next((n for k in _AUTHOR_KEYS if k in fields for n in [_person_names(fields[k])] if n), [])
        article = StructuredArticle("app-state", title, tuple(paragraphs), published, updated, tuple(authors))
        shapes.append(_Shape(article, chars, order))
    return shapes


def _key(name: str) -> str:
    return name.lower().replace("_", "").replace("-", "")


def _is_title(value: Any) -> bool:
    return isinstance(value, str) and 4 <= len(value.strip()) <= 300 and "\n" not in value.strip()


def _body_field(fields: dict[str, Any]) -> str:
    """The longest body-named text field, or the text of a list of content blocks ('content_elements': [{…}])."""
    best = ""
    for key, value in fields.items():
        if key not in _BODY_KEYS and not key.endswith(("body", "content", "contents", "elements", "blocks")):
            continue
        if isinstance(value, dict):  # {"content": {"html": "<p>…"}}
            value = next((v for k, v in value.items() if isinstance(v, str) and _key(k) in _BODY_KEYS), "")
        if isinstance(value, list):
            value = "\n".join(_block_text(block) for block in value[:500])
        if isinstance(value, str) and len(value) > len(best):
            best = value
    return best


def _block_text(block: Any) -> str:
    """One content block of a list body: a string, or a text block's 'content'/'text'/'html' (images and ads skipped)."""
    if isinstance(block, str):
        return block
    if not isinstance(block, dict) or str(block.get("type", "text")).lower() not in ("text", "paragraph", "p", "html", "raw_html", "header", "heading", "quote", "list_item"):
        return ""
    value = next((block[k] for k in ("content", "text", "html", "value") if isinstance(block.get(k), str)), "")
    return f"<p>{value}</p>" if value and not _TAG.search(value) else value


def _best_shape(shapes: list[_Shape], title_hint: str) -> StructuredArticle:
    """The page's own story: titled like the page when one is, else the longest body (earliest on ties)."""
    hint = _comparable(title_hint)
    titled = [s for s in shapes if hint and _comparable(s.article.title) and _comparable(s.article.title) in hint]
    pool = titled or shapes
    return max(pool, key=lambda s: (s.body_chars, -s.depth_order)).article


def _comparable(text: str) -> str:
    return "".join(re.findall(r"\w+", text)).casefold()


# --- body strings: HTML or plain text → paragraphs -----------------------------------------------------------------

def body_paragraphs(body: str) -> list[str]:
    """Paragraphs of a body string: HTML ('<p>…</p>', '…<br><br>…', figures dropped) or plain text split at newlines."""
    if not body or not body.strip():
        return []
    if _TAG.search(body):
        body = _html_text(body)
    else:
        body = html_entities.unescape(body)
    return [line for line in normalise_lines(body) if len(line) > 1]


def _html_text(fragment: str) -> str:
    """The text of an HTML fragment with a newline at each block and <br>."""
    from lxml import etree
    from lxml.html import fragment_fromstring

    try:
        root = fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return html_entities.unescape(re.sub(r"<[^>]{0,500}>", "\n", fragment))
    for element in list(root.iter(*_DROPPED_ELEMENTS)):
        parent, previous, tail = element.getparent(), element.getprevious(), element.tail
        if parent is None:
            continue
        parent.remove(element)
        if tail:  # the text after a dropped photo belongs to the article
            _append_text(parent, previous, "\n" + tail)
    for element in root.iter("br", *_BLOCK_ELEMENTS):
        element.tail = "\n" + (element.tail or "")
        if element.tag != "br":
            element.text = "\n" + (element.text or "")
    return root.text_content()


def _append_text(parent, previous, text: str) -> None:  # type: ignore[no-untyped-def]
    if previous is not None:
        previous.tail = (previous.tail or "") + text
    else:
        parent.text = (parent.text or "") + text



# --- using it: where structured data beats the DOM ------------------------------------------------------------------

def merge_into_meta(meta, articles: list[StructuredArticle]):  # type: ignore[no-untyped-def]
    """The page's <head> metadata (html.HtmlMeta) with structured data ranked in:

    - title: the JSON headline when the page title is only the site's name, or is that headline plus a site affix;
    - published: the JSON time when the metas give none or only a day; updated likewise;
    - authors: JSON-LD/app-state persons before author metas (which often name the outlet);
    - outlet: the JSON-LD publisher joins the outlet candidates.
    """
    if not articles:
        return meta
    from dataclasses import replace

    def first(attribute: str):  # type: ignore[no-untyped-def]
        return next((getattr(a, attribute) for a in articles if getattr(a, attribute)), None)

    headline, published, updated = first("title") or "", first("published"), first("updated")
    publisher = first("publisher")
    page = _comparable(meta.title or meta.page_title)
    sites = {_comparable(s) for s in (publisher, meta.site_name, *meta.outlet_candidates) if s}
    site_only = not page or page in sites or bool(metadata.canonical_outlet(meta.title or meta.page_title))
    cut = headline.endswith(("…", "..."))  # cut to schema.org's 110 characters
    # the visible headline (og:title) wins over an SEO headline; the JSON one only replaces a site name or an affixed copy
    title = headline if headline and (site_only or (not cut and _comparable(headline) in page)) else meta.title
    if published is not None and (meta.published is None or (meta.date_only and published.time() != datetime.min.time())):
        meta = replace(meta, published=published, date_only=published.time() == datetime.min.time())
    return replace(
        meta,
        title=title,
        updated=meta.updated or updated,
        authors=tuple(first("authors") or ()) or meta.authors,
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
    same_text = _comparable(dom_body) == _comparable(best.body)
    return best.body if same_text and len(best.paragraphs) > len(normalise_lines(dom_body)) else dom_body
