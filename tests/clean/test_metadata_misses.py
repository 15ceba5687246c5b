"""The metadata misses issue 10 found on real pages: site suffixes without spaces, mobile prefixes, times shown only
on the page, English/RFC 2822 dates, dateline places read as reporters, '외 1명' bylines, and dumps whose header is
one 'date time 이름 기자' line. The pages are our own, in the forms those sites use."""

from __future__ import annotations

from datetime import datetime

import pytest

from summarizer.clean import clean_article
from summarizer.clean.site_title import clean_title, outlet_in_title
from summarizer.clean.metadata import parse_datetime, reporters_in, seoul_tz

TITLE = "정부, 중소기업 지원 확대 정책 발표"
BODY = (
    "정부는 9일 중소기업 지원을 크게 늘리는 새 경제 정책을 발표했다고 밝혔다. 이번 정책은 내년부터 시행된다.",
    "전문가들은 이번 조치가 경기 회복에 도움이 될 것이라고 평가했다. 다만 재원 마련 방안이 불분명하다는 지적도 나왔다.",
)


@pytest.mark.parametrize("title,expected,outlet", [
    ("한미 정상회담 개최-정치ㅣ한국일보", "한미 정상회담 개최", "한국일보"),
    ("한미 정상회담 개최｜한국일보", "한미 정상회담 개최", "한국일보"),
    ("대전일보 모바일 :: 대전시, 트램 착공", "대전시, 트램 착공", None),
    ("한-미 정상회담 개최 | 연합뉴스", "한-미 정상회담 개최", "연합뉴스"),  # a hyphen inside the headline stays
    ("남-북 경제협력 재개", "남-북 경제협력 재개", None),
])
def test_site_affixes_are_cut_from_titles(title: str, expected: str, outlet: str | None) -> None:
    assert clean_title(title) == expected
    assert outlet_in_title(title) == outlet


@pytest.mark.parametrize("text,expected", [
    ("Wed, 14 Sep 2016 01:39:59 GMT", datetime(2016, 9, 14, 10, 39, 59, tzinfo=seoul_tz())),
    ("September 14, 2016 10:39 AM", datetime(2016, 9, 14, 10, 39, tzinfo=seoul_tz())),
    ("2016-09-14T10:39:00+09:00", datetime(2016, 9, 14, 10, 39, tzinfo=seoul_tz())),
    ("May I help you", None),
])
def test_english_and_rfc_2822_dates(text: str, expected: datetime | None) -> None:
    assert parse_datetime(text) == expected


@pytest.mark.parametrize("line,names", [
    ("(순천·광양=뉴스1) 구현모 기자", ["구현모"]),
    ("순천·광양 구현모 기자", ["구현모"]),
    ("워싱턴 이은건 기자", ["이은건"]),
    ("홍길동·김철수 기자", ["홍길동", "김철수"]),
    ("박준석 기자 외 1명", ["박준석"]),
])
def test_places_are_not_reporters(line: str, names: list[str]) -> None:
    assert reporters_in(line) == names


@pytest.mark.parametrize("header,published,reporters", [
    ("2016-08-09 16:06 김민수 기자", (2016, 8, 9, 16, 6), ("김민수",)),
    ("입력 2019.03.02 09:15 | 박지현 기자", (2019, 3, 2, 9, 15), ("박지현",)),
    ("2016.08.09 오후 4:06 김민수·이영희 기자", (2016, 8, 9, 16, 6), ("김민수", "이영희")),
    ("2016-08-09 16:06 김민수 이영희 기자", (2016, 8, 9, 16, 6), ("김민수", "이영희")),
    ("김민수 기자 2016-08-09 16:06", (2016, 8, 9, 16, 6), ("김민수",)),
    ("2016-08-09 16:06 김민수 기자 (kim@example.co.kr)", (2016, 8, 9, 16, 6), ("김민수",)),
    ("2016년 08월 09일 16시 06분 김민수 기자", (2016, 8, 9, 16, 6), ("김민수",)),
    ("2016.08.09(화) 16:06 김민수 특파원", (2016, 8, 9, 16, 6), ("김민수",)),
    ("2016-08-09 김민수 기자", (2016, 8, 9), ("김민수",)),
])
def test_dump_with_headline_then_one_date_and_byline_line(header: str, published: tuple[int, ...], reporters: tuple[str, ...]) -> None:
    article = clean_article("\n".join((TITLE, header, *BODY)))
    assert article.title == TITLE and article.paragraphs == BODY and not article.subtitles
    assert article.published_at == datetime(*published, tzinfo=seoul_tz())
    assert article.reporters == reporters


