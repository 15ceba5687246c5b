"""The fidelity check over one translated article: every (Korean chunk, English chunk) pair the translator
produced, and the English summary against the body (figures the summary states that the body lacks)."""

from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from summarizer.fidelity import FidelityIssue
from summarizer.fidelity.compare import named, same_figure
from summarizer.fidelity.english import english_quantities
from summarizer.fidelity.korean import korean_quantities
from summarizer.fidelity.pair import check_pair
from summarizer.fidelity.quantity import Quantity
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
        summary_en: The English summary, checked against the body: the quantities read from its pairs, and
            paragraphs_ko / paragraphs_en (body paragraphs, Korean and English) for any paragraph without pairs.
    """
    issues: list[FidelityIssue] = []
    body: list[Quantity] = []  # the body's figures on both sides, for the summary
    paired: set[int] = set()
    for paragraph, source, translation in pairs:
        # The segmenter has analysed this chunk already (one sentence per chunk): its morphemes spare a Kiwi pass.
        found, korean, english = check_pair(source, translation, sentence_morphemes(source))
        if paragraph < headings:
            issues.extend(replace(issue, where="title") for issue in found)
            continue
        if found:  # most pairs have no issue
            issues.extend(replace(issue, paragraph=paragraph - headings) for issue in found)
        body += korean
        body += english
        paired.add(paragraph - headings)
    if summary_en.strip():
        unpaired_ko = [p for index, p in enumerate(paragraphs_ko) if index not in paired]
        unpaired_en = [p for index, p in enumerate(paragraphs_en) if index not in paired]
        issues.extend(_summary_issues(summary_en, body + _body_quantities(unpaired_ko, unpaired_en)))
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
    return _summary_issues(summary_en, _body_quantities(paragraphs_ko, paragraphs_en))


def _body_quantities(paragraphs_ko: Sequence[str], paragraphs_en: Sequence[str]) -> list[Quantity]:
    return [q for p in paragraphs_ko for q in korean_quantities(p)] + [q for p in paragraphs_en for q in english_quantities(p)]


def _summary_issues(summary_en: str, body: Sequence[Quantity]) -> list[FidelityIssue]:
    """An "addition" issue for each figure of the summary that restates none of the body's `body` figures."""
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
