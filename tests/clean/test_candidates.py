"""The ranking of metadata candidates (candidates.py): which source wins for a published time, reporters, a title."""

from __future__ import annotations

from datetime import datetime

import pytest

from summarizer.clean.candidates import Candidate, choose_names, choose_time, choose_title
from summarizer.clean.metadata import seoul_tz


def at(day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(2016, 8, day, hour, minute, tzinfo=seoul_tz())


def test_the_best_ranked_time_wins_whatever_the_order() -> None:
    found = [Candidate(at(9, 11, 0), "htmldate"), Candidate(at(9, 16, 52), "meta"), Candidate(at(9, 17, 0), "text")]
    assert choose_time(found) == at(9, 16, 52)
    assert choose_time(list(reversed(found))) == at(9, 16, 52)


def test_a_date_only_winner_takes_the_time_of_the_same_day_only() -> None:
    assert choose_time([Candidate(at(9), "meta"), Candidate(at(9, 16, 52), "page")]) == at(9, 16, 52)
    assert choose_time([Candidate(at(9), "meta"), Candidate(at(8, 16, 52), "text")]) == at(9)  # another day: no
    # the better-ranked of two same-day times fills it
    assert choose_time([Candidate(at(9), "meta"), Candidate(at(9, 9, 0), "htmldate"), Candidate(at(9, 16, 52), "json-ld")]) == at(9, 16, 52)


def test_missing_values_are_not_candidates() -> None:
    assert choose_time([Candidate(None, "meta"), Candidate(at(9, 8, 0), "htmldate")]) == at(9, 8, 0)
    assert choose_time([Candidate(None, "meta")]) is None


def test_reporters_from_the_articles_own_byline_beat_structured_and_meta_authors() -> None:
    found = [Candidate(["연합뉴스"], "meta"), Candidate(["김민수"], "json-ld"), Candidate(["이영희"], "text")]
    assert choose_names(found) == ["이영희"]
    assert choose_names([Candidate([], "text"), Candidate(["김민수"], "json-ld"), Candidate(["홍길동"], "meta")]) == ["김민수"]


@pytest.mark.parametrize("page_title,headline,expected", [
    ("정부, 중소기업 지원 확대 - 한국경제", "정부, 중소기업 지원 확대", "정부, 중소기업 지원 확대"),  # page title = headline + affix
    ("한국경제", "정부, 중소기업 지원 확대", "정부, 중소기업 지원 확대"),  # page title is the site's name
    ("", "정부, 중소기업 지원 확대", "정부, 중소기업 지원 확대"),
    ("정부, 중소기업 지원 확대", "검색용 제목: 중소기업 3조원", "정부, 중소기업 지원 확대"),  # an SEO headline loses
    ("정부, 중소기업 지원 확대 정책 발표", "정부, 중소기업 지원…", "정부, 중소기업 지원 확대 정책 발표"),  # a cut headline loses
])
def test_title_against_a_structured_headline(page_title: str, headline: str, expected: str) -> None:
    assert choose_title(page_title, headline, ["한국경제"]) == expected
