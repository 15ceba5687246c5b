"""Korean news cleaner: HTML or text dump of a page → Article (body paragraphs, title, dates, reporters, removed blocks).

    from summarizer.clean import clean_article
    article = clean_article(open("page.html", "rb").read(), url="https://www.yna.co.kr/view/…")
"""

from __future__ import annotations

import os
import re
from typing import Iterable

from summarizer.clean import metadata
from summarizer.clean.candidates import Candidate, choose_names
from summarizer.clean.detect import decode_input, looks_like_html, page_input
from summarizer.clean.keep import KEEPABLE_KINDS, parse_keep
from summarizer.clean.layout import PageParts
from summarizer.textio import is_korean
from summarizer.types import Article

__all__ = ["KEEPABLE_KINDS", "article_language", "clean_article"]

_KANA = re.compile(r"[\u3040-\u30ff]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")
_ENGLISH_WORDS = frozenset("the of and to in is that for on with was said as by at from".split())


def clean_article(raw: bytes | bytearray | str | os.PathLike[str], url: str | None = None, keep: str | Iterable[str] = ()) -> Article:
    """Clean a news page (HTML or a plain-text dump, detected automatically) into an Article.

    Args:
        raw: page bytes (UTF-8, or EUC-KR/CP949 declared or sniffed) or text, or a file path (os.PathLike) to read;
            a str that is only a file name is refused (InputError), as Pipeline.run refuses it.
        url: where the page came from; used for the outlet name and by trafilatura.
        keep: in-article furniture to leave in the body, in page order: any of KEEPABLE_KINDS ('byline',
            'caption', 'credit', 'signoff', 'copyright') or 'all'. Default: none (prose only); metadata
            (reporters, e-mails, dateline) is read either way.

    Returns:
        Article with body paragraphs in order, metadata, `removed` blocks with reasons, and warnings. An
        Article with no paragraphs (and a warning saying why) when nothing of the page is article text.

    Raises:
        EmptyInputError, DecodeError, InputTooLargeError: input that is empty, binary, or over 10 MB. Bytes with a
            wrong charset, a few invalid bytes or NULs are read as a browser would, with a warning saying so.
        ConfigError: an unknown name in `keep`.
    """
    kept = parse_keep(keep)
    decoded = decode_input(page_input(raw))
    text = decoded.text
    language_hint = ""
    if looks_like_html(text):
        from summarizer.clean.html import clean_html

        parts, meta = clean_html(text, url, keep=kept)
        input_type, language_hint = "html", meta.language
        url = url or meta.url or None
    else:
        from summarizer.clean.textdump import clean_text_dump

        parts, input_type = clean_text_dump(text, keep=kept), "text"
    if not parts.paragraphs and not any("body" in w for w in parts.warnings):
        parts.warnings.append("empty body after cleaning: nothing on the page looks like article text")
    parts.warnings[:0] = decoded.warnings  # how the bytes were read comes first: it may explain what follows
    return _to_article(parts, url, input_type, language_hint)


def _to_article(parts: PageParts, url: str | None, input_type: str, language_hint: str) -> Article:
    source = parts.source or metadata.outlet_from_url(url)
    sample = " ".join(parts.paragraphs[:8])[:3000] or parts.title
    return Article(
        title=parts.title,
        subtitles=tuple(parts.subtitles),
        paragraphs=tuple(parts.paragraphs),
        published_at=parts.published_at,
        updated_at=parts.updated_at,
        reporters=tuple(choose_names([Candidate(parts.reporters, "text"), Candidate(metadata.columnist_in_title(parts.title), "title")])),
        emails=tuple(parts.emails),
        dateline=parts.dateline,
        source=source,
        url=url,
        language=detect_language(sample, language_hint),
        input_type=input_type,
        removed=tuple(parts.removed),
        warnings=tuple(parts.warnings),
    )


def detect_language(text: str, hint: str = "") -> str:
    """'ko' when mostly Hangul; 'ja'/'zh' by script; Latin text: the page's lang attribute or 'en'; else 'unknown'."""
    if not text.strip():
        return hint or "unknown"
    if is_korean(text):
        return "ko"
    if _KANA.search(text):
        return "ja"
    if len(_HAN.findall(text)) > len(_LATIN.findall(text)):
        return "zh"
    if hint:
        return hint
    words = text.casefold().split()
    if words and sum(w in _ENGLISH_WORDS for w in words) >= 0.05 * len(words):
        return "en"
    return "unknown"


def article_language(article: Article) -> str:
    """The article's language as the cleaner decided it; decided now (same test) for an Article built by hand."""
    if article.language != "unknown":
        return article.language
    return detect_language(" ".join((article.title, *article.paragraphs[:8]))[:3000])
