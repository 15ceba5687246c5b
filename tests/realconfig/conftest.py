"""Stand-ins of the real checkpoints in ../shared/data/model-configs, built once per session (see summarizer/standins.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

@pytest.fixture(scope="session")
def standin(
    shared_data: Path, tmp_path_factory: pytest.TempPathFactory, requirement: Callable[[bool, str], None]
) -> Callable[[str], Path]:
    """get(name) → a random-weight stand-in of model-configs/<name>, built on first request
    (a data folder without that config: skipped, or failed under CI=true, like a missing data folder)."""
    from summarizer.standins import build_standin

    built: dict[str, Path] = {}

    def get(name: str) -> Path:
        if name not in built:
            config_dir = shared_data / "model-configs" / name
            requirement((config_dir / "config.json").is_file(), f"needs {config_dir}/config.json in the data folder")
            built[name] = build_standin(config_dir, tmp_path_factory.mktemp(name) / "model")
        return built[name]

    return get


@pytest.fixture(scope="session")
def standin_ct2(standin, tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """get(name) → the float32 CTranslate2 conversion of that stand-in (verified by convert_model)."""
    from summarizer.convert import convert_model

    made: dict[str, Path] = {}

    def get(name: str) -> Path:
        if name not in made:
            made[name] = convert_model(str(standin(name)), tmp_path_factory.mktemp(f"ct2-{name}") / "ct2", "float32")
        return made[name]

    return get
