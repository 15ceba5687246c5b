"""Line normalisation and the prose / headline / menu / teaser signals."""

from __future__ import annotations

import pytest

from summarizer.clean.classify import classify_line, is_headline, is_menu_line, is_prose, looks_like_teaser, normalise_lines


def test_normalise_lines_drops_blank_lines_and_collapses_spaces() -> None:
    assert normalise_lines("  제목\u00a0 입니다 \r\n\r\n\t본문\u200b입니다.\n") == ["제목 입니다", "본문 입니다."]


def test_normalise_lines_joins_lines_split_around_a_link() -> None:
    text = "저작권자 ⓒ 엔터미디어(\nwww.entermedia.co.kr\n), 무단전재 및 재배포금지"
    assert normalise_lines(text) == ["저작권자 ⓒ 엔터미디어(www.entermedia.co.kr), 무단전재 및 재배포금지"]


def test_normalise_lines_keeps_number_lines_separate() -> None:
    assert normalise_lines("첫 문단이다.\n3.5\n둘째 문단이다.") == ["첫 문단이다.", "3.5", "둘째 문단이다."]


def test_is_prose_wants_a_sentence_end_and_some_length() -> None:
    assert is_prose("광주광역시는 29일 오후 김대중컨벤션센터에서 선포식을 개최했다.")
    assert is_prose("He said the plan would be announced next week, officials confirmed.")
    assert not is_prose("광주시, 'AI 중심도시 광주' 비전·전략 선포")
    assert not is_prose("짧다.")


def test_is_headline_accepts_titles_and_rejects_paragraphs() -> None:
    assert is_headline("광주시, 'AI 중심도시 광주' 비전·전략 선포")
    assert not is_headline("광주광역시는 29일 오후 김대중컨벤션센터에서 '인공지능 광주시대를 여는 인공지능 중심도시 광주 비전 선포식'을 개최했다.")
    assert not is_headline("가")


def test_is_menu_line_recognises_section_rows_and_button_rows() -> None:
    assert is_menu_line("전국 광주·전남")
    assert is_menu_line("정치 | 경제 | 사회 | 국제")
    assert is_menu_line("공유 댓글 12 인쇄")
    assert not is_menu_line("정치권 경제 위기론 확산")


def test_classify_line_keeps_body_text_as_content() -> None:
    assert classify_line("광주광역시는 29일 오후 선포식을 개최했다.").kind is None


def test_looks_like_teaser_finds_another_storys_dateline_after_a_headline() -> None:
    assert looks_like_teaser("[이재명의 사람들]김현지 총무비서관 [서울=뉴스핌] 지혜진 기자 = 이재명 정부가 출범한 지")
    assert not looks_like_teaser("[광주=뉴스핌] 박재범 기자 = 광주광역시는 29일 발표했다.")


# Ordinary article sentences a reviewer found the rules misreading (bios, broadcaster sign-offs, credits, timestamps,
# promos, summary notices, contacts, dated captions, data sources, menu rows): they must stay body text.
PROSE_THAT_LOOKS_LIKE_FURNITURE = [
    "1990년생 직장인 김모씨는 지난해 처음으로 내 집 마련에 성공했다.",
    "2023년 학생 수는 전년보다 3% 줄어든 513만명으로 집계됐다.",
    "2007년 탄생 이후 아이폰은 스마트폰 시장을 바꿨다.",
    "MZ세대 특징입니다.",
    "K리그 최초입니다.",
    "취재 결과",
    "취재 뒷이야기",
    "화이자 백신은 영국에서 가장 먼저 사용 허가를 받았다(긴급사용 승인 2020년 12월 2일).",
    "모더나 백신 긴급사용 승인 2020년 12월 18일",
    "전기차 신규 등록 2023년 16만2천대, 전년 대비 3% 감소",
    "넷플릭스의 유료 회원은 2억 명을 넘어서고 있습니다.",
    "이 앱은 회원 가입 없이도 누구나 무료로 이용할 수 있습니다.",
    "네이버는 이날 뉴스 자동 요약 서비스를 도입한다고 밝혔다.",
    "문의 사항은 구청 복지정책과(02-2171-2345)로 하면 된다.",
    "원서 접수는 오는 15일까지이며 결과 발표는 2024.03.29.",
    "행사는 서울 코엑스에서 열린다. 2024.5.12",
    "반면 같은 기간 수입은 12% 늘었다 (자료=한국무역협회)",
    "조사는 전화면접으로 실시됐다(95% 신뢰수준에 ±3.1%p). 자료=한국갤럽",
    "노동·환경 정책",
    "| 구분 | 2019년 | 2020년 | 증감률 |",
    "| 수출 | 5,424 | 5,125 | -5.5% | 1위 |",
]


@pytest.mark.parametrize("line", PROSE_THAT_LOOKS_LIKE_FURNITURE)
def test_prose_that_looks_like_page_furniture_stays_content(line: str) -> None:
    assert classify_line(line).kind is None


def test_menu_rows_glued_to_a_sentence_are_only_cut_from_text_dumps_with_eight_menu_words() -> None:
    from summarizer.clean.layout import strip_menu_prefixes

    sentence = "정치 경제 사회 문화 교육 환경 등 6개 분야 전문가 100명이 자문단에 참여했다."
    assert strip_menu_prefixes([sentence]) == ([sentence], [])
    glued = "경향신문 메뉴 검색 정치 경제 사회 국제 문화 스포츠 오피니언 악천후는 계속된다"
    assert strip_menu_prefixes([glued])[0] == ["악천후는 계속된다"]
