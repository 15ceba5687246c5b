"""Small Korean page dumps and bad records for the batch tests (text written for these tests)."""

from __future__ import annotations

import json

ARTICLES = {
    "a1": (
        "연구진, 바닷물에서 리튬 뽑는 새 기술 개발\n\n"
        "국내 연구진이 바닷물에 녹아 있는 리튬을 적은 전기로 빠르게 뽑아내는 기술을 개발했다.\n\n"
        "한국과학기술원 연구팀은 새로운 분리막을 이용해 기존 방식보다 세 배 빠르게 리튬을 모았다고 밝혔다.\n\n"
        "연구팀은 이 기술이 전기차 배터리 원료 수입을 줄이는 데 도움이 될 것이라고 설명했다."
    ),
    "a2": (
        "서울시, 내년부터 심야 자율주행 버스 확대\n\n"
        "서울시는 내년부터 심야 시간에 운행하는 자율주행 버스 노선을 다섯 개로 늘린다고 발표했다.\n\n"
        "시는 지난 1년 동안 시범 운행에서 사고가 한 건도 없었다며 시민 만족도도 높았다고 전했다.\n\n"
        "새 노선은 강남과 여의도, 홍대 일대를 중심으로 운영될 예정이다."
    ),
    "a3": (
        "기상청 \"올여름 평년보다 덥고 비 많을 것\"\n\n"
        "기상청은 올여름 기온이 평년보다 높고 장마철 강수량도 많을 것으로 내다봤다.\n\n"
        "특히 8월에는 폭염과 열대야가 자주 나타날 가능성이 크다며 건강 관리에 주의해 달라고 당부했다.\n\n"
        "기상청은 매달 최신 전망을 발표할 계획이다."
    ),
}


def dumps(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False)


def good_lines() -> list[bytes]:
    return [
        dumps({"id": key, "text": text, "url": f"https://news.example.kr/{key}"}).encode("utf-8")
        for key, text in ARTICLES.items()
    ]


# One line per kind of bad record the runner must turn into exactly one error record.
BAD_LINES: dict[str, bytes] = {
    "invalid-json": b'{"id": "broken", "text": "\xea\xb8\xb0\xec\x82\xac',
    "missing-text": dumps({"id": "no-text", "title": "제목만 있다"}).encode("utf-8"),
    "empty-text": dumps({"id": "empty", "text": "   "}).encode("utf-8"),
    "not-korean": dumps({"id": "english", "text": "Scientists found a new way to pull lithium from seawater.\n\n"
                         "The method uses a membrane and little electricity, the team said."}).encode("utf-8"),
    # Raw bytes that are neither UTF-8 nor CP949 inside the JSON string.
    "undecodable": b'{"id": "bytes", "text": "\x80\xff\xfe\x80\xff garbage \xff\xff\x80"}',
    "too-large": dumps({"id": "huge", "text": ARTICLES["a1"] + "".join(
        f"\n\n연구팀은 {n}번째 실험에서도 같은 분리막으로 리튬을 {n + 2}시간 만에 모았다고 덧붙였다." for n in range(60)
    )}).encode("utf-8"),
    "duplicate-id": dumps({"id": "a1", "text": ARTICLES["a2"]}).encode("utf-8"),
}
MAX_CHARS_FOR_TESTS = 2_000  # "too-large" is over this limit, the good articles far under it


def dump_bytes() -> bytes:
    """Good articles first, then one of every bad kind."""
    return b"\n".join(good_lines() + list(BAD_LINES.values())) + b"\n"
