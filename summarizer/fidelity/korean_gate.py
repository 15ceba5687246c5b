"""Where Korean text may hold a quantity: a cheap gate before Kiwi, and the windows around its matches.

Text with none of the gate's figures or words has no quantity to read (most sentences); Kiwi, which costs most
of the check's time, then reads only the windows around the matches, or nothing when the segmenter's morphemes
are at hand.
"""

from __future__ import annotations

import re
from typing import Sequence

from summarizer.segment import _kiwi

# Figures and quantity words, in pieces shared by the two spellings of the gate below.
_QUANTITY_WORDS = (
    "요일|세기|째|이날|당일|첫|처음|최초|메달|자릿수|단 하나|단 한",
    r"작년|지난|올해|금년|내년|이번 ?주|다음 ?[주달]|이달|절반|매\s?(?:분|시간|일|주|달|월|년)|해마다|수많|수\s?[십백천만억]",
    "하나|둘|셋|넷|다섯|여섯|일곱|여덟|아홉|스물|스무|서른|마흔|쉰",
    "십억|십만|백억|백만|천억|천만|만억",  # 천만 관객: a written-out figure with neither digit nor counter
)
_DIGITS = "0123456789０１２３４５６７８９"
_NATIVE_BEFORE_SPACE = "한두세네열"  # 한 명, 두 번: a native numeral word standing alone
_NUMERALS_BEFORE_COUNTER = "일이삼사오육칠팔구십백천만억조한두세네열"  # 3명, 한개, 두명
_COUNTER_AFTER = r"\s?(?:명|개|원|달러|유로|엔|위안|파운드|년|월|일|시|분|세|살|배|번|위|퍼센트|%|점|골|승|패|경기|회|차|등)"
# Its finditer spans are what _windows widens into Kiwi's windows.
_MAY_HAVE_QUANTITY = re.compile(
    rf"[{_DIGITS}]|{_QUANTITY_WORDS[0]}|(?<![가-힣])반\s|{_QUANTITY_WORDS[1]}|{_QUANTITY_WORDS[2]}|{_QUANTITY_WORDS[3]}"
    rf"|(?:^|[^가-힣])[{_NATIVE_BEFORE_SPACE}]\s|[{_NUMERALS_BEFORE_COUNTER}]{_COUNTER_AFTER}"
)
# The same texts match (a test holds them equal), written so that every alternative starts with a literal
# character: re then jumps over characters no alternative starts with (2.5× faster on a sentence without one).
_HAS_QUANTITY = re.compile(
    "|".join([*_DIGITS, _QUANTITY_WORDS[0], r"반(?<![가-힣]반)\s", *_QUANTITY_WORDS[1:]])
    + "".join(rf"|{c}(?<![가-힣]{c})\s" for c in _NATIVE_BEFORE_SPACE)
    + "".join(f"|{c}{_COUNTER_AFTER}" for c in _NUMERALS_BEFORE_COUNTER)
)


def has_quantity(text: str) -> bool:
    """False only when Korean `text` cannot hold a quantity (none of the gate's figures or words)."""
    return _HAS_QUANTITY.search(text) is not None


Windows = list[tuple[str, Sequence]]  # (stretch of text, its Kiwi morphemes with offsets into that stretch)


def korean_windows(text: str, tokens: Sequence | None = None) -> Windows:
    """The stretches of `text` that may hold a quantity, with their morphemes.

    `tokens`: Kiwi morphemes of the whole `text` (offsets into it), e.g. kept by the segmenter; given, Kiwi
    does not run again. Without them Kiwi reads only the stretches around the gate's matches.
    """
    if not has_quantity(text):
        return []
    if tokens is not None:
        return [(text, tokens if isinstance(tokens, (list, tuple)) else list(tokens))]  # the segmenter's tuple, uncopied
    return [(window, list(_kiwi().tokenize(window))) for window in _windows(text)]


def _windows(text: str) -> list[str]:
    """The stretches of `text` around each gate match (two words before, three after, overlaps merged):
    Kiwi's time grows with length, so it reads only where a quantity can be."""
    spans: list[list[int]] = []
    for match in _MAY_HAVE_QUANTITY.finditer(text):
        start, end = match.start(), match.end()
        for _ in range(3):
            start = text.rfind(" ", 0, max(0, start - 1)) + 1 if start > 0 else 0
        for _ in range(3):
            found = text.find(" ", end + 1)
            end = len(text) if found < 0 else found
        if spans and start <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], end)
        else:
            spans.append([start, end])
    return [text[start:end] for start, end in spans]
