"""Convert a Hugging Face seq2seq model to CTranslate2 with ctranslate2's own TransformersConverter.

One conversion is a sequence of named steps, each a method of `CTranslate2Conversion`:

    load → validate → convert → copy_tokenizer → save

`convert` writes into a hidden staging folder next to the destination; `save` moves it into place only
when everything else succeeded, so a half-written folder is never picked up by `find_converted`.

Supported architectures (what CTranslate2 converts among this project's families): Marian, BART (incl.
KoBART), mBART-50, M2M100 and NLLB (M2M100 architecture), Pegasus, T5, mT5 and UMT5.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from summarizer.engines.families import default_task
from summarizer.errors import ConfigError, MissingDependencyError, ModelError, ModelUnavailableError, first_line

log = logging.getLogger(__name__)

# config.model_type → CTranslate2 supports it (its TransformersConverter has a loader for the config class).
SUPPORTED_MODEL_TYPES = ("marian", "bart", "mbart", "m2m_100", "pegasus", "t5", "mt5", "umt5")
QUANTIZATIONS = ("int8", "int8_float32", "int8_float16", "int8_bfloat16", "int16", "float16", "bfloat16", "float32")
# Config attributes CTranslate2's BART loader reads that transformers ≥ 5 no longer sets by default. Hub
# checkpoints carry them in config.json (bart-large-cnn: false, mbart-large-50: true); checkpoints saved
# by recent transformers do not, so the converter needs the architecture's value.
_LEGACY_CONFIG_DEFAULTS = {"bart": {"normalize_before": False}, "mbart": {"normalize_before": True}}


@dataclass(frozen=True)
class ConversionSource:
    """The model as found on disk by `load`."""

    model_id: str  # as given: hub id or folder
    source_dir: Path  # local files (the folder, or the hub cache snapshot)
    revision: str | None  # hub commit of the snapshot, when known
    model_type: str
    family: str


def convert_model(model: str, out_dir: Path | None = None, quantization: str = "int8", force: bool = False) -> Path:
    """Convert `model` (hub id in the local cache, or a folder) to a CTranslate2 folder and return it.

    Args:
        model: Hub id already downloaded to the Hugging Face cache, or a local model folder.
        out_dir: Destination; None → where `find_converted` looks: DIR/ct2-<q> for a folder,
            <cache>/ct2/<id>-<q> for a hub id (see summarizer/engines/ctranslate2_engine.py).
        quantization: CTranslate2 weight type: int8 (default; runs on CPU and GPU), float16, ...
        force: Replace an existing destination.

    Returns:
        The converted folder (model.bin + vocabulary, tokenizer/, summarizer_ct2.json).

    Raises:
        ModelUnavailableError: the model is not on this machine.
        ConfigError: unknown quantization, unsupported architecture, destination exists without force.
        ModelError: CTranslate2 failed to convert the weights.
    """
    return CTranslate2Conversion(model, out_dir, quantization, force).run()


class CTranslate2Conversion:
    """One model's conversion, step by step. `run()` performs every step in order."""

    def __init__(self, model: str, out_dir: Path | None, quantization: str = "int8", force: bool = False) -> None:
        self.model = model
        self.quantization = quantization
        self.force = force
        self.out_dir = Path(out_dir).expanduser() if out_dir is not None else None
        self.source: ConversionSource | None = None
        self.staging: Path | None = None
        self._tokenizer: Any = None
        self._config: Any = None

    def run(self) -> Path:
        self.load()
        self.validate()
        try:
            self.convert()
            self.copy_tokenizer()
            self.verify()
            return self.save()
        finally:
            if self.staging is not None and self.staging.exists():
                shutil.rmtree(self.staging, ignore_errors=True)

    # --- steps ----------------------------------------------------------------------------------------------

    def load(self) -> None:
        """Find the model's files without the network; read its config and tokenizer; name its family."""
        _require_ctranslate2()
        from transformers import AutoConfig, AutoTokenizer
        from transformers.utils import logging as hf_logging

        from summarizer.engines.ctranslate2_engine import is_converted_dir
        from summarizer.engines.families import detect_family

        hf_logging.set_verbosity_error()
        hf_logging.disable_progress_bar()  # the converter reloads the weights; one line of output is enough
        path = Path(self.model).expanduser()
        if path.is_dir() and is_converted_dir(path):
            raise ConfigError(f"{path} is already a CTranslate2 model; convert the original model instead")
        source_dir, revision = _local_files(self.model)
        if not any((source_dir / name).is_file() for name in _WEIGHT_FILES):
            raise ModelUnavailableError(f"no weights in {source_dir} (looked for {', '.join(_WEIGHT_FILES)})")
        try:
            self._config = AutoConfig.from_pretrained(str(source_dir), local_files_only=True, trust_remote_code=False)
            self._tokenizer = AutoTokenizer.from_pretrained(str(source_dir), local_files_only=True, trust_remote_code=False)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ModelUnavailableError(f"cannot read model {self.model!r}: {first_line(exc)}") from None
        model_type = getattr(self._config, "model_type", "") or ""
        family = detect_family(model_type, type(self._tokenizer).__name__)
        _name_special_tokens(self._tokenizer, self._config)
        self.source = ConversionSource(self.model, source_dir, revision, model_type, family)

    def validate(self) -> None:
        """Refuse what cannot work before any weight is read: architecture, quantization, destination."""
        from summarizer.engines.ctranslate2_engine import default_converted_dir

        assert self.source is not None, "load() first"
        if self.source.model_type not in SUPPORTED_MODEL_TYPES:
            raise ConfigError(
                f"CTranslate2 cannot convert {self.model!r} (model type {self.source.model_type!r}); "
                f"supported: {', '.join(SUPPORTED_MODEL_TYPES)}"
            )
        if self.quantization not in QUANTIZATIONS:
            raise ConfigError(f"unknown quantization {self.quantization!r}; choose one of: {', '.join(QUANTIZATIONS)}")
        if self.out_dir is None:
            self.out_dir = default_converted_dir(self.model, self.quantization)
        if self.out_dir.exists() and not self.force:
            raise ConfigError(f"{self.out_dir} already exists; pass --force to replace it")
        if self.out_dir.resolve() == self.source.source_dir.resolve():
            raise ConfigError("the output folder must differ from the model folder")

    def convert(self) -> None:
        """Run CTranslate2's TransformersConverter into a staging folder next to the destination."""
        assert self.source is not None and self.out_dir is not None, "validate() first"
        self.out_dir.parent.mkdir(parents=True, exist_ok=True)
        self.staging = self.out_dir.parent / f".{self.out_dir.name}.partial-{os.getpid()}"
        if self.staging.exists():
            shutil.rmtree(self.staging)
        converter = _converter_class()(str(self.source.source_dir), low_cpu_mem_usage=True)
        log.info("converting %s to CTranslate2 (%s)", self.model, self.quantization)
        try:
            converter.convert(str(self.staging), quantization=self.quantization, force=True)
        except (ValueError, NotImplementedError, RuntimeError, AttributeError, KeyError) as exc:
            raise ModelError(f"CTranslate2 could not convert {self.model!r}: {first_line(exc)}") from None

    def copy_tokenizer(self) -> None:
        """Save the original tokenizer and config next to the weights: the engine tokenizes with them."""
        assert self.source is not None and self.staging is not None, "convert() first"
        tokenizer_dir = self.staging / "tokenizer"
        self._tokenizer.save_pretrained(str(tokenizer_dir))
        # The HF config tells the engine the family and the input window (CTranslate2 has its own config.json);
        # the generation config names a forced first token (BART's <s>), which the engine passes as a prefix.
        self._config.save_pretrained(str(tokenizer_dir))
        generation = self.source.source_dir / "generation_config.json"
        if generation.is_file():
            shutil.copyfile(generation, tokenizer_dir / "generation_config.json")
        import ctranslate2
        import transformers

        record = {
            "model_id": self.source.model_id,
            "revision": self.source.revision,
            "model_type": self.source.model_type,
            "family": self.source.family,
            "quantization": self.quantization,
            "ctranslate2_version": ctranslate2.__version__,
            "transformers_version": transformers.__version__,
            "converted_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        }
        from summarizer.engines.ctranslate2_engine import CONVERSION_INFO_FILE

        record["contract"] = _contract_record(self._tokenizer, self._config, self.source)
        (self.staging / CONVERSION_INFO_FILE).write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")

    def verify(self) -> None:
        """Load the staged conversion and decode one sentence: a conversion that cannot run is never saved."""
        assert self.staging is not None and self.source is not None, "copy_tokenizer() first"
        verify_conversion(self.staging, task=default_task(self.source.family))

    def save(self) -> Path:
        """Move the finished staging folder into place (replacing the old one only now, with force)."""
        assert self.staging is not None and self.out_dir is not None, "copy_tokenizer() first"
        if self.out_dir.exists():
            shutil.rmtree(self.out_dir)
        self.staging.rename(self.out_dir)
        self.staging = None
        log.info("saved %s", self.out_dir)
        return self.out_dir


def verify_conversion(path: Path, task: str = "translation", device: str = "cpu") -> None:
    """Load a CTranslate2 folder and decode one short sentence with it.

    Args:
        path: The converted folder (model.bin, tokenizer/, summarizer_ct2.json).
        task: The task to drive it as (sets the task prefix of T5-style models).
        device: Where to try it.

    Raises:
        ModelError: the folder cannot be loaded or cannot decode (one line naming the cause).
    """
    from summarizer.engines.base import GenerationOptions
    from summarizer.engines.ctranslate2_engine import load_ctranslate2_engine
    from summarizer.errors import SummarizerError
    from summarizer.types import ModelInfo

    record_id = str(path)
    try:
        engine = load_ctranslate2_engine(Path(path), ModelInfo(task=task, model_id=record_id), device, None, 1)
        engine.generate_detailed(["한국어 문장 하나. One sentence."], GenerationOptions(num_beams=1, max_new_tokens=4))
    except SummarizerError as exc:
        raise ModelError(f"the CTranslate2 conversion in {path} does not work: {exc}") from None
    except (RuntimeError, ValueError, IndexError, KeyError, TypeError) as exc:
        raise ModelError(f"the CTranslate2 conversion in {path} cannot decode: {first_line(exc)}") from None


# --- helpers ----------------------------------------------------------------------------------------------


def _require_ctranslate2() -> None:
    try:
        import ctranslate2  # noqa: F401
    except ImportError:
        raise MissingDependencyError("converting needs ctranslate2: pip install ctranslate2") from None


# What transformers' from_pretrained reads for PyTorch (sharded checkpoints name their shards in the index).
_WEIGHT_FILES = ("model.safetensors", "model.safetensors.index.json", "pytorch_model.bin", "pytorch_model.bin.index.json")


def _local_files(model: str) -> tuple[Path, str | None]:
    """The folder holding the model's files, and the hub revision when it comes from the hub cache."""
    from summarizer.engines.loader import locate_model

    source = locate_model(model)
    if source.local_dir is not None:
        return source.local_dir, None
    if not source.cached:
        raise ModelUnavailableError(
            f"model {model!r} is not in the local Hugging Face cache; download it first "
            f"(`summarizer models download {model}`) or pass a local folder"
        )
    from huggingface_hub import snapshot_download

    snapshot = Path(snapshot_download(model, local_files_only=True))
    return snapshot, snapshot.name


def _converter_class() -> type:
    """ctranslate2's TransformersConverter, filling config attributes its BART loader expects."""
    from ctranslate2.converters import TransformersConverter

    class _Converter(TransformersConverter):
        _config: Any = None

        def load_model(self, model_class: Any, model_name_or_path: str, **kwargs: Any) -> Any:
            model = super().load_model(model_class, model_name_or_path, **kwargs)
            for name, value in _LEGACY_CONFIG_DEFAULTS.get(model.config.model_type, {}).items():
                if not hasattr(model.config, name):
                    setattr(model.config, name, value)
            self._config = model.config
            return model

        def load_tokenizer(self, tokenizer_class: Any, model_name_or_path: str, **kwargs: Any) -> Any:
            tokenizer = super().load_tokenizer(tokenizer_class, model_name_or_path, **kwargs)
            _name_special_tokens(tokenizer, self._config)
            _complete_for_ctranslate2(tokenizer, self._config)
            return tokenizer

    return _Converter


def _complete_for_ctranslate2(tokenizer: Any, config: Any) -> None:
    """Give CTranslate2's loaders what transformers ≥ 5 tokenizers no longer expose the old way."""
    if tokenizer.bos_token is None and config is not None and config.model_type in ("bart", "mbart", "m2m_100"):
        # CTranslate2 writes bos_token into its config and cannot read a null back (mBART-50 saved by
        # transformers 5 has none): use the model's BOS, else fairseq's "<s>".
        bos_id = getattr(config, "bos_token_id", None)
        bos = tokenizer.convert_ids_to_tokens(bos_id) if isinstance(bos_id, int) else "<s>"
        if tokenizer.convert_tokens_to_ids(bos) not in (None, tokenizer.unk_token_id):
            tokenizer.bos_token = bos
    language_tokens = getattr(tokenizer, "lang_token_to_id", None)
    if isinstance(language_tokens, dict) and language_tokens:
        # M2M100's "__en__"-style tokens sit after the SentencePiece ids but are missing from get_vocab():
        # without them the converted vocabulary would map every language token to <unk>.
        base_vocab = tokenizer.get_vocab

        def get_vocab() -> dict[str, int]:
            return {**base_vocab(), **language_tokens}

        tokenizer.get_vocab = get_vocab


def _contract_record(tokenizer: Any, config: Any, source: ConversionSource) -> dict[str, Any] | None:
    """The decoding contract the engine will apply, written beside the conversion (None when unresolvable)."""
    from summarizer.engines.contract import resolve_contract
    from summarizer.engines.families import family_spec
    from summarizer.registry import lookup

    generation_file = source.source_dir / "generation_config.json"
    generation = json.loads(generation_file.read_text(encoding="utf-8")) if generation_file.is_file() else {}
    spec = family_spec(source.family, default_task(source.family), lookup(source.model_id))
    try:
        return resolve_contract(tokenizer, config.to_dict(), generation, spec).to_dict()
    except ModelUnavailableError as exc:
        raise ModelUnavailableError(f"cannot convert {source.model_id!r}: {exc}") from None


def _name_special_tokens(tokenizer: Any, config: Any) -> None:
    """Name eos/unk/pad/bos from the model config when the tokenizer files name none (KoBART's bare tokenizer.json):
    CTranslate2 writes them into its config and cannot load a null back, and padding must not fall back to id 0."""
    for attribute, config_key, fallback in (
        ("eos_token", "eos_token_id", "</s>"),
        ("unk_token", None, "<unk>"),
        ("pad_token", "pad_token_id", "<pad>"),
        ("bos_token", "bos_token_id", "<s>"),
    ):
        if getattr(tokenizer, attribute, None) is not None:
            continue
        token_id = getattr(config, config_key, None) if config_key else None
        token = tokenizer.convert_ids_to_tokens(token_id) if isinstance(token_id, int) else fallback
        if token is not None and token in tokenizer.get_vocab():
            setattr(tokenizer, attribute, token)
