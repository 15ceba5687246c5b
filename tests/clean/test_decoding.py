"""Decoding as a browser does it: damaged, NUL-laden, mislabelled and NFD pages give the right Korean text and a
warning; only real binary is refused. Pages: our outlet fixtures (tests/fixtures/clean), re-encoded here."""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

import pytest

from summarizer.clean import clean_article
from summarizer.errors import DecodeError
from summarizer.textio import decode_page

from .fixture_files import FIXTURES, load_gold

HTML_PAGE = FIXTURES / "html" / "chosun_07.html"  # declares <meta charset='utf-8'>
DUMP_PAGE = FIXTURES / "dumps" / "chosun_07.txt"


def _gold_minute(page: Path) -> str:
    return load_gold(page)["published_at"][:16]


def test_a_few_invalid_bytes_in_a_utf8_page_are_replaced_and_counted() -> None:
    clean = clean_article(HTML_PAGE.read_bytes())
    raw = HTML_PAGE.read_bytes()
    at = raw.index("메커니즘을".encode()) + len("메커니즘을".encode())  # two stray bytes amid a body paragraph
    article = clean_article(raw[:at] + b"\xff\xc0" + raw[at:])
    assert "메커니즘을\ufffd\ufffd 최초로" in article.text
    assert article.text.replace("\ufffd", "") == clean.text
    assert article.title == clean.title and article.published_at == clean.published_at
    assert any("replaced 2 invalid bytes" in w for w in article.warnings)
    assert not any("replaced" in w for w in clean.warnings)


def test_one_stray_byte_in_a_short_news_brief_is_replaced_not_refused() -> None:
    # Found by a user test: a 181-byte brief with one stray byte (which spoils the Hangul syllable it lands in: 4
    # invalid bytes in a row) was refused as undecodable; one damaged place is one, however many bytes it spoils.
    brief = "광주시는 29일 인공지능 산업에 4000억 원을 투자한다고 밝혔다. 1단계 사업은 2024년까지 이어진다.".encode()
    decoded = decode_page(brief[:40] + b"\xff" + brief[40:])
    assert decoded.warnings == ("replaced 4 invalid bytes (not utf-8) with U+FFFD",)
    assert decoded.text.startswith("광주시는 29일 인공지능 산업") and "4000억 원" in decoded.text


def test_a_page_with_nul_bytes_is_read_without_them() -> None:
    raw = HTML_PAGE.read_bytes()
    cut = raw.index("필름을".encode())  # NULs between characters, as a broken scraper leaves them
    article = clean_article(raw[:cut] + b"\x00\x00\x00" + raw[cut:])
    clean = clean_article(raw)
    assert "\x00" not in article.text and article.title == clean.title
    assert article.paragraphs == clean.paragraphs
    assert any("removed 3 NUL characters" in w for w in article.warnings)


def test_cp949_bytes_under_a_false_iso_8859_1_charset_are_read_as_korean() -> None:
    text = HTML_PAGE.read_text(encoding="utf-8").replace("charset='utf-8'", "charset='iso-8859-1'")
    article = clean_article(text.encode("cp949"))
    clean = clean_article(HTML_PAGE.read_bytes())
    assert article.title == clean.title == load_gold(HTML_PAGE)["title"]
    assert article.paragraphs == clean.paragraphs
    assert any("declares charset iso-8859-1 but its bytes are cp949" in w for w in article.warnings)


@pytest.mark.parametrize("declared", ["windows-1252", "us-ascii"])
def test_a_false_single_byte_charset_on_utf8_bytes_is_overruled(declared: str) -> None:
    decoded = decode_page("<p>정부는 오늘 발표했다.</p>".encode(), declared=declared)
    assert decoded.text == "<p>정부는 오늘 발표했다.</p>" and decoded.encoding == "utf-8"
    assert any(f"declares charset {declared}" in w for w in decoded.warnings)


def test_a_true_latin_1_page_stays_latin_1() -> None:
    decoded = decode_page("<p>Le café est fermé à Séoul.</p>".encode("latin-1"), declared="iso-8859-1")
    assert decoded.text == "<p>Le café est fermé à Séoul.</p>" and not decoded.warnings


def test_an_nfd_page_still_gives_its_date_reporters_and_title() -> None:
    gold = load_gold(DUMP_PAGE)
    nfd = unicodedata.normalize("NFD", DUMP_PAGE.read_text(encoding="utf-8"))
    assert not re.search("[가-힣]", nfd)  # every syllable decomposed into jamo
    article = clean_article(nfd.encode("utf-8"))
    assert article.title == gold["title"]
    assert article.published_at is not None and article.published_at.isoformat()[:16] == _gold_minute(DUMP_PAGE)
    assert list(article.reporters) == gold["reporters"]
    assert any("NFD" in w for w in article.warnings)
    assert clean_article(nfd).title == gold["title"]  # the same for text handed over as str


def test_a_page_declaring_utf8_with_cp949_bytes_is_read_as_cp949() -> None:
    decoded = decode_page("<meta charset='utf-8'><p>정부는 오늘 발표했다.</p>".encode("cp949"), declared="utf-8")
    assert "정부는 오늘 발표했다." in decoded.text and decoded.encoding == "cp949"
    assert any("declares charset utf-8 but its bytes are cp949" in w for w in decoded.warnings)


def test_a_page_in_another_encoding_is_detected() -> None:
    text = "<p>今日はいい天気ですね。日本語のページです。</p>" * 20
    assert decode_page(text.encode("shift_jis")).text == text


@pytest.mark.parametrize("raw", [
    b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,  # a PNG header, then anything
    os.urandom(4096),
    b"PK\x03\x04" + "한국어 문장".encode() * 50,  # a ZIP (e.g. a .docx) whose start is text-like
])
def test_real_binary_is_still_refused(raw: bytes) -> None:
    with pytest.raises(DecodeError):
        clean_article(raw)


def test_clean_article_reads_a_path_and_refuses_a_file_name_given_as_text(tmp_path: Path) -> None:
    # Found by a user test: clean_article("page.txt") returned an Article titled "page.txt", and a Path was refused,
    # while Pipeline.run reads a Path and refuses the name.
    from summarizer.errors import InputError

    page = tmp_path / "page.txt"
    page.write_text("광주시, AI 산업에 투자\n\n광주시는 29일 인공지능 산업에 4000억 원을 투자한다고 밝혔다.\n", encoding="utf-8")
    assert clean_article(page).paragraphs == clean_article(page.read_bytes()).paragraphs != ()
    with pytest.raises(InputError, match="looks like a file name"):
        clean_article(str(page))
