"""Where the evaluations find the shared data folder (third-party test sets; a user's clone has none)."""

from __future__ import annotations

import os
from pathlib import Path

from summarizer.errors import InputError

REPO_ROOT = Path(__file__).resolve().parents[2]  # parent of the summarizer package


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The shared data folder: `explicit` (--data), else $SUMMARIZER_DATA, else ../shared/data from the repo root.

    Raises:
        InputError: the folder does not exist (one line, with how to point at it).
    """
    chosen = explicit or os.environ.get("SUMMARIZER_DATA") or REPO_ROOT.parent / "shared" / "data"
    path = Path(chosen).expanduser()
    if not path.is_dir():
        raise InputError(f"shared data folder not found: {path} (pass --data DIR or set SUMMARIZER_DATA)")
    return path
