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


BODY = [
    "정부는 1일 새로운 에너지 대책을 발표하면서 전력 수요를 줄이기 위한 방안을 함께 내놨다.",
    "관계자는 이번 대책이 가정과 산업 현장 모두에 영향을 줄 것이라고 설명했다.",
    "전문가들은 대책의 효과가 나타나려면 적어도 2년은 걸릴 것으로 내다봤다.",
]


LONG_LEAD = ("기상청은 10일 전국 대부분 지역에 강한 비바람이 이어지겠다고 예보하면서 산간 지역에는 눈이 내릴 수 있다고 밝혔고, "
             "시민들에게 외출을 자제하고 시설물 관리에 유의해 달라고 당부했다.")


def test_photo_captions_with_credits_inside_the_body_do_not_end_it() -> None:
    captions = [
        "공항 활주로에서 여객기가 이륙을 기다리고 있다. ⓒAP/뉴시스",
        "의원들이 본회의장에서 표결 결과를 지켜보고 있다. [AP=연합뉴스 자료사진]",
        "한 매장에 진열된 제품들. EPA연합뉴스",
        "▲ 현지 주민들이 피해 현장을 살펴보고 있다. 사진=게티이미지뱅크",
        "지난 15일 런던에서 경찰이 통제선을 설치하고 있다. /조선비즈 DB",
    ]
    for caption in captions:
        text = "\n".join(["새 에너지 대책 발표", "입력 2020.01.29 14:52", BODY[0], caption, *BODY[1:], "홍길동 기자 hong@example.co.kr",
                         "많이 본 뉴스", "다른 기사의 본문 문장이 여기에 길게 이어진다고 가정한다."])
        article = clean_article(text)
        assert list(article.paragraphs) == BODY, caption
        assert any(block.text == caption and block.reason.startswith("caption") for block in article.removed), caption


def test_a_timestamp_under_the_sign_off_does_not_hide_the_body_above_it() -> None:
    text = "\n".join([
        "부산일보", "뉴스 정치 경제 사회", "로마노프 황태자 유해 확인", *BODY, "양수송 기자 ssyang@busan.com",
        "입력 : 2023-10-02 20:35:53 수정 : 2023-10-02 21:56:12", "Copyright © 부산일보 All rights reserved.",
        "부산일보 많이 본 뉴스", "1", "다른 기사 제목", "다른 기사의 첫 문장이 여기에 길게 이어진다고 가정한다고 한다.",
    ])
    article = clean_article(text)
    assert article.title == "로마노프 황태자 유해 확인" and list(article.paragraphs) == BODY
    assert article.published_at is not None and article.published_at.strftime("%Y-%m-%d %H:%M") == "2023-10-02 20:35"
    assert list(article.reporters) == ["양수송"]


def test_byline_on_the_timestamp_line_and_menu_rows_above_the_title() -> None:
    text = "\n".join([
        "스포츠서울", "야구 축구 농구·배구 골프 e스포츠 연예 라이프", "연합뉴스 언론사 구독하기", "노모 히데오, 현역 은퇴 선언",
        "김동원 기자, 현성우 기자 입력 2018. 4. 13. 18:48 수정 2018. 4. 13. 20:06", *BODY,
    ])
    article = clean_article(text)
    assert article.title == "노모 히데오, 현역 은퇴 선언" and article.subtitles == ()
    assert list(article.reporters) == ["김동원", "현성우"]
    assert article.published_at is not None and article.published_at.strftime("%Y-%m-%d %H:%M") == "2018-04-13 18:48"


def test_print_edition_date_gives_way_to_the_online_time() -> None:
    text = "\n".join(["제목이 여기에 있다", "게재 일자 : 2022년 02월 21일(月)", "입력 2022-02-20 15:15", *BODY])
    assert clean_article(text).published_at.strftime("%Y-%m-%d %H:%M") == "2022-02-20 15:15"  # type: ignore[union-attr]
    alone = clean_article("\n".join(["제목이 여기에 있다", "게재 일자 : 2022년 02월 21일(月)", *BODY]))
    assert alone.published_at is not None and alone.published_at.date().isoformat() == "2022-02-21"


def test_broadcast_script_labels_and_the_closing_sign_off_leave_the_body() -> None:
    text = "\n".join([
        "화산이 재를 내뿜다", "작성 2019.05.30 20:58", "SBS 8뉴스", "<앵커>", BODY[0], "[기자]", BODY[1], "◀ 리포트 ▶",
        BODY[2] + " KBS 뉴스 유태래입니다.", "동영상영역 끝", "(끝)", "다른 기사의 본문 문장이 여기에 길게 이어진다고 가정한다.",
    ])
    article = clean_article(text)
    assert list(article.paragraphs) == BODY and article.subtitles == ()
    assert list(article.reporters) == ["유태래"]
    kept = clean_article(text, keep="signoff")
    assert kept.paragraphs[-1].endswith("KBS 뉴스 유태래입니다.") and list(kept.reporters) == ["유태래"]


