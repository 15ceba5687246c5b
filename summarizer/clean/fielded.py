"""Text dumps made of labelled fields — feeds and exports saved as text: 'title: …', 'author: 홍길동 기자',
'pubDate: Wed, 14 Sep 2016 01:39:59 GMT', 'description: …' (or '제목:', '작성자:', '작성일:', '본문:'), one item after
another. The page's article is the first item with a body; the other items are other stories."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from summarizer.clean import metadata
from summarizer.clean.json_fields import body_paragraphs
from summarizer.clean.layout import PageParts, lay_out

TITLE_KEYS = frozenset({"title", "headline", "제목", "기사제목"})
AUTHOR_KEYS = frozenset({"author", "dc:creator", "creator", "byline", "writer", "reporter", "기자", "작성자", "글쓴이", "기자명"})
PUBLISHED_KEYS = frozenset({"pubdate", "date", "published", "dc:date", "publishdate", "날짜", "작성일", "등록일", "발행일",
                            "게재일", "입력", "입력일", "송고"})
UPDATED_KEYS = frozenset({"updated", "modified", "lastmodified", "수정", "수정일"})
BODY_KEYS = frozenset({"description", "content", "content:encoded", "body", "text", "본문", "내용", "기사내용"})
OTHER_KEYS = frozenset({"link", "url", "guid", "category", "분류", "섹션", "section", "source", "출처", "comments",
                        "lastbuilddate", "language", "copyright", "tags", "keywords", "summary", "요약", "id"})
_KNOWN = TITLE_KEYS | AUTHOR_KEYS | PUBLISHED_KEYS | UPDATED_KEYS | BODY_KEYS | OTHER_KEYS
_FIELD = re.compile(r"^(?P<key>[A-Za-z][A-Za-z:]{0,18}|[가-힣]{2,5})\s*[:：]\s*(?P<value>.*)$")
_SEPARATOR = re.compile(r"^\s*[-=*_~#]{3,}")
_MAX_HEAD_LINES = 80  # the fields show up near the top of such a dump


@dataclass
class _Item:
    fields: dict[str, str] = field(default_factory=dict)
    body: list[str] = field(default_factory=list)


def looks_fielded(lines: list[str]) -> bool:
    """True when the top of the dump has a title field and a body field (and a date or author field)."""
    keys = {key for key, _ in map(_field, lines[:_MAX_HEAD_LINES]) if key}
    return bool(keys & TITLE_KEYS and keys & BODY_KEYS and keys & (PUBLISHED_KEYS | AUTHOR_KEYS))


def clean_fielded_dump(lines: list[str], keep: frozenset[str] = frozenset()) -> PageParts | None:
    """The first item with a body as an article (its fields give title, time and reporters), or None if no item has
    one. The body lines go through the layout pass like any dump's (captions, sign-offs, copyright)."""
    items = _items(lines)
    article = next((item for item in items if item.body), None)
    if article is None:
        return None
    title = " ".join(article.fields.get("title", "").split())
    parts = lay_out([title, *article.body] if title else article.body, mode="text", keep=keep)
    parts.title = title or parts.title
    published = metadata.parse_datetime(article.fields.get("published", ""))
    parts.published_at = published or parts.published_at
    parts.updated_at = metadata.parse_datetime(article.fields.get("updated", "")) or parts.updated_at
    author = article.fields.get("author", "")
    names = metadata.reporters_in(author) or [n for n in [author.strip()] if metadata.is_personal_name(n)]
    parts.reporters = metadata.unique(names + parts.reporters)
    parts.emails = metadata.unique(metadata.emails_in(author) + parts.emails)
    for other in items:
        if other is not article and other.fields.get("title"):
            parts.drop(other.fields["title"], "another item of the feed")
    return parts


def _field(line: str) -> tuple[str | None, str]:
    match = _FIELD.match(line)
    if not match or match.group("key").casefold() not in _KNOWN:
        return None, line
    return match.group("key").casefold(), match.group("value").strip()


def _role(key: str) -> str | None:
    for role, keys in (("title", TITLE_KEYS), ("author", AUTHOR_KEYS), ("published", PUBLISHED_KEYS),
                       ("updated", UPDATED_KEYS), ("body", BODY_KEYS)):
        if key in keys:
            return role
    return None


def _items(lines: list[str]) -> list[_Item]:
    """Items in order: a new one at each separator line or repeated title field; body lines run until the next field."""
    items: list[_Item] = [_Item()]
    in_body = False
    for line in lines:
        if _SEPARATOR.match(line):
            items.append(_Item())
            in_body = False
            continue
        key, value = _field(line)
        role = _role(key) if key else None
        if key is not None:
            if role == "title" and "title" in items[-1].fields:
                items.append(_Item())
            in_body = role == "body"
            if role == "body":
                items[-1].body += body_paragraphs(value)
            elif role and role not in items[-1].fields:
                items[-1].fields[role] = value
        elif in_body:
            items[-1].body += body_paragraphs(line)
    return items
