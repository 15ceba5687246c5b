"""The fast backend: a model converted to CTranslate2 (int8 on CPU, float16 / int8_float16 on GPU).

A converted model is a folder written by `summarizer models convert ID|DIR --to ct2` (summarizer/convert.py):

    <converted>/model.bin, config.json, shared_vocabulary.json   CTranslate2's own files
    <converted>/tokenizer/                                      the original model's tokenizer + its config.json
    <converted>/summarizer_ct2.json                             what was converted, how, and its decoding contract

Folders made by `ct2-transformers-converter --copy_files ...` (tokenizer files next to model.bin) load too.

Where converted models are picked up automatically (find_converted):
  * a local model folder DIR           → DIR/ct2-int8/ (then any other DIR/ct2-<quantization>/)
  * a hub id ORG/NAME                  → <cache>/ct2/ORG--NAME-int8/ (then other quantizations),
    where <cache> is $SUMMARIZER_CACHE, else $XDG_CACHE_HOME/summarizer, else ~/.cache/summarizer
  * a folder that is itself converted  → that folder
`--backend transformers` ignores them; `--backend ctranslate2` requires one.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import ctranslate2

from summarizer.engines.base import GenerationOptions, TokenizerBackedEngine
from summarizer.engines.contract import DecodingContract, resolve_contract
from summarizer.engines.families import FamilySpec, detect_family, family_spec
from summarizer.errors import ConfigError, ModelError, ModelUnavailableError, first_line
from summarizer.registry import lookup
from summarizer.types import ModelInfo

log = logging.getLogger(__name__)

CONVERSION_INFO_FILE = "summarizer_ct2.json"
TOKENIZER_SUBDIR = "tokenizer"
CONVERTED_PREFIX = "ct2-"
# The order find_converted tries quantizations in: int8 runs everywhere and is the default conversion.
QUANTIZATION_PREFERENCE = ("int8", "int8_float16", "int8_bfloat16", "int8_float32", "float16", "bfloat16", "float32")


# --- where converted models live --------------------------------------------------------------------------


def cache_root() -> Path:
    """The project's cache folder: $SUMMARIZER_CACHE, else $XDG_CACHE_HOME/summarizer, else ~/.cache/summarizer."""
    explicit = os.environ.get("SUMMARIZER_CACHE")
    if explicit:
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg).expanduser() if xdg else Path.home() / ".cache") / "summarizer"


def sanitize_model_id(model_id: str) -> str:
    """A hub id as one folder name: "Helsinki-NLP/opus-mt-ko-en" → "Helsinki-NLP--opus-mt-ko-en"."""
    return "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in model_id.strip("/").replace("/", "--"))


def is_converted_dir(path: Path) -> bool:
    """True when `path` holds a CTranslate2 model (its model.bin)."""
    return (path / "model.bin").is_file()


def default_converted_dir(model: str, quantization: str = "int8") -> Path:
    """Where `convert_model` writes and `find_converted` looks first: DIR/ct2-<q> or <cache>/ct2/<id>-<q>."""
    path = Path(model).expanduser()
    if path.is_dir():
        return path / f"{CONVERTED_PREFIX}{quantization}"
    return cache_root() / "ct2" / f"{sanitize_model_id(model)}-{quantization}"


def find_converted(model_id_or_dir: str | os.PathLike[str], quantization: str | None = None) -> Path | None:
    """The converted CTranslate2 folder for a model, or None when there is none (never touches the network).

    Args:
        model_id_or_dir: Hub id, local model folder, or a converted folder itself.
        quantization: Only accept this quantization; None tries QUANTIZATION_PREFERENCE in order.

    Returns:
        The folder to pass to `load_ctranslate2_engine`, or None.
    """
    model = str(model_id_or_dir)
    path = Path(model).expanduser()
    if path.is_dir() and is_converted_dir(path):
        return path
    wanted = (quantization,) if quantization else QUANTIZATION_PREFERENCE
    for q in wanted:
        candidate = default_converted_dir(model, q)
        if is_converted_dir(candidate):
            return candidate
    return None


