"""Fidelity check: do the numbers of an English translation match its Korean source? No model, fast.

`check_fidelity(source, translation)` reads the quantities of both sides (korean.py, english.py), compares
them (compare.py) and returns one FidelityIssue per mismatch, empty when the numbers agree (pair.py);
article.py checks a translated article's sentence pairs and its summary.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

KINDS = ("value", "scale", "unit", "ampm", "omission", "addition", "ordinal")


@dataclass(frozen=True)
class FidelityIssue:
    """One number that the English gets wrong, in words a reader understands."""

    kind: str  # value | scale | unit | ampm | omission | addition | ordinal
    message: str  # e.g. "6억 4900만 명 = 649 million; the English says 669 million"
    source: str  # the Korean sentence
    translation: str  # the English sentence
    paragraph: int | None = None  # index into paragraphs_ko / paragraphs_en; None for title/summary
    where: str = "body"  # body | title | summary


def check_fidelity(source: str, translation: str, tokens: Sequence | None = None) -> list[FidelityIssue]:
    """Mismatched numbers between a Korean `source` and its English `translation` (sentence or paragraph).

    `tokens`: Kiwi morphemes of `source` (offsets into it) when the caller has them, e.g. from
    `summarizer.segment.sentence_morphemes` after `split_sentences`; then Kiwi does not run again.
    """
    from summarizer.fidelity.pair import check_pair

    return check_pair(source, translation, tokens)[0]


def fidelity_line(issue: FidelityIssue) -> str:
    """One line for a reader: where, what kind, the message, e.g. "paragraph 3 · value: 6억 4900만 명 = …"."""
    place = {"title": "title", "summary": "summary"}.get(issue.where, f"paragraph {(issue.paragraph or 0) + 1}")
    return f"{place} · {issue.kind}: {issue.message}"


__all__ = ["KINDS", "FidelityIssue", "check_fidelity", "fidelity_line"]
