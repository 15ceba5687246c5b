"""App state in a page's scripts (Next.js, Nuxt, Redux and the like) and the article found in it by its shape.

The state is parsed with a JSON parser only: `__NEXT_DATA__` and other JSON scripts, `window.__INITIAL_STATE__ = {...}`
read with JSONDecoder.raw_decode, Next.js app-router chunks (`self.__next_f.push([1, "…"])`) and Nuxt 3's
`__NUXT_DATA__`. JavaScript that is not JSON is skipped, never guessed at with patterns.
"""

from __future__ import annotations

import html as html_entities
import json
import re
from dataclasses import dataclass
from typing import Any

from summarizer.clean.json_fields import (
    StructuredArticle,
    body_paragraphs,
    comparable,
    first_text,
    has_markup,
    json_datetime,
    person_names,
    walk,
)

MAX_STATE_CHARS = 4_000_000  # a flight payload larger than this is not read
MAX_NUXT_OBJECTS = 200_000  # entries of a Nuxt payload read
MIN_HEADLINE_CHARS = 12  # letters of a page title that names a story rather than a site
MAX_SHAPES = 300  # article-shaped objects read per state (a list page may hold thousands of teasers)
MIN_BODY_CHARS = 150  # a text field shorter than this is a teaser or a summary, not an article body
# Keys app states use for the parts of an article (compared lower-case, without '_' or '-').
_BODY_KEYS = frozenset({"articlebody", "body", "content", "contents", "bodyhtml", "contenthtml", "html", "text", "story",
                        "articlecontent", "newscontent", "articletext", "fulltext", "maintext", "cntn", "ctt"})
_TITLE_KEYS = frozenset({"headline", "headlines", "title", "articletitle", "newstitle", "subject", "tit", "name", "maintitle"})
_PUBLISHED_KEYS = frozenset({"datepublished", "publishedat", "publishdate", "publisheddate", "publishedtime", "pubdate",
                             "firstpublishdate", "firstpublished", "createdat", "createddate", "regdate", "regdt", "regdttm",
                             "servicedate", "displaydate", "date", "inputdate", "writedate", "publishtime", "releasedate"})
_UPDATED_KEYS = frozenset({"datemodified", "updatedat", "modifieddate", "modifiedat", "lastmodified", "updatedate",
                           "updatedtime", "moddate", "moddt", "lastupdated", "lastpublishdate", "editdate"})
# Parts of other date keys ('registDate', 'createDt', 'sendTime'); an updated part wins over a published one
_UPDATED_PARTS = ("update", "modif", "edit", "revis")
_PUBLISHED_PARTS = ("publish", "regist", "regdt", "regdate", "creat", "pubdate", "input", "write", "send", "service", "release")
_OTHER_DATE_PARTS = ("expire", "embargo", "birth")
_AUTHOR_KEYS = frozenset({"author", "authors", "reporter", "reporters", "writer", "writers", "byline", "creator",
                          "reportername", "writername", "authorname", "credits"})
# 'window.__INITIAL_STATE__ = {…}', 'var articleData = {…}', 'window.__DATA__ = JSON.parse("…")': a global or top-level
# variable given an object, array or JSON.parse(string); the value is then read by a JSON parser, or skipped
_ASSIGNED_VALUE = re.compile(r"(?<![=!<>+\-*/%&|^])=(?!=)\s*(?=[\[{]|JSON\.parse\()")  # found first: a literal '=' is fast
# ('Fusion.globalContent = {…}': a property of a page-level namespace object counts too)
_ASSIGNED_NAME = re.compile(r"(?:\b(?:window|self|globalThis)\.|\b(?:var|let|const)\s+|(?<![\w$.])(?=__)"
                            r"|(?<![\w$.])[A-Za-z_$][\w$]{0,60}\.(?=[\w$]{1,60}\s*$))[\w$]{1,60}\s*$")
MAX_ASSIGNMENTS = 200  # per script: JSON parse attempts on assignments (most JavaScript objects fail at once)
_JS_ESCAPE = re.compile(r"\\(x[0-9a-fA-F]{2}|')|(?<!\\)((?:\\\\)*)\"")


