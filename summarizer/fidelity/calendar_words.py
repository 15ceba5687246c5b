"""Weekdays and relative dates ("지난해" = last year, "토요일" = Saturday) on both sides, as Quantity(kind="calendar").

unit is weekday (value 1–7, Monday = 1), year/month/week (value −1 last, 0 this, +1 next), or century (value 0:
any mention of a century, so that "century" for 세기 "strength" is caught as a word the Korean does not have).
"""

from __future__ import annotations

import re
from typing import Collection, Sequence

from summarizer.fidelity.quantity import Quantity
from summarizer.fidelity.scan import scan

KOREAN_WEEKDAYS = {d + "요일": i for i, d in enumerate("월화수목금토일", start=1)}
# Single Kiwi tokens (NNG) for relative dates.
KOREAN_RELATIVE = {
    "작년": ("year", -1), "지난해": ("year", -1), "올해": ("year", 0), "금년": ("year", 0), "내년": ("year", 1),
    "지난주": ("week", -1), "다음주": ("week", 1), "이번주": ("week", 0), "지난달": ("month", -1), "이달": ("month", 0), "다음달": ("month", 1),
}
# Two tokens: 지난/이번/다음 + 해/주/달 ("지나 ᆫ 주" for 지난 주).
_KOREAN_PREFIX = {"지나": -1, "이번": 0, "다음": 1}
_KOREAN_PERIOD = {"해": "year", "주": "week", "달": "month"}
# 세기 is "century" after a numeral or with these neighbours (21세기, 수세기 동안, 세기 말); else "strength".
_CENTURY_WORDS = {"금세기", "반세기", "세기말", "세기초", "수세기"}
_CENTURY_BEFORE = {"수", "몇", "한", "두", "세", "지나", "이번", "지난", "새", "전", "다음", "금"}
_CENTURY_AFTER = {"동안", "말", "초", "만", "중반", "전", "후", "가량", "넘", "이상", "에"}

