"""The English side's vocabulary and number forms: word tables (number, ordinal, scale, currency, month words) and
the forms a number takes (`_FORMS`), compiled whole (`_TOKEN`) and split by what they can start with (`_TOKEN_AT`).

english.py reads the matches; this module only says what can match.
"""

from __future__ import annotations

import re

from summarizer.fidelity.scan import alternation

WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12, "a dozen": 12, "a hundred": 100, "a thousand": 1000,
    "a million": 1e6, "a billion": 1e9,
}
_UNIT_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9}
_TENS_ORDINALS = {"twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70,
                  "eightieth": 80, "ninetieth": 90}
ORDINAL_WORDS = {
    **_UNIT_ORDINALS, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, **_TENS_ORDINALS, "hundredth": 100,
    "thousandth": 1000,
    # "twenty-fourth", "twenty fourth"
    **{f"{tens}{joint}{unit}": WORDS[tens] + value for tens in ("twenty", "thirty", "forty", "fifty", "sixty", "seventy",
       "eighty", "ninety") for unit, value in _UNIT_ORDINALS.items() for joint in ("-", " ")},
}
TIMES_WORDS = {"twice": 2, "doubled": 2, "double": 2, "doubles": 2, "doubling": 2, "tripling": 3, "triples": 3, "tripled": 3, "triple": 3, "threefold": 3, "quadrupled": 4, "fourfold": 4}
SCALES = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
          "k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12, "trn": 1e12}
CURRENCY_WORDS = {
    "won": "KRW", "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "yen": "JPY", "yuan": "CNY",
    "renminbi": "CNY", "pound": "GBP", "pounds": "GBP", "sterling": "GBP", "rubles": "RUB", "roubles": "RUB",
}
SYMBOLS = {"$": "USD", "us$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP",
           "¥": "JPY", "₩": "KRW", "krw": "KRW"}
MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], start=1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS.update({"sept": 9})
DURATION_UNITS = {"day": "day", "days": "day", "month": "month", "months": "month", "year": "year", "years": "year",
                  "minute": "minute", "minutes": "minute", "week": "week", "weeks": "week"}
ROMAN = {numeral: value for value, numeral in enumerate(
    "II III IV V VI VII VIII IX X XI XII XIII XIV XV XVI XVII XVIII XIX XX".split(), start=2)}
