"""Quantities in Korean text, read from kiwipiepy's tags: SN (digits), NR (numerals and 만/억/조), MM
(native numerals before a counter), then the counter, currency, percent or date/time word after them.

`korean_quantities("약 6억 4900만 명")` → [Quantity(649000000, "count", "명", "6억 4900만 명", scaled=True)].
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from summarizer.fidelity.calendar_words import CALENDAR_HINT, korean_calendar
from summarizer.fidelity.korean_gate import Windows, korean_windows
from summarizer.fidelity.quantity import Quantity

BIG_UNITS = {"만": 1e4, "억": 1e8, "조": 1e12}
SMALL_UNITS = {"십": 10, "백": 100, "천": 1000}
SINO_DIGITS = {"일": 1, "이": 2, "삼": 3, "사": 4, "오": 5, "육": 6, "칠": 7, "팔": 8, "구": 9}
# Native numerals as NR (standalone) or MM (before a counter) forms.
NATIVE = {
    "하나": 1, "한": 1, "둘": 2, "두": 2, "셋": 3, "세": 3, "넷": 4, "네": 4, "다섯": 5, "여섯": 6,
    "일곱": 7, "여덟": 8, "아홉": 9, "열": 10, "스물": 20, "스무": 20, "서른": 30, "마흔": 40, "쉰": 50,
}
# Stems of native ordinals (첫째, 둘째, 셋째 … 열째), read from Kiwi's single NR token.
NATIVE_STEMS = {"첫": 1, "둘": 2, "셋": 3, "넷": 4, "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8, "아홉": 9, "열": 10}
CURRENCIES = {"원": "KRW", "달러": "USD", "유로": "EUR", "엔": "JPY", "위안": "CNY", "파운드": "GBP", "루블": "RUB"}
SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₩": "KRW"}
PERCENT = {"%", "퍼센트", "프로"}
LATIN_SCALES = {"bn": 1e9, "billion": 1e9, "million": 1e6, "mn": 1e6, "trillion": 1e12, "tn": 1e12}  # not "m": 200m is metres
MORNING = {"오전", "새벽", "아침"}
EVENING = {"오후", "저녁", "밤", "낮"}
TITLES = {"우승", "우승자", "챔피언", "수상", "수상자", "정상", "제패"}
AGE_GAP = {"연상", "연하", "차", "차이", "위", "아래", "많", "어리"}
DURATION_AFTER = {"동안", "간", "만", "째"}
BOUNDS = {"이상": "up", "초과": "up", "넘": "up", "이하": "down", "미만": "down", "이내": "down"}  # 100명 이상: 100 or more
# Words of a match report: there a bare 65분 is the 65th minute of play, elsewhere a span (25분 회담: a 25-minute talk).
MATCH_REPORT = re.compile("골(?!목|프|드)|득점|점수|트라이|슛|하프타임|전반(?!적)|후반(?!기)|연장|오프닝|어시스트|페널티|킥|실점")
# A Korean numeral run: parts are digits (SN) or numeral words (NR); MM only directly before a counter.
_NUMBER_TAGS = {"SN", "NR"}
_START_TAGS = {"SN", "NR", "MM", "W_SERIAL"}


_JOINED = re.compile(r"\d+(?:[-–:&]\d+)+")


def _joined(form: str) -> list[Quantity]:
    parts = re.split(r"[-–:&]", form)
    if ":" in form and len(parts) == 2 and int(parts[0]) <= 24 and len(parts[1]) == 2 and int(parts[1]) < 60:
        hour, minute = int(parts[0]), int(parts[1])
        ampm = "pm" if hour >= 12 else ("am" if parts[0].startswith("0") else "")
        clock = [Quantity(hour % 12 or 12, "time", ampm, form)]
        return clock + ([Quantity(minute, "count", "분", form)] if minute else [])
    return [Quantity(float(part), "count", "", part) for part in parts if int(part) > 0]


def korean_quantities(text: str, windows: Windows | None = None) -> list[Quantity]:
    """Every number in `text` with its meaning, in order of appearance (`windows`: korean_windows(text))."""
    found: list[Quantity] = []
    for window, tokens in korean_windows(text) if windows is None else windows:
        found.extend(_read_window(window, tokens))
    return minutes_of_play(text, found)


def minutes_of_play(text: str, found: list[Quantity]) -> list[Quantity]:
    """`found` with each bare N분 read as a minute of play only when the sentence `text` reports a match."""
    if "분" in text and any(q.kind == "date" and q.unit == "minute" for q in found) and not MATCH_REPORT.search(text):
        return [replace(q, kind="duration") if q.kind == "date" and q.unit == "minute" else q for q in found]
    return found


def _read_window(text: str, tokens: Sequence) -> list[Quantity]:
    """The quantities of one window: numbers, then calendar, vague and frequency words.

    The word readers walk every morpheme, so they run only when the text has a word they look for.
    """
    calendar = korean_calendar(tokens) if CALENDAR_HINT.search(text) else []
    vague = _vague(tokens) if "수" in text else []  # 수십, 수천, 수많은
    every = _every(tokens) if "매" in text or "해마다" in text else []
    return _numbers(text, tokens) + calendar + vague + every


def _numbers(text: str, tokens: Sequence) -> list[Quantity]:
    """Numerals with their counters, units, currencies, dates and times, in order."""
    found: list[Quantity] = []
    i = 0
    # Only morphemes a number can start at (most are not): one pass picks them, the loop visits those.
    for start in [index for index, token in enumerate(tokens) if token.tag in _START_TAGS]:
        if start < i:
            continue  # inside what the previous number read
        i = start
        token = tokens[i]
        if token.tag == "NR" and token.form.endswith("째") and token.form[:-1] in NATIVE_STEMS:
            found.append(Quantity(NATIVE_STEMS[token.form[:-1]], "ordinal", "", token.form))  # 셋째 = third
            i += 1
            continue
        if not _starts_number(tokens, i):
            i += 1
            continue
        if _JOINED.fullmatch(token.form):  # 5-2, 31-27, 859-292-3680: scores, phone numbers; 13:10 a clock time
            found.extend(_joined(token.form))
            i += 1
            continue
        fraction = _fraction(tokens, i)
        if fraction is not None:  # 220 2/3 이닝: two thirds
            found.append(fraction)
            i += 1
            continue
        end = _run_end(tokens, i)
        value, scaled = _compose([t.form for t in tokens[i:end]])
        if value is None:
            i = end
            continue
        # A range "3~5명": the first number takes the unit of the second.
        if end + 1 < len(tokens) and tokens[end].form in ("~", "-", "∼", "～") and _starts_number(tokens, end + 1):
            second_end = _run_end(tokens, end + 1)
            second, second_scaled = _compose([t.form for t in tokens[end + 1 : second_end]])
            if second is not None:
                kind, unit, stop = _meaning(tokens, end + 1, second_end, second, text)
                first_value = value * _scale_of(second) if scaled is False and second_scaled and value < 10 else value
                found.append(_quantity(text, tokens, i, end, first_value, kind, unit, scaled or second_scaled))
                found.append(_quantity(text, tokens, end + 1, stop, second, kind, unit, second_scaled))
                i = stop
                continue
        if end < len(tokens) and tokens[end].tag == "SL" and tokens[end].form.lower() in LATIN_SCALES:
            value, scaled, end = value * LATIN_SCALES[tokens[end].form.lower()], True, end + 1
        kind, unit, stop = _meaning(tokens, i, end, value, text)
        bare = stop == end or (stop == end + 1 and tokens[end].form in ("중", "다"))
        if bare and tokens[i].tag == "NR" and tokens[i].form in NATIVE:
            i = stop  # a bare 둘, 하나 ("둘 중 하나", "둘 다"): "either", "both", not a figure
            continue
        if i > 0 and tokens[i - 1].form in ("영하", "마이너스"):  # 영하 15도: 15 below zero
            figure = _quantity(text, tokens, i - 1, stop, -value, kind, unit, scaled)
        else:
            figure = _quantity(text, tokens, i, stop, value, kind, unit, scaled)
        bound = BOUNDS.get(tokens[stop].form) if stop < len(tokens) else None
        found.append(replace(figure, bound=bound) if bound else figure)
        i = stop
    return [q for q in found if q.kind != "skip"]


def _every(tokens: Sequence) -> list[Quantity]:
    """매일, 매 분, 해마다: how often (kind "frequency")."""
    every = [Quantity(1, "frequency", EVERY[t.form], t.form) for t in tokens if t.form in EVERY]
    every += [Quantity(1, "frequency", EVERY["매" + b.form], a.form + b.form)
              for a, b in zip(tokens, tokens[1:]) if a.form == "매" and "매" + b.form in EVERY]  # 매 + 분
    return every


KOREAN_MEASURES = {
    "피트": "foot", "인치": "inch", "마일": "mile", "킬로미터": "km", "km": "km", "미터": "metre", "m": "metre",
    "도": "degree", "에이커": "acre", "톤": "ton", "t": "ton", "킬로그램": "kg", "kg": "kg", "킬로": "kg",
    "mm": "mm", "밀리미터": "mm", "밀리": "mm", "cm": "cm", "센티미터": "cm", "센티": "cm",
}
# 매분 "every minute", 매일 "daily"
EVERY = {"매분": "minute", "매시간": "hour", "매일": "day", "매주": "week", "매달": "month", "매월": "month", "매년": "year", "해마다": "year"}
# 수천 명 "thousands", 수백만 "millions", 수많은 "numerous" (magnitude 0: many, no size given).
VAGUE = {"수십": 10, "수백": 100, "수천": 1e3, "수만": 1e4, "수십만": 1e5, "수백만": 1e6, "수천만": 1e7, "수억": 1e8, "수십억": 1e9}


def _vague(tokens: Sequence) -> list[Quantity]:
    found = []
    for i in [i for i, token in enumerate(tokens) if token.form.startswith("수")]:  # every form below does
        token = tokens[i]
        form = token.form
        if form == "수" and i + 1 < len(tokens) and tokens[i + 1].tag == "NR" and tokens[i + 1].start - _stop(token) <= 1:
            form = "수" + tokens[i + 1].form  # "수 천명"
        if form in VAGUE:
            found.append(Quantity(VAGUE[form], "vague", "", form))
        elif form == "수많" or (form == "수" and i + 1 < len(tokens) and tokens[i + 1].form == "많"):
            found.append(Quantity(0, "vague", "", "수많은"))
    return found


def _fraction(tokens: Sequence, i: int) -> Quantity | None:
    """"2/3" (Kiwi: one W_SERIAL token) with the numerator below the denominator, at most 10: a share, as a
    percentage."""
    if tokens[i].tag != "W_SERIAL" or tokens[i].form.count("/") != 1:
        return None
    numerator, denominator = tokens[i].form.split("/")
    if not (numerator.isdigit() and denominator.isdigit() and 0 < int(numerator) < int(denominator) <= 10):
        return None
    return Quantity(round(100 * int(numerator) / int(denominator), 4), "percent", "", f"{numerator}/{denominator}")


def _starts_number(tokens: Sequence, i: int) -> bool:
    token = tokens[i]
    if token.tag == "W_SERIAL":
        return bool(_JOINED.fullmatch(token.form)) or _fraction(tokens, i) is not None
    if token.tag == "SN":
        # Part of a name or code ("F125", "G20"): not a quantity.
        return not (i > 0 and tokens[i - 1].tag == "SL" and _stop(tokens[i - 1]) == token.start and tokens[i - 1].form != "±")
    if i > 0 and tokens[i - 1].form in ("수", "몇", "여러", "수십", "수백", "수천") and token.tag == "NR":
        return False  # "수 천명", "몇 십년": thousands, decades — no figure to check
    if token.tag == "NR":
        return not token.form.startswith("수") and _compose([token.form])[0] is not None
    # Native determiners count only before a counter: "두 명", "세 배", "두 번째".
    return (
        token.tag == "MM"
        and token.form in NATIVE
        and i + 1 < len(tokens)
        and tokens[i + 1].tag in ("NNB", "NNG")
        and (tokens[i + 1].tag == "NNB" or token.form != "한")  # 두 커플, 세 나라; 한 + noun is "a"
        and tokens[i + 1].form != "사람"  # 두 사람: "the two", "they"
    )


def _run_end(tokens: Sequence, i: int) -> int:
    """Index after the numeral run starting at i ("1 억 4 천 2 백만" is one run)."""
    if tokens[i].tag == "MM":
        return i + 1
    end = i + 1
    while end < len(tokens) and tokens[end].tag in _NUMBER_TAGS and tokens[end].start - _stop(tokens[end - 1]) <= 1:
        # A new SN right after a complete SN is a new number ("2018 10"), not part of this one.
        if tokens[end].tag == "SN" and tokens[end - 1].tag == "SN":
            break
        if tokens[end].form.startswith("수"):
            break
        end += 1
    return end


def _stop(token) -> int:
    return token.start + token.len


def _compose(parts: Sequence[str]) -> tuple[float | None, bool]:
    """The value of numeral parts (["1", "억", "4", "천", "2", "백만"] → 142000000) and whether a big unit was used."""
    total, section, current, scaled = 0.0, 0.0, None, False
    for part in parts:
        digits = part.replace(",", "")
        if _is_number(digits):
            current = (current or 0.0) + float(digits)
            continue
        if part in NATIVE:
            current = (current or 0.0) + NATIVE[part]
            continue
        for char in part:
            if char in SINO_DIGITS:
                current = (current or 0.0) + SINO_DIGITS[char]
            elif char in SMALL_UNITS:
                section += (current if current is not None else 1.0) * SMALL_UNITS[char]
                current = None
            elif char in BIG_UNITS:
                section += current or 0.0
                total += (section or 1.0) * BIG_UNITS[char]
                section, current, scaled = 0.0, None, True
            else:
                return None, False
    # Rounded: 39.7 × 10⁸ is 3970000000.0000005 in floating point.
    return float(f"{total + section + (current or 0.0):.12g}"), scaled


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _scale_of(value: float) -> float:
    for size in (1e12, 1e8, 1e4):
        if value >= size:
            return size
    return 1.0


def _meaning(tokens: Sequence, start: int, end: int, value: float, text: str) -> tuple[str, str, int]:
    """(kind, unit, index after the unit word) from the words around the numeral run tokens[start:end]."""
    before = tokens[start - 1] if start > 0 else None
    after = tokens[end] if end < len(tokens) else None
    nxt = tokens[end + 1] if end + 1 < len(tokens) else None
    if before is not None and before.form in SYMBOLS and tokens[start].start - _stop(before) <= 1:  # "£500", "£ 500"
        return "money", SYMBOLS[before.form], end
    if after is None:
        return "count", "", end
    form = after.form
    if form in ("%포인트", "%p", "퍼센트포인트"):
        return "percent", "point", end + 1
    if form in PERCENT:
        if nxt is not None and nxt.form in ("포인트", "p", "P") and nxt.start == _stop(after):
            return "percent", "point", end + 2  # 40%포인트: a margin in points, not a share
        return "percent", "", end + 1
    if form in CURRENCIES:
        return "money", CURRENCIES[form], end + 1
    if form in SYMBOLS and after.start == _stop(tokens[end - 1]):
        return "money", SYMBOLS[form], end + 1
    if form in ("년대", "대") and 1000 <= value <= 2100 and value % 10 == 0:
        return "date", "year", end + 1  # 1930년대, 2000대: the 1930s
    if form == "대" and tokens[start].form == "열" and after.start == _stop(tokens[start]):
        return "skip", "", end + 1  # 열대: "tropical", not 10대
    if form == "대" and value in (10, 20, 30, 40, 50, 60, 70, 80, 90):
        return "count", "대", end + 1  # 10대, 40대: teenagers, in their 40s
    if form in ("제",):
        return "count", "", end
    if before is not None and before.form == "제" and before.tag == "XPN":
        return "ordinal", form, end + 1
    if form == "일" and nxt is not None and nxt.form == "째":
        return "ordinal", "일", end + 2  # 파업 21일째: the 21st day of the strike (or "21 days into")
    if form == "회" and nxt is not None and nxt.form in ("말", "초") and nxt.tag == "NNB":
        return "ordinal", "회", end + 1  # 4회 말: the bottom of the fourth inning
    if nxt is not None and nxt.form == "째" and after.tag == "NNB" and form not in ("일", "년"):
        return "ordinal", form, end + 2
    if form == "째":
        return "ordinal", "", end + 1
    if form == "위" and after.tag == "NNB":
        return "ordinal", "위", end + 1
    if form == "시" and after.tag == "NNB" and tokens[start].tag != "MM":  # "두 시위" is not 2 o'clock
        return "time", _ampm(tokens, start, value), end + 1
    if form == "년":
        if value == 1 and nxt is not None and nxt.form == "내내":
            return "skip", "", end + 2  # 일 년 내내: "all year round"
        if nxt is not None and nxt.form in DURATION_AFTER:
            return "duration", "year", end + 1
        return ("date", "year", end + 1) if 1000 <= value < 10000 else ("duration", "year", end + 1)
    if form == "개월":
        return "duration", "month", end + 1
    if form == "월" and value <= 12:
        return "date", "month", end + 1
    if form == "일" and after.tag == "NNB":
        if (nxt is not None and nxt.form in DURATION_AFTER) or (before is not None and before.form == "주"):
            return "duration", "day", end + 1
        return ("date", "day", end + 1) if value <= 31 else ("duration", "day", end + 1)
    if form.lower() in KOREAN_MEASURES:
        return "count", KOREAN_MEASURES[form.lower()], end + 1
    if before is not None and before.form == "규모":
        return "count", "magnitude", end  # 규모 7.5: an earthquake's magnitude
    if form == "규모" and after.start - _stop(tokens[end - 1]) <= 1 and float(value) < 10:
        return "count", "magnitude", end + 1  # 7.5 규모의 지진
    if form in ("세", "살") and nxt is not None and nxt.form in AGE_GAP:
        return "duration", "year", end + 1  # 20세 연상: 20 years older, not aged 20
    if form == "번" and any(t.form in TITLES for t in tokens[end + 1 : end + 4]):
        return "count", "회", end + 1  # 5번 메이저 우승자: a five-time winner
    if form in ("인조", "인"):
        return "count", form, end + 1
    if form == "배":
        return "times", "", end + 1
    if form == "분" and nxt is not None and nxt.form == "의" and end + 2 < len(tokens) and tokens[end + 2].tag in ("SN", "NR"):
        numerator, _ = _compose([tokens[end + 2].form])
        if numerator:
            return "fraction", str(numerator), end + 3  # 3분의 2 = two-thirds
    if form == "분":
        if start > 0 and tokens[start - 1].form == "시":
            return "count", "분", end + 1  # 7시 55분: the minutes of a clock time
        after_next = tokens[end + 2] if end + 2 < len(tokens) else None
        adverb = after_next is not None and after_next.tag in ("XSV", "XSA")  # 65분 이상하게 ("strangely")
        if nxt is not None and nxt.form in ("만", "동안", "간", "내지", "이상", "이내", "전", "후", "뒤", "미만", "가량", "정도", "마다", "안", "내", "내내") and not adverb:
            return "duration", "minute", end + 1
        if not float(value).is_integer():
            return "duration", "minute", end + 1
        return "date", "minute", end + 1  # 65분 동점골: in the 65th minute (korean_quantities: of a match only)
    if form == "주일":
        return "duration", "week", end + 1
    if form in ("초", "주", "주년"):
        return "count", form, end + 1
    if after.tag == "NNB" or (after.tag == "NNG" and _stop(tokens[end - 1]) == after.start and len(form) <= 2):
        return "count", form, end + 1
    return "count", "", end


def _ampm(tokens: Sequence, start: int, value: float) -> str:
    """am/pm from 오전/오후… before the hour, or from a 24-hour form ("04시", "16시"); "" when unknown."""
    for back in (1, 2):
        if start - back >= 0 and tokens[start - back].form in MORNING:
            return "am"
        if start - back >= 0 and tokens[start - back].form in EVENING:
            return "am" if value == 12 and tokens[start - back].form == "밤" else "pm"  # 밤 12시: midnight
    written = tokens[start].form
    if value > 12:
        return "pm"
    if tokens[start].tag == "SN" and len(written) == 2 and written.startswith("0"):
        return "am"
    return ""


def _quantity(text: str, tokens: Sequence, start: int, stop: int, value: float, kind: str, unit: str, scaled: bool) -> Quantity:
    if kind == "fraction":
        value, kind, unit = round(100 * float(unit) / value, 4), "percent", ""  # as english.py rounds "a third"
    if kind == "time" and value > 12:
        value -= 12
    if kind == "time" and value == 0:
        value = 12
    span = text[tokens[start].start : _stop(tokens[max(start, stop - 1)])]
    return Quantity(value=value, kind=kind, unit=unit, text=span, scaled=scaled)
