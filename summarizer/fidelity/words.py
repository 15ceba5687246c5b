"""Quantity words that are not numerals: 첫/처음/최초 (first), 절반/반 이상 (half), 금·은·동메달 (1st–3rd place),
한 게임 차이 (a margin of one), 단 하나 (only one), 두 자릿수 (double-digit). A Korean sentence with one of them needs an English word of the same meaning;
the translation lacking all of them has dropped the quantity.

`word_omissions(tokens, english)` → [(Korean words, meaning)] for each word of the table the English does not render.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Sequence


@dataclass(frozen=True)
class QuantityWord:
    """A Korean quantity word (found by `find` at a token index) and the English that may render it."""

    meaning: str
    find: Callable[[Sequence, int], bool]
    english: re.Pattern[str]


def _form_is(tag: str, *forms: str) -> Callable[[Sequence, int], bool]:
    return lambda tokens, i: tokens[i].tag == tag and tokens[i].form in forms


def _half(tokens: Sequence, i: int) -> bool:
    """반 followed by a bound of size (반 이상 "more than half"); a bare 반 is also "class" or "anti-"."""
    nxt = tokens[i + 1].form if i + 1 < len(tokens) else ""
    return tokens[i].tag == "NNG" and tokens[i].form == "반" and nxt in ("이상", "이하", "정도", "가량", "수준", "넘")


def _margin_of_one(tokens: Sequence, i: int) -> bool:
    """한 + noun + 차(이): 한 게임 차이 "by one game", a margin the English must keep."""
    return (
        tokens[i].tag == "MM" and tokens[i].form == "한" and i + 2 < len(tokens)
        and tokens[i + 1].tag == "NNG" and tokens[i + 2].form in ("차", "차이")
    )


def _only_one(tokens: Sequence, i: int) -> bool:
    """단 하나, 단 한 명: "the only one", "a single"."""
    return tokens[i].form == "단" and i + 1 < len(tokens) and tokens[i + 1].form in ("하나", "한")


def _digits(tokens: Sequence, i: int) -> bool:
    """두 자릿수: "double-digit" (the count of digits is the quantity)."""
    return tokens[i].form in ("자릿수", "자리수") and i > 0 and tokens[i - 1].tag in ("MM", "SN", "NR")


_FIRST_EN = r"first|1st|opening|debut|maiden|initial|inaugural|earliest|begin|began|start|premier|once|new|top|lead|ever|leading|never|early|originally"
TABLE = (
    QuantityWord("first", lambda t, i: _form_is("MM", "첫")(t, i) or _form_is("NNG", "처음", "최초")(t, i),
                 re.compile(rf"\b(?:{_FIRST_EN})", re.IGNORECASE)),
    QuantityWord("half", lambda t, i: _form_is("NNG", "절반")(t, i) or _half(t, i),
                 re.compile(r"\b(?:half|50|fifty|majority)", re.IGNORECASE)),
    QuantityWord("gold (1st place)", _form_is("NNG", "금메달"), re.compile(r"\b(?:gold|first|champion|title|medal)", re.IGNORECASE)),
    QuantityWord("silver (2nd place)", _form_is("NNG", "은메달"), re.compile(r"\b(?:silver|second|runner|medal)", re.IGNORECASE)),
    QuantityWord("bronze (3rd place)", _form_is("NNG", "동메달"), re.compile(r"\b(?:bronze|third|medal)", re.IGNORECASE)),
    QuantityWord("only one", _only_one, re.compile(r"\b(?:only|single|sole|lone|one|unique|any|no|none|nothing)\b", re.IGNORECASE)),
    QuantityWord("a number of digits", _digits, re.compile(r"\b(?:digits?|double|triple|single)\b", re.IGNORECASE)),
    QuantityWord("a margin of one", _margin_of_one,
                 re.compile(r"\b(?:by|of)\s+(?:one|a|1|a single)\b|\bone[- ]\w+\s+(?:lead|margin|gap)", re.IGNORECASE)),
)


# Every form a table entry starts at: one set lookup per token before any entry is tried.
_STARTS = frozenset({"첫", "처음", "최초", "절반", "반", "금메달", "은메달", "동메달", "단", "한", "자릿수", "자리수"})


def word_omissions(tokens: Sequence, english: str) -> list[tuple[str, str]]:
    """(Korean words, meaning) of each table entry found among Kiwi `tokens` that `english` has no word for."""
    candidates = [i for i, token in enumerate(tokens) if token.form in _STARTS]
    if not candidates:
        return []
    missing = []
    for word in TABLE:
        found = next((i for i in candidates if word.find(tokens, i)), None)
        if found is not None and not word.english.search(english):
            missing.append((tokens[found].form, word.meaning))
    return missing
