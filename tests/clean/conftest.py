"""Fixtures for the cleaner tests: our Korean outlet fixtures (tests/fixtures/clean) and the example page."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from .fixture_files import FIXTURES

EXAMPLE = "seed/newspim_gwangju_ai_2020"


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def example_page(shared_data: Path) -> tuple[bytes, dict[str, Any]]:
    """The project's example text dump and its hand-made gold (from the shared data)."""
    raw = (shared_data / f"{EXAMPLE}.txt").read_bytes()
    gold = json.loads((shared_data / f"{EXAMPLE}.gold.json").read_text(encoding="utf-8"))
    return raw, gold


@pytest.fixture(scope="session")
def blind_sets(tmp_path_factory: pytest.TempPathFactory, shared_data: Path) -> dict[str, Path]:
    """{set name: folder of pages} for the blind sets (fixtures/clean/<set>/make_*.py), built once per session."""
    from summarizer.evaluation.clean_eval import build_generated_sets

    return build_generated_sets(FIXTURES, shared_data, tmp_path_factory.mktemp("blind_sets"))
