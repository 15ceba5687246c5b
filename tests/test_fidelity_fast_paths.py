"""The fidelity check's fast paths give what the plain ones give: gates never hide a quantity, candidate scans
find every match the full scan finds. Hypothesis writes the sentences from the words the patterns look for."""

from __future__ import annotations

import math
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.fidelity import calendar_words, english, korean, korean_gate
from summarizer.fidelity.compare import compare_quantities
from summarizer.fidelity.pair import PLAUSIBLE, check_pair
from summarizer.fidelity.words import word_omissions
from summarizer.fidelity.scan import keeps_letters, scan
from summarizer.segment import _kiwi

# Every word written in the English patterns (group names too: harmless), in three casings, plus numbers,
# signs, separators and the letters IGNORECASE folds differently from str.lower() (ſ, ı, İ, the Kelvin sign).
_PATTERN_WORDS = sorted(set(re.findall(r"[a-z]{2,}", english._TOKEN.pattern + calendar_words._ENGLISH.pattern
                                          + english._BOUND_BEFORE.pattern + english._BOUND_AFTER.pattern)))
_ENGLISH_PIECES = st.one_of(
    st.sampled_from(_PATTERN_WORDS).flatmap(lambda w: st.sampled_from([w, w.upper(), w.title()])),
    st.sampled_from(["a", "A", "no", "No.", "us", "US$", "o'clock", "World", "War", "II", "of", "the", "Game", "fivem", "tenbn", "a hundredk", "teenages"]),
    st.integers(0, 3000).map(str),
    st.sampled_from(["1,500,000", "2.5", "04:30", "3/4", "9/11", "25th", "2020s", "20s", "10k", "200m", "5ft", "$", "€", "£", "%"]),
    st.sampled_from(list(" ,.-\n") + ["  ", " - ", "ſ", "ı", "İ", "\u212a"]),
)
_ENGLISH_TEXT = st.lists(st.tuples(_ENGLISH_PIECES, st.sampled_from([" ", "", " ", "-"])), max_size=14).map(
    lambda parts: "".join(piece + sep for piece, sep in parts)
)


def _unscanned_english(text: str) -> list:
    """english_quantities without its gate and candidate scans: _TOKEN and the calendar tried at every position."""
    found = []
    for match in english._TOKEN.finditer(text):
        read = english._read(match, text)
        found += [english._bounded(read[0], text, match.start())] if len(read) == 1 and read[0].kind in english._BOUNDABLE else read
    return found + calendar_words.english_calendar(text)


@settings(max_examples=400, deadline=None)
@given(text=_ENGLISH_TEXT)
def test_candidate_scans_find_every_match(text):
    lowered = text.lower()
    faithful = lowered if keeps_letters(text, lowered) else None
    for pattern, starts in ((english._TOKEN, english._STARTS), (calendar_words._ENGLISH, calendar_words._ENGLISH_STARTS)):
        assert [m.span() for m in scan(pattern, starts, text, faithful)] == [m.span() for m in pattern.finditer(text)]
    # The forms split by their first character match what the whole pattern matches, group for group.
    split = scan(english._TOKEN, english._STARTS, text, faithful, english._TOKEN_AT)
    assert [(m.span(), m.lastgroup) for m in split] == [(m.span(), m.lastgroup) for m in english._TOKEN.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(text=_ENGLISH_TEXT)
def test_english_gate_never_hides_a_quantity(text):
    assert english.english_quantities(text) == _unscanned_english(text)


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=" \nabcxyzABCXYZ19", max_size=30))
def test_numbered_name_is_read_backwards_as_the_forward_pattern_reads_it(text):
    forward = re.search(r"\S\s+[A-Z][a-z]+\s$", text)
    assert bool(english._NAME_BEFORE.match(text[::-1])) == bool(forward)


