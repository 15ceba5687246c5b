"""`summarizer run` end to end in a subprocess, and every bad input: exit 2, one line, no traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "newspim_gwangju_ai_2020.txt"


def summarizer(*args: str, stdin: bytes | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "summarizer", *args],
        input=stdin,
        capture_output=True,
        env={**os.environ, "HF_HUB_OFFLINE": "1", **(env or {})},
        cwd=REPO,
        timeout=600,
    )


@pytest.fixture(scope="module")
def model_flags(tiny_models):
    return ["--translation-model", str(tiny_models / "translation"), "--summary-model", str(tiny_models / "summarization")]


def assert_one_line_error(proc: subprocess.CompletedProcess, fragment: str) -> None:
    stderr = proc.stderr.decode()
    assert proc.returncode == 2, stderr
    assert "Traceback" not in stderr
    errors = [line for line in stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and fragment in errors[0], stderr


def test_example_page_to_json(model_flags):
    proc = summarizer("run", str(EXAMPLE), *model_flags, "--format", "json", "--quiet")
    assert proc.returncode == 0, proc.stderr.decode()
    result = json.loads(proc.stdout)
    assert len(result["paragraphs_ko"]) == 15 and len(result["paragraphs_en"]) == 15
    assert result["title_ko"] == "광주시, 'AI 중심도시 광주' 비전·전략 선포"
    assert result["title_en"].strip() and result["summary_en"].strip()
    assert result["reporters"] == ["박재범"]
    assert result["published_at"].startswith("2020-01-29T14:52")


def test_markdown_from_stdin_in_cp949(model_flags):
    page = (
        "광주시, AI 중심도시 비전 선포\n\n"
        "광주광역시는 29일 오후 김대중컨벤션센터에서 인공지능 중심도시 광주 비전 선포식을 개최했다고 밝혔다.\n\n"
        "이용섭 시장은 이날 선포식에서 앞으로 10년간 20대 중점과제를 추진해 세계적 수준의 인공지능 인프라를 조성하겠다고 말했다.\n"
    )
    proc = summarizer("run", "-", *model_flags, "--beams", "1", stdin=page.encode("cp949"))
    assert proc.returncode == 0, proc.stderr.decode()
    assert "## Summary" in proc.stdout.decode() and "## Translation" in proc.stdout.decode()


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    "setup,fragment",
    [
        (lambda d: d / "missing.txt", "file not found"),
        (lambda d: write(d / "empty.txt", b""), "empty"),
        (lambda d: write(d / "blank.txt", b"  \n\t \n"), "empty"),
        (lambda d: write(d / "binary.bin", bytes(range(256)) * 40), "binary"),
        (lambda d: write(d / "image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(200))), "binary"),
        (lambda d: write(d / "english.txt", b"Stocks rose on Monday in Seoul.\n\nAnalysts were surprised by the move.\n"), "does not look Korean"),
        (lambda d: d, "is a directory"),
    ],
    ids=["missing", "empty", "whitespace", "binary", "png", "english", "directory"],
)
def test_bad_input_is_one_line_exit_2(tmp_path, model_flags, setup, fragment):
    assert_one_line_error(summarizer("run", str(setup(tmp_path)), *model_flags), fragment)


def test_undecodable_bytes(tmp_path, model_flags):
    bad = tmp_path / "bad.txt"
    bad.write_bytes("광주광역시는 비전을 선포했다.".encode("utf-8")[:-2] + b"\xff\xfe\xfa\xfb" * 10 + b"\x81")
    assert_one_line_error(summarizer("run", str(bad), *model_flags), "cannot decode")


def test_force_translates_english(tmp_path, model_flags):
    page = tmp_path / "english.txt"
    page.write_text("Stocks rose on Monday in Seoul.\n\nAnalysts were surprised by the move.\n")
    proc = summarizer("run", str(page), *model_flags, "--force", "--beams", "1", "--format", "json", "--quiet")
    assert proc.returncode == 0, proc.stderr.decode()
    assert len(json.loads(proc.stdout)["paragraphs_en"]) == 2


def test_unknown_model_and_offline_model(model_flags):
    proc = summarizer("run", str(EXAMPLE), "--translation-model", "./no/such/model", "--quiet")
    assert_one_line_error(proc, "model folder not found")
    proc = summarizer("run", str(EXAMPLE), "--translation-model", "someone/not-downloaded-model", "--quiet")
    assert_one_line_error(proc, "summarizer models download")


def test_env_settings_apply_and_flags_win(tiny_models, tmp_path):
    env = {"SUMMARIZER_TRANSLATION_MODEL": str(tmp_path / "nowhere"), "SUMMARIZER_SUMMARY_MODEL": str(tiny_models / "summarization")}
    assert_one_line_error(summarizer("run", str(EXAMPLE), "--quiet", env=env), "nowhere")
    proc = summarizer("run", str(EXAMPLE), "--translation-model", str(tiny_models / "translation"), "--beams", "1", "--quiet", env=env)
    assert proc.returncode == 0, proc.stderr.decode()


def test_help_answers():
    proc = summarizer("run", "--help")
    assert proc.returncode == 0
    out = proc.stdout.decode()
    for flag in ("--format", "--translation-model", "--summary-model", "--strategy", "--device", "--force", "--keep"):
        assert flag in out
    # Defaults and env names written in the help texts are shown, not eaten as rich markup.
    for text in ("[default: 160]", "[env: SUMMARIZER_TRANSLATION_MODEL]", "env: SUMMARIZER_KEEP"):
        assert text in " ".join(out.split()), text
