"""Fidelity check: do the numbers of an English translation match its Korean source? No model, fast.

`check_fidelity(source, translation)` reads the quantities of both sides (korean.py, english.py), compares
them (compare.py) and returns one FidelityIssue per mismatch, empty when the numbers agree.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

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


def check_fidelity(source: str, translation: str) -> list[FidelityIssue]:
    """Mismatched numbers between a Korean `source` and its English `translation` (sentence or paragraph)."""
    from summarizer.fidelity.compare import compare_quantities
    from summarizer.fidelity.english import english_quantities
    from summarizer.fidelity.korean import korean_quantities

    if not source.strip() or not translation.strip():
        return []
    issues: list[FidelityIssue] = []
    compare_quantities(
        [q for q in korean_quantities(source) if _plausible(q.value)],
        [q for q in english_quantities(translation) if _plausible(q.value)],
        lambda kind, message: issues.append(FidelityIssue(kind, message, source, translation)),
    )
    return issues


def _plausible(value: float) -> bool:
    """A figure news could state: finite and below 10¹⁸ (a 400-digit run is a code or junk, not a quantity)."""
    return math.isfinite(value) and abs(value) < 1e18


def fidelity_line(issue: FidelityIssue) -> str:
    """One line for a reader: where, what kind, the message, e.g. "paragraph 3 · value: 6억 4900만 명 = …"."""
    place = {"title": "title", "summary": "summary"}.get(issue.where, f"paragraph {(issue.paragraph or 0) + 1}")
    return f"{place} · {issue.kind}: {issue.message}"


__all__ = ["KINDS", "FidelityIssue", "check_fidelity", "fidelity_line"]