def read_conversion_info(model_dir: Path) -> dict[str, Any]:
    """The summarizer_ct2.json written at conversion ({} for folders converted by other tools)."""
    info_file = model_dir / CONVERSION_INFO_FILE
    if not info_file.is_file():
        return {}
    try:
        return json.loads(info_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


# --- loading ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RuntimeChoice:
    """How CTranslate2 runs: its device name and index, compute type and CPU threads."""

    device: str  # "cpu" | "cuda"
    device_index: int
    compute_type: str
    intra_threads: int


def usable_cpu_cores() -> int:
    """Cores this process may run on (respects taskset / container CPU sets)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def choose_runtime(device: str, compute_type: str | None, weights: str | None, cpu_threads: int = 0) -> RuntimeChoice:
    """Pick compute type and threads: int8 on CPU; float16, or int8_float16 for int8 weights, on GPU.

    Args:
        device: "cpu", "cuda" or "cuda:N" (already resolved by the loader).
        compute_type: Explicit CTranslate2 compute type, or None for the defaults above.
        weights: The quantization the model was converted with, when known.
        cpu_threads: CPU threads for one translation (0: every usable core). Batches run one at a time
            (inter_threads=1), so a small machine's cores all work on the same batch.

    Raises:
        ConfigError: unknown device, or a compute type this machine's CTranslate2 build cannot run.
    """
    if device == "cpu":
        ct2_device, index = "cpu", 0
    elif device.startswith("cuda"):
        ct2_device = "cuda"
        index = int(device.split(":", 1)[1]) if ":" in device else 0
    else:
        raise ConfigError(f"the ctranslate2 backend cannot run on device {device!r}; use cpu or cuda[:N]")
    try:
        supported = ctranslate2.get_supported_compute_types(ct2_device, index)
    except (RuntimeError, ValueError) as exc:  # e.g. a CPU-only CTranslate2 build, or no such GPU
        raise ConfigError(f"CTranslate2 cannot use {device}: {first_line(exc)}") from None
    if compute_type is None:
        if ct2_device == "cpu":
            preferred = ["int8", "int8_float32", "float32"]
        elif weights and weights.startswith("int8"):
            preferred = ["int8_float16", "int8_bfloat16", "float16", "float32"]
        else:
            preferred = ["float16", "bfloat16", "int8_float16", "float32"]
        compute_type = next((c for c in preferred if c in supported), "default")
    elif compute_type not in supported and compute_type not in ("default", "auto"):
        raise ConfigError(
            f"compute type {compute_type!r} is not supported on {device}; choose one of: {', '.join(sorted(supported))}"
        )
    threads = cpu_threads if cpu_threads > 0 else usable_cpu_cores()
    return RuntimeChoice(device=ct2_device, device_index=index, compute_type=compute_type, intra_threads=threads)


def load_ctranslate2_engine(
    model_dir: Path, info: ModelInfo, device: str, compute_type: str | None, cpu_threads: int = 0
) -> "CTranslate2Engine":
    """Load a converted model folder as an engine.

    Args:
        model_dir: A folder with CTranslate2's model.bin and the original tokenizer (see module docstring).
        info: What the caller knows; family "unknown" is filled in from the conversion record or tokenizer.
        device: "cpu", "cuda" or "cuda:N".
        compute_type: CTranslate2 compute type, or None for int8 on CPU / (int8_)float16 on GPU.
        cpu_threads: Threads for one translation on CPU (0: every usable core).

    Raises:
        ModelUnavailableError: the folder is not a converted model, lacks its tokenizer, or cannot be loaded.
        ConfigError: an unsupported device or compute type.
    """
    model_dir = Path(model_dir)
    if not is_converted_dir(model_dir):
        raise ModelUnavailableError(f"{model_dir} is not a CTranslate2 model folder (no model.bin)")
    record = read_conversion_info(model_dir)
    tokenizer, hf_config, generation = _load_tokenizer(model_dir)
    family = info.family
    if family == "unknown":
        family = record.get("family") or _detect_family(hf_config.get("model_type", ""), type(tokenizer).__name__)
    # The registry knows hub ids: the one asked for, else the one the folder was converted from.
    entry = lookup(info.model_id) or (lookup(record["model_id"]) if record.get("model_id") else None)
    spec = family_spec(family, info.task, entry)
    contract = resolve_contract(tokenizer, hf_config, generation, spec)
    runtime = choose_runtime(device, compute_type, record.get("quantization"), cpu_threads)
    try:
        translator = ctranslate2.Translator(
            str(model_dir),
            device=runtime.device,
            device_index=runtime.device_index,
            compute_type=runtime.compute_type,
            intra_threads=runtime.intra_threads,
            inter_threads=1,
        )
    except (RuntimeError, ValueError) as exc:
        raise ModelUnavailableError(f"cannot load CTranslate2 model {model_dir}: {first_line(exc)}") from None
    full_info = ModelInfo(
        task=info.task,
        model_id=info.model_id,
        revision=info.revision or record.get("revision"),
        family=family,
        backend="ctranslate2",
    )
    log.info(
        "loaded %s (%s, CTranslate2 %s, %s threads) on %s",
        model_dir, family, runtime.compute_type, runtime.intra_threads, device,
    )
    return CTranslate2Engine(translator, tokenizer, full_info, device, spec, contract, runtime)


def _load_tokenizer(model_dir: Path) -> tuple[Any, dict[str, Any], dict[str, Any]]:
    """The original model's tokenizer (tokenizer/ subfolder, else next to model.bin), its config and generation config."""
    from transformers import AutoTokenizer
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    where = model_dir / TOKENIZER_SUBDIR if (model_dir / TOKENIZER_SUBDIR).is_dir() else model_dir
    try:
        tokenizer = AutoTokenizer.from_pretrained(str(where), local_files_only=True, trust_remote_code=False)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ModelUnavailableError(
            f"no usable tokenizer next to the CTranslate2 model in {model_dir} ({first_line(exc)}); "
            "convert with `summarizer models convert`, which saves it"
        ) from None
    configs: list[dict[str, Any]] = []
    for name in ("config.json", "generation_config.json"):
        path = where / name
        configs.append(json.loads(path.read_text(encoding="utf-8")) if where != model_dir and path.is_file() else {})
    if getattr(tokenizer, "model_input_names", None) and "token_type_ids" in tokenizer.model_input_names:
        tokenizer.model_input_names = ["input_ids", "attention_mask"]  # KoBART's fast tokenizer adds them; unused
    return tokenizer, configs[0], configs[1]


# Folders converted by other tools carry no HF config: the tokenizer class is the only clue to the family.
_TOKENIZER_FAMILIES = (("nllb", "nllb"), ("m2m100", "m2m100"), ("mbart50", "mbart50"), ("marian", "marian"),
                       ("t5", "t5"), ("bart", "bart"), ("roberta", "bart"), ("pegasus", "pegasus"))


def _detect_family(model_type: str, tokenizer_class: str) -> str:
    if model_type:
        return detect_family(model_type, tokenizer_class)
    name = tokenizer_class.lower()
    return next((family for key, family in _TOKENIZER_FAMILIES if key in name), "unknown")


# --- the engine -------------------------------------------------------------------------------------------


class CTranslate2Engine(TokenizerBackedEngine):
    """A ctranslate2.Translator plus the original Hugging Face tokenizer, driven by the shared DecodingContract:
    framed source ids become tokens, the contract's target prefix becomes `target_prefix`, its end ids `end_token`.
    """

    def __init__(
        self,
        translator: Any,
        tokenizer: Any,
        info: ModelInfo,
        device: str,
        spec: FamilySpec,
        contract: DecodingContract,
        runtime: RuntimeChoice,
    ) -> None:
        self.translator = translator
        self.tokenizer = tokenizer
        self.info = info
        self.device = device
        self.spec = spec
        self.contract = contract
        self.runtime = runtime
        self._init_tokenizer_lock()
        self._target_prefix = tuple(tokenizer.convert_ids_to_tokens(list(contract.target_prefix_ids)))
        self._end_tokens = list(tokenizer.convert_ids_to_tokens(list(contract.eos_ids)))

    @property
    def compute_type(self) -> str:
        return self.runtime.compute_type

    def source_tokens(self, texts: Sequence[str]) -> list[list[str]]:
        """What CTranslate2 reads: each text's framed tokens, cut to the window."""
        encoded = self.encode(texts)
        with self._tokenizer_lock:
            return [self.tokenizer.convert_ids_to_tokens(ids) for ids in encoded]

    def _run_batch(self, batch: list[list[int]], cap: int, minimum: int, options: GenerationOptions) -> list[list[int]]:
        with self._tokenizer_lock:
            sources = [self.tokenizer.convert_ids_to_tokens(ids) for ids in batch]
        prefix = len(self._target_prefix)
        try:
            results = self.translator.translate_batch(
                sources,
                target_prefix=[list(self._target_prefix) for _ in batch] if prefix else None,
                beam_size=options.num_beams,
                length_penalty=options.length_penalty,
                repetition_penalty=options.repetition_penalty,
                no_repeat_ngram_size=options.no_repeat_ngram_size,
                # CTranslate2 counts the prefix among the decoding steps; +1: room for an end token after `cap`.
                max_decoding_length=prefix + cap + 1,
                min_decoding_length=prefix + minimum,
                end_token=self._end_tokens,
                max_input_length=0,  # already cut to the window by the contract
                return_end_token=True,
                max_batch_size=0,  # batches come from token_budget_batches
            )
        except RuntimeError as exc:
            if "out of memory" in str(exc).lower():
                raise
            raise ModelError(f"CTranslate2 failed: {first_line(exc)}") from None
        with self._tokenizer_lock:
            return [self.tokenizer.convert_tokens_to_ids(r.hypotheses[0][prefix:]) for r in results]

    def _is_out_of_memory(self, exc: BaseException) -> bool:
        return isinstance(exc, RuntimeError) and "out of memory" in str(exc).lower()
