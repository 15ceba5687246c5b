"""A text dump of one or two sentences is a short article, not a title with nothing under it (issue 10)."""

from __future__ import annotations

import pytest

from summarizer.clean import clean_article


@pytest.mark.parametrize("dump, body", [
    ("서울에 첫눈이 내렸다.", "서울에 첫눈이 내렸다."),
    ("속보\n오늘 서울에 올해 첫눈이 내렸다고 기상청이 밝혔다.", "오늘 서울에 올해 첫눈이 내렸다고 기상청이 밝혔다."),
    ("Shipping resumes on Monday.", "Shipping resumes on Monday."),
])
def test_a_dump_of_one_sentence_is_its_body(dump: str, body: str) -> None:
    article = clean_article(dump)
    assert article.paragraphs == (body,) and not article.warnings


@pytest.mark.parametrize("dump", ["홈\n정치\n경제\n사회", "입력 2024.03.05 14:20\n홍길동 기자", "많이 본 뉴스"])
def test_menus_and_metadata_alone_still_give_no_body(dump: str) -> None:
    article = clean_article(dump)
    assert article.paragraphs == () and article.warnings
