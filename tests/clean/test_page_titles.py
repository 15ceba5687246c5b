"""Text dumps whose first line is the page title a browser shows, site affix included ('제목｜조선일보',
'제목-정치ㅣ한국일보', '대전일보 모바일 :: 제목'): the bare headline is the title, also when the page shows it
nowhere else; a 'site - slogan' page title never replaces a real headline. The pages and prose are our own."""

from __future__ import annotations

import pytest

from summarizer.clean import clean_article

HEADLINE = "시청 앞 광장에서 시민 수천 명이 새해를 맞았다"
DECK = "행사는 자정을 넘겨서까지 이어졌고, 큰 사고는 없었다고 경찰은 밝혔습니다."
BODY = (
    "새해 첫날 자정 무렵 시청 앞 광장에는 시민 수천 명이 모여 카운트다운을 함께 외쳤다. 경찰은 안전을 위해 인근 도로를 통제했다.",
    "행사에 참가한 한 시민은 \"가족과 함께 새해를 맞게 되어 기쁘다\"고 말했다. 시는 내년에도 같은 행사를 열 계획이라고 밝혔다.",
    "한편 이날 전국 곳곳에서도 해맞이 행사가 열렸으며, 지자체들은 안전 요원을 배치해 혼잡에 대비했다.",
)


def _dump(first_line: str, deck: str = "", headline_again: str = "") -> str:
    head = [first_line, "로그인", "", "사회"]
    head += [headline_again] if headline_again else []
    head += [deck] if deck else []
    lines = [*head, "입력 2021.01.01 00:35", "", "홍길동 기자", "", *[p + "\n" for p in BODY], "홍길동 기자 hong@example.co.kr",
             "", "많이 본 뉴스", "다른 기사의 제목이 여기에 온다", "저작권자 © 무단전재 및 재배포 금지"]
    return "\n".join(lines)


@pytest.mark.parametrize("first_line", [
    HEADLINE + "｜조선일보",  # full-width bar, no spaces
    HEADLINE + "-사회ㅣ한국일보",  # section glued with '-', Hangul ㅣ as the separator
    "대전일보 모바일 :: " + HEADLINE,  # a mobile site prefix
])
def test_the_page_title_line_gives_the_bare_headline_and_the_sentence_under_it_is_a_deck(first_line: str) -> None:
    article = clean_article(_dump(first_line, deck=DECK))
    assert article.title == HEADLINE
    assert article.subtitles == (DECK,) and article.paragraphs == BODY and article.reporters == ("홍길동",)


def test_the_headline_repeated_under_the_page_title_is_the_title() -> None:
    article = clean_article(_dump(HEADLINE + " - 사회 - 매일신문", headline_again=HEADLINE))
    assert article.title == HEADLINE and article.paragraphs == BODY


def test_a_site_and_slogan_page_title_does_not_replace_the_headline() -> None:
    article = clean_article(_dump("중앙지역일보 - 시민과 함께하는 든든한 친구", headline_again=HEADLINE))
    assert article.title == HEADLINE and article.paragraphs == BODY


LONG_DECK = ("시는 내년에도 같은 행사를 열 계획이며, 올해보다 규모를 키워 인근 광장과 거리까지 행사장을 넓히고 안전 요원도 두 배로 늘리기로 "
             "했다고 밝혔습니다.")


@pytest.mark.parametrize("headline", [HEADLINE, HEADLINE + "."])  # some headlines end with a full stop
def test_the_headline_above_a_long_deck_sentence_is_the_title_not_the_menu_or_the_deck(headline: str) -> None:
    lines = ["주간시민", "정치 경제 사회 국제 문화 ISSUE 이코노미", "", "사회", headline, DECK, LONG_DECK,
             "홍길동 기자 (hong@example.co.kr)", "승인 2021.01.01 00:35", "", *[p + "\n" for p in BODY], "저작권자 © 무단전재 및 재배포 금지"]
    article = clean_article("\n".join(lines))
    assert article.title == headline and article.paragraphs == BODY and article.reporters == ("홍길동",)


@pytest.mark.parametrize("portal", ["뉴스포털7", "Daum 뉴스 미러", "KNN TV"])
def test_an_unknown_portal_suffix_goes_when_the_h1_is_the_headline(portal: str) -> None:
    # Wire copies on several portals: '<title>제목 - 포털</title>' with '<h1>제목</h1>' must give one title.
    paragraphs = "".join(f"<p>{p}</p>" for p in BODY)
    page = (f"<html><head><meta charset='utf-8'><title>{HEADLINE} - {portal}</title></head><body><nav><a href='/'>{portal} 홈</a></nav>"
            f"<article><h1>{HEADLINE}</h1>{paragraphs}</article></body></html>")
    assert clean_article(page).title == HEADLINE


def test_a_title_that_only_contains_the_h1_as_a_phrase_is_kept() -> None:
    # The h1 must be a whole separator-split piece: a longer headline that merely contains it stays as it is.
    paragraphs = "".join(f"<p>{p}</p>" for p in BODY)
    longer = f"{HEADLINE}, 시민들 환영"
    page = (f"<html><head><meta charset='utf-8'><title>{longer}</title></head><body>"
            f"<article><h1>{HEADLINE}</h1>{paragraphs}</article></body></html>")
    assert clean_article(page).title == longer
