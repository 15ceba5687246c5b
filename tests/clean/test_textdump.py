"""Text dumps: the example page, our outlet fixtures, and layouts built line by line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from summarizer.clean import clean_article
from summarizer.evaluation.clean_eval import same_minute, token_prf

from .fixture_files import fixture_pages, load_gold


def test_example_page_meets_the_issue_targets(example_page: tuple[bytes, dict[str, Any]]) -> None:
    raw, gold = example_page
    article = clean_article(raw)
    assert token_prf(article.text, "\n".join(gold["paragraphs"])).f1 >= 0.99
    assert len(article.paragraphs) == 15
    assert article.title == gold["title"]
    assert list(article.subtitles) == gold["subtitles"]
    assert article.published_at is not None and article.published_at.strftime("%Y-%m-%d %H:%M") == "2020-01-29 14:52"
    assert same_minute(article.updated_at, gold["updated_at"])
    assert list(article.reporters) == ["박재범"]
    assert list(article.emails) == gold["emails"]
    assert (article.dateline, article.source, article.language, article.input_type) == ("광주", "뉴스핌", "ko", "text")
    assert not [s for s in gold["must_not_contain"] if s in article.text]


def test_example_page_lists_removed_blocks_with_reasons(example_page: tuple[bytes, dict[str, Any]]) -> None:
    article = clean_article(example_page[0])
    reasons = " ".join(r.reason for r in article.removed)
    for expected in ("timestamp", "caption", "dateline/byline of the lead", "signoff", "after the end of the article"):
        assert expected in reasons
    tail = next(r for r in article.removed if r.reason.startswith("after the end"))
    assert "뉴스핌 베스트 기사" in tail.text and "Top으로 이동" in tail.text


@pytest.mark.parametrize("page", fixture_pages("dumps") + fixture_pages("heldout"), ids=lambda p: p.stem)
def test_outlet_text_dump_body_title_date_reporter(page: Path) -> None:
    gold = load_gold(page)
    article = clean_article(page.read_bytes())
    assert token_prf(article.text, "\n".join(gold["paragraphs"])).f1 >= 0.97
    assert article.title == gold["title"]
    assert same_minute(article.published_at, gold["published_at"])
    assert list(article.reporters) == gold["reporters"]
    assert not [s for s in gold["must_not_contain"] if s in article.text], "chrome or another story leaked into the body"


def test_dump_without_timestamps_finds_title_subtitle_and_body() -> None:
    text = "\n".join([
        "홈", "IT·과학", "",
        "새 배터리, 10분 만에 완충", "연구진 \"상용화 5년 내\"", "",
        "국내 연구진이 10분 만에 완전히 충전되는 배터리를 개발했다.",
        "연구진은 새로운 전극 소재를 써서 충전 속도를 크게 높였다고 밝혔다.",
        "홍길동 기자 hong@example.co.kr",
        "관련 기사", "다른 기사 제목입니다", "다른 기사의 본문 문장이 여기에 길게 이어진다고 가정한다.",
    ])
    article = clean_article(text)
    assert article.title == "새 배터리, 10분 만에 완충"
    assert article.subtitles == ('연구진 "상용화 5년 내"',)
    assert len(article.paragraphs) == 2 and article.paragraphs[0].startswith("국내 연구진이")
    assert article.reporters == ("홍길동",) and article.emails == ("hong@example.co.kr",)
    assert article.published_at is None


def test_end_marker_cuts_related_stories_even_without_a_signoff() -> None:
    text = "\n".join([
        "기사 제목이 여기에 있다", "입력 2021.03.02 09:15",
        "첫 문단은 충분히 길어서 기사 본문으로 인식되어야 한다고 본다.",
        "둘째 문단도 마찬가지로 기사 본문의 일부로 남아야 한다.",
        "많이 본 뉴스",
        "다른 기사의 본문 문장이 여기에 길게 이어진다고 가정해 보자.",
    ])
    article = clean_article(text)
    assert len(article.paragraphs) == 2
    assert all("다른 기사" not in p for p in article.paragraphs)
    assert article.removed[-1].reason.startswith("after the end of the article")


def test_caption_text_above_a_bare_photo_credit_is_dropped() -> None:
    text = "\n".join([
        "기사 제목이 여기에 있다", "입력 2021.03.02 09:15",
        "첫 문단은 충분히 길어서 기사 본문으로 인식되어야 한다고 본다.",
        "연구진이 실험하고 있다.", "게티이미지뱅크",
        "둘째 문단도 마찬가지로 기사 본문의 일부로 남아야 한다.",
    ])
    article = clean_article(text)
    assert "연구진이 실험하고 있다." not in article.paragraphs
    assert ("연구진이 실험하고 있다.", "caption (caption_above_credit)") in [(r.text, r.reason) for r in article.removed]


def test_page_with_only_chrome_gives_an_empty_body_and_a_warning() -> None:
    article = clean_article("홈\n로그인\n전체메뉴\n정치 경제 사회\n많이 본 뉴스\n회사소개 | 개인정보처리방침")
    assert article.paragraphs == ()
    assert article.warnings and "body" in article.warnings[0]
