"""CTranslate2 conversions made on first use and kept in a cache, so `--backend auto` is fast without asking.

    <cache>/ct2-auto/<model>-<key>-<quantization>/      (<cache>: see ctranslate2_engine.cache_root)

The key is a digest of the model id + hub revision, or of a local folder's contents (names, sizes and
bytes), so an edited folder or a new hub revision gets a fresh conversion. Two processes converting the
same model at once are safe: a file lock serialises them, the conversion is written to a staging folder
and renamed into place (convert.py), and the second process finds the finished folder. A failed
conversion of a model that cannot work (the converter or the check decode refuses it) leaves a `.failed`
note beside the folder so later runs fall back at once instead of re-converting every time; a failure that may
pass next time (disk full, out of memory) leaves none. Notices go to the `summarizer` logger at NOTICE level,
so each door decides whether and where they show (the CLI: stderr, silenced by -q).
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import threading
import time
from pathlib import Path
from typing import Callable

from summarizer.errors import ConfigError, ModelError, ModelUnavailableError, first_line

log = logging.getLogger(__name__)
# Between INFO and WARNING: what a user waiting at a terminal wants to see, but not a problem.
NOTICE = logging.INFO + 5
logging.addLevelName(NOTICE, "NOTICE")

Notice = Callable[[str], None]
_CACHE_SUBDIR = "ct2-auto"
# Bytes read from each end of a large weight file for the folder digest: cheap, and any retraining changes them.
_SAMPLE_BYTES = 8 << 20
_FULL_HASH_LIMIT = 64 << 20
# Families whose activations overflow float16 (T5's FFN): bfloat16 on GPU instead.
_BF16_FAMILIES = ("t5", "mt5", "umt5")
_HEARTBEAT_S = 10.0


def log_notice(message: str) -> None:
    """Default notice: one NOTICE record on the `summarizer` logger (the CLI prints it on stderr unless -q)."""
    log.log(NOTICE, message)


def auto_quantization(device: str, model_type: str = "") -> str:
    """int8 on CPU; float16 on GPU, bfloat16 for T5-style models whose activations overflow float16."""
    if device.startswith("cuda"):
        return "bfloat16" if model_type in _BF16_FAMILIES else "float16"
    return "int8"


def source_key(model: str) -> tuple[str, Path | None]:
    """(digest of what identifies the model's weights, its local files or None when not on this machine)."""
    from summarizer.engines.loader import locate_model

    source = locate_model(model)
    digest = hashlib.sha256()
    if source.local_dir is not None:
        folder = source.local_dir.resolve()
        digest.update(b"dir\0")
        for path in sorted(_model_files(folder)):
            digest.update(str(path.relative_to(folder)).encode() + b"\0")
            digest.update(_file_digest(path))
        return digest.hexdigest()[:16], folder
    if not source.cached:
        return "", None
    from huggingface_hub import snapshot_download

    snapshot = Path(snapshot_download(model, local_files_only=True))
    digest.update(f"hub\0{model}\0{snapshot.name}".encode())
    return digest.hexdigest()[:16], snapshot


def cached_conversion_dir(model: str, key: str, quantization: str) -> Path:
    """Where the conversion of `model` (identified by `key`) in `quantization` lives in the cache."""
    from summarizer.engines.ctranslate2_engine import cache_root, sanitize_model_id

    name = Path(model).name if Path(model).expanduser().is_dir() else sanitize_model_id(model)
    return cache_root() / _CACHE_SUBDIR / f"{sanitize_model_id(name)}-{key}-{quantization}"


def ensure_conversion(model: str, device: str, notice: Notice = log_notice) -> tuple[Path, str]:
    """The cached CTranslate2 conversion of `model` for `device`, converting (once) when missing.

    Returns:
        (converted folder, quantization).

    Raises:
        ModelUnavailableError: the model's files are not on this machine.
        ConfigError: CTranslate2 cannot convert this architecture.
        ModelError: conversion or its check failed (also on later calls, from the `.failed` note).
    """
    from filelock import FileLock, Timeout

    from summarizer.convert import CTranslate2Conversion

    key, files = source_key(model)
    if files is None:
        raise ModelUnavailableError(f"model {model!r} is not on this machine yet, so it cannot be converted")
    quantization = auto_quantization(device, _model_type(files))
    target = cached_conversion_dir(model, key, quantization)
    failed = target.with_name(target.name + ".failed")
    if (target / "model.bin").is_file():
        return target, quantization
    if failed.is_file():
        raise ModelError(failed.read_text(encoding="utf-8").strip() + f" (delete {failed} to try again)")
    target.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(target) + ".lock")
    try:
        lock.acquire(timeout=1)
    except Timeout:
        notice(f"waiting for another process converting {model} to CTranslate2…")
        lock.acquire(timeout=3600)
    try:
        if (target / "model.bin").is_file():  # the other process finished it
            return target, quantization
        with _Heartbeat(f"converting {model} to CTranslate2 {quantization} (first use only; cached in {target.parent})", notice):
            try:
                CTranslate2Conversion(model, target, quantization, force=True).run()  # verifies by decoding one sentence
            except ConfigError:
                shutil.rmtree(target, ignore_errors=True)
                raise  # an architecture CTranslate2 does not support: refused before any weight is read
            except Exception as exc:  # noqa: BLE001 — third-party converter: whatever it throws becomes one line
                shutil.rmtree(target, ignore_errors=True)
                if isinstance(exc, ModelError):
                    message = first_line(exc)
                else:
                    message = f"CTranslate2 could not convert {model!r}: {type(exc).__name__}: {first_line(exc)[:200]}"
                if not _may_pass_next_time(exc):  # noted so later runs fall back without retrying
                    failed.write_text(message + "\n", encoding="utf-8")
                raise ModelError(message) from None
        return target, quantization
    finally:
        lock.release()


