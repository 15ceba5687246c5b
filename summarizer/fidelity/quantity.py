"""Quantity: one number read from a sentence, normalized so Korean and English forms compare equal."""

from __future__ import annotations

from dataclasses import dataclass

# kind: count | ordinal | percent | money | time | date | duration | times | calendar | vague | frequency
# unit: currency code for money (KRW, USD, EUR, JPY, CNY, GBP), am/pm/"" for time, year/month/day for
# date and duration, the counter word or "" otherwise (counters are not compared across languages).
COMPARED_UNITS = frozenset({"money", "time", "date", "duration"})
# Units of measure, the same names on both sides; a count carrying one is compared by it (7.5 magnitude ≠ 7.5 feet).
MEASURES = frozenset({"magnitude", "foot", "inch", "mile", "km", "metre", "degree", "acre", "ton", "kg", "mm", "cm"})


@dataclass(frozen=True)
class Quantity:
    """A number as written (`text`) and what it means: (value, kind, unit)."""

    value: float
    kind: str
    unit: str
    text: str
    scaled: bool = False  # written with a scale word (만/억/조, million/billion): big, easy to get wrong
    bound: str = ""  # "up" (이상, "more than", "or more"), "down" (이하, "less than", "up to") or "" (the figure itself)

    @property
    def salient(self) -> bool:
        """Big and easy to get wrong: money, percentages and scaled or large figures."""
        return self.kind in ("money", "percent") or self.scaled or (self.kind == "count" and self.value >= 1000)

    @property
    def must_appear(self) -> bool:
        """Reported when the other side lacks it: everything but a bare 1 (한 = "a", "one", "the")."""
        if self.kind == "vague" and self.value <= 10:
            return False  # 수십, 수많은: "dozens", "decades", "many", or left out
        if self.kind == "calendar" and self.unit in ("century", "day"):
            return False  # 세기말 "the turn of the millennium"; 이날 "that day" is often left out
        if self.kind == "frequency":
            return False  # 매일 is often just "regularly"; only a different unit is reported
        if self.value == 1 and self.kind in ("count", "times"):
            return False  # 한 명, 한 번: "a man", "once"
        return True

    def describe(self) -> str:
        """The normalized meaning in English words, e.g. '649 million', '4 a.m.', 'GBP 2.8 billion'."""
        if self.kind == "frequency":
            return f"every {self.unit}"
        if self.kind == "vague":
            return VAGUE_WORDS.get(self.value, "many")
        if self.kind == "calendar":
            if self.unit == "century":
                return "a century"
            if self.unit == "day":
                return "that day"
            if self.unit == "weekday":
                return ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")[int(self.value) - 1]
            return f"{('last', 'this', 'next')[int(self.value) + 1]} {self.unit}"
        if self.kind == "time":
            suffix = {"am": " a.m.", "pm": " p.m."}.get(self.unit, " o'clock")
            return f"{format_number(self.value)}{suffix}"
        if self.kind == "percent":
            return f"{format_number(self.value)} percentage points" if self.unit == "point" else f"{format_number(self.value)}%"
        if self.kind == "money":
            return f"{self.unit} {format_number(self.value)}"
        if self.kind == "date":
            return {"day": f"the {ordinal(self.value)} (a date)", "month": f"month {format_number(self.value)}",
                    "minute": f"the {ordinal(self.value)} minute"}.get(
                self.unit, f"the year {int(self.value)}"  # a year has no thousands separator: 2020, not 2,020
            )
        if self.kind == "duration":
            return f"{format_number(self.value)} {self.unit}s (a duration)"
        if self.kind == "ordinal":
            return ordinal(self.value)
        if self.unit in MEASURES:
            return f"{format_number(self.value)} {self.unit}"
        if self.kind == "times":
            return f"{format_number(self.value)} times"
        return format_number(self.value)


VAGUE_WORDS = {10: "dozens", 100: "hundreds", 1e3: "thousands", 1e4: "tens of thousands", 1e5: "hundreds of thousands",
               1e6: "millions", 1e7: "tens of millions", 1e8: "hundreds of millions", 1e9: "billions"}
_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def format_number(value: float) -> str:
    """1050000 → '1.05 million', 649000000 → '649 million', 2.5 → '2.5', 1500 → '1,500'."""
    for size, word in _SCALES:
        if abs(value) >= size:
            return f"{_plain(value / size)} {word}"
    return _plain(value)


def _plain(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.4f}".rstrip("0").rstrip(".")


def ordinal(value: float) -> str:
    """1 → '1st', 22 → '22nd', 13 → '13th'."""
    number = int(value)
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"