FRACTIONS = {"half": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5, "fifths": 5}

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORD = alternation(WORDS)  # a prefix tree: longest word first, as sorted alternatives would be
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_SCALE = r"(?:\s*-?\s*(?:hundred|thousand|million|billion|trillion)\b|(?:k|m|mn|bn|b|tn|trn)\b)"
_SYMBOL = r"(?:US\$|\$|€|£|¥|₩|USD|EUR|GBP|KRW)"
_MONTH = alternation(MONTHS)
# The forms a number takes, in the order they are tried (the first that matches wins): (pattern, may start with a
# digit or currency sign, may start with a letter). Each is one top-level named group; `_read` dispatches on it.
_FORMS = [
    (
        r"(?P<time>\b(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?\s*(?P<ampm>[ap]\.?\s?m\b\.?)|\b(?P<clock>\d{1,2}):(?P<cmin>\d{2})\b|\b(?P<noon>noon|midnight)\b"
        r"|\b(?P<zhour>\d{1,2})[.:]?(?P<zmin>\d{2})\s?(?:GMT|UTC|KST)\b"
        r"|\b(?P<fromhour>\d{1,2})\s*(?:to|-|–|until)\s*(?P<tohour>\d{1,2})\s*(?P<rangeampm>[ap]\.?\s?m\b\.?))",
        True, True,
    ),
    (rf"(?P<date>\b(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*(?:,\d|million|billion|%)))", False, True),
    (rf"(?P<dayfirst>\b(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month2>{_MONTH})\b)", True, False),
    (rf"(?P<ordinal>\b(?P<ordnum>\d{{1,3}}(?:,\d{{3}})+|\d+)(?:st|nd|rd|th)\b|\b(?P<ordword>{alternation(ORDINAL_WORDS)})\b|\bNo\.\s?(?P<rank>\d+)\b)", True, True),
    (r"(?P<worldwar>\bWorld\s+War\s+(?P<war>II|I|One|Two|2|1)\b|\bWW\s?(?P<ww>II|I|2|1)\b)", False, True),
    (r"(?P<regnal>(?<=[A-Za-z]\s)(?-i:(?P<roman>XX|XIX|XVIII|XVII|XVI|XV|XIV|XIII|XII|XI|IX|VIII|VII|VI|IV|III|II))\b)", False, True),
    (rf"(?P<oclock>\b(?P<oclockword>{_WORD}|\d{{1,2}})\s+o'clock\b)", True, True),
    (r"(?P<aperiod>\b(?:a|one)\s+(?P<periodunit>day|week|month|year|minute)\b|\b(?:an|one)\s+(?P<periodhour>hour)\b|\b(?P<halfhour>half\s+an\s+hour)\b)", False, True),
    (r"(?P<pointpart>\b(?:(?P<quarterpoint>a\s+quarter)|half\s+a)(?:\s+of\s+a)?[\s-]+percentage[\s-]+points?\b)", False, True),
    (r"(?P<partof>\b(?P<part>a\s+quarter|half|three\s+quarters)\s+(?:of\s+)?a\s+(?P<partscale>million|billion)\b)", False, True),
    (r"(?P<fraction>\b(?P<fnum>one|two|three|a)(?:-(?P<fden>half|thirds?|quarters?|fifths?)\b|\s(?P<fden2>half|thirds|quarters|fifths)\b|\s(?P<fden3>third|quarter|fifth)\b(?=\s+of\b|\s*[^\sA-Za-z]|\s*$)))", False, True),
    (r"(?P<slash>(?<![\w/])(?P<snum>\d)/(?P<sden>\d{1,2})(?![\w/]))", True, False),
    (rf"(?P<money>(?P<symbol>{_SYMBOL})\s?(?P<mnum>{_NUM})(?P<mscale>{_SCALE})?)", True, True),
    (rf"(?P<number>(?<![\w.,/])(?P<num>{_NUM})(?P<scale>{_SCALE})?(?P<usuffix>t|kg|km|cm|mm|ft|lbs?|mph|kph|g)?(?![\d_/]|\.\d))", True, False),  # 5G, 802.11ac: read as Korean reads them
    (r"(?P<decades>\b(?P<decadeyear>1[89]\d0|20\d0)s\b)", True, False),
    (rf"(?P<word>\b(?P<wnum>(?:{_TENS})[- ](?:{_UNITS})|{_WORD})(?P<wscale>{_SCALE})?\b)", False, True),
    (r"(?P<decade>\b(?:a|one)\s+decade\b|\bdecade\b)", False, True),
    (r"(?P<monthname>\b(?:January|February|March|April|June|July|August|September|October|November|December|May)\b)", False, True),
    (r"(?P<teens>\bteen(?:age|s|ager)?s?\b|\b(?P<agedecade>[2-9]0)s\b|\b(?P<agewords>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b)", True, True),
    (r"(?P<pair>\b(?:both|pair|(?:a\s+)?couple\s+of|twins?|duo)\b)", False, True),
    (r"(?P<vague>\b(?P<vaguetens>tens\s+of\s+)?(?P<vagueword>dozens|decades|hundreds|thousands|millions|billions)\b)", False, True),
    (r"(?P<every>\bevery\s+(?P<everyunit>minute|hour|day|week|month|year)\b|\b(?P<everyly>hourly|daily|weekly|monthly|annually|yearly)\b)", False, True),
    (r"(?P<many>\b(?:many|numerous|countless|multiple|several)\b(?:\s+(?P<manyscale>hundred|thousand|million|billion)s?\b)?)", False, True),
    (r"(?P<trio>\b(?:trio|sophomores?)\b)", False, True),
    (r"(?P<top>\btop(?:s|ped|ping)?\b)", False, True),
    (r"(?P<half>\bhalf\b)", False, True),
    (rf"(?P<times>\b(?P<timesword>{alternation(TIMES_WORDS)})\b)", False, True),
]


def _compile(forms: list[tuple[str, bool, bool]]) -> re.Pattern[str]:
    # Every form starts a word or is a digit/sign: other positions are skipped fast.
    return re.compile(r"(?<![A-Za-z])(?=[0-9A-Za-z$€£¥₩])(?:" + "|".join(form for form, _, _ in forms) + ")", re.VERBOSE | re.IGNORECASE)


_TOKEN = _compile(_FORMS)
# The same forms split by what they can start with: at a digit the ~20 word forms need not be tried, and the reverse.
_TOKEN_AT = (_compile([f for f in _FORMS if f[1]]), _compile([f for f in _FORMS if f[2]]))
