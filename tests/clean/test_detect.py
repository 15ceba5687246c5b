"""Input detection: HTML vs text dump, charset sniffing, decoding."""

from __future__ import annotations

import pytest

from summarizer.clean.detect import looks_like_html, sniff_charset, to_text
from summarizer.errors import DecodeError


@pytest.mark.parametrize(
    ("head", "charset"),
    [
        (b"<html><head><meta charset='euc-kr'>", "euc-kr"),
        (b'<meta http-equiv="Content-Type" content="text/html; charset=EUC-KR">', "euc-kr"),
        (b'<?xml version="1.0" encoding="UTF-8"?><html>', "utf-8"),
        (b"<html><body>no declaration</body></html>", None),
    ],
)
def test_sniff_charset(head: bytes, charset: str | None) -> None:
    assert sniff_charset(head) == charset


def test_to_text_decodes_declared_cp949_and_prefers_valid_utf8_over_a_stale_declaration() -> None:
    assert "한국어" in to_text("<meta charset='euc-kr'><p>한국어</p>".encode("cp949"))
    assert "한국어" in to_text("<meta charset='euc-kr'><p>한국어</p>".encode("utf-8"))
    assert to_text("\ufeff본문".encode("utf-8")) == "본문"
    assert to_text("본문".encode("utf-16")) == "본문"


@pytest.mark.parametrize(
    ("text", "is_html"),
    [
        ("<!DOCTYPE html><html><body><p>x</p></body></html>", True),
        ("<div>본문</div>", True),
        ("제목\n본문입니다.\n<저작권자(c) 연합뉴스, 무단 전재-재배포 금지>", False),
        ("a < b and c > d in plain text", False),
        ("<<<<>>>>", False),
    ],
)
def test_looks_like_html(text: str, is_html: bool) -> None:
    assert looks_like_html(text) is is_html


def test_to_text_rejects_other_types() -> None:
    with pytest.raises(DecodeError):
        to_text(12345)  # type: ignore[arg-type]