# Korean as news writes it: figures in digits and words with their counters and units, the calendar, vague and
# frequency words of the readers, and ordinary words around them.
_KOREAN_PIECES = st.one_of(
    st.sampled_from(["3명", "한 명", "한명", "두 개", "세개", "다섯 번째", "1위", "2024년 3월 5일", "오후 3시", "04시", "30분",
                     "1억 5000만 원", "3.5조 달러", "28억 파운드", "1억 4천 2백만 명", "3~5명", "천만 관객", "백만 명", "40%",
                     "40%포인트", "10대", "1930년대", "규모 7.5", "두 배", "3분의 2", "2/3", "5-2", "16:30", "$5", "셋째", "열대"]),
    st.sampled_from(["수십", "수천", "수 천", "수많은", "매일", "매 분", "해마다", "지난해", "지난 주", "다음 달", "이번 주", "토요일",
                     "21세기", "세기", "이날", "첫", "처음", "절반", "반 이상", "금메달", "단 한", "두 자릿수", "한 게임 차이"]),
    st.sampled_from(["사람", "회사", "정부", "발표했다", "있다", "그", "이", "하는", "에서", "는", "가", "을", "의", "한국", "다음", "일하는",
                     "만나", "천천히", "조사", "백화점", "세계", "두고", "네", "열었다"]),
    st.integers(0, 3000).map(str),
    st.sampled_from(["%", "(", ",", ".", "~"]),
)
# Words apart, as written (a figure glued to its counter is one piece above): "이이" is no Korean sentence, and
# Kiwi reads such runs of Sino syllables as numerals the text gate does not look for.
_KOREAN_TEXT = st.lists(_KOREAN_PIECES, max_size=12).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(text=_KOREAN_TEXT)
def test_korean_gate_matches_the_same_texts_as_the_window_pattern(text):
    assert bool(korean_gate._HAS_QUANTITY.search(text)) == bool(korean_gate._MAY_HAVE_QUANTITY.search(text))


@settings(max_examples=200, deadline=None)
@given(text=_KOREAN_TEXT)
def test_korean_gate_and_word_hints_never_hide_a_quantity(text):
    tokens = list(_kiwi().tokenize(text))
    gated = korean.korean_quantities(text, korean_gate.korean_windows(text, tokens))
    everything = korean.minutes_of_play(text, korean._numbers(text, tokens) + calendar_words.korean_calendar(tokens) + korean._vague(tokens) + korean._every(tokens))
    if not korean_gate._HAS_QUANTITY.search(text):
        assert everything == [], "the gate skipped a sentence with a quantity"
    else:
        assert gated == everything


def _ungated_issues(source: str, translation: str, tokens: list) -> list[tuple[str, str]]:
    """check_pair's issues with every reader run on everything: no gate, no hint, no candidate scan."""
    found_korean = korean.minutes_of_play(source, korean._numbers(source, tokens) + calendar_words.korean_calendar(tokens) + korean._vague(tokens) + korean._every(tokens))
    issues: list[tuple[str, str]] = []
    compare_quantities(
        [q for q in found_korean if math.isfinite(q.value) and abs(q.value) < PLAUSIBLE],
        [q for q in _unscanned_english(translation) if math.isfinite(q.value) and abs(q.value) < PLAUSIBLE],
        lambda kind, message: issues.append((kind, message)),
    )
    return issues + [("omission", f"{words} = {meaning}; the English does not have it") for words, meaning in word_omissions(tokens, translation)]


@settings(max_examples=200, deadline=None)
@given(source=_KOREAN_TEXT, translation=_ENGLISH_TEXT)
def test_gated_pair_check_reports_what_the_ungated_one_reports(source, translation):
    tokens = list(_kiwi().tokenize(source))
    issues = check_pair(source, translation, tokens)[0] if source.strip() and translation.strip() else []
    expected = _ungated_issues(source, translation, tokens) if source.strip() and translation.strip() else []
    assert [(issue.kind, issue.message) for issue in issues] == expected


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(st.text(max_size=40), _ENGLISH_TEXT))
def test_word_runs_are_the_letter_runs_findall_gives(text):
    lowered = text.lower()
    assert english.word_runs(lowered) == re.findall("[a-z]+", lowered)


def test_a_number_word_glued_to_a_sign_outside_ascii_is_still_read():
    # Each character outside ASCII cuts a run, as in findall: "ten’s" holds the run "ten", which the gate must see.
    assert english.word_runs("ten’s café 5é\tx") == ["ten", "s", "caf", "x"]
    assert [(q.value, q.kind) for q in english.english_quantities("by the ten’s rule")] == [(10.0, "count")]


def test_morphemes_given_as_a_tuple_or_an_iterator_give_the_issues_of_a_list():
    source = "사고로 3명이 숨지고 2024년 3월 5일 오후 3시에 발표됐다."
    tokens = list(_kiwi().tokenize(source))
    expected = check_pair(source, "Five people died, it said on March 5, 2023 at 3 a.m.", tokens)[0]
    assert [issue.kind for issue in expected] == ["ampm", "value", "omission"]
    for given in (tuple(tokens), iter(tokens)):
        assert check_pair(source, "Five people died, it said on March 5, 2023 at 3 a.m.", given)[0] == expected