def assigned_values(text: str) -> list[Any]:
    """JSON values assigned to globals or top-level variables in a script ('window.__INITIAL_STATE__ = {...};')."""
    if "=" not in text:
        return []
    decoder = json.JSONDecoder(strict=False)
    values = []
    tried = 0
    for match in _ASSIGNED_VALUE.finditer(text):
        if not _ASSIGNED_NAME.search(text, max(0, match.start() - 80), match.start()):
            continue
        tried += 1
        if tried > MAX_ASSIGNMENTS:
            break
        start = match.end()
        try:
            if text.startswith("JSON.parse(", start):  # window.__STATE__ = JSON.parse("{\"a\": 1}") or ('…')
                literal = _js_string(text, start + len("JSON.parse("), decoder)
                values.append(json.loads(literal, strict=False) if isinstance(literal, str) else None)
            else:
                values.append(decoder.raw_decode(text, start)[0])
        except (ValueError, RecursionError):  # JavaScript, not JSON ('__NUXT__=(function(a){…})'): not ours to read
            continue
    return [v for v in values if isinstance(v, (dict, list))]


def _js_string(text: str, start: int, decoder: json.JSONDecoder) -> str | None:
    """The JavaScript string literal at `start`: double-quoted (a JSON string) or single-quoted (rewritten as one)."""
    if text.startswith('"', start):
        return decoder.raw_decode(text, start)[0]
    if not text.startswith("'", start):
        return None
    end, index = None, start + 1
    while index < len(text):
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if char == "'":
            end = index
            break
        index += 1
    if end is None:
        return None
    body = _JS_ESCAPE.sub(lambda m: ("\\u00" + m.group(1)[1:] if m.group(1).startswith("x") else "'") if m.group(1)
                          else m.group(2) + '\\"', text[start + 1:end])
    return json.loads('"' + body + '"', strict=False)


_FLIGHT_PUSH = "self.__next_f.push("
_FLIGHT_ROW = re.compile(r"^[0-9a-f]{1,8}:(?=[\[{])", re.M)


def flight_chunks(text: str) -> list[str]:
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


def flight_values(payload: str) -> list[Any]:
    """JSON rows of a React Server Components payload ('1a:{"article":{…}}', '5:["$","div",…]')."""
    if len(payload) > MAX_STATE_CHARS:
        return []
    decoder = json.JSONDecoder(strict=False)
    values = []
    for match in _FLIGHT_ROW.finditer(payload):
        try:
            values.append(decoder.raw_decode(payload, match.end())[0])
        except (ValueError, RecursionError):
            continue
    return values


def nuxt_objects(payload: Any) -> list[dict]:
    """Nuxt 3's '__NUXT_DATA__' is a flat array whose objects hold indexes into it: objects with their values put back."""
    if not isinstance(payload, list):
        return []
    size = len(payload)

    def value(index: Any) -> Any:
        return payload[index] if isinstance(index, int) and not isinstance(index, bool) and 0 <= index < size else index

    return [{k: value(v) for k, v in item.items()} for item in payload[:MAX_NUXT_OBJECTS] if isinstance(item, dict)]


@dataclass(frozen=True)
class _Shape:
    article: StructuredArticle
    body_chars: int
    depth_order: int  # position in the walk: the page's own story usually comes before its related stories


def _article_shapes(state: Any, budget: list[int]) -> list[_Shape]:
    """Objects in an app state shaped like an article: a long text field (the body) next to a title-like field."""
    shapes: list[_Shape] = []
    for order, item in enumerate(walk(state, budget)):
        if len(shapes) >= MAX_SHAPES:
            break
        fields = {_key(k): v for k, v in item.items() if isinstance(k, str)}
        body = _body_field(fields)
        if len(body) < MIN_BODY_CHARS:
            continue
        paragraphs = body_paragraphs(body)
        chars = sum(len(p) for p in paragraphs)
        title = next((first_text(t) for k in _TITLE_KEYS if k in fields for t in [_title_value(fields[k])] if _is_title(t)), "")
        if chars < MIN_BODY_CHARS or not title:
            continue
        published = _date_field(fields, _PUBLISHED_KEYS, _PUBLISHED_PARTS, _UPDATED_PARTS + _OTHER_DATE_PARTS)
        updated = _date_field(fields, _UPDATED_KEYS, _UPDATED_PARTS, _OTHER_DATE_PARTS)
        authors = next((n for k in _AUTHOR_KEYS if k in fields for n in [person_names(fields[k])] if n), [])
        article = StructuredArticle("app-state", title, tuple(paragraphs), published, updated, tuple(authors))
        shapes.append(_Shape(article, chars, order))
    return shapes


