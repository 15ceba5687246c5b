"""The fast backend: a model converted to CTranslate2 (int8 on CPU, float16 / int8_float16 on GPU).

A converted model is a folder written by `summarizer models convert ID|DIR --to ct2` (summarizer/convert.py):

    <converted>/model.bin, config.json, shared_vocabulary.json   CTranslate2's own files
    <converted>/tokenizer/                                      the original model's tokenizer + its config.json
    <converted>/summarizer_ct2.json                             what was converted, how (CONVERSION_INFO_FILE)

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
from typing import Any, Callable, Sequence

import ctranslate2

from summarizer.engines.base import Generation, GenerationOptions, TokenizerBackedEngine
from summarizer.engines.batching import token_budget_batches
from summarizer.engines.families import FamilySpec, detect_family, family_spec
from summarizer.errors import ConfigError, ModelError, ModelUnavailableError
from summarizer.registry import lookup
from summarizer.types import ModelInfo

log = logging.getLogger(__name__)

CONVERSION_INFO_FILE = "summarizer_ct2.json"
TOKENIZER_SUBDIR = "tokenizer"
CONVERTED_PREFIX = "ct2-"
# The order find_converted tries quantizations in: int8 runs everywhere and is the default conversion.
QUANTIZATION_PREFERENCE = ("int8", "int8_float16", "int8_bfloat16", "int8_float32", "float16", "bfloat16", "float32")
# Models whose config claims a huge window still get this cap (same value as the transformers backend).
_WINDOW_CAP = 1024


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
        raise ConfigError(f"CTranslate2 cannot use {device}: {str(exc).strip().splitlines()[0]}") from None
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
        ModelUnavailableError: the folder is not a converted model or lacks its tokenizer.
        ConfigError: an unsupported device or compute type.
    """
    model_dir = Path(model_dir)
    if not is_converted_dir(model_dir):
        raise ModelUnavailableError(f"{model_dir} is not a CTranslate2 model folder (no model.bin)")
    record = read_conversion_info(model_dir)
    tokenizer, hf_config = _load_tokenizer(model_dir)
    family = info.family
    if family == "unknown":
        family = record.get("family") or _detect_family(hf_config.get("model_type", ""), type(tokenizer).__name__)
    # The registry knows hub ids: the one asked for, else the one the folder was converted from.
    entry = lookup(info.model_id) or (lookup(record["model_id"]) if record.get("model_id") else None)
    spec = family_spec(family, info.task, entry)
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
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ModelUnavailableError(f"cannot load CTranslate2 model {model_dir}: {first_line}") from None
    window = _input_window(hf_config, tokenizer)
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
    forced_bos = hf_config.get("forced_bos_token_id")
    forced_first = tokenizer.convert_ids_to_tokens(forced_bos) if isinstance(forced_bos, int) else None
    return CTranslate2Engine(translator, tokenizer, full_info, device, spec, window, runtime, forced_first)


def _load_tokenizer(model_dir: Path) -> tuple[Any, dict[str, Any]]:
    """The original model's tokenizer (tokenizer/ subfolder, else next to model.bin) and its HF config."""
    from transformers import AutoTokenizer
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    where = model_dir / TOKENIZER_SUBDIR if (model_dir / TOKENIZER_SUBDIR).is_dir() else model_dir
    try:
        tokenizer = AutoTokenizer.from_pretrained(str(where), local_files_only=True)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ModelUnavailableError(
            f"no usable tokenizer next to the CTranslate2 model in {model_dir} ({first_line}); "
            "convert with `summarizer models convert`, which saves it"
        ) from None
    hf_config: dict[str, Any] = {}
    if where != model_dir:
        for name in ("config.json", "generation_config.json"):  # generation settings take precedence
            if (where / name).is_file():
                hf_config.update(json.loads((where / name).read_text(encoding="utf-8")))
    if getattr(tokenizer, "model_input_names", None) and "token_type_ids" in tokenizer.model_input_names:
        tokenizer.model_input_names = ["input_ids", "attention_mask"]  # KoBART's fast tokenizer adds them; unused
    return tokenizer, hf_config


# Folders converted by other tools carry no HF config: the tokenizer class is the only clue to the family.
_TOKENIZER_FAMILIES = (("nllb", "nllb"), ("m2m100", "m2m100"), ("mbart50", "mbart50"), ("marian", "marian"),
                       ("t5", "t5"), ("bart", "bart"), ("roberta", "bart"), ("pegasus", "pegasus"))


def _detect_family(model_type: str, tokenizer_class: str) -> str:
    if model_type:
        return detect_family(model_type, tokenizer_class)
    name = tokenizer_class.lower()
    return next((family for key, family in _TOKENIZER_FAMILIES if key in name), "unknown")


def _input_window(hf_config: dict[str, Any], tokenizer: Any) -> int:
    limits = [
        hf_config.get("max_position_embeddings"),
        hf_config.get("n_positions"),
        tokenizer.model_max_length if tokenizer.model_max_length < 100_000 else None,
    ]
    known = [int(x) for x in limits if x]
    return min(known + [_WINDOW_CAP]) if known else 512


# --- the engine -------------------------------------------------------------------------------------------