def test_a_short_last_sentence_is_body_not_a_trailing_link() -> None:
    article = clean_article("\n".join(["제목이 여기에 있다", "입력 2020.01.29 14:52", *BODY, "그들이 무사하기를 바랄 뿐입니다.”", "더보기"]))
    assert article.paragraphs[-1] == "그들이 무사하기를 바랄 뿐입니다.”"


def test_a_broadcast_hand_over_names_the_reporter_and_the_script_goes_on() -> None:
    text = "\n".join(["이라크서 자폭테러 잇따라", "기사입력 2024-07-09 19:26:39", "[앵커]", BODY[0], "정원성 기자입니다.", "[리포트]",
                     *BODY[1:], "채널A 뉴스 정원성입니다.", "영상취재: 양상호", "관련 리포트", "다른 기사 제목"])
    article = clean_article(text)
    assert list(article.paragraphs) == BODY and list(article.reporters) == ["정원성"]


def test_a_related_box_inside_the_body_does_not_end_it() -> None:
    text = "\n".join(["베이징 올림픽 선수촌 문 열어", "입력 2024-08-10 13:34", "신하지 기자 프로필 보기", BODY[0], "[관련기사]",
                     "다른 기사 제목 하나", "다른 기사 제목 둘", *BODY[1:], "이투데이/신하지 기자 (shin.haji@etoday.co.kr)",
                     "[관련기사]", "또 다른 기사 제목", "많이 본 뉴스", "다른 기사의 본문 문장이 여기에 길게 이어진다고 가정한다."])
    article = clean_article(text)
    assert list(article.paragraphs) == BODY and list(article.reporters) == ["신하지"]
    assert any("related-articles box inside the body" in block.reason for block in article.removed)


def test_a_related_box_ends_the_article_when_no_sign_off_of_its_reporter_follows() -> None:
    text = "\n".join(["제목이 여기에 있다", "입력 2024-08-10 13:34", "신하지 기자", *BODY, "[관련기사]", "다른 기사 제목",
                     "다른 기사의 본문 문장이 여기에 길게 이어진다고 가정한다.", "김철수 기자 kim@example.com"])
    assert list(clean_article(text).paragraphs) == BODY


def test_a_labelled_time_beats_the_masthead_date_and_a_lone_name_by_the_time_is_the_byline() -> None:
    text = "\n".join(["2018년 01월 14일(일)", "전남일보", "홈 뉴스 정치 경제", "미국산 쇠고기 수입 반대 집회", "오지예",
                     "입력 : 2016. 08. 08(월) 07:57", "조서현 기자 cho.seohyun@jnilbo.com" + BODY[0], *BODY[1:]])
    article = clean_article(text)
    assert article.title == "미국산 쇠고기 수입 반대 집회" and list(article.paragraphs) == BODY
    assert article.published_at is not None and article.published_at.strftime("%Y-%m-%d %H:%M") == "2016-08-08 07:57"
    assert list(article.reporters) == ["조서현", "오지예"] and article.source == "전남일보"  # the lead's byline first


def test_press_release_furniture_is_not_body() -> None:
    text = "\n".join(["대한민국 정책브리핑", "뉴스 | 정책자료 | 브리핑룸 | 정부기관 | 국민참여", "국방부, 군 유류 절약 대책 시행", "2022.10.31 16:46 국방부",
                     "보도시점 2022. 11. 1.(화) 조간 (10. 31.(월) 12:00 이후 보도 가능)", *BODY,
                     "담당 부서 국방부 에너지환경과 책임자 과장 홍길동 (02-748-5770)", "221101(조간) 군 유류절약 대책(국방부).hwp",
                     "정책브리핑의 정책뉴스자료는 자유롭게 이용이 가능합니다."])
    article = clean_article(text)
    assert article.title == "국방부, 군 유류 절약 대책 시행" and list(article.paragraphs) == BODY
    assert article.published_at is not None and article.published_at.strftime("%Y-%m-%d %H:%M") == "2022-10-31 16:46"


