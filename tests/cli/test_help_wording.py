"""What a newcomer reads first: `--help` texts say the same thing the same way, and messages read as English."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.errors import ConfigError
from summarizer.settings import Settings


def help_of(*command: str) -> str:
    result = CliRunner().invoke(app, [*command, "--help"], terminal_width=200)
    assert result.exit_code == 0, result.output
    return result.output


def test_file_arguments_are_named_alike() -> None:
    assert "FILE|-" in help_of("run").splitlines()[0] + help_of("run").splitlines()[1]
    usage = " ".join(help_of("clean").splitlines()[:2])
    assert "FILE|-" in usage and "{file}" not in usage


def test_models_tiny_names_the_four_folders_it_writes() -> None:
    text = help_of("models", "tiny")
    for folder in ("translation", "summarization", "ko-summarization", "cross-lingual"):
        assert f"DIR/{folder}" in text


def test_q_means_quiet_only() -> None:
    assert re.search(r"-q\b.*--quiet|--quiet.*-q\b", help_of("run"))
    assert not re.search(r"\s-q[,\s]", help_of("models", "convert"))


def test_bench_prints_each_default_once() -> None:
    threads = [line for line in help_of("bench").splitlines() if "--threads" in line]
    block = help_of("bench").split("--threads", 1)[1].split("--", 1)[0]
    assert threads and block.count("[default:") == 1


def test_setting_type_errors_use_the_right_article() -> None:
    with pytest.raises(ConfigError, match="expects a whole number"):
        Settings.load(env={"SUMMARIZER_NUM_BEAMS": "many"})


def test_choices_show_in_the_usage_of_format_and_strategy() -> None:
    assert "--format <markdown|json>" in help_of("run")
    assert "--format <json|text>" in help_of("clean")
    assert "--strategy <translate-then-summarize|summarize-then-translate|cross-lingual>" in help_of("run")
    refused = CliRunner().invoke(app, ["run", "-", "--strategy", "magic"], input="광주")
    assert refused.exit_code == 2 and "magic" in refused.output


def test_models_download_usage_names_ids_once() -> None:
    usage = help_of("models", "download").splitlines()[0]
    assert usage.endswith("[ID]...") and "[[" not in usage


def test_version_comes_from_the_package_metadata() -> None:
    from importlib.metadata import version

    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.strip() == f"summarizer {version('korean-news-summarizer')}"


def test_demo_py_usage_names_the_script_alone() -> None:
    import subprocess
    import sys
    from pathlib import Path

    repo = Path(__file__).resolve().parents[2]
    proc = subprocess.run([sys.executable, str(repo / "demo.py"), "--help"], capture_output=True, text=True, timeout=120, cwd=repo)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[0].strip() == "Usage: demo.py [OPTIONS]"
    assert "--port" in proc.stdout


def test_models_check_device_is_auto_like_the_other_commands(monkeypatch) -> None:
    from summarizer import model_check

    def option(command: tuple[str, ...]) -> str:
        return " ".join(next(line for line in help_of(*command).splitlines() if "--device" in line).split())

    assert option(("models", "check")) == option(("run",))
    seen = []
    monkeypatch.setattr(model_check, "check_model", lambda model, task, device: seen.append(device) or model_check.ModelReport(model))
    monkeypatch.delenv("SUMMARIZER_DEVICE", raising=False)
    for flags, device in (([], "auto"), (["--device", "cuda:1"], "cuda:1")):
        result = CliRunner().invoke(app, ["models", "check", "some/model", *flags])
        assert result.exit_code == 0, result.output
        assert seen.pop() == device
