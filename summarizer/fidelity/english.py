"""Quantities in English text: digits with separators, number words, million/billion/trillion, currencies,
percentages, a.m./p.m. times, dates, durations and ordinals, as `Quantity` values comparable with Korean.

`english_quantities("approximately 669 million people")` → [Quantity(669000000, "count", "", "669 million", scaled=True)].
"""

from __future__ import annotations

import re
from dataclasses import replace

from summarizer.fidelity.calendar_words import english_calendar
from summarizer.fidelity.english_forms import (  # the tables and forms the reader below matches
    WORDS,
    ORDINAL_WORDS,
    TIMES_WORDS,
    SCALES,
    CURRENCY_WORDS,
    SYMBOLS,
    MONTHS,
    DURATION_UNITS,
    ROMAN,
    FRACTIONS,
    _TENS,
    _UNITS,
    _TOKEN,
    _TOKEN_AT,
)
from summarizer.fidelity.quantity import Quantity
from summarizer.fidelity.scan import alternation, keeps_letters, scan

_MEASURE = {"mm": "mm", "cm": "cm", "fee": "foot", "foo": "foot", "ft": "foot", "inc": "inch", "mil": "mile", "km": "km", "kil": "km",
            "met": "metre", "m": "metre", "deg": "degree", "acr": "acre", "ton": "ton", "kg": "kg", "mag": "magnitude"}