ENGLISH_WEEKDAYS = {d: i for i, d in enumerate(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"], start=1)}
_ENGLISH = re.compile(
    r"\b(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b"
    r"|\b(?P<rel>last|this|next|previous|coming|following|the|past)\s+(?P<period>year|week|month)\b"
    r"|\b(?P<srel>last|this|next)\s+(?:spring|summer|autumn|fall|winter)\b"
    r"|\b(?P<ago>a\s+year\s+(?:earlier|ago|before)|year[- ]on[- ]year)\b"
    r"|\b(?P<century>century|centuries|centennial|centenary)\b",
    re.IGNORECASE,
)
_ENGLISH_OFFSET = {"last": -1, "previous": -1, "past": -1, "this": 0, "the": 0, "next": 1, "coming": 1, "following": 1}


_KOREAN_FORMS = frozenset([*KOREAN_WEEKDAYS, "이날", "당일", *KOREAN_RELATIVE, *_KOREAN_PREFIX])
# Text korean_calendar can find something in has one of these (지나 is the stem of 지난, 지났…).
CALENDAR_HINT = re.compile("세기|이날|당일|요일|작년|올해|금년|내년|이번|다음|이달|지[나-닣]")


def korean_calendar(tokens: Sequence) -> list[Quantity]:
    """Weekdays and relative dates among Kiwi tokens."""
    found = []
    # One set lookup per morpheme picks the few the branches below can take.
    for i in [i for i, token in enumerate(tokens) if token.form in _KOREAN_FORMS or "세기" in token.form]:
        token = tokens[i]
        if "세기" in token.form and _is_century(tokens, i):
            found.append(Quantity(0, "calendar", "century", token.form))
        elif token.form in ("이날", "당일") and token.tag.startswith("NN"):
            found.append(Quantity(0, "calendar", "day", token.form))  # "that day": the date said before
        elif token.form in KOREAN_WEEKDAYS:
            found.append(Quantity(KOREAN_WEEKDAYS[token.form], "calendar", "weekday", token.form))
        elif token.form in KOREAN_RELATIVE and token.tag.startswith("NN"):
            if token.form == "올해" and _age_follows(tokens, i):
                continue  # 올해 37세인: "the 37-year-old", the year goes without saying
            unit, offset = KOREAN_RELATIVE[token.form]
            found.append(Quantity(offset, "calendar", unit, token.form))
        elif token.form in _KOREAN_PREFIX and i + 1 < len(tokens):
            nxt = tokens[i + 1] if token.form != "지나" else (tokens[i + 2] if i + 2 < len(tokens) else None)
            if nxt is not None and nxt.form in _KOREAN_PERIOD and nxt.tag == "NNG":
                found.append(Quantity(_KOREAN_PREFIX[token.form], "calendar", _KOREAN_PERIOD[nxt.form], f"{token.form} {nxt.form}"))
    return found


def _age_follows(tokens: Sequence, i: int) -> bool:
    """An age right after tokens[i]: 올해 37세, 올해 나이 37살."""
    for j in range(i + 1, min(i + 4, len(tokens) - 1)):
        if tokens[j].tag in ("SN", "NR") and tokens[j + 1].form in ("세", "살"):
            return True
    return False


def _is_century(tokens: Sequence, i: int) -> bool:
    form = tokens[i].form
    if form in _CENTURY_WORDS or (form.endswith("세기") and form != "세기" and tokens[i].tag == "NNG"):
        return True
    if form != "세기":
        return False
    before = tokens[i - 1] if i > 0 else None
    after = tokens[i + 1] if i + 1 < len(tokens) else None
    last = i > 1 and tokens[i - 2].form == "지나"  # 지난 세기 = "지나 ᆫ 세기"
    return last or (before is not None and (before.tag in ("SN", "NR") or before.form in _CENTURY_BEFORE)) or (
        after is not None and after.form in _CENTURY_AFTER
    )


# Every _ENGLISH match has one of these words.
_ENGLISH_WORDS = frozenset(
    [*ENGLISH_WEEKDAYS, *(day + "s" for day in ENGLISH_WEEKDAYS)]
    + "year week month spring summer autumn fall winter century centuries centennial centenary".split()
)


# Where an _ENGLISH match can start, in lowercased text (see scan.py); "the" and co. only before a period.
_ENGLISH_STARTS = re.compile(
    r"(?<![a-z])(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|centur|centen"
    r"|(?:last|this|next|previous|coming|following|the|past)(?=\s+(?:year|week|month|spring|summer|autumn|fall|winter))"
    r"|a(?=\s+year\s+(?:earlier|ago|before))|year(?=[- ]on[- ]year))"
)


def english_calendar(text: str, words: Collection[str] | None = None) -> list[Quantity]:
    """Weekdays and "last/this/next year|month|week" in English text.

    `words`: the runs of a-z letters in text.lower() when that keeps text's letters (scan.keeps_letters); text
    without a calendar word then skips the scan, and text with one is scanned at candidate words only.
    """
    if words is not None and _ENGLISH_WORDS.isdisjoint(words):
        return []
    found = []
    for match in scan(_ENGLISH, _ENGLISH_STARTS, text, None if words is None else text.lower()):
        if match.group("weekday"):
            found.append(Quantity(ENGLISH_WEEKDAYS[match.group("weekday").lower()], "calendar", "weekday", match.group(0)))
        elif match.group("century"):
            found.append(Quantity(0, "calendar", "century", match.group(0)))
        elif match.group("ago"):  # "from a year earlier" = 작년 같은 기간보다
            found.append(Quantity(-1, "calendar", "year", match.group(0)))
        elif match.group("srel"):  # "last spring": the season of last year
            found.append(Quantity(_ENGLISH_OFFSET[match.group("srel").lower()], "calendar", "year", match.group(0)))
        else:
            offset = _ENGLISH_OFFSET[match.group("rel").lower()]
            found.append(Quantity(offset, "calendar", match.group("period").lower(), match.group(0)))
    return found
