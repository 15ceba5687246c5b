"""Find, load and cache models: hub id or local folder → a ready Seq2SeqEngine, once per process."""

from __future__ import annotations

import json
import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from summarizer.engines.base import Seq2SeqEngine
from summarizer.engines.families import detect_family, family_spec
from summarizer.errors import ConfigError, ModelError, ModelUnavailableError, first_line
from summarizer.registry import lookup
from summarizer.types import ModelInfo

log = logging.getLogger(__name__)

_CACHE: dict[tuple[str, str, str, str, int], Seq2SeqEngine] = {}
_LOCK = threading.Lock()


@dataclass(frozen=True)
class ModelSource:
    """Where a model's files are: a local folder, or a hub id (maybe already in the local cache)."""

    model_id: str
    local_dir: Path | None  # set when the model is a folder on disk
    cached: bool  # hub id whose files are already in the Hugging Face cache


def resolve_device(device: str = "auto") -> str:
    """`auto` → cuda:0 when a GPU is present, else cpu. Explicit CUDA devices must exist."""
    import torch

    if device == "auto":
        return "cuda:0" if torch.cuda.is_available() else "cpu"
    if device.startswith("cuda"):
        if not torch.cuda.is_available():
            raise ConfigError(f"device {device!r} requested but no CUDA GPU is available; use --device cpu")
        index = int(device.split(":", 1)[1]) if ":" in device else 0
        if index >= torch.cuda.device_count():
            raise ConfigError(f"device {device!r} does not exist ({torch.cuda.device_count()} GPU(s) present)")
        return f"cuda:{index}"
    return device


def locate_model(model: str) -> ModelSource:
    """Decide, without touching the network, whether `model` is a folder, a cached hub id, or neither."""
    path = Path(model).expanduser()
    if path.is_dir():
        if not (path / "config.json").is_file() and not (path / "model.bin").is_file():
            raise ModelUnavailableError(f"{path} is a folder but holds no model (no config.json)")
        refuse_remote_code(path)
        return ModelSource(model_id=str(path), local_dir=path, cached=False)
    if model.startswith((".", "/", "~")) or os.sep in model.strip("/").replace("/", "", 1):
        raise ModelUnavailableError(f"model folder not found: {path}")
    from huggingface_hub import try_to_load_from_cache

    cached = isinstance(try_to_load_from_cache(model, "config.json"), str)
    return ModelSource(model_id=model, local_dir=None, cached=cached)


def refuse_remote_code(folder: Path) -> None:
    """Refuse a model folder whose config or tokenizer config asks to run its own Python code (`auto_map`).

    Loads pass trust_remote_code=False anyway; this names the problem in one line instead of loading a
    model that would silently differ from what its author meant.
    """
    for name in ("config.json", "tokenizer_config.json", "tokenizer/config.json", "tokenizer/tokenizer_config.json"):
        path = folder / name
        if not path.is_file():
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # the load itself reports unreadable files
        if isinstance(data, dict) and data.get("auto_map"):
            raise ModelUnavailableError(
                f"{folder} asks to run its own code ({name} has auto_map); refused: this project never runs model code"
            )


def ensure_available(source: ModelSource) -> None:
    """Fail fast with one line when a hub model is not cached and cannot be downloaded."""
    if source.local_dir is not None or source.cached:
        return
    hint = (
        f"run `summarizer models download {source.model_id}` where the Hub is reachable, "
        "or pass a local folder (see `summarizer models tiny DIR` for offline test models)"
    )
    if _offline():
        raise ModelUnavailableError(f"model {source.model_id!r} is not in the local cache and offline mode is on; {hint}")
    from huggingface_hub import model_info
    from huggingface_hub.errors import GatedRepoError, RepositoryNotFoundError

    try:
        model_info(source.model_id, timeout=10)
    except GatedRepoError:
        raise ModelUnavailableError(
            f"model {source.model_id!r} is gated: accept its licence on the Hub and log in (`hf auth login`); {hint}"
        ) from None
    except RepositoryNotFoundError:
        raise ModelUnavailableError(f"unknown model {source.model_id!r}: no such folder or Hub repository") from None
    except Exception as exc:  # noqa: BLE001 — any network failure means the same thing to the user
        raise ModelUnavailableError(
            f"model {source.model_id!r} is not available: the Hugging Face Hub cannot be reached "
            f"({type(exc).__name__}); {hint}"
        ) from None


