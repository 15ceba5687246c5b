"""Portal interface text inside the article area (toasts, summary-bot boxes, listen and font-size controls) is not
body text. Cut-down pages written here in the shapes portals use; the rules are in rules.py (chrome_interface_notice,
chrome_font_choices, chrome_audio_player, chrome_summary_notice)."""

from __future__ import annotations

import pytest

from summarizer.clean import clean_article
from summarizer.clean.classify import classify_line

_BODY = [f"{i}번째 문단에서 시는 새 교통 대책의 세부 내용을 발표하며 시민들의 협조를 당부했다고 밝혔다." for i in range(1, 6)]


def _page(inside: str) -> str:
    """A Korean article with `inside` set between its second and third paragraphs (where portals put their boxes)."""
    paragraphs = [f"<p>{p}</p>" for p in _BODY]
    body = "".join(paragraphs[:2]) + inside + "".join(paragraphs[2:])
    return (f"<html lang='ko'><head><title>시, 새 교통 대책 발표</title></head><body><article><h1>시, 새 교통 대책 발표</h1>"
            f"{body}</article></body></html>")


@pytest.mark.parametrize("ui", [
    "<div class='toast'>기사 URL이 복사되었습니다.</div>",
    "<div><button>본문 듣기</button></div><div>가장 작게 작게 보통 크게 가장 크게</div>",
    "<p>스크랩 되었습니다.</p><p>댓글을 쓰려면 로그인이 필요합니다.</p>",
])
def test_interface_lines_inside_the_article_are_not_body(ui: str) -> None:
    article = clean_article(_page(ui))
    assert list(article.paragraphs) == _BODY


def test_a_summary_bot_box_and_its_advice_line_are_not_body() -> None:
    box = ("<div class='summary'><p>본문 요약봇</p><p>시가 교통 대책을 내놨다.</p><p>버스 노선이 바뀐다.</p>"
           "<p>전체 맥락을 이해하기 위해서는 본문 보기를 권장합니다.</p></div>")
    article = clean_article(_page(box))
    assert list(article.paragraphs) == _BODY


@pytest.mark.parametrize("line", ["회사 측은 기사 URL이 복사되었다는 알림이 떴다고 설명했다.", "본사 주소가 변경되었습니다.",
                                  "정부의 설명이 필요합니다.", "크게 작게 흔들리던 주가는 보통 수준으로 돌아왔다.",
                                  "본문 듣기 기능을 쓰는 독자가 늘었다는 조사 결과가 나왔다."])
def test_sentences_about_such_things_stay_body(line: str) -> None:
    assert classify_line(line).kind is None


@pytest.mark.parametrize("ui", [["기사 URL이 복사되었습니다."], ["본문 듣기", "가장 작게 작게 보통 크게 가장 크게"],
                                ["스크랩 되었습니다.", "댓글을 쓰려면 로그인이 필요합니다."]])
def test_interface_lines_in_a_text_dump_are_not_body(ui: list[str]) -> None:
    lines = ["시, 새 교통 대책 발표", "입력 2024.03.05 14:20", *_BODY[:2], *ui, *_BODY[2:], "홍길동 기자 hong@example.com"]
    article = clean_article("\n".join(lines))
    assert list(article.paragraphs) == _BODY



def test_a_summary_whose_label_is_lost_is_not_body_and_the_lead_byline_is_read() -> None:
    # the box's '자동요약' label does not survive extraction; its sentence copies the lead, which has a correspondent's
    # prefix, so the copy is no duplicate the body could absorb
    lead = _BODY[0] + " " + _BODY[1]
    page = ("<html lang='ko'><head><title>시, 새 교통 대책 발표</title></head><body><div class='head_view'>"
            "<h3 class='tit_view'>시, 새 교통 대책 발표</h3><span class='txt_info'>김하늘 특파원</span></div>"
            f"<div class='layer_summary'><strong class='tit_summary'>자동요약</strong><p>{lead}</p><p class='desc_info'>"
            "기사 제목과 주요 문장을 기반으로 자동요약한 결과입니다. 전체 맥락을 이해하기 위해서는 본문 보기를 권장합니다.</p></div>"
            f"<div class='news_view'><div class='article_view'><section><p>(워싱턴=한빛뉴스) 김하늘 특파원 = {lead}</p>"
            + "".join(f"<p>{p}</p>" for p in _BODY[2:]) + "</section></div></div></body></html>")
    article = clean_article(page)
    assert list(article.paragraphs) == [lead, *_BODY[2:]] and article.reporters == ("김하늘",) and article.dateline == "워싱턴"
