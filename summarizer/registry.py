"""The model registry (models/registry.toml): default and alternative model ids per task."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

TASKS = ("translation", "summarization", "ko-summarization", "cross-lingual")


@dataclass(frozen=True)
class RegistryEntry:
    """One known model: where it comes from, what it is, and how to drive it."""

    task: str
    id: str
    family: str
    licence: str = "unknown"
    size_mb: int | None = None
    src_lang: str | None = None
    tgt_lang: str | None = None
    prefix: str = ""
    notes: str = ""
    default: bool = False


def _registry_text() -> str:
    # In a source checkout the registry sits in models/ at the repo root; installed, it ships as package data.
    repo_file = Path(__file__).resolve().parent.parent / "models" / "registry.toml"
    if repo_file.is_file():
        return repo_file.read_text(encoding="utf-8")
    return resources.files("summarizer").joinpath("registry.toml").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def load_registry() -> tuple[RegistryEntry, ...]:
    data = tomllib.loads(_registry_text())
    entries = []
    for task, spec in data["tasks"].items():
        for model in spec.get("models", []):
            entries.append(
                RegistryEntry(
                    task=task,
                    id=model["id"],
                    family=model["family"],
                    licence=model.get("licence", "unknown"),
                    size_mb=model.get("size_mb"),
                    src_lang=model.get("src_lang"),
                    tgt_lang=model.get("tgt_lang"),
                    prefix=model.get("prefix", ""),
                    notes=model.get("notes", ""),
                    default=model["id"] == spec.get("default"),
                )
            )
    return tuple(entries)


def default_model(task: str) -> str:
    for entry in load_registry():
        if entry.task == task and entry.default:
            return entry.id
    raise KeyError(task)


def lookup(model_id: str) -> RegistryEntry | None:
    """The registry entry for a hub id (None for local folders and unknown ids)."""
    for entry in load_registry():
        if entry.id == model_id:
            return entry
    return None
