"""HTML pages: our outlet fixtures, encodings, meta timestamps, captions, <br> bodies and pages in other languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.clean import clean_article
from summarizer.clean.html import paragraphs_from_breaks, prune_captions
from summarizer.clean.site_title import clean_title
from summarizer.evaluation.clean_eval import same_minute, token_prf

from .fixture_files import fixture_pages, load_gold


@pytest.mark.parametrize("page", fixture_pages("html"), ids=lambda p: p.stem)
def test_outlet_html_body_title_date_reporter(page: Path) -> None:
    gold = load_gold(page)
    article = clean_article(page.read_bytes())
    assert article.input_type == "html" and article.language == "ko"
    assert token_prf(article.text, "\n".join(gold["paragraphs"])).f1 >= 0.97
    assert article.title == gold["title"]
    assert same_minute(article.published_at, gold["published_at"])
    assert list(article.reporters) == gold["reporters"]
    assert article.source == gold["source"]
    assert not [s for s in gold["must_not_contain"] if s in article.text]


def test_euc_kr_page_is_decoded_from_its_declared_charset(fixtures_dir: Path) -> None:
    page = next(p for p in fixture_pages("html") if load_gold(p)["charset"] == "euc-kr")
    raw = page.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert clean_article(raw).title == load_gold(page)["title"]


def test_euc_kr_bytes_without_a_declaration_are_sniffed() -> None:
    body = "".join(f"<p>{i}번째 문단은 충분히 길어서 기사 본문으로 인식되어야 한다고 본다.</p>" for i in range(8))
    raw = f"<html><head><title>인코딩 시험 기사</title></head><body><article>{body}</article></body></html>".encode("cp949")
    article = clean_article(raw)
    assert article.language == "ko" and len(article.paragraphs) == 8


def test_the_two_korean_benchmark_pages(shared_data: Path) -> None:
    folder = shared_data / "extraction" / "korean_pages"
    for page in sorted(folder.glob("*.html")):
        article = clean_article(page.read_bytes())
        gold = (folder / (page.name[: -len(".html")] + ".gold.txt")).read_text(encoding="utf-8")
        assert token_prf("\n".join(article.subtitles + article.paragraphs), gold).precision >= 0.99
        assert article.source == "엔터미디어" and article.reporters and article.published_at is not None
        assert not any("무단전재" in p for p in article.paragraphs)


def test_english_page_keeps_working() -> None:
    body = "".join(f"<p>Paragraph {i} of the story says something long enough to count as article text here.</p>" for i in range(6))
    page = (f"<html lang='en'><head><title>Moon water found | Example News</title>"
            f"<meta property='article:published_time' content='2019-11-19T08:00:00-05:00'></head><body><nav><a>Home</a><a>World</a></nav>"
            f"<article><h1>Moon water found</h1>{body}<p>Related Articles</p><p>Other story teaser text that must not be kept in the body.</p></article></body></html>")
    article = clean_article(page)
    assert article.language == "en" and article.title == "Moon water found"
    assert len(article.paragraphs) == 6
    assert article.published_at is not None and article.published_at.strftime("%Y-%m-%d %H:%M") == "2019-11-19 22:00"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("엘제이-류화영 진흙탕 싸움, 공적인 사안으로 봐야하는 이유 - Entermedia", "엘제이-류화영 진흙탕 싸움, 공적인 사안으로 봐야하는 이유"),
        ("새 배터리 개발 < IT·과학 < 기사본문 - 뉴스핌", "새 배터리 개발"),
        ("새 배터리 개발 | 연합뉴스", "새 배터리 개발"),
        ("새 배터리 개발", "새 배터리 개발"),
        ("미국은 봉쇄로 쓸 수 있다 - 내무 장관 : 디지털타임스", "미국은 봉쇄로 쓸 수 있다 - 내무 장관"),
        ("리빙스턴 1 - 0 레인저스: 멘가의 골 | 스포츠서울", "리빙스턴 1 - 0 레인저스: 멘가의 골"),
        ("뉴스핌 :: 새 배터리 개발", "새 배터리 개발"),
    ],
)
def test_clean_title_removes_site_suffixes(title: str, expected: str) -> None:
    assert clean_title(title) == expected


def test_paragraphs_from_breaks_keeps_text_around_photos() -> None:
    from lxml import html

    tree = html.fromstring("<html><body><div id='b'>첫 문단<br><br><div class='photo'><img></div>둘째 <b>굵은</b> 문단<br>셋째 문단</div></body></html>")
    paragraphs_from_breaks(tree)
    texts = ["".join(p.itertext()) for p in tree.get_element_by_id("b").iter("p")]
    assert texts == ["첫 문단", "둘째 굵은 문단", "셋째 문단"]


def test_prune_captions_returns_caption_texts_and_keeps_following_text() -> None:
    from lxml import html

    tree = html.fromstring("<html><body><div>앞 문장 <em class='img_desc'>사진 설명</em> 뒤 문장</div><figure><figcaption>그림 설명</figcaption></figure></body></html>")
    assert prune_captions(tree) == ["사진 설명", "그림 설명"]
    assert "뒤 문장" in tree.text_content() and "사진 설명" not in tree.text_content()


PARAGRAPHS = [f"본문의 {n}번째 문단은 충분히 긴 한국어 문장으로 이루어져 있으며 마침표로 끝난다." for n in range(1, 5)]


def test_layout_table_pages_give_paragraphs_not_table_rows() -> None:
    body = "<br><br>".join(PARAGRAPHS)
    page = (
        "<html lang='ko'><head><meta property='og:title' content='새 배터리 개발'><meta property='og:site_name' content='디지털타임스'></head>"
        "<body><table><tr><td><div class='art_top'><p>HOME &gt; 국제</p><h2>새 배터리 개발</h2>"
        "<h3 class='art_subtitle'>연구진 “상용화 5년 내”</h3></div>"
        f"<div class='art_txt'><span itemprop='articleBody'>{body}<br><br>김유민기자 kimym@dt.co.kr</span></div>"
        "<p>[Copyright ⓒ 디지털타임스 &amp; dt.co.kr, 무단 전재 및 재배포 금지]</p></td>"
        "<td><ol><li><a href='/a'>다른 기사 제목</a></li></ol><div>광고</div></td></tr></table></body></html>"
    )
    article = clean_article(page)
    assert list(article.paragraphs) == PARAGRAPHS
    assert list(article.reporters) == ["김유민"] and list(article.emails) == ["kimym@dt.co.kr"]
    assert article.title == "새 배터리 개발" and list(article.subtitles) == ["연구진 “상용화 5년 내”"]


def test_a_one_column_layout_table_whose_body_cell_holds_a_div_of_breaks_gives_paragraphs() -> None:
    # rows for the menu, the title, the date and a cell whose only child is the body <div> (old CP949 sites)
    paragraphs = [f"본문의 {n}번째 문단은 충분히 긴 한국어 문장이다. 연구진은 이번 결과가 관련 산업 전반에 적지 않은 영향을 줄 것으로 내다봤다."
                  for n in range(1, 7)]
    body = "<br><br>\n".join(paragraphs)
    page = ("<html lang='ko'><head><title>중앙지역일보 - 새 배터리 개발</title></head><body><table width='100%'>"
            "<tr><td class='top_menu'>홈 | 대전 | 세종 | 정치 | 경제</td></tr><tr><td><font class='view_title'>새 배터리 개발</font></td></tr>"
            "<tr><td class='view_date'>기사입력 : 2017-11-13 22:13:00</td></tr>"
            f"<tr><td><div id='font' class='article'>{body}<br><br>\n김유민 기자 kimym@example.co.kr</div></td></tr></table></body></html>")
    article = clean_article(page)
    assert list(article.paragraphs) == paragraphs
    assert list(article.reporters) == ["김유민"] and list(article.emails) == ["kimym@example.co.kr"]


def test_caption_cells_of_photo_tables_are_captions() -> None:
    page = (
        "<html lang='ko'><head><title>새 배터리 개발</title></head><body><div id='articleBody'>"
        "<table class='img_table'><tr><td><img src='a.jpg'></td></tr><tr><td class='caption'>연구진이 실험 결과를 설명하고 있다. /더팩트 DB</td></tr></table>"
        + "<br><br>".join(PARAGRAPHS) + "</div></body></html>"
    )
    article = clean_article(page)
    assert list(article.paragraphs) == PARAGRAPHS and article.subtitles == ()


def test_deck_elements_become_subtitles_not_paragraphs() -> None:
    page = (
        "<html lang='ko'><head><title>어린이 SNS 비밀 계정</title></head><body><article>"
        "<p class='sub_title'>5명 중 1명의 어린이가 부모 몰래 계정을 보유</p><p class='sub_title'>“가짜 인스타그램” 늘어</p>"
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</article></body></html>"
    )
    article = clean_article(page)
    assert list(article.paragraphs) == PARAGRAPHS
    assert list(article.subtitles) == ["5명 중 1명의 어린이가 부모 몰래 계정을 보유", "“가짜 인스타그램” 늘어"]


def test_related_blocks_leave_the_body_inside_and_after_the_article() -> None:
    related = "<section><h2>관련 기사 더 보기</h2><ul>" + "".join(
        f"<li><a href='/{n}'><h3>다른 기사 제목 {n}</h3></a><p>다른 기사의 첫 문장이 여기에 길게 이어진다고 가정한다 {n}.</p></li>" for n in range(3)
    ) + "</ul></section>"
    inline = "<section><strong>관련 기사</strong><ul><li><a href='/x'>여름밤 공포영화 10선</a></li></ul></section>"
    page = (
        "<html lang='ko'><head><title>위성 2기 충돌</title></head><body><main><article>"
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:2]) + inline + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[2:])
        + f"</article>{related}</main></body></html>"
    )
    article = clean_article(page)
    assert list(article.paragraphs) == PARAGRAPHS
    assert not any("다른 기사" in p or "공포영화" in p for p in article.paragraphs)


def test_a_related_box_amid_bare_text_keeps_the_text_after_it() -> None:
    box = "<div class='relate_box'><strong>관련기사</strong><ul><li><a href='/x'>다른 기사 제목</a></li></ul></div>"
    page = ("<html lang='ko'><head><title>오바마 선거자금 모금</title></head><body><div id='article_body'>"
            + "<br>".join(PARAGRAPHS[:2]) + box + "<br>".join(PARAGRAPHS[2:]) + "</div></body></html>")
    assert list(clean_article(page).paragraphs) == PARAGRAPHS
