"""Plain-text dumps of a page (browser copy-paste, scraper output): every line goes through the layout pass."""

from __future__ import annotations

from summarizer.clean.classify import normalise_lines
from summarizer.clean.fielded import clean_fielded_dump, looks_fielded
from summarizer.clean.layout import PageParts, lay_out

MAX_LINES = 20000  # a page has a few hundred lines; beyond this it is not a news page and we stop reading


def clean_text_dump(text: str, keep: frozenset[str] = frozenset()) -> PageParts:
    """Split a text dump into title, subtitles, body and metadata; removed lines keep their reasons.

    `keep`: in-article kinds left in the body (see keep.py).
    """
    lines = normalise_lines(text)
    if looks_fielded(lines):  # a feed or export saved as text: 'title: …', 'pubDate: …', 'description: …'
        parts = clean_fielded_dump(lines[:MAX_LINES], keep=keep)
        if parts is not None:
            return parts
    dropped = lines[MAX_LINES:]
    parts = lay_out(lines[:MAX_LINES], mode="text", keep=keep)
    if dropped:
        parts.drop("\n".join(dropped[:50]), f"input cut after {MAX_LINES} lines ({len(dropped)} more lines)")
        parts.warnings.append(f"only the first {MAX_LINES} lines were read")
    return parts
