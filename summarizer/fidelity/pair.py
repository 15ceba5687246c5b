"""One (Korean, English) pair: read the quantities of both sides, compare them, and list the mismatches."""

from __future__ import annotations

from typing import Sequence

from summarizer.fidelity import FidelityIssue
from summarizer.fidelity.compare import compare_quantities
from summarizer.fidelity.english import english_quantities
from summarizer.fidelity.korean import korean_quantities
from summarizer.fidelity.korean_gate import korean_windows
from summarizer.fidelity.quantity import Quantity
from summarizer.fidelity.words import word_omissions


def check_pair(
    source: str, translation: str, tokens: Sequence | None = None
) -> tuple[list[FidelityIssue], list[Quantity], list[Quantity]]:
    """(issues, Korean quantities, English quantities) of one pair; see `summarizer.check_fidelity`.

    The quantities are returned so that a caller checking more text against the same pairs (the summary against
    the body) does not read them again.
    """
    if not source or source.isspace() or not translation or translation.isspace():  # blank: nothing to compare
        return [], [], []
    issues: list[FidelityIssue] = []
    windows = korean_windows(source, tokens)
    english = english_quantities(translation)  # [] at once, by a cheap gate, for most sentences
    if not windows and not english:
        return issues, [], []  # no quantity on either side
    korean = korean_quantities(source, windows)
    compare_quantities(
        [q for q in korean if -PLAUSIBLE < q.value < PLAUSIBLE],
        [q for q in english if -PLAUSIBLE < q.value < PLAUSIBLE],
        lambda kind, message: issues.append(FidelityIssue(kind, message, source, translation)),
    )
    morphemes = windows[0][1] if len(windows) == 1 else [t for _, window_tokens in windows for t in window_tokens]
    for words, meaning in word_omissions(morphemes, translation):
        issues.append(FidelityIssue("omission", f"{words} = {meaning}; the English does not have it", source, translation))
    return issues, korean, english


# A figure news could state is below 10¹⁸ (a 400-digit run is a code or junk, not a quantity); NaN compares false.
PLAUSIBLE = 1e18
