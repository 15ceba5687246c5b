"""Never worse than trafilatura: when the layout rules are not confident on a page, keep trafilatura's text.

The HTML path runs trafilatura first, then the layout pass (layout.py) drops what its rules recognise. On pages
the rules were not written for, that pass can drop most of the text, or all of it (a three-word article, a page
of one sentence read as a headline). Measured on mozilla/readability's 130 pages and ScrapingHub's 181 (eval
clean): falling back where the rules kept nothing, or, on pages that are not Korean news, under half of the
extracted text, raised readability from 0.914 to 0.929 (trafilatura alone 0.922) and left ScrapingHub as it was
(0.968; trafilatura 0.945). A lower bar for the balanced extraction, or balanced mode on pages in other languages,
helped some readability pages and hurt as many ScrapingHub ones: not taken.
"""

from __future__ import annotations

from summarizer.clean.classify import classify_line
from summarizer.clean.headline import comparable
from summarizer.clean.layout import PageParts
from summarizer.clean.line_marks import SENTENCE_END

# Below this share of trafilatura's characters kept, the rules on a page in another language are not trusted.
MIN_KEPT_SHARE = 0.5
FALLBACK_WARNING = "the cleaner's rules were not confident here (no paragraph, or under half of the main text: {kept} of {total} characters kept): trafilatura's text is used as is"


def kept_share(parts: PageParts, lines: list[str]) -> float:
    """Characters in the body (subtitles and paragraphs) over characters of the extracted lines (1.0 when none)."""
    total = sum(len(line) for line in lines)
    kept = sum(len(line) for line in (*parts.subtitles, *parts.paragraphs))
    return kept / total if total else 1.0


def is_confident(parts: PageParts, lines: list[str], korean: bool) -> bool:
    """False when the rules kept no paragraph of a page in another language, or of a Korean page with a sentence
    they did not recognise ('서울에 첫눈이 내렸다.' alone: a short article is still an article; '홈 정치' links are
    navigation), or, on a page that is not Korean news, when they kept under half of its text."""
    if not lines:
        return True
    if not parts.paragraphs:
        return korean and not any(classify_line(line).kind is None and _ends_like_a_sentence(line) for line in lines)
    return korean or kept_share(parts, lines) >= MIN_KEPT_SHARE


def _ends_like_a_sentence(line: str) -> bool:
    return bool(SENTENCE_END.search(line)) or line.endswith("다")  # Korean prose may end '…했다' without a period


def fall_back_to_extraction(parts: PageParts, lines: list[str]) -> None:
    """Replace the body with trafilatura's lines (the title line aside); the metadata found stays, a warning says so."""
    total = sum(len(line) for line in lines)
    kept = sum(len(line) for line in (*parts.subtitles, *parts.paragraphs))
    title_key = comparable(parts.title)
    body = [line for line in lines if not title_key or comparable(line) != title_key] or list(lines)
    parts.subtitles, parts.paragraphs = [], body
    in_body = set(body)
    parts.removed = [block for block in parts.removed if block.text not in in_body]
    parts.warnings = [w for w in parts.warnings if not w.startswith("no article body found")]
    parts.warnings.append(FALLBACK_WARNING.format(kept=kept, total=total))
