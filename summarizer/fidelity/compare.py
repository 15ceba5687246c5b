"""Compare the quantities of a Korean sentence and its English translation; report what does not match.

Matching runs in passes, each on what the previous left unmatched:
  1. equivalent pairs (same value, compatible meaning: "ten" = 10, "a decade" = 10년, "half" = 50%);
  2. same value, conflicting meaning: a.m. vs p.m., one currency for another (or none), a date or a match
     minute read as a duration, an ordinal read as a cardinal;
  3. near values of the same kind: off by a power of ten (scale) or by less than half (value);
  4. what is left: a salient Korean figure is an omission, a salient English one an addition.
"""

from __future__ import annotations

import math
from typing import Callable

from summarizer.fidelity.quantity import MEASURES, Quantity

Report = Callable[[str, str], None]

# Korean counters of things (not of time): a figure counted with one is neither an ordinal nor a span of time.
THINGS = frozenset({"개", "골", "점", "건", "곳", "마리", "권", "표", "타", "홈런", "득점"})
COUNTERS = THINGS | {"명", "차전", "경기", "게임"}
# Kinds that can stand for one another at the same value (the other side did not name the unit).
_LOOSE = {"count", "times", "percent", "money", "duration", "date", "ordinal"}  # not vague, calendar, time


def compare_quantities(korean: list[Quantity], english: list[Quantity], report: Report) -> None:
    """Call report(kind, message) for each mismatch between the two lists."""
    if not korean and not english:
        return
    ko_left, en_left = list(korean), list(english)
    matched = _pair(ko_left, en_left, lambda k, e: _same_value(k, e) and k.kind == e.kind and _units_agree(k, e))
    if not ko_left and not en_left:
        _report_bounds(matched, report)
        return  # every figure has its match: the usual sentence, nothing below can report
    matched += _pair(ko_left, en_left, lambda k, e: (_same_value(k, e) and _equivalent(k, e)) or _same_period(k, e))
    _report_bounds(matched, report)
    # "many" on one side and "thousands" on the other: 수많은 → "millions of" states a size the source does not.
    for k, e, _ in _pair(ko_left, en_left, lambda k, e: k.kind == e.kind == "vague" and 0 in (k.value, e.value) and max(k.value, e.value) > 10):
        report("value", _says(k, e))
    _pair(ko_left, en_left, lambda k, e: k.kind == e.kind == "vague")  # 수십 = "many"
    en_left[:] = [e for e in en_left if e.kind != "vague"]  # "many", "hundreds" with no Korean figure: style
    for k, e, kind in _pair(ko_left, en_left, lambda k, e: _same_value(k, e) and _conflict(k, e) is not None):
        report(_conflict(k, e) or "value", _says(k, e))
    for k, e, _ in _pair(ko_left, en_left, _frequency_mismatch):
        report("unit", _says(k, e))
    for k, e, _ in _pair(ko_left, en_left, lambda k, e: k.value == -e.value != 0 and k.unit == e.unit and _numeric(k) and _numeric(e)):
        report("value", _says(k, e))  # 영하 15도 (-15 degrees) → "15 degrees": the sign lost
    for k, e, _ in _pair(ko_left, en_left, lambda k, e: _scale_gap(k, e)):
        report("scale", _says(k, e))
    for k, e, _ in _pair(ko_left, en_left, lambda k, e: _near(k, e)):
        report("value", _says(k, e))
    for k, e, _ in _pair(ko_left, en_left, _other_year):
        report("value", _says(k, e))
    weekday_in_english = any(e.kind == "calendar" and e.unit == "weekday" for e in english)
    weekday_in_korean = any(k.kind == "calendar" and k.unit == "weekday" for k in korean)
    new_weekday = next((e for e in en_left if e.kind == "calendar" and e.unit == "weekday"), None)
    matched = [k for k in korean if not any(k is left for left in ko_left)]
    for k in ko_left:
        # The same figure twice in Korean ("노드 스트림 2 (Nord Stream 2)"), once in English: nothing lost.
        if any(m.value == k.value and m.kind == k.kind and m.unit == k.unit for m in matched):
            continue
        # A weekday the Korean does not name, for its date or "that day": 3일 → "on Sunday", 이날 → "on Monday".
        if new_weekday is not None and not weekday_in_korean and (k.kind == "date" and k.unit == "day" or k.unit == "day" and k.kind == "calendar"):
            report("value", f"{k.text} = {k.describe()}; the English says {new_weekday.text} instead")
            continue
        # News English names the weekday where Korean gives the week: 지난주 → "on Saturday".
        if weekday_in_english and k.kind == "calendar" and k.unit == "week":
            continue
        if k.must_appear:
            report("omission", f"{k.text} = {k.describe()}; the English does not have it")
    for e in en_left:
        if e.kind == "ordinal" and e.value > 1 and e.text.lower() != "second":
            report("addition", f"the English says {named(e)}; the Korean does not have it")
        elif e.kind == "count" and e.value >= 2 and not e.unit and e.text[:1].isdigit() and not _also_in_words(e, english):
            report("addition", f"the English says {named(e)}; the Korean does not have it")
        elif e.kind == "money" or e.scaled or _stated_outright(e):
            report("addition", f"the English says {named(e)}; the Korean does not have it")