def test_a_byline_with_a_count_of_others_is_not_a_subtitle() -> None:
    article = clean_article("\n".join((TITLE, "박준석 기자 외 1명", "입력 2019.03.02 09:15", *BODY)))
    assert article.reporters == ("박준석",) and not article.subtitles and article.paragraphs == BODY


def _html(head: str, stamp: str) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in BODY * 2)
    return (f"<html lang='ko'><head><title>{TITLE}-경제ㅣ한국일보</title>{head}</head><body><h1>{TITLE}</h1>{stamp}"
            f"<article>{paragraphs}</article></body></html>")


@pytest.mark.parametrize("head,stamp", [
    ("<meta property='article:published_time' content='2016-08-09'>", "<div class='date'>2016-08-09 16:52:59</div>"),
    ("<meta name='pubdate' content='Tue, 09 Aug 2016 07:52:59 GMT'>", ""),
    ("", "<span class='time'>2016-08-09 16:52:59</span>"),
])
def test_the_time_shown_on_the_page_is_not_lost(head: str, stamp: str) -> None:
    article = clean_article(_html(head, stamp), url="https://www.hankookilbo.com/News/Read/A2016080916520001")
    assert article.published_at == datetime(2016, 8, 9, 16, 52, 59, tzinfo=seoul_tz())
    assert article.title == TITLE and article.source == "한국일보"


@pytest.mark.parametrize("title,names", [
    ("[동아광장/홍길동]중동의 안정은 누구를 위한 것인가", ("홍길동",)),
    ("[기고/김철수·이영희] 지역 경제를 살리는 길", ("김철수", "이영희")),
    ("[특파원 칼럼/워싱턴] 미국 대선의 풍경", ()),
    ("[단독] 정부, 중소기업 지원 확대", ()),
])
def test_a_columns_writer_named_in_its_title_is_the_reporter_when_no_byline_says(title: str, names: tuple[str, ...]) -> None:
    article = clean_article("\n".join((title, "입력 2021-12-02 03:00:00", *BODY)))
    assert article.title == title and article.reporters == names
    with_byline = clean_article("\n".join((title, "입력 2021-12-02 03:00:00", "박지현 기자", *BODY)))
    assert with_byline.reporters == ("박지현",)  # the article's own byline ranks first


@pytest.mark.parametrize("byline, names", [("김하늘 특파원", ("김하늘",)), ("박준석 기자 외 1명", ("박준석",))])
def test_a_byline_element_without_a_byline_class_gives_the_reporter(byline: str, names: tuple[str, ...]) -> None:
    # the head shows the byline in a generic span; a related story's link names another reporter and is not read
    page = (f"<html lang='ko'><head><title>{TITLE}</title></head><body><div class='head'><h3>{TITLE}</h3>"
            f"<span class='txt_info'>{byline}</span><span class='txt_info'>입력 2019. 12. 5. 11:46</span></div>"
            "<div class='view'>" + "".join(f"<p>{p}</p>" for p in BODY) + "</div>"
            "<ul class='more'><li><a href='/x'>최진우 기자</a></li></ul></body></html>")
    assert clean_article(page).reporters == names
