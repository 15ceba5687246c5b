"""Timestamps, reporters, e-mails, datelines and outlets read from page text."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from summarizer.clean import metadata


def seoul(*args: int) -> datetime:
    return datetime(*args, tzinfo=metadata.seoul_tz())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2020년01월29일 14:52", seoul(2020, 1, 29, 14, 52)),
        ("2016.06.01. 오후 2:52", seoul(2016, 6, 1, 14, 52)),
        ("2016.06.01. 오전 12:05", seoul(2016, 6, 1, 0, 5)),
        ("2016-06-01 14:52:33", seoul(2016, 6, 1, 14, 52, 33)),
        ("2016. 6. 1. 14:52", seoul(2016, 6, 1, 14, 52)),
        ("2016/06/01", seoul(2016, 6, 1)),
        ("20160601145200", seoul(2016, 6, 1, 14, 52)),
        ("2016-06-01T05:52:00Z", seoul(2016, 6, 1, 14, 52)),
        ("2016-06-01T14:52:00+09:00", seoul(2016, 6, 1, 14, 52)),
    ],
)
def test_parse_datetime_reads_korean_and_iso_formats_in_seoul_time(text: str, expected: datetime) -> None:
    value = metadata.parse_datetime(text)
    assert value == expected
    assert value.utcoffset() == timedelta(hours=9)


def test_parse_datetime_rejects_impossible_dates() -> None:
    assert metadata.parse_datetime("2020.13.45 10:00") is None
    assert metadata.parse_datetime("no date here") is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("기사입력 : 2020년01월29일 14:52", [("published", seoul(2020, 1, 29, 14, 52))]),
        ("최종수정 : 2020년01월29일 15:10", [("updated", seoul(2020, 1, 29, 15, 10))]),
        ("입력2016.06.01. 오후 2:52 수정2016.06.01. 오후 3:10 기사원문",
         [("published", seoul(2016, 6, 1, 14, 52)), ("updated", seoul(2016, 6, 1, 15, 10))]),
        ("송고시간2016-06-01 14:52", [("published", seoul(2016, 6, 1, 14, 52))]),
        ("등록 2016.06.01 14:52:33수정 2016.06.01 15:10:22",
         [("published", seoul(2016, 6, 1, 14, 52, 33)), ("updated", seoul(2016, 6, 1, 15, 10, 22))]),
        ("2016/06/01 14:52 송고", [("published", seoul(2016, 6, 1, 14, 52))]),
        ("(서울=뉴스1) 홍길동 기자 | 2016-06-01 14:52 송고 | 2016-06-01 15:10 최종수정",
         [("published", seoul(2016, 6, 1, 14, 52)), ("updated", seoul(2016, 6, 1, 15, 10))]),
        ("2016.06.01 14:52", [("published", seoul(2016, 6, 1, 14, 52))]),
        ("입력 2016.02.12 (20:21)", [("published", seoul(2016, 2, 12, 20, 21))]),
        ("류건유 기자 | 기사입력 2015-07-14 오후 1:53:18", [("published", seoul(2015, 7, 14, 13, 53, 18))]),
        ("연합뉴스 | 기사전송 2019-05-23 15:08", [("published", seoul(2019, 5, 23, 15, 8))]),
        ("게재 일자 : 2022년 02월 21일", [("print", seoul(2022, 2, 21))]),
        ("2019년 12월 31일 16시 28분 KST | 업데이트됨 2019년 12월 31일 21시 30분 KST",
         [("published", seoul(2019, 12, 31, 16, 28)), ("updated", seoul(2019, 12, 31, 21, 30))]),
        ("기사승인 2019-05-26 09:05:13", [("published", seoul(2019, 5, 26, 9, 5, 13))]),
        ("16.01.18 20:47l최종 업데이트 16.01.18 21:49l", [("published", seoul(2016, 1, 18, 20, 47)), ("updated", seoul(2016, 1, 18, 21, 49))]),
    ],
)
def test_parse_timestamps_tells_published_from_updated(line: str, expected: list) -> None:
    assert metadata.parse_timestamps(line) == expected


def test_labelled_timestamps_ignore_unlabelled_dates() -> None:
    assert metadata.labelled_timestamps("2016.06.01 14:52") == []


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("홍길동 기자 hong@yna.co.kr", ["홍길동"]),
        ("홍길동 김철수 기자 =", ["홍길동", "김철수"]),
        ("홍길동·김철수 기자", ["홍길동", "김철수"]),
        ("[매일경제 홍길동 기자]", ["홍길동"]),
        ("칼럼니스트 박생강 pillgoo9@gmail.com", ["박생강"]),
        ("정덕현 칼럼니스트", ["정덕현"]),
        ("유신모 외교전문기자", ["유신모"]),
        ("워싱턴=이영희 특파원", ["이영희"]),
        ("YTN 홍길동[hong@ytn.co.kr]입니다.", ["홍길동"]),
        ("런던 = 민형수 특파원 hsmin@munhwa.com", ["민형수"]),
        ("남민유기자 nammy@etnews.com, 홍근상기자 geunsang74@etnews.com", ["남민유", "홍근상"]),
        ("기자명 이미선 기자", ["이미선"]),
        ("김동원 기자, 현성우 기자 입력 2018. 4. 13. 18:48", ["김동원", "현성우"]),
        ("글: 김영진(youngjinki)편집: 이란인(rilee)", ["김영진"]),
        ("연합뉴스TV 원민종입니다.", ["원민종"]),
        ("TV조선 전아영입니다.", ["전아영"]),
        ("By 존 에드워드", ["존 에드워드"]),
        ("서울-장승서 jangseungseo@rfa.org", ["장승서"]),
        ("취재 양경주, 홍빈상 / 촬영 유희민 / 편집 임원상", ["양경주", "홍빈상"]),
        ("권수규 헬스조선 기자", ["권수규"]),
        ("[제주=뉴스핌] 곽완희 이승현 황선준 기자 =", ["곽완희", "이승현", "황선준"]),
        ("류태범 기자, 성민빈 인턴기자", ["류태범", "성민빈"]),
        ("텐아시아 위준철 기자", ["위준철"]),
        ("남궁민수 기자", ["남궁민수"]),
        ("CBS노컷뉴스 석나영·차빈유 기자", ["석나영", "차빈유"]),
        ("문서빈·김지현 기자 moon.seobin@joongang.co.kr, jhkim@joongang.co.kr", ["문서빈", "김지현"]),
        ("대담=류진예 기자, 정리=고호성 기자", ["류진예", "고호성"]),
        ("기자 페이지", []),
        ("사진부 기자", []),
    ],
)
def test_reporters_in_bylines(line: str, names: list[str]) -> None:
    assert metadata.reporters_in(line) == names


@pytest.mark.parametrize(
    ("line", "dateline", "outlet", "reporters", "rest"),
    [
        ("(서울=연합뉴스) 홍길동 기자 = 정부가 대책을 냈다.", "서울", "연합뉴스", ("홍길동",), "정부가 대책을 냈다."),
        ("[광주=뉴스핌] 박재범 기자 = 광주시는 29일 발표했다.", "광주", "뉴스핌", ("박재범",), "광주시는 29일 발표했다."),
        ("[부산=뉴시스]홍은정 기자 = 부산시가 밝혔다.", "부산", "뉴시스", ("홍은정",), "부산시가 밝혔다."),
        ("【세종=뉴시스】 정책이 바뀐다.", "세종", "뉴시스", (), "정책이 바뀐다."),
        ("(워싱턴=연합뉴스) 이영희 김철수 특파원 = 미국이 발표했다.", "워싱턴", "연합뉴스", ("이영희", "김철수"), "미국이 발표했다."),
        ("[매일경제 홍길동 기자] 삼성전자가 신제품을 내놨다.", None, "매일경제", ("홍길동",), "삼성전자가 신제품을 내놨다."),
        ("[헤럴드경제=홍길동 기자] 정부가 밝혔다.", None, "헤럴드경제", ("홍길동",), "정부가 밝혔다."),
        ("[엔터미디어=정덕현의 이슈공감] 엘제이의 리벤지인가.", None, "엔터미디어", (), "엘제이의 리벤지인가."),
        ("[파이낸셜뉴스] 삼성전자가 신제품을 내놨다.", None, "파이낸셜뉴스", (), "삼성전자가 신제품을 내놨다."),
        ("홍길동 기자 = 정부가 1일 대책을 발표했다.", None, None, ("홍길동",), "정부가 1일 대책을 발표했다."),
        ("[스포츠서울 | 채진광기자] 리빙스턴이 이겼다.", None, "스포츠서울", ("채진광",), "리빙스턴이 이겼다."),
        ("[더팩트ㅣ심태수 기자] 그는 농담을 했다.", None, "더팩트", ("심태수",), "그는 농담을 했다."),
        ("[OSEN=서규동 기자] 키트 헤링턴은 말했다.", None, "OSEN", ("서규동",), "키트 헤링턴은 말했다."),
        ("[인민망 한국어판 6월 9일] 중국 정부가 밝혔다.", None, "인민망 한국어판", (), "중국 정부가 밝혔다."),
        ("홍길동 기자 hong@jnilbo.com미국산 쇠고기의 수입이 재개됐다.", None, None, ("홍길동",), "미국산 쇠고기의 수입이 재개됐다."),
        ("[제주=뉴스핌] 곽완희 이승현 황선준 기자 = 정부가 밝혔다.", "제주", "뉴스핌", ("곽완희", "이승현", "황선준"), "정부가 밝혔다."),
    ],
)
def test_split_lead_prefix_moves_dateline_and_byline_into_metadata(line, dateline, outlet, reporters, rest) -> None:  # type: ignore[no-untyped-def]
    found = metadata.split_lead_prefix(line)
    assert found is not None
    assert (found.dateline, found.outlet, found.reporters, found.rest) == (dateline, outlet, reporters, rest)


@pytest.mark.parametrize("line", ["[단독] 삼성전자가 신제품을 내놨다.", "(서울 시내에서) 1일 대책이 발표됐다.", "정부가 1일 대책을 발표했다.",
                                  "홍길동 기자 hong@joongang.co.kr 김철수 기자 kim@joongang.co.kr"])
def test_split_lead_prefix_leaves_ordinary_leads_alone(line: str) -> None:
    assert metadata.split_lead_prefix(line) is None


def test_emails_in_keeps_order_without_duplicates() -> None:
    assert metadata.emails_in("a@x.co.kr, b@y.com. a@x.co.kr") == ["a@x.co.kr", "b@y.com"]


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("ⓒ 한겨레신문 : 무단전재 및 재배포 금지", "한겨레"),
        ("<저작권자(c) 연합뉴스, 무단 전재-재배포 금지>", "연합뉴스"),
        ("Copyright ⓒ 뉴스1. All rights reserved.", "뉴스1"),
        ("[ⓒ 매일경제 & mk.co.kr, 무단 전재 및 재배포 금지]", "매일경제"),
        ("무단 전재 금지", None),
    ],
)
def test_outlet_in_text_reads_copyright_lines(text: str, outlet: str | None) -> None:
    assert metadata.outlet_in_text(text) == outlet


def test_outlet_from_url_prefers_the_most_specific_domain() -> None:
    assert metadata.outlet_from_url("https://jtbc.joins.com/article/1") == "JTBC"
    assert metadata.outlet_from_url("www.yna.co.kr/view/AKR2016") == "연합뉴스"
    assert metadata.outlet_from_url("https://example.com/") is None
    assert metadata.outlet_from_url(None) is None


def test_a_place_left_of_a_byline_is_the_dateline_and_a_latin_brand_the_outlet() -> None:
    place = metadata.split_lead_prefix("(워싱턴=홍길동 특파원) 미국이 발표했다.")
    brand = metadata.split_lead_prefix("[OSEN=서규동 기자] 키트 헤링턴은 말했다.")
    assert place is not None and (place.dateline, place.outlet, place.reporters) == ("워싱턴", None, ("홍길동",))
    assert brand is not None and (brand.dateline, brand.outlet) == (None, "OSEN")


def test_two_digit_years_span_two_centuries() -> None:
    assert metadata.parse_timestamps("99.12.31 23:59") == [("published", seoul(1999, 12, 31, 23, 59))]
    assert metadata.parse_timestamps("00.03.01 10:00") == [("published", seoul(2000, 3, 1, 10, 0))]
