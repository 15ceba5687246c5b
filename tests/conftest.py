"""Session fixtures shared by the whole suite: offline mode, tiny checkpoints, the shared evaluation data."""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

# Set before any test module imports transformers / huggingface_hub, which read these once: no test touches the hub.
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
# One CPU thread per generate call: tiny models gain nothing from more, and on a busy 2-core machine
# (or beside Ray workers and the demo server) oversubscribed threads make them many times slower.
os.environ.setdefault("SUMMARIZER_CPU_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

REPO_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session", autouse=True)
def _private_conversion_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """`--backend auto` converts models into $SUMMARIZER_CACHE on first use: one throwaway cache per session."""
    if "SUMMARIZER_CACHE" not in os.environ:
        os.environ["SUMMARIZER_CACHE"] = str(tmp_path_factory.mktemp("summarizer_cache"))


@pytest.fixture(scope="session")
def tiny_models(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Folder written by `build_tiny_checkpoints` (seed 0): translation/ (Marian ko→en), summarization/ (BART),
    ko-summarization/ (KoBART), cross-lingual/ (mT5). Built once per session."""
    from summarizer.tiny import build_tiny_checkpoints

    root = tmp_path_factory.mktemp("tiny_models")
    build_tiny_checkpoints(root, seed=0)
    return root


@pytest.fixture(scope="session")
def tiny_checkpoint(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """Returns `get(family) -> Path` of a tiny checkpoint (seed 0) of that family, built on first request.

    Families: marian, nllb, m2m100, mbart50, bart, t5, mt5, kobart (summarizer.tiny.FAMILIES).
    """
    from summarizer.tiny import build_family_checkpoint

    built: dict[str, Path] = {}

    def get(family: str) -> Path:
        if family not in built:
            built[family] = build_family_checkpoint(family, tmp_path_factory.mktemp(f"tiny_{family}"), seed=0)
        return built[family]

    return get


CHROMIUM = Path(os.environ.get("SUMMARIZER_CHROMIUM", "/usr/bin/chromium"))


def require(available: bool, reason: str) -> None:
    """The one rule for external needs: absent → skip with `reason`; under CI=true → fail (CI never passes by skipping)."""
    if available:
        return
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"CI=true and {reason}", pytrace=False)
    pytest.skip(reason)


def require_module(name: str, install: str) -> None:
    """require() for an importable package: `install` says how to get it (e.g. "pip install -e '.[demo]'")."""
    require(importlib.util.find_spec(name) is not None, f"needs the {name} package ({install})")


@pytest.fixture(scope="session")
def gradio_module():  # noqa: ANN201 — the gradio module
    """gradio, for tests of the demo's page; absent → require()'s rule."""
    require_module("gradio", "pip install -e '.[demo]'")
    import gradio

    return gradio


@pytest.fixture(scope="session")
def ray_module():  # noqa: ANN201 — the ray module
    """ray, for tests of the Ray engine; absent → require()'s rule."""
    require_module("ray", "pip install -e '.[ray]'")
    import ray

    return ray


@pytest.fixture(scope="session")
def requirement() -> Callable[[bool, str], None]:
    """`require` for fixtures in sub-folders, whose own conftest.py cannot import this one."""
    return require


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The shared evaluation data folder: $SUMMARIZER_DATA, else ../shared/data next to the repository.

    Only full evaluations need it; absent, their tests are skipped (a failure under CI=true).
    """
    configured = os.environ.get("SUMMARIZER_DATA")
    path = Path(configured) if configured else REPO_ROOT.parent / "shared" / "data"
    require(path.is_dir(), f"needs the evaluation data folder (not found at {path}; set SUMMARIZER_DATA)")
    return path


@pytest.fixture(scope="session")
def mt_sample_data() -> Path:
    """A few lines of each MT test set in the data folder's layout (tests/fixtures/mt_sample, cited there):
    enough to test the eval and bench harnesses on a bare clone."""
    return REPO_ROOT / "tests" / "fixtures" / "mt_sample"


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    """The system Chromium the browser tests drive ($SUMMARIZER_CHROMIUM, else /usr/bin/chromium) and playwright.

    Absent, browser tests are skipped (a failure under CI=true).
    """
    require(CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK), f"needs a system Chromium at {CHROMIUM} (apt-get install chromium)")
    require(importlib.util.find_spec("playwright") is not None, "needs the playwright package (pip install -e '.[dev]')")
    return CHROMIUM


@pytest.fixture(autouse=True)
def _summarizer_logger_restored() -> Iterator[None]:
    """In-process CLI calls install a stderr printer on the `summarizer` logger: undo it, so tests stay independent."""
    import logging

    logger = logging.getLogger("summarizer")
    handlers, level = list(logger.handlers), logger.level
    yield
    logger.handlers[:] = handlers
    logger.setLevel(level)
