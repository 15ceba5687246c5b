"""Dumps made of labelled fields (a feed or an export saved as text): the first item with a body is the article, its
fields give title, time and reporter, the other items are other stories. Pages written here, prose our own."""

from __future__ import annotations

from datetime import datetime

import pytest

from summarizer.clean import clean_article
from summarizer.clean.metadata import seoul_tz

TITLE = "정부, 중소기업 지원 확대 정책 발표"
BODY = (
    "정부는 9일 중소기업 지원을 크게 늘리는 새 경제 정책을 발표했다고 밝혔다. 이번 정책은 내년부터 시행된다.",
    "전문가들은 이번 조치가 경기 회복에 도움이 될 것이라고 평가했다. 다만 재원 마련 방안이 불분명하다는 지적도 나왔다.",
)
OTHER = "다른 기사의 요약문은 이 기사의 본문이 아니므로 결과에 나오면 안 된다고 본다."


def _feed(inline: bool) -> str:
    description = ["description: " + "<br /><br />".join(BODY)] if inline else ["description:", *BODY]
    return "\n".join([
        "한국경제 - 경제", "https://www.example.co.kr", "lastBuildDate: Tue, 09 Aug 2016 10:00:00 GMT", "----- item 1 -----",
        f"title: {TITLE}", "link: https://www.example.co.kr/news/1", "category: 경제", "author: 김민수 기자",
        "pubDate: Tue, 09 Aug 2016 07:52:59 GMT", *description,
        "----- item 2 -----", "title: 다른 기사 제목", "author: 이영희 기자", "pubDate: Tue, 09 Aug 2016 05:00:00 GMT",
        f"description: {OTHER}",
    ])


@pytest.mark.parametrize("inline", [True, False])
def test_a_feed_saved_as_text(inline: bool) -> None:
    article = clean_article(_feed(inline))
    assert article.input_type == "text"  # its '<br />' tags do not make it HTML
    assert article.title == TITLE and article.paragraphs == BODY
    assert article.published_at == datetime(2016, 8, 9, 16, 52, 59, tzinfo=seoul_tz())
    assert article.reporters == ("김민수",) and OTHER not in article.text


def test_an_export_with_korean_labels() -> None:
    page = "\n".join([f"제목: {TITLE}", "작성자: 김민수 기자 (kim@example.co.kr)", "작성일: 2016-08-09 16:52", "본문:", *BODY])
    article = clean_article(page)
    assert article.title == TITLE and article.paragraphs == BODY and article.reporters == ("김민수",)
    assert article.published_at == datetime(2016, 8, 9, 16, 52, tzinfo=seoul_tz())


def test_a_dump_with_one_labelled_line_is_an_ordinary_dump() -> None:
    page = "\n".join([TITLE, "입력: 2016-08-09 16:52", "김민수 기자", *BODY])
    article = clean_article(page)
    assert article.title == TITLE and article.paragraphs == BODY and article.reporters == ("김민수",)
