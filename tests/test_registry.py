"""models/registry.toml reaches users: summarizer/registry.toml is a symlink to it, and packaging must ship a real file."""

from __future__ import annotations

import shutil
import tarfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_sdist_ships_the_registry_as_a_file_with_the_same_content(tmp_path, monkeypatch):
    from setuptools import build_meta

    source = tmp_path / "src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        if (REPO / name).is_file():
            shutil.copy(REPO / name, source / name)
    shutil.copytree(REPO / "models", source / "models")
    shutil.copytree(REPO / "summarizer", source / "summarizer", symlinks=True, ignore=shutil.ignore_patterns("__pycache__"))
    assert (source / "summarizer" / "registry.toml").is_symlink()
    monkeypatch.chdir(source)
    name = build_meta.build_sdist(str(tmp_path / "dist"))
    with tarfile.open(tmp_path / "dist" / name) as archive:
        members = [m for m in archive.getmembers() if m.name.endswith("summarizer/registry.toml")]
        assert len(members) == 1 and members[0].isfile()
        shipped = archive.extractfile(members[0]).read()
    assert shipped == (REPO / "models" / "registry.toml").read_bytes()


def test_the_registry_lists_a_default_per_task():
    from summarizer.registry import TASKS, default_model

    assert all(default_model(task) for task in TASKS)