def _report_bounds(pairs: list, report: Report) -> None:
    """The same figure bounded the other way: 1분 이상 (one minute or more) → "one minute or less"."""
    for k, e, _ in pairs:
        if k.bound and e.bound and k.bound != e.bound:
            report("value", f"{k.text} = {k.describe()} or {'more' if k.bound == 'up' else 'less'}; the English says {e.text}")


def _also_in_words(e: Quantity, english: list[Quantity]) -> bool:
    """The English also spells this value out ("the Four Bowl … 5&4"): the pairing took the word, not an addition."""
    return any(m.value == e.value and not m.text[:1].isdigit() for m in english)


def _stated_outright(e: Quantity) -> bool:
    """An English figure a translator does not add in passing: an age, a century, a percentage in digits ("20%")."""
    return e.unit == "세" or (e.kind == "calendar" and e.unit == "century") or (e.kind == "percent" and any(c.isdigit() for c in e.text))


def _pair(ko_left: list[Quantity], en_left: list[Quantity], fits: Callable[[Quantity, Quantity], bool]):
    """Remove and return (korean, english, None) pairs that fit, first English candidate wins."""
    pairs = []
    for k in list(ko_left):
        for e in en_left:
            if fits(k, e):
                pairs.append((k, e, None))
                ko_left.remove(k)
                en_left.remove(e)
                break
    return pairs


def _same_period(k: Quantity, e: Quantity) -> bool:
    """지난 1년 동안 = "the past year": a one-unit duration and a relative date of that unit."""
    return k.kind == "duration" and k.value == 1 and e.kind == "calendar" and e.unit == k.unit


def _same_value(k: Quantity, e: Quantity) -> bool:
    return math.isclose(k.value, e.value, rel_tol=1e-6, abs_tol=1e-9)


def _units_agree(k: Quantity, e: Quantity) -> bool:
    if k.kind == "time":
        return not k.unit or not e.unit or k.unit == e.unit
    if k.kind in ("money", "date", "duration", "percent", "frequency", "calendar"):
        return k.unit == e.unit
    if k.unit in MEASURES and e.unit in MEASURES:
        return k.unit == e.unit
    return True


def _equivalent(k: Quantity, e: Quantity) -> bool:
    """Same value, different but compatible wording."""
    if _conflict(k, e) is not None:
        return False
    if k.kind == "date" and k.unit == "minute":
        return e.kind in ("ordinal", "count")
    if k.kind == "date" and k.unit == "day":
        # Below 10 a bare 일 is as often a duration: 3일이 소요 = "three days".
        return e.kind in ("ordinal", "count", "date") or (e.kind == "duration" and e.unit == "day" and k.value < 10)
    return k.kind in _LOOSE and e.kind in _LOOSE | {"count"}


