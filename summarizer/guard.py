"""Detect degenerate model output: repetition loops and output far longer than the source allows."""

from __future__ import annotations

import re

from summarizer.engines.base import Generation

_WORD = re.compile(r"\w+|[^\w\s]", re.UNICODE)
# Characters of English output allowed per character of Korean source (typical is 2-3.5), plus slack.
MAX_CHAR_RATIO = 6.0
CHAR_SLACK = 60


def repeated_ngram(text: str, max_n: int = 6, min_repeats: int = 3) -> str | None:
    """The n-gram (n ≤ max_n) that repeats back to back at least `min_repeats` times, if any.

    Single words need one more repeat ("very very very" can be legitimate; four times is a loop).
    """
    tokens = [t.lower() for t in _WORD.findall(text)]
    for n in range(1, max_n + 1):
        needed = min_repeats + 1 if n == 1 else min_repeats
        for start in range(0, len(tokens) - n * needed + 1):
            gram = tokens[start : start + n]
            if not any(ch.isalnum() for tok in gram for ch in tok):
                continue  # "... ... ..." or "- - -" is punctuation, not a loop
            repeats = 1
            position = start + n
            while tokens[position : position + n] == gram:
                repeats += 1
                position += n
            if repeats >= needed:
                return " ".join(gram)
    return None


def degenerate_reason(source: str, output: Generation) -> str | None:
    """Why `output` looks degenerate for `source`, or None when it looks sane."""
    loop = repeated_ngram(output.text)
    if loop is not None:
        return f"repetition loop ({loop!r})"
    if len(output.text) > MAX_CHAR_RATIO * len(source) + CHAR_SLACK:
        return f"output {len(output.text)} characters long for a {len(source)}-character source"
    if output.stopped is False:
        return "did not finish within the length budget"
    return None
