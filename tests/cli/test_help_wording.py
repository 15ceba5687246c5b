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