class CTranslate2Engine(TokenizerBackedEngine):
    """A ctranslate2.Translator plus the original Hugging Face tokenizer, driven per model family.

    Multilingual families (NLLB, M2M100, mBART-50) get the source language token from the tokenizer
    (`src_lang`) and the target language token as `target_prefix`; models whose generation config forces
    a first token (BART: <s>) get that token as prefix; T5-style models get their text prefix.
    """

    def __init__(
        self,
        translator: Any,
        tokenizer: Any,
        info: ModelInfo,
        device: str,
        spec: FamilySpec,
        max_input_tokens: int,
        runtime: RuntimeChoice,
        forced_first_token: str | None = None,
    ) -> None:
        self.translator = translator
        self.tokenizer = tokenizer
        self.info = info
        self.device = device
        self.spec = spec
        self.runtime = runtime
        self._window = max_input_tokens
        if spec.src_lang and hasattr(tokenizer, "src_lang"):
            tokenizer.src_lang = spec.src_lang
        # What transformers forces as the first target token: the target language, else the model's
        # forced BOS (BART's <s>). CTranslate2 gets it as target_prefix; it is never part of the output.
        self._target_prefix = self._target_language_tokens() or ((forced_first_token,) if forced_first_token else ())
        self._eos = tokenizer.eos_token or "</s>"

    @property
    def compute_type(self) -> str:
        return self.runtime.compute_type

    # --- tokens ---------------------------------------------------------------------------------------------

    @property
    def max_input_tokens(self) -> int:
        return self._window

    def source_tokens(self, texts: Sequence[str]) -> list[list[str]]:
        """What CTranslate2 reads: each text's tokens with the family's special tokens, cut to the window."""
        encoded = self.tokenizer(
            [self.spec.prefix + t for t in texts], add_special_tokens=True, truncation=True, max_length=self._window
        )["input_ids"]
        return [self.tokenizer.convert_ids_to_tokens(ids) for ids in encoded]

    # --- generation -----------------------------------------------------------------------------------------

    def generate(self, texts: Sequence[str], options: GenerationOptions) -> list[str]:
        return [g.text for g in self.generate_detailed(texts, options)]

    def generate_detailed(
        self, texts: Sequence[str], options: GenerationOptions, progress: Callable[[int], None] | None = None
    ) -> list[Generation]:
        """Tokenize once, batch longest-first within the token budget, decode back in input order.

        `progress`, if given, is called with the number of inputs done after each batch.
        """
        return [self._decode(tokens, cap) for tokens, cap in self.generate_tokens(texts, options, progress)]

    def generate_tokens(
        self, texts: Sequence[str], options: GenerationOptions, progress: Callable[[int], None] | None = None
    ) -> list[tuple[list[str], int]]:
        """Raw target tokens per input (language prefix dropped, end token kept when emitted) and its length cap."""
        if not texts:
            return []
        sources = self.source_tokens(texts)
        caps = [options.max_new_tokens_for(len(s)) for s in sources]
        results: list[list[str] | None] = [None] * len(texts)
        lengths = [len(s) for s in sources]
        done = 0
        for batch in token_budget_batches(lengths, options.batch_max_tokens, options.max_batch_size):
            hypotheses = self._translate([sources[i] for i in batch], max(caps[i] for i in batch), options)
            for index, tokens in zip(batch, hypotheses):
                results[index] = tokens
            done += len(batch)
            if progress:
                progress(done)
        return [(tokens or [], cap) for tokens, cap in zip(results, caps)]

    def _translate(self, batch: list[list[str]], cap: int, options: GenerationOptions) -> list[list[str]]:
        try:
            results = self.translator.translate_batch(
                batch,
                target_prefix=[list(self._target_prefix) for _ in batch] if self._target_prefix else None,
                beam_size=options.num_beams,
                length_penalty=options.length_penalty,
                repetition_penalty=options.repetition_penalty,
                no_repeat_ngram_size=options.no_repeat_ngram_size,
                # The target language token counts as a decoding step in CTranslate2.
                max_decoding_length=cap + len(self._target_prefix),
                min_decoding_length=min(options.min_new_tokens, cap) + len(self._target_prefix),
                max_input_length=0,  # already cut to the window by source_tokens
                return_end_token=True,
                max_batch_size=0,  # batches come from token_budget_batches
            )
        except RuntimeError as exc:
            if "out of memory" not in str(exc).lower():
                raise ModelError(f"CTranslate2 failed: {str(exc).strip().splitlines()[0]}") from None
            if len(batch) == 1:
                raise ModelError("out of memory translating a single input; use a smaller model or --device cpu") from None
            # Out of GPU memory: halve the batch and retry both halves; nothing is dropped.
            log.warning("out of memory on a batch of %d; retrying in halves", len(batch))
            half = len(batch) // 2
            return self._translate(batch[:half], cap, options) + self._translate(batch[half:], cap, options)
        skip = len(self._target_prefix)
        return [result.hypotheses[0][skip:] for result in results]

    def _decode(self, tokens: list[str], cap: int) -> Generation:
        stopped = bool(tokens) and tokens[-1] == self._eos
        if stopped:
            tokens = tokens[:-1]
        if len(tokens) > cap:  # the batch ran to its longest cap; each input keeps its own
            tokens, stopped = tokens[:cap], False
        ids = self.tokenizer.convert_tokens_to_ids(tokens)
        text = self.tokenizer.decode(ids, skip_special_tokens=True, clean_up_tokenization_spaces=True)
        return Generation(text=text.strip(), num_tokens=len(tokens), stopped=stopped)

    def _target_language_tokens(self) -> tuple[str, ...]:
        lang = self.spec.tgt_lang
        if not lang:
            return ()
        unknown = self.tokenizer.unk_token_id
        # M2M100 names language tokens "__en__" (its plain "en" is an ordinary subword): try that form first.
        for token in (f"__{lang}__", lang):
            token_id = self.tokenizer.convert_tokens_to_ids(token)
            if token_id is not None and token_id != unknown:
                return (token,)
        return ()
