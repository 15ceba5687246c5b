"""Paths of our Korean outlet fixtures (tests/fixtures/clean) and their gold files, for parametrised tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "clean"


def fixture_pages(kind: str) -> list[Path]:
    """Fixture pages of one kind ('dumps', 'heldout' or 'html') that have a gold file next to them."""
    pattern = "*.html" if kind == "html" else "*.txt"
    return sorted(p for p in (FIXTURES / kind).glob(pattern) if p.with_name(p.stem + ".gold.json").exists())


def load_gold(page: Path) -> dict[str, Any]:
    """The gold record next to a fixture page."""
    return json.loads(page.with_name(page.stem + ".gold.json").read_text(encoding="utf-8"))