def conversion_for(model: str, device: str, notice: Notice = log_notice) -> tuple[Path, str | None]:
    """A conversion made by hand (ctranslate2_engine.find_converted) first, else the cached one made now.

    Returns the folder and the compute type to run it with (None: the engine's defaults).
    """
    from summarizer.engines.ctranslate2_engine import find_converted

    found = find_converted(model)
    if found is not None:
        return found, None
    folder, quantization = ensure_conversion(model, device, notice)
    return folder, _compute_type(device, quantization)


# --- helpers ----------------------------------------------------------------------------------------------


def _may_pass_next_time(exc: BaseException) -> bool:
    """Disk full, permissions, out of memory: the model itself may convert fine on another try."""
    return isinstance(exc, (OSError, MemoryError)) or "out of memory" in str(exc).lower()


def _compute_type(device: str, quantization: str) -> str | None:
    # On GPU run in the converted type itself, so T5 stays in bfloat16 rather than the engine's float16 default.
    return quantization if device.startswith("cuda") else None


def _model_type(folder: Path) -> str:
    import json

    try:
        return str(json.loads((folder / "config.json").read_text(encoding="utf-8")).get("model_type", ""))
    except (OSError, ValueError):
        return ""


def _model_files(folder: Path):
    """Files of a model folder, without conversions stored inside it (ct2-*) or hidden files."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith((".", "ct2-"))]
        for name in files:
            if not name.startswith("."):
                yield Path(root) / name


def _file_digest(path: Path) -> bytes:
    size = path.stat().st_size
    digest = hashlib.sha256(str(size).encode())
    with path.open("rb") as fh:
        if size <= _FULL_HASH_LIMIT:
            digest.update(fh.read())
        else:
            digest.update(fh.read(_SAMPLE_BYTES))
            fh.seek(size - _SAMPLE_BYTES)
            digest.update(fh.read(_SAMPLE_BYTES))
    return digest.digest()


class _Heartbeat:
    """Says what is happening when it starts, every few seconds while it lasts, and how long it took."""

    def __init__(self, what: str, notice: Notice, every_s: float = _HEARTBEAT_S) -> None:
        self.what, self.notice, self.every_s = what, notice, every_s
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._beat, daemon=True)

    def __enter__(self) -> "_Heartbeat":
        self.started = time.perf_counter()
        self.notice(f"{self.what}…")
        self._thread.start()
        return self

    def __exit__(self, exc_type: object, *rest: object) -> None:
        self._stop.set()
        self._thread.join()
        if exc_type is None:
            self.notice(f"  done in {time.perf_counter() - self.started:.1f} s")

    def _beat(self) -> None:
        while not self._stop.wait(self.every_s):
            self.notice(f"  still converting… {time.perf_counter() - self.started:.0f} s")
