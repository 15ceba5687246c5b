"""Weekdays and relative dates ("지난해" = last year, "토요일" = Saturday) on both sides, as Quantity(kind="calendar").

unit is weekday (value 1–7, Monday = 1) or year/month/week (value −1 last, 0 this, +1 next).
"""

from __future__ import annotations

import re
from typing import Sequence

from summarizer.fidelity.quantity import Quantity

KOREAN_WEEKDAYS = {d + "요일": i for i, d in enumerate("월화수목금토일", start=1)}
# Single Kiwi tokens (NNG) for relative dates.
KOREAN_RELATIVE = {
    "작년": ("year", -1), "지난해": ("year", -1), "올해": ("year", 0), "금년": ("year", 0), "내년": ("year", 1),
    "지난주": ("week", -1), "다음주": ("week", 1), "이번주": ("week", 0), "지난달": ("month", -1), "이달": ("month", 0), "다음달": ("month", 1),
}
# Two tokens: 지난/이번/다음 + 해/주/달 ("지나 ᆫ 주" for 지난 주).
_KOREAN_PREFIX = {"지나": -1, "이번": 0, "다음": 1}
_KOREAN_PERIOD = {"해": "year", "주": "week", "달": "month"}

ENGLISH_WEEKDAYS = {d: i for i, d in enumerate(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"], start=1)}
_ENGLISH = re.compile(
    r"\b(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b"
    r"|\b(?P<rel>last|this|next|previous|coming|following|the|past)\s+(?P<period>year|week|month)\b"
    r"|\b(?P<srel>last|this|next)\s+(?:spring|summer|autumn|fall|winter)\b",
    re.IGNORECASE,
)
_ENGLISH_OFFSET = {"last": -1, "previous": -1, "past": -1, "this": 0, "the": 0, "next": 1, "coming": 1, "following": 1}


def korean_calendar(tokens: Sequence) -> list[Quantity]:
    """Weekdays and relative dates among Kiwi tokens."""
    found = []
    for i, token in enumerate(tokens):
        if token.form in KOREAN_WEEKDAYS:
            found.append(Quantity(KOREAN_WEEKDAYS[token.form], "calendar", "weekday", token.form))
        elif token.form in KOREAN_RELATIVE and token.tag.startswith("NN"):
            unit, offset = KOREAN_RELATIVE[token.form]
            found.append(Quantity(offset, "calendar", unit, token.form))
        elif token.form in _KOREAN_PREFIX and i + 1 < len(tokens):
            nxt = tokens[i + 1] if token.form != "지나" else (tokens[i + 2] if i + 2 < len(tokens) else None)
            if nxt is not None and nxt.form in _KOREAN_PERIOD and nxt.tag == "NNG":
                found.append(Quantity(_KOREAN_PREFIX[token.form], "calendar", _KOREAN_PERIOD[nxt.form], f"{token.form} {nxt.form}"))
    return found


def english_calendar(text: str) -> list[Quantity]:
    """Weekdays and "last/this/next year|month|week" in English text."""
    found = []
    for match in _ENGLISH.finditer(text):
        if match.group("weekday"):
            found.append(Quantity(ENGLISH_WEEKDAYS[match.group("weekday").lower()], "calendar", "weekday", match.group(0)))
        elif match.group("srel"):  # "last spring": the season of last year
            found.append(Quantity(_ENGLISH_OFFSET[match.group("srel").lower()], "calendar", "year", match.group(0)))
        else:
            offset = _ENGLISH_OFFSET[match.group("rel").lower()]
            found.append(Quantity(offset, "calendar", match.group("period").lower(), match.group(0)))
    return found
