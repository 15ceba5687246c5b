"""`summarizer clean FILE|-` and `summarizer eval clean`: output formats, stdin, one-line errors with exit 2."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from .fixture_files import fixture_pages, load_gold

EXAMPLE_PAGE = Path(__file__).resolve().parents[2] / "examples" / "newspim_gwangju_ai_2020.txt"  # = the data's seed page


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str], stdin: bytes | None = None, monkeypatch: pytest.MonkeyPatch | None = None) -> tuple[int, str, str]:
    from summarizer.cli import main

    if stdin is not None and monkeypatch is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
    try:
        main(args)
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    out, err = capsys.readouterr()
    return code, out, err


def test_clean_prints_the_article_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    page = fixture_pages("dumps")[0]
    code, out, _ = run_cli(["clean", str(page)], capsys)
    assert code == 0
    data = json.loads(out)
    gold = load_gold(page)
    assert data["title"] == gold["title"] and data["paragraphs"] == gold["paragraphs"]
    assert data["published_at"].startswith(gold["published_at"]) and data["input_type"] == "text"
    assert all({"text", "reason"} <= set(block) for block in data["removed"])


def test_clean_text_format_prints_title_then_paragraphs(capsys: pytest.CaptureFixture[str]) -> None:
    page = fixture_pages("html")[0]
    code, out, _ = run_cli(["clean", str(page), "--format", "text"], capsys)
    gold = load_gold(page)
    assert code == 0
    assert out.strip().split("\n\n") == [gold["title"], *gold["paragraphs"]]


def test_clean_keep_leaves_the_sign_off_in_the_text_output(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    page = str(EXAMPLE_PAGE)
    code, out, _ = run_cli(["clean", page, "-f", "text", "--keep", "signoff", "--keep", "byline"], capsys)
    blocks = out.strip().split("\n\n")
    assert code == 0 and blocks[-1] == "jb5459@newspim.com" and blocks[1].startswith("[광주=뉴스핌] 박재범 기자 =")
    monkeypatch.setenv("SUMMARIZER_KEEP", "signoff")  # the environment applies as it does to run and batch
    code, out, _ = run_cli(["clean", page, "-f", "text"], capsys)
    assert code == 0 and out.strip().endswith("jb5459@newspim.com")


def test_clean_keep_unknown_kind_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(["clean", str(EXAMPLE_PAGE), "--keep", "ads"], capsys)
    assert code == 2 and out == "" and err.count("\n") == 1 and err.startswith("error: cannot keep 'ads'")


def test_clean_reads_stdin(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    page = fixture_pages("dumps")[1]
    code, out, _ = run_cli(["clean", "-", "-f", "text"], capsys, stdin=page.read_bytes(), monkeypatch=monkeypatch)
    assert code == 0 and out.startswith(load_gold(page)["title"])


def test_clean_warns_on_stderr_when_the_body_is_empty(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    page = tmp_path / "nav.html"
    page.write_text("<html><body><nav><a>홈</a><a>정치</a></nav></body></html>", encoding="utf-8")
    code, out, err = run_cli(["clean", str(page)], capsys)
    assert code == 0 and json.loads(out)["paragraphs"] == []
    assert err.startswith("warning: ")


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "file not found"), (b"", "input is empty"), (b"\x00\x01\x02\x03" * 100, "binary")],
)
def test_clean_bad_input_is_one_line_on_stderr_and_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes | None, message: str) -> None:
    page = tmp_path / "page.html"
    if content is not None:
        page.write_bytes(content)
    code, out, err = run_cli(["clean", str(page)], capsys)
    assert code == 2 and out == ""
    assert err.startswith("error: ") and message in err and err.count("\n") == 1


def test_eval_clean_missing_data_folder_is_a_one_line_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run_cli(["eval", "clean", "--data", str(tmp_path / "missing")], capsys)
    assert code == 2 and "shared data folder not found" in err and err.count("\n") == 1


def test_eval_clean_prints_the_fixture_table(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    fixtures = tmp_path / "fixtures"
    (fixtures / "dumps").mkdir(parents=True)
    for page in fixture_pages("dumps")[:2]:
        (fixtures / "dumps" / page.name).write_bytes(page.read_bytes())
        (fixtures / "dumps" / (page.stem + ".gold.json")).write_bytes(page.with_name(page.stem + ".gold.json").read_bytes())
    code, out, _ = run_cli(["eval", "clean", "--data", str(tmp_path), "--fixtures", str(fixtures), "--only", "fixtures"], capsys)
    assert code == 0
    assert "Korean outlet fixtures" in out and "ALL but newspim" in out


def test_eval_clean_json_output(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    fixtures = tmp_path / "fixtures"
    (fixtures / "dumps").mkdir(parents=True)
    page = fixture_pages("dumps")[0]
    (fixtures / "dumps" / page.name).write_bytes(page.read_bytes())
    (fixtures / "dumps" / (page.stem + ".gold.json")).write_bytes(page.with_name(page.stem + ".gold.json").read_bytes())
    code, out, _ = run_cli(["eval", "clean", "--data", str(tmp_path), "--fixtures", str(fixtures), "--only", "fixtures", "--json"], capsys)
    data = json.loads(out)
    assert code == 0 and data["fixtures"][0]["name"] == page.stem and data["fixture_summary"]["all"]["pages"] == 1


def test_eval_clean_rejects_unknown_sections(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run_cli(["eval", "clean", "--data", str(tmp_path), "--only", "nope"], capsys)
    assert code == 2 and "unknown section" in err
