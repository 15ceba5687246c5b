"""HTML pages not built like Korean news (cut-down shapes of mozilla/readability's test pages, written here):
hard-wrapped text, very short articles, deep nesting; the cleaner never keeps less than trafilatura's text there."""

from __future__ import annotations

import pytest

from summarizer.clean import clean_article
from summarizer.clean.fallback import FALLBACK_WARNING
from summarizer.clean.html_tree import DEPTH_WARNING

_WRAPPED = """Lorem ipsum dolor sit amet, consectetur adipisicing elit, sed do eiusmod
        incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam,
        quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo
        consequat. Duis aute irure dolor in reprehenderit in voluptate velit esse."""


def test_text_hard_wrapped_in_the_source_stays_one_paragraph() -> None:
    # readability's title-en-dash: each source line became a 'subtitle' and only the last one stayed body
    page = f"<html><head><title>Lorem ipsum – My website</title></head><body><article><div>{_WRAPPED}</div></article></body></html>"
    article = clean_article(page)
    assert article.subtitles == ()
    assert article.paragraphs == (" ".join(_WRAPPED.split()),)


def test_preformatted_text_keeps_its_line_breaks() -> None:
    code = "def f():\n    return 1\n"
    prose = " ".join(["A sentence of prose that explains the code below it."] * 4)
    article = clean_article(f"<html><body><article><p>{prose}</p><pre>{code}</pre><p>{prose}</p></article></body></html>")
    assert "def f():" in article.paragraphs and "return 1" in article.paragraphs


@pytest.mark.parametrize("page, body, fell_back", [
    ("<html><head><title>Test</title></head><body><p>Shipping resumes on Monday.</p></body></html>", "Shipping resumes on Monday.", False),
    ("<html><head><title>Test</title></head><body><p>Test</p></body></html>", "Test", True),  # readability's 005: body = title
    ("<html><body><div><p>abc</p><p>def</p><p>ghi</p></div></body></html>", "abc def ghi", False),  # was: all 'page header'
    ("<html lang='ko'><head><title>첫눈</title></head><body><article><p>서울에 올해 첫눈이 내렸다.</p></article></body></html>",
     "서울에 올해 첫눈이 내렸다.", True),
    ("<html><body><article><p>서울에 올해 첫눈이 내렸다.</p></article></body></html>", "서울에 올해 첫눈이 내렸다.", True),
])
def test_a_very_short_article_is_still_an_article(page: str, body: str, fell_back: bool) -> None:
    article = clean_article(page)
    assert " ".join(article.paragraphs) == body
    assert any(w.startswith(FALLBACK_WARNING.split("(")[0]) for w in article.warnings) == fell_back


def test_korean_navigation_links_alone_stay_an_empty_body() -> None:
    assert clean_article("<html lang='ko'><body><nav><a href='/'>홈</a> <a href='/p'>정치</a></nav></body></html>").paragraphs == ()


def test_rules_keeping_under_half_of_a_foreign_page_give_way_to_trafilatura() -> None:
    # a generic page where an end-of-article heading comes first: the rules would cut everything after it
    prose = "".join(f"<p>Paragraph {i} of a long English article, with enough words to count as prose.</p>" for i in range(6))
    page = f"<html><head><title>Guide</title></head><body><article><h2>Related articles</h2>{prose}</article></body></html>"
    article = clean_article(page)
    assert sum("Paragraph" in p for p in article.paragraphs) == 6


@pytest.mark.parametrize("depth", [300, 1000])
def test_text_nested_deeper_than_256_elements_is_read(depth: int) -> None:
    prose = " ".join(["This is a sentence of the article that goes on for a while."] * 5)
    page = "<html><head><title>Deep</title></head><body>" + "<div>" * depth + f"<p>{prose}</p>" + "</div>" * depth + "</body></html>"
    article = clean_article(page)
    assert article.paragraphs == (prose,) and not article.warnings


def test_text_past_the_raised_depth_limit_is_reported_not_silently_lost() -> None:
    page = "<html><body>" + "<div>" * 2100 + "<p>Deep text that cannot be read.</p>" + "</div>" * 2100 + "</body></html>"
    assert DEPTH_WARNING.format(depth=2048) in clean_article(page).warnings


def test_lists_and_faq_headings_above_the_prose_stay_in_the_body() -> None:
    # readability's ehow-1 / topicseed-1 shapes: a list, or question headings, before the first sentence
    items = "".join(f"<li>{name}</li>" for name in ("Cloche", "Planter saucer", "Floral foam", "Ruler", "Scissors"))
    prose = "".join(f"<p>Step {i}: put the moss on the saucer and water it well before you start.</p>" for i in range(4))
    article = clean_article(f"<html><head><title>Make a terrarium</title></head><body><article><h2>Things you need</h2><ul>{items}</ul>{prose}</article></body></html>")
    assert article.subtitles == ()
    assert "Things you need" in article.paragraphs and "- Ruler" in article.paragraphs and len(article.paragraphs) == 10


_KO_PROSE = "".join(f"<p>{i}번째 문단은 정부가 발표한 새 제도의 세부 내용을 충분히 길게 설명하고 있다고 본다.</p>" for i in range(5))


def test_a_korean_list_above_the_prose_is_body_and_a_short_deck_stays_subtitles() -> None:
    items = "".join(f"<li>{q}</li>" for q in ("신청 자격: 만 19세 이상", "지원 금액: 1인당 30만원", "신청 기간: 3월 한 달", "신청 방법: 주민센터 방문"))
    head = "<html lang='ko'><head><title>지원금 총정리</title></head><body><article><h1>지원금 총정리</h1>"
    listed = clean_article(f"{head}<ul>{items}</ul>{_KO_PROSE}</article></body></html>")
    assert listed.subtitles == () and "- 신청 방법: 주민센터 방문" in listed.paragraphs
    decked = clean_article(f"{head}<h2>신청은 다음 달부터</h2>{_KO_PROSE}</article></body></html>")
    assert decked.subtitles == ("신청은 다음 달부터",) and len(decked.paragraphs) == 5
