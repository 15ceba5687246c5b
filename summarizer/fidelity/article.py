"""The fidelity check over one translated article: every (Korean chunk, English chunk) pair the translator
produced, and the English summary against the body (figures the summary states that the body lacks)."""

from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from summarizer.fidelity import FidelityIssue, check_fidelity
from summarizer.fidelity.compare import named, same_figure
from summarizer.fidelity.english import english_quantities
from summarizer.fidelity.korean import korean_quantities
from summarizer.segment import sentence_morphemes


def check_article(
    pairs: Sequence[tuple[int, str, str]],
    headings: int,
    summary_en: str = "",
    paragraphs_ko: Sequence[str] = (),
    paragraphs_en: Sequence[str] = (),
) -> tuple[FidelityIssue, ...]:
    """Issues of an article, title first, then body in order, then summary; an issue that would print the same
    line as an earlier one (same place, kind and message, e.g. title and subtitle both adding "200") is kept once.

    Args:
        pairs: (paragraph index, Korean chunk, English chunk) in document order; paragraph 0 is the title and
            1..headings-1 the subtitles, the body starts at `headings` (as translate_documents numbers them).
        headings: Title plus subtitles.
        summary_en: The English summary, checked against paragraphs_ko and paragraphs_en.
    """
    issues: list[FidelityIssue] = []
    for paragraph, source, translation in pairs:
        # The segmenter has analysed this chunk already (one sentence per chunk): its morphemes spare a Kiwi pass.
        for issue in check_fidelity(source, translation, sentence_morphemes(source)):
            if paragraph < headings:
                issues.append(replace(issue, where="title"))
            else:
                issues.append(replace(issue, paragraph=paragraph - headings))
    if summary_en.strip():
        issues.extend(check_summary(summary_en, paragraphs_ko, paragraphs_en))
    return _distinct(issues)


def _distinct(issues: Sequence[FidelityIssue]) -> tuple[FidelityIssue, ...]:
    """Issues in order, the first of each (where, paragraph, kind, message) only: a reader sees each line once."""
    seen: set[tuple] = set()
    kept = []
    for issue in issues:
        key = (issue.where, issue.paragraph, issue.kind, issue.message)
        if key not in seen:
            seen.add(key)
            kept.append(issue)
    return tuple(kept)


def check_summary(summary_en: str, paragraphs_ko: Sequence[str], paragraphs_en: Sequence[str]) -> list[FidelityIssue]:
    """Figures of the summary found neither in the Korean body nor in its English translation."""
    body = [q for p in paragraphs_ko for q in korean_quantities(p)] + [q for p in paragraphs_en for q in english_quantities(p)]
    issues = []
    for figure in english_quantities(summary_en):
        if figure.kind == "calendar" or (figure.kind == "count" and figure.value <= 1):
            continue
        if not any(same_figure(known, figure) for known in body):
            issues.append(
                FidelityIssue(
                    "addition",
                    f"the summary says {named(figure)}; the article does not",
                    source="",
                    translation=summary_en,
                    where="summary",
                )
            )
    return issues
