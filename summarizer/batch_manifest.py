"""A small manifest beside a batch OUTPUT (OUTPUT.manifest.json): what input and settings produced it.

--resume compares it with the run at hand: other settings are refused (results would mix two models or
decodings), a changed input is reported (records are matched by id, or by content when they have none).
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping

from summarizer.errors import ConfigError
from summarizer.settings import Settings

MANIFEST_SUFFIX = ".manifest.json"
VERSION = 1
# Settings that change what a record says; device, backend, threads and token budgets only change speed.
RESULT_SETTINGS = (
    "translation_model", "summary_model", "strategy", "num_beams", "max_length_ratio", "no_repeat_ngram_size",
    "repetition_penalty", "summary_min_tokens", "summary_max_tokens", "max_chars", "force", "keep",
)  # fmt: skip
_SAMPLE_BYTES = 1 << 20


@dataclass(frozen=True)
class Manifest:
    """The input's fingerprint and the result-shaping settings of a batch run."""

    input: dict[str, Any]
    settings: dict[str, Any]

    def to_json(self) -> str:
        return json.dumps({"version": VERSION, "input": self.input, "settings": self.settings}, ensure_ascii=False, indent=1)


def manifest_path(output: Path) -> Path:
    real = Path(os.path.realpath(output))  # reached through a symlink, OUTPUT keeps its one manifest
    return real.with_name(real.name + MANIFEST_SUFFIX)


def build_manifest(input: str | os.PathLike[str], fmt: str, fields: Mapping[str, str], settings: Settings, page_files: Iterable[Path] = ()) -> Manifest:
    """Fingerprint of the input (size, mtime, hashes of its head and tail; a folder: its file list) and settings."""
    values = asdict(settings)
    chosen = {name: _jsonable(values[name]) for name in RESULT_SETTINGS if name in values}
    chosen["fields"] = dict(fields)
    chosen["format"] = fmt
    return Manifest(input=_fingerprint(input, fmt, page_files), settings=chosen)


def check_manifest(output: Path, current: Manifest) -> str | None:
    """Compare with the manifest beside OUTPUT (resume). Returns a warning when the input changed, else None.

    Raises:
        ConfigError: OUTPUT was written with other result-shaping settings.
    """
    path = manifest_path(output)
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        before_input, before_settings = dict(stored["input"]), dict(stored["settings"])
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        return None  # no manifest (an older OUTPUT) or an unreadable one: nothing to compare with
    changed = [k for k in sorted(set(before_settings) | set(current.settings)) if before_settings.get(k) != current.settings.get(k)]
    if changed:
        shown = "; ".join(f"{k}: {before_settings.get(k)!r} → {current.settings.get(k)!r}" for k in changed[:4])
        raise ConfigError(
            f"{output} was written with other settings ({shown}); resume with the same settings or start a new OUTPUT"
        )
    if before_input != current.input:
        what = "the input file" if current.input.get("kind") == "file" else "the input"
        return (
            f"{what} changed since {output.name} was started: records are matched by id (by content when they have "
            "none), lines that could not be parsed by line number"
        )
    return None


def write_manifest(output: Path, manifest: Manifest) -> None:
    """Write the manifest beside OUTPUT atomically (a kill never leaves half a manifest)."""
    path = manifest_path(output)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(manifest.to_json() + "\n", encoding="utf-8")
    os.replace(temporary, path)


def _fingerprint(input: str | os.PathLike[str], fmt: str, page_files: Iterable[Path]) -> dict[str, Any]:
    if str(input) == "-":
        return {"kind": "stdin"}
    path = Path(input)
    if fmt == "dir":
        digest = hashlib.sha256()
        count = 0
        for file in page_files:
            info = file.lstat()
            digest.update(f"{file.relative_to(path).as_posix()}\0{info.st_size}\0{info.st_mtime_ns}\n".encode("utf-8", "surrogateescape"))
            count += 1
        return {"kind": "dir", "path": str(path.resolve()), "files": count, "listing_sha256": digest.hexdigest()}
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        return {"kind": "stream", "path": str(path)}  # a FIFO or device: reading it here would eat the records
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        digest.update(fh.read(_SAMPLE_BYTES))
        if info.st_size > 2 * _SAMPLE_BYTES:
            fh.seek(-_SAMPLE_BYTES, os.SEEK_END)
        digest.update(fh.read(_SAMPLE_BYTES))
    return {"kind": "file", "path": str(path.resolve()), "size": info.st_size, "mtime_ns": info.st_mtime_ns, "sample_sha256": digest.hexdigest()}


def _jsonable(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value
