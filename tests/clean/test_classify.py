"""Line normalisation and the prose / headline / menu / teaser signals."""

from __future__ import annotations

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
