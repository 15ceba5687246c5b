"""`summarizer models list` fits the terminal; `models check` says which backend `--backend auto` would use."""

from __future__ import annotations

import shutil

import pytest
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.registry import load_registry


@pytest.mark.parametrize("columns", [80, 200])
def test_models_list_fits_the_terminal_with_every_id_whole(columns, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    result = CliRunner().invoke(app, ["models", "list"])
    assert result.exit_code == 0, result.output
    assert max(len(line) for line in result.output.splitlines()) <= columns
    # Folded cells are read back row by row: each id is there whole once its cell lines are joined.
    cells = "".join(line.split("│")[1].strip() for line in result.output.splitlines() if line.count("│") > 2)
    for entry in load_registry():
        assert entry.id in cells.replace(" ", "").replace("★", "") or entry.id in result.output


def test_models_list_piped_keeps_one_line_per_model(monkeypatch) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    result = CliRunner().invoke(app, ["models", "list"])
    for entry in load_registry():
        assert entry.id in result.output


@pytest.fixture()
def private_cache(tmp_path, monkeypatch):
    from summarizer.engines import loader

    monkeypatch.setenv("SUMMARIZER_CACHE", str(tmp_path / "cache"))
    loader.clear_cache()
    yield tmp_path / "cache"
    loader.clear_cache()


def test_models_check_reports_the_automatic_conversion_auto_uses(tiny_checkpoint, private_cache, tmp_path) -> None:
    from summarizer.engines.conversion_cache import ensure_conversion

    model = tmp_path / "marian"
    shutil.copytree(tiny_checkpoint("marian"), model)
    before = CliRunner().invoke(app, ["models", "check", str(model), "--device", "cpu"])
    assert before.exit_code == 0, before.output
    assert "backend auto: ctranslate2, after that one-time conversion" in before.output
    converted, quantization = ensure_conversion(str(model), "cpu", lambda _: None)  # what `run` does on first use
    after = CliRunner().invoke(app, ["models", "check", str(model), "--device", "cpu"])
    assert after.exit_code == 0, after.output
    lines = dict(line.split(": ", 1) for line in after.output.splitlines() if ": " in line)
    assert lines["ctranslate2"].startswith(f"{converted} (automatic {quantization} conversion in the cache; loads and decodes")
    assert lines["backend auto"] == "ctranslate2"


def test_models_check_reports_a_failed_automatic_conversion(tiny_checkpoint, private_cache, tmp_path) -> None:
    from summarizer.engines import conversion_cache

    model = tmp_path / "marian"
    shutil.copytree(tiny_checkpoint("marian"), model)
    key, _ = conversion_cache.source_key(str(model))
    target = conversion_cache.cached_conversion_dir(str(model), key, "int8")
    target.parent.mkdir(parents=True)
    target.with_name(target.name + ".failed").write_text("CTranslate2 could not convert it: boom\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["models", "check", str(model), "--device", "cpu"])
    assert result.exit_code == 0, result.output
    assert "failed earlier: CTranslate2 could not convert it: boom" in result.output
    assert "backend auto: transformers" in result.output