def test_column_furniture_editor_note_bio_and_reader_lists() -> None:
    text = "\n".join(["퉁구스카 대폭발의 비밀", "등록 2022-12-11 11:26", "≪편집자 주≫ 지구의 수수께끼를 따라가는 연재의 세 번째 순서다.",
                     *BODY, "1969년 서울 출생. 한 대학 영화학과를 졸업하고 영화 잡지 기자로 일했다.", "이 기사를 읽은 분들이 함께 본 기사",
                     "다른 기사 제목", "다른 기사의 본문 문장이 여기에 길게 이어진다고 가정한다."])
    assert list(clean_article(text).paragraphs) == BODY


def test_wire_photo_captions_in_the_body_do_not_end_it() -> None:
    text = "\n".join(["[속보] 선원 24명 전원 석방", "등록 2017.01.14 17:32:01수정 2017.01.14 20:53:03", "백윤채 기자",
                     "【서울=뉴시스】김성승 기자 = 석방된 마부노 1호. 2017.01.14.", "photo@newsis.com",
                     "【서울=뉴시스】백윤채 기자 = " + BODY[0], "한 아동보호시설의 놀이방 /뉴스1 © News1 배석상 기자", *BODY[1:],
                     "공화당 대선 후보 토론회 주요 쟁점. 그래픽=고연나 기자"])
    article = clean_article(text)
    assert list(article.paragraphs) == BODY and article.reporters[0] == "백윤채"


def test_a_summary_box_menu_glued_to_the_headline_and_a_correction_note_are_not_body() -> None:
    text = "\n".join([
        "경향신문 메뉴 검색 정치 경제 사회 국제 문화 스포츠 오피니언 악천후는 계속된다", "업데이트 2023.09.10 오전 9:58",
        "요약보기", "기사 제목과 주요 문장을 기반으로 자동요약한 결과입니다.", "요약 문장 하나입니다.", "요약 문장 둘입니다.",
        LONG_LEAD, *BODY, "※ 바로잡습니다", "이 기사의 최초 출고본에서 잘못 표기해 바로잡습니다.",
    ])
    article = clean_article(text)
    assert article.title == "악천후는 계속된다" and list(article.paragraphs) == [LONG_LEAD, *BODY]
    assert article.published_at is not None and article.published_at.strftime("%H:%M") == "09:58"  # only an update time shown


def test_reading_app_exports_keep_title_and_deck() -> None:
    text = "\n".join(["www.joongang.co.kr", "아마존강은 지구에서 가장 넓은 강", "조솔성 기자", "4–5분", "본류 길이 6천387㎞…폭 6마일", *BODY,
                     "브라질 마나우스 인근의 아마존강 [사진 중앙포토]", "https://www.donga.com/news/article/all/20200114/93087293/1 1/2"])
    article = clean_article(text)
    assert article.title == "아마존강은 지구에서 가장 넓은 강" and list(article.subtitles) == ["본류 길이 6천387㎞…폭 6마일"]
    assert list(article.paragraphs) == BODY and list(article.reporters) == ["조솔성"]


def test_headline_byline_and_time_glued_on_one_line_are_read_apart() -> None:
    for glued, reporters in (("깁스 너무 조여…80세 노인 다리 절단 [중앙일보] 입력 2017.10.11 19:10 수정 2017.10.12 04:48", []),
                             ("깁스 너무 조여…80세 노인 다리 절단 위준철 기자  입력2017.10.11 19:10", ["위준철"])):
        article = clean_article("\n".join(["중앙일보", glued, LONG_LEAD, *BODY]))
        assert article.title == "깁스 너무 조여…80세 노인 다리 절단", glued
        assert article.published_at is not None and article.published_at.strftime("%Y-%m-%d %H:%M") == "2017-10-11 19:10"
        assert list(article.reporters) == reporters and list(article.paragraphs) == [LONG_LEAD, *BODY]


def test_broadcast_pages_sign_off_with_a_place_and_list_their_crew() -> None:
    text = "\n".join([
        "북한, 아세안 안보포럼 참석", "입력 2019.08.02 (21:05)", "[앵커]", LONG_LEAD, "[리포트]", *BODY[:2],
        BODY[2] + " 쿠알라룸푸르에서 KBS 뉴스 이원보입니다.", "촬영기자:남소원/영상편집:기다은/그래픽:도범호", "[인터뷰: 스티브 부스 / 뉴욕 시민]",
        "MBC 뉴스는 24시간 여러분의 제보를 기다립니다.", "베이징=CBS노컷뉴스 이소현 특파원",
    ])
    article = clean_article(text)
    assert list(article.paragraphs) == [LONG_LEAD, *BODY]
    assert set(article.reporters) == {"이원보", "이소현"}  # camera and editing credits are not reporters
