"""Fields of an article read out of parsed JSON (JSON-LD, app state): text, person names, dates, body paragraphs,
and the StructuredArticle they fill."""

from __future__ import annotations

import html as html_entities
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Iterator

from summarizer.clean import metadata
from summarizer.clean.classify import normalise_lines

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


def walk(value: Any, budget: list[int]) -> Iterator[dict]:
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


def first_text(value: Any) -> str:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), "")
    return " ".join(html_entities.unescape(value).split()) if isinstance(value, str) else ""


def raw_text(value: Any) -> str:
    """A body string as given (its newlines mark paragraphs), the first of a list."""
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), "")
    return value if isinstance(value, str) else ""


def person_names(value: Any) -> list[str]:
    """Names from an author field: a string, {"@type": "Person", "name": …}, or a list of those; organisations skipped;
    Arc XP's {"by": [{"name": …}]} read through."""
    if isinstance(value, dict) and isinstance(value.get("by"), list):
        value = value["by"]
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items[:20]:
        if isinstance(item, dict):
            if types_of(item) & {"organization", "newsmediaorganization", "corporation"}:
                continue
            item = item.get("name") or item.get("reporterName") or item.get("writerName") or item.get("byline")
        if isinstance(item, str) and item.strip() and not item.strip().startswith("http"):
            names.append(" ".join(html_entities.unescape(item).split())[:200])
    return metadata.unique(names)


def json_datetime(value: Any) -> datetime | None:
    """A datetime from an ISO/RFC 2822/Korean string or an epoch number (seconds or milliseconds)."""
    if isinstance(value, list) and value:
        value = value[0]
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)) or (isinstance(value, str) and re.fullmatch(r"\d{10}|\d{13}", value.strip())):
        return metadata.datetime_from_epoch(float(value))
    return metadata.parse_datetime(value) if isinstance(value, str) and value.strip() else None


def comparable(text: str) -> str:
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


def has_markup(text: str) -> bool:
    """True when a JSON string holds HTML ('<p>…', '…<br>…') rather than plain text."""
    return bool(_TAG.search(text))


def types_of(item: dict) -> set[str]:
    """The lower-case schema.org types of a JSON-LD object ('@type' may be a string or a list)."""
    kind = item.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {k.strip().lower() for k in kinds if isinstance(k, str)}