_AGE_WORDS = {"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60, "seventies": 70, "eighties": 80, "nineties": 90}
_AFTER = re.compile(
    r"\s*(?:-|\s)?\s*(?P<points>percentage[- ]points?\b|%\s?points?\b)|\s*(?:-|\s)?\s*(?P<percent>%|percent\b|per\s+cent\b)"
    r"|\s*-?\s*(?P<unit>days?|months?|years?|minutes?|weeks?|decades?)\b(?P<old>-old\b|\s+old\b)?"
    r"|\s+(?P<currency>won|dollars?|euros?|yen|yuan|renminbi|pounds?|sterling|r[ou]+bles)\b|\s?(?P<symbol>[€£$¥₩])"
    r"|\s*(?P<times>times\b|-fold\b)"
    r"|\s*-?\s*(?P<measure>feet|foot|ft|inch(?:es)?|miles?|km|kilomet(?:er|re)s?|met(?:er|re)s?|m|degrees?|acres?|tons?|tonnes?|kg|kilograms?|magnitude"
    r"|mm|millimet(?:er|re)s?|cm|centimet(?:er|re)s?)\b",
    re.IGNORECASE,
)


_MAGNITUDE_BEFORE = re.compile(r"\bmagnitude[- ]?$")
# "Game 9": a capitalized word, spaces and a non-space right before the number. Read backwards (reversed text):
# anchored at the number, one match attempt instead of a search from the sentence start. \n? is `$` before a
# final newline.
_NAME_BEFORE = re.compile(r"\n?\s[a-z]+[A-Z]\s+\S")
_LIST = re.compile(rf"(?:(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|to)\s+)(?:\d+(?:\.\d+)?|{_UNITS}|{_TENS}|ten))+", re.IGNORECASE)


# Words any match of _TOKEN or english_calendar starts with or contains; text with none of them (and no digit or
# currency symbol) has no quantity, which one set intersection tells faster than the big pattern's scan.
_GATE_WORDS = frozenset(
    [*WORDS, *ORDINAL_WORDS, *TIMES_WORDS, *MONTHS, *DURATION_UNITS, *FRACTIONS, *CURRENCY_WORDS]
    + "monday tuesday wednesday thursday friday saturday sunday mondays tuesdays wednesdays thursdays fridays "
      "saturdays sundays century centuries centennial centenary decade decades teen teens teenage teenager teenagers "
      "twenties thirties forties fifties sixties seventies eighties nineties both pair couple twin twins duo every "
      "hourly daily weekly monthly annually yearly many numerous countless multiple several trio sophomore sophomores "
      "top tops topped topping noon midnight war dozens hundreds thousands millions billions hundred thousand million "
      "billion trillion spring summer autumn fall winter hour".split()
    + ["teenages", "teenss"]  # teen(?:age|s|ager)?s? matches these too
    + ["ww", "wwi", "wwii", *(numeral.lower() for numeral in ROMAN if len(numeral) > 1)]
    # A number word with a scale letter attached is one word run: "fivem", "tenbn", "a hundredk".
    + [word.split()[-1] + scale for word in WORDS for scale in ("k", "m", "mn", "bn", "b", "tn", "trn")]
)
# The first word (lowercase) of every _TOKEN alternative that starts with a letter; "teen…" is a prefix.
_START_WORDS = ({word.split()[0] for word in WORDS} | set(MONTHS) | set(ORDINAL_WORDS) | set(TIMES_WORDS) | set(
    "noon midnight one half three decade tens dozens decades hundreds thousands millions billions every "
    "hourly daily weekly monthly annually yearly many numerous countless multiple several trio sophomore sophomores "
    "top tops topped topping both pair couple twin twins duo twenties thirties forties fifties sixties seventies "
    "eighties nineties usd eur gbp krw ww wwi wwii".split()
) | {numeral.lower() for numeral in ROMAN if len(numeral) > 1}) - {"a"}
# Start words of one or two alternatives only, with what must follow ("a" is the most frequent word tried).
_START_PHRASES = (
    r"a(?=[\s-]+(?:dozen|hundred|thousand|million|billion|day|week|month|year|minute|quarter|half|third|fifth|decade|couple))"
    r"|an(?=\s+hour)"
    r"|no(?=\.)|us(?=\$)|world(?=\s)"
)
# Where a _TOKEN match can start, in lowercased text: a digit or sign, or a start word ending the word or followed by
# a scale letter ("fivem"). _TOKEN tries its ~30 alternatives at every word start; this prefix tree is ~6× faster.
_STARTS = re.compile(
    rf"[0-9$€£¥₩]|(?<![a-z])(?:{alternation(_START_WORDS)}|teen[a-z]*|{_START_PHRASES})(?:(?![a-z])|(?=(?:k|m|mn|bn|b|tn|trn)(?![a-z])))"
)

_GATE_SIGNS = re.compile(r"[0-9$€£¥₩]")
# Every byte but a-z, as a space: see word_runs.
_LETTERS_ONLY = bytes(c if 97 <= c <= 122 else 32 for c in range(256))


def word_runs(lowered: str) -> list[str]:
    """The runs of a-z in `lowered`, as re.findall("[a-z]+", lowered) gives them, in half the time: each character
    outside ASCII is encoded as one "?", then every byte but a-z becomes a space, and split() cuts there."""
    return lowered.encode("ascii", "replace").translate(_LETTERS_ONLY).decode("ascii").split()


def may_have_quantity(text: str) -> bool:
    """False only when `text` cannot hold an English quantity (no digit, symbol or number/calendar word)."""
    return _may_have(text, word_runs(text.lower()))


def _may_have(text: str, words: list[str]) -> bool:
    return bool(_GATE_SIGNS.search(text)) or not _GATE_WORDS.isdisjoint(words)


def english_quantities(text: str) -> list[Quantity]:
    """Every number in `text` with its meaning, in order of appearance."""
    lowered = text.lower()
    words = word_runs(lowered)
    if not _may_have(text, words):
        return []
    faithful = keeps_letters(text, lowered)
    found: list[Quantity] = []
    bounds = not _BOUND_WORDS.isdisjoint(words)  # most sentences have no "more than", "up to", "or less"…
    for match in scan(_TOKEN, _STARTS, text, lowered if faithful else None, _TOKEN_AT):
        read = _read(match, text)
        if bounds and len(read) == 1 and read[0].kind in _BOUNDABLE:
            read = [_bounded(read[0], text, match.start())]
        found.extend(read)
    return found + english_calendar(text, words if faithful else None)


def _read(match: re.Match[str], text: str) -> list[Quantity]:
    span = match.group(0)
    kind = match.lastgroup  # the one top-level alternative that matched
    if kind == "number" or kind == "word":  # the most frequent kinds, tested first
        return _figure(match, text)
    if kind == "time":
        if match.group("noon"):
            return [Quantity(12, "time", "pm" if match.group("noon").lower() == "noon" else "am", span)]
        if match.group("fromhour"):  # "from 7 to 9 p.m.": both hours p.m.
            ampm = "am" if match.group("rangeampm").lower().startswith("a") else "pm"
            return [Quantity(int(match.group(name)) % 12 or 12, "time", ampm, span) for name in ("fromhour", "tohour")]
        if match.group("zhour"):  # "1200 GMT": a 24-hour time
            return _clock(match.group("zhour"), match.group("zmin"), span)
        if match.group("clock"):
            hour = int(match.group("clock"))
            if hour > 24:  # 27:37 is a game clock, not a time of day
                return [Quantity(hour, "count", "", span), Quantity(int(match.group("cmin")), "count", "", span)]
            return _clock(match.group("clock"), match.group("cmin"), span)
        hour = int(match.group("hour"))
        minutes = int(match.group("minute") or 0)
        ampm = "am" if match.group("ampm").lower().startswith("a") else "pm"
        extra = [Quantity(minutes, "count", "분", span)] if minutes else []
        return [Quantity(hour % 12 or 12, "time", ampm, span), *extra]
    if kind == "date":
        return [Quantity(MONTHS[match.group("month").lower()], "date", "month", span),
                Quantity(int(match.group("day")), "date", "day", span)]
    if kind == "dayfirst":
        return [Quantity(int(match.group("day2")), "date", "day", span),
                Quantity(MONTHS[match.group("month2").lower()], "date", "month", span)]
    if kind == "ordinal":
        value = match.group("ordnum") or match.group("rank")
        word = re.sub(r"\s+", " ", match.group("ordword") or "").lower()
        return [Quantity(int(value.replace(",", "")) if value else ORDINAL_WORDS[word], "ordinal", "", span)]
    if kind == "money":
        value, scaled = _scaled(float(match.group("mnum").replace(",", "")), match.group("mscale"))
        return [Quantity(value, "money", SYMBOLS[match.group("symbol").lower()], span, scaled)]
    if kind == "decades":
        return [Quantity(int(match.group("decadeyear")), "date", "year", span)]
    if kind == "decade":
        return [Quantity(10, "duration", "year", span)]
    if kind == "monthname":
        if span == "may" or span == "MAY":
            return []  # the verb
        return [Quantity(MONTHS[span.lower()], "date", "month", span)]
    if kind == "teens":
        if match.group("agedecade"):
            return [Quantity(int(match.group("agedecade")), "count", "대", span)]
        if match.group("agewords"):
            return [Quantity(_AGE_WORDS[match.group("agewords").lower()], "count", "대", span)]
        return [Quantity(10, "count", "대", span)]
    if kind == "worldwar":
        return [Quantity(2 if (match.group("war") or match.group("ww")).lower() in ("ii", "two", "2") else 1, "ordinal", "", span)]
    if kind == "regnal":  # Elizabeth II = 엘리자베스 2세, Type II
        return [Quantity(ROMAN[match.group("roman")], "count", "", span)]
    if kind == "oclock":
        word = match.group("oclockword")
        return [Quantity(int(word) if word.isdigit() else _word_value(word), "time", "", span)]
    if kind == "aperiod":
        if match.group("halfhour"):
            return [Quantity(30, "duration", "minute", span)]
        return [Quantity(1, "duration", (match.group("periodunit") or "hour").lower(), span)]
    if kind == "pointpart":  # "a quarter percentage point" = 0.25%p
        return [Quantity(0.25 if match.group("quarterpoint") else 0.5, "percent", "point", span)]
    if kind == "partof":  # "a quarter of a million" = 250,000
        part = {"a quarter": 0.25, "half": 0.5, "three quarters": 0.75}[re.sub(r"\s+", " ", match.group("part").lower())]
        value, _ = _scaled(part, match.group("partscale"))
        return [_with_unit(value, True, span, text, match.end(), True, span)]
    if kind == "slash":  # "2/3" of an inning; "9/11" and "24/7" are names, not shares
        numerator, denominator = int(match.group("snum")), int(match.group("sden"))
        if 0 < numerator < denominator <= 10:
            return [Quantity(round(100 * numerator / denominator, 4), "percent", "", span)]
        return [Quantity(float(numerator), "count", "", span), Quantity(float(denominator), "count", "", span)]
    if kind == "fraction":
        numerator = 1 if match.group("fnum").lower() in ("one", "a") else WORDS[match.group("fnum").lower()]
        denominator = match.group("fden") or match.group("fden2") or match.group("fden3")
        return [Quantity(round(100 * numerator / FRACTIONS[denominator.lower()], 4), "percent", "", span)]
    if kind == "vague":
        size = {"dozens": 10, "decades": 10, "hundreds": 100, "thousands": 1e3, "millions": 1e6, "billions": 1e9}[match.group("vagueword").lower()]
        return [Quantity(size * (10 if match.group("vaguetens") else 1), "vague", "", span)]
    if kind == "every":
        unit = match.group("everyunit") or {"hourly": "hour", "daily": "day", "weekly": "week", "monthly": "month",
                                            "annually": "year", "yearly": "year"}[match.group("everyly").lower()]
        return [Quantity(1, "frequency", unit.lower(), span)]
    if kind == "many":  # "several million" states a size; "many" none
        return [Quantity(SCALES[match.group("manyscale").lower()] if match.group("manyscale") else 0, "vague", "", span)]
    if kind == "trio":
        return [Quantity(3 if span.lower() == "trio" else 2, "count", "", span)]
    if kind == "pair":
        return [Quantity(2, "count", "", span)]
    if kind == "top":
        return [Quantity(1, "ordinal", "", span)]
    if kind == "half":
        return [Quantity(50, "percent", "", span)]
    return [Quantity(TIMES_WORDS[match.group("timesword").lower()], "times", "", span)]  # the last kind: "times"


def _clock(hour_text: str, minute_text: str, span: str) -> list[Quantity]:
    """A 24-hour clock time: 04:00 and 16:00 say a.m./p.m.; 4:00 does not."""
    hour, minutes = int(hour_text), int(minute_text)
    ampm = "pm" if hour >= 12 else ("am" if hour_text.startswith("0") else "")
    extra = [Quantity(minutes, "count", "분", span)] if minutes else []
    return [Quantity(hour % 12 or 12, "time", ampm, span), *extra]


def _figure(match: re.Match[str], text: str) -> list[Quantity]:
    """A figure in digits or words ("number" or "word" alternative) with what follows it."""
    span = match.group(0)
    if match.lastgroup == "number":
        raw, scale = match.group("num"), match.group("scale")
        if scale and scale.strip(" -").lower() in ("m", "k", "b"):
            if scale.strip(" -").lower() == "m":
                return [Quantity(float(raw.replace(",", "")), "count", "metre", span)]  # "200m": metres
            scale = None  # "10k": a race; with a currency symbol it is read as money above
        suffix = (match.group("usuffix") or "").lower()
        if suffix in ("km", "ft", "kg", "t"):
            return [Quantity(float(raw.replace(",", "")), "count", {"km": "km", "ft": "foot", "kg": "kg", "t": "ton"}[suffix], span)]
        value, scaled = _scaled(float(raw.replace(",", "")), scale)
        scaled = scaled or value >= 1e6  # "1,500,000" is as big as "1.5 million"
        digits = True
    else:
        raw, scale = match.group("wnum"), match.group("wscale")
        value, scaled = _scaled(_word_value(raw), scale)
        digits = False
    return [_with_unit(value, scaled, span, text, match.end(), digits, raw)]


def _scaled(value: float, scale: str | None) -> tuple[float, bool]:
    if not scale:
        return value, False
    word = scale.strip(" -").lower()
    size = SCALES.get(word, 1)
    return float(f"{value * size:.12g}"), size >= 1e4  # 2.8 × 10⁹ without floating-point dust


# "more than 100", "100 or more" (up); "less than 100", "up to 100", "100 or less" (down).
_BOUND_BEFORE = re.compile(r"(?:(?P<down>(?:no|not)\s+more\s+than|less\s+than|fewer\s+than|under|below|at\s+most|up\s+to)"
                           r"|(?P<up>more\s+than|over|above|at\s+least|upwards\s+of|in\s+excess\s+of|exceeding))\s+$", re.IGNORECASE)
_BOUND_AFTER = re.compile(r"\s+(?:(?P<up>or\s+more|or\s+above|or\s+over|and\s+over|and\s+above)|(?P<down>or\s+less|or\s+fewer|or\s+under|and\s+under|and\s+below))\b",
                          re.IGNORECASE)


_BOUNDABLE = frozenset({"count", "duration", "money", "percent", "times"})
# Every _BOUND_BEFORE / _BOUND_AFTER match has one of these words.
_BOUND_WORDS = frozenset("than under below up over above least most upwards excess exceeding more less fewer".split())


def _bounded(figure: Quantity, text: str, start: int) -> Quantity:
    """`figure` (written from text[start:]) with the bound the words around it give it, if any."""
    if (after := _BOUND_AFTER.match(text, start + len(figure.text))) and text.startswith(figure.text, start):
        return replace(figure, bound="up" if after.group("up") else "down", text=figure.text + after.group(0))
    if start and (before := _BOUND_BEFORE.search(text, max(0, start - 16), start)):
        return replace(figure, bound="up" if before.group("up") else "down", text=before.group(0) + figure.text)
    return figure


_INTO = re.compile(r"\s+into\b", re.IGNORECASE)
_BELOW_ZERO = re.compile(r"\s*(?:degrees?\s*(?:celsius|fahrenheit|c|f)?\s*|°\s*[cf]?\s*)?below\s+(?:zero|freezing)\b", re.IGNORECASE)


def _with_unit(value: float, scaled: bool, span: str, text: str, end: int, digits: bool, raw: str) -> Quantity:
    """What follows the number: %, days/years (duration or age), a currency word, times; else a year or a count."""
    start = end - len(span)
    if start and (text[start - 1] in "-−–" and (start == 1 or text[start - 2] in " (") or text.endswith(("minus ", "Minus "), 0, start)) \
            and not text.endswith(("plus or minus ", "plus/minus ", "plus-or-minus "), 0, start):
        value, span = -value, (text[start - 1] if text[start - 1] in "-−–" else "minus ") + span  # -15, minus 15
    elif "elow" in text and _BELOW_ZERO.match(text, end):  # the substring test spares most figures a regex call
        value = -value  # "15 degrees below zero"
    after = _AFTER.match(text, end)
    year_like = digits and not scaled and "," not in raw and "." not in raw and 1800 <= value <= 2100
    # "two, three or five months": the list shares the unit; not a year ("in 2016, and 52-year-old Jones")
    if not after and not year_like and (listed := _LIST.match(text, end)):
        after = _AFTER.match(text, listed.end())
        after = after if after and after.group("unit") else None
    before = text[max(0, end - len(span) - 12) : end - len(span)].lower()
    if after:
        if after.group("points"):
            return Quantity(value, "percent", "point", span + after.group(0), scaled)
        if after.group("percent"):
            return Quantity(value, "percent", "", span + after.group(0), scaled)
        if after.group("symbol"):
            return Quantity(value, "money", SYMBOLS[after.group("symbol")], span + after.group(0), scaled)
        if after.group("currency"):
            return Quantity(value, "money", CURRENCY_WORDS[after.group("currency").lower()], span + after.group(0), scaled)
        if after.group("unit"):
            if after.group("old"):
                return Quantity(value, "count", "세", span + after.group(0), scaled)
            unit = after.group("unit").lower()
            if unit.startswith("minute") and _INTO.match(text, end + len(after.group(0))):
                return Quantity(value, "date", "minute", span + after.group(0), scaled)  # "23 minutes into the half"
            if unit.startswith("decade"):  # "three decades" = 30년
                return Quantity(value * 10, "duration", "year", span + after.group(0), scaled)
            return Quantity(value, "duration", DURATION_UNITS[unit], span + after.group(0), scaled)
        if after.group("measure"):
            measure = after.group("measure").lower()
            unit = "mm" if measure.startswith("millim") else "cm" if measure.startswith("centim") else _MEASURE[measure[:3]]
            return Quantity(value, "count", unit, span + after.group(0), scaled)
        if after.group("times"):
            return Quantity(value, "times", "", span + after.group(0), scaled)
    if _MAGNITUDE_BEFORE.search(before):
        return Quantity(value, "count", "magnitude", span)
    if digits and value < 1000 and _NAME_BEFORE.match(text[end - len(span) - 1 :: -1] if end > len(span) else ""):
        return Quantity(value, "ordinal", "", span)  # "Game 9", "Radio 4": a numbered name
    if year_like and not before.endswith("$"):
        return Quantity(value, "date", "year", span)
    return Quantity(value, "count", "", span, scaled)


def _word_value(raw: str) -> float:
    """"fifty-eight" → 58, "a dozen" → 12, "ten" → 10."""
    parts = re.split(r"[- ]", re.sub(r"\s+", " ", raw.lower()))
    if len(parts) == 2 and parts[0] in WORDS and parts[1] in WORDS and WORDS[parts[0]] >= 20:
        return float(WORDS[parts[0]] + WORDS[parts[1]])
    return float(WORDS[" ".join(parts)])
