"""Every Python block of README.md runs as written (in a fresh process, on the tiny checkpoints and the example
page), and so does every shell block marked `<!-- readme-test: run -->` (the offline ones)."""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
README = REPO_ROOT / "README.md"
EXAMPLE = REPO_ROOT / "examples" / "newspim_gwangju_ai_2020.txt"
_BLOCK = re.compile(r"(?P<before>[^\n]*)\n```(?P<lang>[a-z]*)\n(?P<code>.*?)\n```", re.DOTALL)


def _blocks(lang: str, marker: str | None = None) -> list[str]:
    found = [m for m in _BLOCK.finditer(README.read_text(encoding="utf-8")) if m.group("lang") == lang]
    return [m.group("code") for m in found if marker is None or marker in m.group("before")]


PYTHON_BLOCKS = _blocks("python")
SHELL_BLOCKS = _blocks("bash", "<!-- readme-test: run -->")
OFFLINE_ENV_BLOCKS = _blocks("bash", "<!-- readme-test: offline-env -->")


def _offline_models(tiny_models: Path) -> dict[str, str]:
    """The variables README's offline recipe exports (before the Python API block), /tmp/m = the tiny models."""
    exported = dict(re.findall(r"(SUMMARIZER_\w+)=(\S+)", "\n".join(OFFLINE_ENV_BLOCKS)))
    return {name: value.replace("/tmp/m", str(tiny_models)) for name, value in exported.items()}


def _env(tiny_models: Path) -> dict[str, str]:
    """The user's environment after README's offline recipe (the tiny checkpoints as models), quick decoding."""
    return {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        **_offline_models(tiny_models),
        "SUMMARIZER_NUM_BEAMS": "1",
        "SUMMARIZER_SUMMARY_MAX_TOKENS": "24",
        "SUMMARIZER_SUMMARY_MIN_TOKENS": "4",
    }


def test_readme_has_the_blocks_this_test_runs() -> None:
    assert len(PYTHON_BLOCKS) >= 2 and SHELL_BLOCKS


def test_offline_recipe_points_both_models_at_the_tiny_checkpoints(tiny_models: Path) -> None:
    assert any("summarizer models tiny /tmp/m" in block for block in OFFLINE_ENV_BLOCKS)
    assert _offline_models(tiny_models) == {
        "SUMMARIZER_TRANSLATION_MODEL": str(tiny_models / "translation"),
        "SUMMARIZER_SUMMARY_MODEL": str(tiny_models / "summarization"),
    }


@pytest.mark.parametrize("code", PYTHON_BLOCKS, ids=[f"python-{i}" for i in range(len(PYTHON_BLOCKS))])
def test_python_block_runs(code: str, tiny_models: Path, tmp_path: Path) -> None:
    # A user's folder: the example page where README says it is, and a small dump for the batch example.
    (tmp_path / "examples").mkdir()
    shutil.copy(EXAMPLE, tmp_path / "examples" / EXAMPLE.name)
    with gzip.open(tmp_path / "dump.jsonl.gz", "wt", encoding="utf-8") as dump:
        dump.write(json.dumps({"id": "a1", "text": EXAMPLE.read_text(encoding="utf-8")}, ensure_ascii=False) + "\n")
    script = tmp_path / "block.py"
    script.write_text(code, encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], cwd=tmp_path, env=_env(tiny_models), capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, f"README block failed:\n{code}\n--- stderr ---\n{done.stderr[-3000:]}"


@pytest.mark.parametrize("code", SHELL_BLOCKS, ids=[f"bash-{i}" for i in range(len(SHELL_BLOCKS))])
def test_marked_shell_block_runs(code: str, tiny_models: Path, tmp_path: Path) -> None:
    # /tmp/m is shared by everyone on a machine: the same commands, in a folder of this test's own.
    script = code.replace("/tmp/m", str(tmp_path / "m"))
    done = subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=REPO_ROOT, env=_env(tiny_models),
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"README block failed:\n{code}\n--- stderr ---\n{done.stderr[-3000:]}"
    assert "# " in done.stdout and "## Summary" in done.stdout  # the Markdown result


def _section(title: str) -> str:
    text = README.read_text(encoding="utf-8")
    return text.split(title, 1)[1].split("\n## ", 1)[0]


def test_command_synopsis_names_every_models_subcommand() -> None:
    from summarizer.cli import models_cmd

    synopsis = _section("## Command line").split("```", 2)[1]
    models_line = next(line for line in synopsis.splitlines() if line.startswith("summarizer models "))
    for command in models_cmd.app.registered_commands:
        assert re.search(rf"(models|\|) {command.name}\b", models_line), command.name


def test_settings_table_lists_every_environment_variable_the_cli_names() -> None:
    from typer.testing import CliRunner

    from summarizer.cli import app

    named = set()
    for command in ("run", "batch"):
        named |= set(re.findall(r"env: (SUMMARIZER_[A-Z_]+)", CliRunner().invoke(app, [command, "--help"], terminal_width=300).output))
    table = _section("### Settings")
    assert named and not {name for name in named if f"`{name}`" not in table}