def _date_field(fields: dict[str, Any], names: frozenset[str], parts: tuple[str, ...], not_parts: tuple[str, ...]):  # type: ignore[no-untyped-def]
    """The first date among fields with a known name, then among fields whose name has a telling part (and none of
    `not_parts`)."""
    known = [k for k in fields if k in names]
    telling = [k for k in fields if k not in names and any(p in k for p in parts) and not any(u in k for u in not_parts)]
    return next((d for k in known + telling for d in [json_datetime(fields[k])] if d), None)


def _key(name: str) -> str:
    return name.lower().replace("_", "").replace("-", "")


def _title_value(value: Any) -> Any:
    """A title field's text; a dict of variants ('headlines': {"basic": "…", "web": "…"}) gives its first text."""
    if isinstance(value, dict):
        return next((v for v in value.values() if isinstance(v, str) and v.strip()), "")
    return value


def _is_title(value: Any) -> bool:
    return isinstance(value, str) and 4 <= len(value.strip()) <= 300 and "\n" not in value.strip()


def _body_field(fields: dict[str, Any]) -> str:
    """The longest body-named text field, or the text of a list of content blocks ('content_elements': [{…}])."""
    best = ""
    for key, value in fields.items():
        if key not in _BODY_KEYS and not key.endswith(("body", "content", "contents", "elements", "blocks", "paragraphs", "paras", "texts")):
            continue
        if isinstance(value, dict):  # {"content": {"html": "<p>…"}}
            value = next((v for k, v in value.items() if isinstance(v, str) and _key(k) in _BODY_KEYS), "")
        if isinstance(value, list):  # each block its own paragraph, whether it carries markup or not
            value = "".join(_as_paragraph(_block_text(block)) for block in value[:500])
        if isinstance(value, str) and len(value) > len(best):
            best = value
    return best


def _block_text(block: Any) -> str:
    """One content block of a list body: a string, or a text block's 'content'/'text'/'html' (images and ads skipped)."""
    if isinstance(block, str):
        return block
    if not isinstance(block, dict) or str(block.get("type", "text")).lower() not in ("text", "paragraph", "p", "html", "raw_html", "header", "heading", "quote", "list_item"):
        return ""
    return next((block[k] for k in ("content", "text", "html", "value") if isinstance(block.get(k), str)), "")


def _as_paragraph(text: str) -> str:
    if not text.strip():
        return ""
    return text if has_markup(text) else "<p>" + html_entities.escape(text, quote=False) + "</p>"


def _best_shape(shapes: list[_Shape], title_hint: str) -> StructuredArticle | None:
    """The page's own story: titled like the page when one is; else, when the page's title is no headline (a site
    name) or there is only one, the longest body (earliest on ties)."""
    hint = comparable(title_hint)
    titled = [s for s in shapes if hint and comparable(s.article.title) and comparable(s.article.title) in hint]
    if titled:  # the fullest match of the page's title ('정부' is in '정부, 중소기업 지원 확대' too)
        return max(titled, key=lambda s: (len(comparable(s.article.title)), s.body_chars, -s.depth_order)).article
    if len(shapes) > 1 and len(hint) >= MIN_HEADLINE_CHARS:
        return None  # the page names a story that is none of these (its own was past the work bounds): none is safe
    return max(shapes, key=lambda s: (s.body_chars, -s.depth_order)).article


def app_state_article(states: list[Any], budget: list[int], title_hint: str = "") -> StructuredArticle | None:
    """The page's own story among the article-shaped objects of its app states (see _best_shape), or None.

    `budget`: JSON values left to visit for this page (shared with the JSON-LD pass).
    """
    shapes = [shape for state in states if state is not None for shape in _article_shapes(state, budget)]
    return _best_shape(shapes, title_hint) if shapes else None