def load_engine(model: str, task: str, device: str = "auto", backend: str = "auto", cpu_threads: int = 0) -> Seq2SeqEngine:
    """The engine for `model` on `device`, loaded on first use and shared by the whole process.

    cpu_threads > 0 sets the CPU threads of one generate call (torch is process-wide; CTranslate2
    per model); 0 keeps the libraries' defaults (one per core).
    """
    resolved = resolve_device(device)
    if cpu_threads > 0 and resolved == "cpu":
        import torch

        if torch.get_num_threads() != cpu_threads:
            torch.set_num_threads(cpu_threads)
    key = (model, task, resolved, backend, cpu_threads)
    # `auto` may already be loaded under the backend it resolves to (an explicit ctranslate2 request).
    used_ct2 = (model, task, resolved, "ctranslate2", cpu_threads)
    with _LOCK:
        engine = _CACHE.get(key) or (_CACHE.get(used_ct2) if backend == "auto" else None)
        if engine is None:
            engine = _load(model, task, resolved, backend, cpu_threads)
            # Cached under the backend that ran too, so asking for it by name does not load the model twice.
            _CACHE[(model, task, resolved, engine.info.backend, cpu_threads)] = engine
        _CACHE[key] = engine
        return engine


def clear_cache() -> None:
    """Forget loaded models (tests; freeing GPU memory in long-lived processes)."""
    with _LOCK:
        _CACHE.clear()


def _load(model: str, task: str, device: str, backend: str, cpu_threads: int) -> Seq2SeqEngine:
    source = locate_model(model)
    if backend in ("auto", "ctranslate2") and source.local_dir is None and not source.cached:
        ensure_available(source)  # one line when it cannot be downloaded
        source = _download(source)  # the conversion needs the files on disk
    if backend in ("auto", "ctranslate2"):
        engine = _load_ctranslate2(source, task, device, backend == "ctranslate2", cpu_threads)
        if engine is not None:
            return engine
    ensure_available(source)
    return _load_transformers(source, task, device)


def _download(source: ModelSource) -> ModelSource:
    """Fetch a hub model's files into the Hugging Face cache (PyTorch/safetensors weights only)."""
    from huggingface_hub import snapshot_download

    log.warning("downloading %s from the Hugging Face Hub", source.model_id)
    try:
        snapshot_download(source.model_id, ignore_patterns=["*.h5", "*.msgpack", "*.ot", "tf_model*", "flax_model*", "onnx/*", "*.onnx"])
    except Exception as exc:  # noqa: BLE001 — any download failure means the same thing to the user
        raise ModelUnavailableError(f"downloading {source.model_id!r} failed ({type(exc).__name__}); try again or pass a local folder") from None
    return locate_model(source.model_id)


def _load_ctranslate2(source: ModelSource, task: str, device: str, required: bool, cpu_threads: int) -> Seq2SeqEngine | None:
    """A CTranslate2 engine: a conversion found on disk, else one made now into the cache (conversion_cache).

    With `required` (--backend ctranslate2) failures raise; with `auto` they log one warning and
    return None, so that model runs on transformers while the other may still run on CTranslate2.
    """
    from summarizer.engines import conversion_cache, ctranslate2_engine
    from summarizer.errors import SummarizerError

    try:
        converted, compute_type = conversion_cache.conversion_for(source.model_id, device)
        info = ModelInfo(task=task, model_id=source.model_id, family="unknown", backend="ctranslate2")
        return ctranslate2_engine.load_ctranslate2_engine(converted, info, device, compute_type, cpu_threads)
    except SummarizerError as exc:
        if required:
            raise
        log.warning("%s runs on transformers, not CTranslate2: %s", source.model_id, exc)
        return None


