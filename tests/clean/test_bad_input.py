"""Bad input: clear one-line errors, or an empty-body Article with warnings; never a hang."""

from __future__ import annotations

import signal
from collections.abc import Iterator

import pytest

from summarizer.clean import clean_article
from summarizer.errors import DecodeError, EmptyInputError, InputTooLargeError
from summarizer.textio import MAX_INPUT_BYTES


@pytest.fixture(autouse=True)
def no_hang() -> Iterator[None]:
    """Fail (instead of hanging the suite) if one case runs away; a guard, not a timing assertion."""
    def stop(signum, frame):  # type: ignore[no-untyped-def]
        raise AssertionError("clean_article did not return: unbounded time on bad input")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(120)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("raw", [b"", b"   \n\t ", "", "  \n "])
def test_empty_input_is_an_error(raw: bytes | str) -> None:
    with pytest.raises(EmptyInputError):
        clean_article(raw)


@pytest.mark.parametrize("raw", [bytes(range(256)) * 20, b"\x00\x01\x02PK\x03\x04" + b"\x00" * 500, "text\x00with\x00nuls" * 50])
def test_binary_input_is_a_decode_error(raw: bytes | str) -> None:
    with pytest.raises(DecodeError):
        clean_article(raw)


def test_bytes_in_no_accepted_encoding_are_a_decode_error() -> None:
    with pytest.raises(DecodeError):
        clean_article(b"\xff\xfe\xfd" * 100 + b"\x81")  # not UTF-8, not CP949; no NULs


@pytest.mark.parametrize("as_text", [False, True])
def test_input_over_10_mb_is_refused(as_text: bool) -> None:
    raw = b"a" * (MAX_INPUT_BYTES + 1)
    with pytest.raises(InputTooLargeError) as excinfo:
        clean_article(raw.decode() if as_text else raw)
    assert "\n" not in str(excinfo.value)


def test_deeply_nested_markup_returns_an_article() -> None:
    depth = 100_000
    page = "<html><body>" + "<div>" * depth + "깊은 문단은 기사 본문처럼 보이도록 충분히 길게 쓴 문장이다." + "</div>" * depth + "</body></html>"
    article = clean_article(page)
    assert article.input_type == "html"
    assert article.warnings[0] == "the page nests elements deeper than 2048 levels: the text below that depth could not be read"


def test_malformed_markup_returns_an_article() -> None:
    page = "<html><body><div><p>첫 문단은 충분히 길어서 기사 본문으로 인식되어야 한다고 본다.<p><b><i>둘째 문단 <table><tr><td>셀" * 200
    article = clean_article(page)
    assert article.input_type == "html"
    assert article.paragraphs[0].startswith("첫 문단은 충분히 길어서")  # the prose survives the broken tags


NO_MAIN_TEXT = "trafilatura found no main text (script-only, empty or navigation-only page)"
NO_PROSE = "no article body found: no paragraph of prose in the page"


@pytest.mark.parametrize(
    ("page", "warning"),
    [
        ("<html><head><script>var a = 1;</script></head><body><script>document.write('x')</script></body></html>", NO_MAIN_TEXT),
        ("<html><body><nav><a href='/'>홈</a><a href='/p'>정치</a></nav></body></html>", NO_PROSE),
        ("<html><body></body></html>", NO_MAIN_TEXT),
    ],
)
def test_script_only_or_navigation_only_pages_give_an_empty_body_with_a_warning(page: str, warning: str) -> None:
    article = clean_article(page)
    assert article.paragraphs == ()
    assert warning in article.warnings  # the reason, not only the generic empty-body warning


@pytest.mark.parametrize("junk", ["<<<<>>>>" * 100, "}{][)(" * 1000, "ㅋ" * 50_000, "x" * 2_000_000])
def test_non_html_junk_gives_an_empty_body_or_text(junk: str) -> None:
    article = clean_article(junk)
    assert article.input_type == "text"
    assert article.paragraphs == () and article.warnings


def test_many_short_lines_are_bounded() -> None:
    article = clean_article("메뉴\n" * 200_000 + "본문 문장은 충분히 길어서 기사 본문으로 인식되어야 한다고 본다.\n")
    assert article.warnings


def test_pages_with_thousands_of_blocks_skip_the_quadratic_fallback() -> None:
    # jusText (trafilatura's fallback) is quadratic in paragraphs: such a page took minutes before this path existed.
    block = "<table><tr><td><div>메뉴</div><ul><li>a</li></ul>" + "<p>본문 문장은 충분히 길게 쓴 한국어 문장이며 마침표로 끝난다.</p>" * 5 + "</td></tr></table>"
    article = clean_article("<html lang='ko'><body>" + block * 400 + "</body></html>")
    assert article.paragraphs and any("fallback extractors" in w for w in article.warnings)
    small = clean_article("<html lang='ko'><body>" + block * 3 + "</body></html>")
    assert not any("fallback extractors" in w for w in small.warnings)