def _conflict(k: Quantity, e: Quantity) -> str | None:
    """The kind of mismatch between two quantities of the same value, or None when they agree."""
    if k.kind == "time" and e.kind == "time" and k.unit and e.unit and k.unit != e.unit:
        return "ampm"
    if k.kind == "money" and e.kind == "money" and k.unit != e.unit:
        return "unit"
    if k.unit in MEASURES and e.unit in MEASURES and k.unit != e.unit:
        return "unit"  # 규모 7.5 (magnitude) → "7.5-foot"; 300km → "300-mile"
    if k.kind == e.kind == "percent" and k.unit != e.unit and "point" in (k.unit, e.unit):
        return "unit"  # 40%포인트 (a 40-point margin) → "40%"
    # Below 10, 일 is as often a duration (3일이 걸린다) as a date; from 10 on, 25일 is the 25th.
    if k.kind == "date" and k.unit == "day" and e.kind == "duration" and e.unit == "day" and k.value >= 10:
        return "ordinal"  # a date (the 25th) read as a duration (25 days)
    if k.kind == "date" and k.unit == "minute" and e.kind == "duration" and e.unit == "minute":
        return "ordinal"  # 65분 동점골 (the 65th minute) → "65 minutes"
    if k.kind == "ordinal" and e.kind == "count" and k.unit not in ("위", "차", "첫"):
        return "ordinal"
    if k.kind == "count" and k.unit in THINGS and e.kind == "ordinal" and k.value > 1:
        return "ordinal"  # 2골 차 (a two-goal lead) → "second"
    if k.kind == "count" and k.unit in COUNTERS and e.kind == "duration":
        return "unit"  # 3차전 (game three) → "three years"
    if k.kind == e.kind and k.kind in ("duration", "date") and k.unit != e.unit and {k.unit, e.unit} <= {"year", "month", "week", "day", "minute"}:
        return "unit"  # 2년 → "two months"
    if (k.kind == "count" and k.unit in ("회", "승", "차례", "관왕")) or (k.kind == "duration" and k.unit == "day"):
        if e.kind == "ordinal":
            return "ordinal"  # 3회 우승 (three-time) → "third"; 주 4일 → "the fourth day"
    if k.kind == "money" and e.kind == "count" and k.unit != "KRW":
        return "unit"  # the currency dropped: 100억 달러 → "10 billion"
    if k.kind == "duration" and k.unit == "year" and e.unit == "세":
        return "unit"  # 15년 된 파트너 (of 15 years) → "15-year-old"
    if k.unit == "대" and e.kind == "duration":
        return "unit"  # 40대 (in his 40s) → "40 years"
    return None


def _other_year(k: Quantity, e: Quantity) -> bool:
    """Two different years, both left unmatched: 2020년 → "the year 2021" is a wrong value, not an omission."""
    return k.kind == e.kind == "date" and k.unit == e.unit == "year" and k.value >= 1000 and e.value >= 1000


def _numeric(q: Quantity) -> bool:
    return q.kind in ("count", "money", "percent", "times")


def _frequency_mismatch(k: Quantity, e: Quantity) -> bool:
    return k.kind == e.kind == "frequency" and k.unit != e.unit  # 매분 (every minute) → "every hour"


def _scale_gap(k: Quantity, e: Quantity) -> bool:
    """Off by a power of ten (×10, ×1000…): the scale word or the 만/억 conversion went wrong."""
    if not (_numeric(k) and _numeric(e)) or k.value <= 0 or e.value <= 0:
        return False
    if not (k.scaled or e.scaled or (k.kind == e.kind == "percent" and k.unit == e.unit)):  # 0.2%p → "2 points"
        return False
    exponent = math.log10(e.value / k.value)
    return abs(exponent) >= 1 and abs(exponent - round(exponent)) < 1e-6


def _near(k: Quantity, e: Quantity) -> bool:
    """Close enough to be the same figure written wrong: same kind, within a factor of 2."""
    if k.kind == "time" and e.kind == "time":
        return True
    if not (_numeric(k) and _numeric(e)) or k.value <= 0 or e.value <= 0:
        return False
    if not (k.scaled or e.scaled or k.value >= 10):
        return False
    return 0.5 < e.value / k.value < 2


def named(q: Quantity) -> str:
    """The figure as written, with its meaning when that adds something: "200", "$5 million (USD 5 million)"."""
    meaning = q.describe()
    return q.text if meaning == q.text else f"{q.text} ({meaning})"


def _says(k: Quantity, e: Quantity) -> str:
    meaning = e.describe()
    english = e.text if meaning in (e.text, k.describe()) or (e.bound and meaning in e.text) else f"{e.text} ({meaning})"
    return f"{k.text} = {k.describe()}; the English says {english}"


def same_figure(known: Quantity, figure: Quantity) -> bool:
    """Whether `figure` restates `known` (same value, no conflicting meaning): used for summary vs body."""
    return _same_value(known, figure) and _conflict(known, figure) is None