def _load_transformers(source: ModelSource, task: str, device: str) -> Seq2SeqEngine:
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer
    from transformers.utils import logging as hf_logging

    from summarizer.engines.contract import resolve_contract
    from summarizer.engines.transformers_engine import TransformersEngine

    where = str(source.local_dir) if source.local_dir else source.model_id
    local_only = source.local_dir is not None or source.cached or _offline()
    hf_logging.set_verbosity_error()  # keep the terminal to our own one-line messages
    hf_logging.disable_progress_bar()
    try:
        tokenizer = AutoTokenizer.from_pretrained(where, local_files_only=local_only, trust_remote_code=False)
        model = AutoModelForSeq2SeqLM.from_pretrained(
            where, local_files_only=local_only, dtype="auto", trust_remote_code=False
        )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ModelUnavailableError(f"cannot load model {source.model_id!r}: {first_line(exc)}") from None
    except Exception as exc:  # noqa: BLE001 — third-party loader (torch's UnpicklingError on a hostile pickle): one line
        raise ModelError(f"cannot load model {source.model_id!r}: {type(exc).__name__}: {first_line(exc)[:200]}") from None
    family = detect_family(model.config.model_type, type(tokenizer).__name__)
    dtype = dtype_for(device, family)
    model = model.to(dtype).eval()
    if device.startswith("cuda"):
        model = _place_on_gpu(model, where, local_only, dtype, device)
    if family == "kobart" and getattr(tokenizer, "model_input_names", None):
        tokenizer.model_input_names = ["input_ids", "attention_mask"]  # BART rejects token_type_ids
    if source.local_dir is not None and tokenizer.eos_token is None and not _files_name_eos(source.local_dir):
        # transformers would fill in its class default (BART: 2), which is not KoBART's </s> (1).
        raise ModelUnavailableError(
            f"cannot use model {source.model_id!r}: neither its tokenizer files nor config.json name an end token (eos)"
        )
    spec = family_spec(family, task, lookup(source.model_id))
    generation = model.generation_config.to_dict() if model.generation_config is not None else {}
    try:
        contract = resolve_contract(tokenizer, model.config.to_dict(), generation, spec)
    except ModelUnavailableError as exc:
        raise ModelUnavailableError(f"cannot use model {source.model_id!r}: {exc}") from None
    info = ModelInfo(
        task=task,
        model_id=source.model_id,
        revision=getattr(model.config, "_commit_hash", None),
        family=family,
        backend="transformers",
    )
    log.info("loaded %s (%s, %s) on %s as %s", source.model_id, family, task, device, dtype)
    return TransformersEngine(model, tokenizer, info, device, spec, contract)


def _files_name_eos(folder: Path) -> bool:
    """True when config.json or generation_config.json itself (not a class default) names eos_token_id."""
    for name in ("config.json", "generation_config.json"):
        try:
            if json.loads((folder / name).read_text(encoding="utf-8")).get("eos_token_id") is not None:
                return True
        except (OSError, ValueError):
            continue
    return False


def _place_on_gpu(model, where: str, local_only: bool, dtype, device: str):
    import torch

    try:
        return model.to(device)
    except torch.OutOfMemoryError:
        # Too big for one GPU: let accelerate spread the layers over every visible device.
        from transformers import AutoModelForSeq2SeqLM

        model.to("cpu")
        torch.cuda.empty_cache()
        log.warning("model does not fit on %s; spreading it with device_map='auto'", device)
        return AutoModelForSeq2SeqLM.from_pretrained(
            where, local_files_only=local_only, dtype=dtype, device_map="auto", trust_remote_code=False
        ).eval()


# T5/mT5 activations overflow float16 (inf/NaN outputs): bfloat16 where the GPU has it, else float32.
_NO_FLOAT16 = ("t5", "mt5", "umt5")


def dtype_for(device: str, family: str = ""):
    """torch dtype for a family on a device: float32 on CPU; bfloat16, else float16 (never for T5/mT5), on GPU."""
    import torch

    if not device.startswith("cuda"):
        return torch.float32
    if torch.cuda.is_bf16_supported():
        return torch.bfloat16
    return torch.float32 if family in _NO_FLOAT16 else torch.float16


def _offline() -> bool:
    return any(os.environ.get(v, "").strip().lower() in ("1", "true", "yes", "on") for v in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"))
