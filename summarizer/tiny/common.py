"""What every tiny checkpoint shares: the corpus, SentencePiece training, seeded weights, saving, the marker file."""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import io
import json
import shutil
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from summarizer.errors import ConfigError

if TYPE_CHECKING:
    from transformers import GenerationConfig, PretrainedConfig


TINY_MODELS_NOTE = (
    "These tiny checkpoints have random weights: their English is meaningless. "
    "Use them for offline smoke tests, not for real translations or summaries."
)

FAMILIES: tuple[str, ...] = ("marian", "nllb", "m2m100", "mbart50", "bart", "t5", "mt5", "kobart")

# Which family `build_tiny_checkpoints` writes for each task folder (task names as in models/registry.toml).
TINY_TASK_FAMILIES: dict[str, str] = {
    "translation": "marian",
    "summarization": "bart",
    "ko-summarization": "kobart",
    "cross-lingual": "mt5",
}


@dataclasses.dataclass(frozen=True)
class MarianDims:
    """Widths and depths of a Marian transformer; `as_kwargs()` feeds `build_marian`."""

    d_model: int
    encoder_layers: int
    decoder_layers: int
    heads: int
    ffn_dim: int
    vocab_size: int
    max_position_embeddings: int

    def as_kwargs(self) -> dict[str, int]:
        """Returns the fields as keyword arguments for `build_marian`."""
        return dataclasses.asdict(self)


# Helsinki-NLP/opus-mt-tc-big-ko-en is a Marian "transformer-big" (model card: "Model Type: transformer-big",
# release opusTCv20210807-sepvoc_transformer-big_2022-07-28, SentencePiece spm32k/spm32k). Widths come from the
# config.json of its sibling of the same release, Helsinki-NLP/opus-mt-tc-big-en-ko (d_model 1024, 16 heads,
# ffn 4096, 6+6 layers, max_position_embeddings 1024, vocab_size 32001 = 32k pieces + <pad>).
# vocab_size (issue 11, finding 9) is NOT confirmed: no published ko-en config.json was reachable. The release
# readme (../shared/data/mt/opus-mt-outputs/opus-mt-tc-big-ko-en.readme = Helsinki-NLP/Tatoeba-Challenge
# models/kor-eng/README.md) states only "SentencePiece (spm32k,spm32k)" with separate vocabularies ("sepvoc");
# 32001 is that reading. `summarizer models check` on a real download prints the real size (window, ids).
OPUS_MT_TC_BIG_KO_EN_DIMS = MarianDims(
    d_model=1024,
    encoder_layers=6,
    decoder_layers=6,
    heads=16,
    ffn_dim=4096,
    vocab_size=32001,
    max_position_embeddings=1024,
)


@dataclasses.dataclass(frozen=True)
class TinyDims:
    """Widths and depths shared by every tiny checkpoint: small enough that a test generates in milliseconds."""

    d_model: int = 32
    layers: int = 2
    heads: int = 2
    ffn_dim: int = 64
    max_position_embeddings: int = 1024
    max_length: int = 64  # generation default; real checkpoints use 142-512 but tests want speed


TINY_DIMS = TinyDims()

# Added to the output logits of pieces an English-output model must not emit; finite so fp16 stays finite.
_BLOCKED_LOGIT_BIAS = -1.0e4

# SentencePiece sizes: big enough to hold every character of the corpus (character_coverage=1.0).
_KOREAN_PIECES = 2000
_ENGLISH_PIECES = 1000
_JOINT_PIECES = 3000


def load_tiny_corpus() -> tuple[list[str], list[str]]:
    """Returns the bundled tokenizer-training sample as (korean_lines, english_lines).

    Returns:
        Two lists of non-empty lines; a line is Korean when it contains a Hangul syllable.
    """
    text = resources.files("summarizer").joinpath("data/tiny_corpus.txt").read_text(encoding="utf-8")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    korean = [line for line in lines if any("\uac00" <= ch <= "\ud7a3" for ch in line)]
    english = [line for line in lines if not any("\uac00" <= ch <= "\ud7a3" for ch in line)]
    return korean, english


@functools.lru_cache(maxsize=16)
def _train_sentencepiece(lines: tuple[str, ...], vocab_size: int, model_type: str, ids: tuple = ()) -> bytes:
    """Trains a SentencePiece model in memory; single-threaded so the same lines give the same bytes."""
    import sentencepiece as spm

    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_writer=model,
        vocab_size=vocab_size,
        model_type=model_type,
        character_coverage=1.0,
        hard_vocab_limit=False,  # a small corpus may not support vocab_size pieces; take what it has
        num_threads=1,
        minloglevel=2,
        **dict(ids),
    )
    return model.getvalue()


def _all_lines() -> tuple[str, ...]:
    korean, english = load_tiny_corpus()
    return tuple(korean + english)


@contextmanager
def _seeded(seed: int) -> Iterator[None]:
    """Seeds torch's global RNG inside the block and restores the caller's RNG state afterwards."""
    import torch

    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        yield


def _save_model(
    out_dir: Path,
    model_class_name: str,
    config: PretrainedConfig,
    generation: GenerationConfig,
    seed: int,
    silent_ids: Iterable[int] = (),
    blocked_output_ids: Iterable[int] = (),
    untied_output: bool = False,
) -> None:
    """Builds `model_class_name` from `config` with seeded random weights and saves it with its generation config.

    The embedding and output rows of `silent_ids` (special tokens, unused fillers) are zeroed: with random weights a
    model tends to repeat its last input token, so a decoder starting from </s> or a forced language code would
    otherwise emit only special tokens, which decode to an empty string. `blocked_output_ids` get a large negative
    `final_logits_bias` (or, without one, zero rows in an untied output layer), so an English-output model does
    not emit Korean pieces. `untied_output` gives the output layer its own random weights (mT5 checkpoints ship
    an untied lm_head, which transformers 5 keeps untied on load although MT5Config always says tied).
    """
    import torch
    import transformers

    model_class = getattr(transformers, model_class_name)
    with _seeded(seed):
        model = model_class(config)
        if untied_output:
            head = model.get_output_embeddings()
            head.weight = torch.nn.Parameter(torch.randn_like(head.weight) * config.d_model**-0.5)
    rows = sorted({i for i in silent_ids if i is not None and 0 <= i < config.vocab_size})
    blocked = sorted(set(blocked_output_ids))
    with torch.no_grad():
        weights = {id(m.weight): m.weight for m in (model.get_input_embeddings(), model.get_output_embeddings())}
        for weight in weights.values():
            weight[rows] = 0.0
        if blocked and hasattr(model, "final_logits_bias"):
            model.final_logits_bias[:, blocked] = _BLOCKED_LOGIT_BIAS
        elif blocked and len(weights) == 2:  # untied output layer without bias (mT5): zero logits instead
            model.get_output_embeddings().weight[blocked] = 0.0
    model.eval()
    model.generation_config = generation
    with _quiet_progress_bars():
        model.save_pretrained(out_dir)


@contextmanager
def _quiet_progress_bars() -> Iterator[None]:
    """Hides transformers' "Writing model shards" bar while saving, then restores the caller's setting."""
    from transformers.utils import logging as hf_logging

    was_enabled = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()
    try:
        yield
    finally:
        if was_enabled:
            hf_logging.enable_progress_bar()


def _non_english_ids(tokenizer: Any) -> list[int]:
    """Ids of pieces whose text holds Hangul (or a partial UTF-8 byte, for byte-level BPE)."""
    blocked = []
    for token, index in tokenizer.get_vocab().items():
        surface = token if _has_hangul(token) else tokenizer.convert_tokens_to_string([token])
        if _has_hangul(surface) or "\ufffd" in surface:
            blocked.append(index)
    return blocked


def _has_hangul(text: str) -> bool:
    return any("\u1100" <= ch <= "\u11ff" or "\u3130" <= ch <= "\u318f" or "\uac00" <= ch <= "\ud7a3" for ch in text)


def _silent_ids(tokenizer: Any, vocab_size: int, trained_size: int, extra: Iterable[int] = ()) -> set[int]:
    """Ids that random weights must never emit: special tokens, language codes, and rows past the trained pieces."""
    return set(tokenizer.all_special_ids) | set(extra) | set(range(trained_size, vocab_size))


def _bart_style_ids(pad: int, bos: int, eos: int) -> dict[str, int]:
    """The special ids of a BART-style seq2seq config or generation config: decoding starts from </s>."""
    return {"pad_token_id": pad, "bos_token_id": bos, "eos_token_id": eos, "decoder_start_token_id": eos}


def _generation_config(**kwargs: Any) -> GenerationConfig:
    from transformers import GenerationConfig

    return GenerationConfig(**kwargs)


_MARKER = "tiny_checkpoint.json"


def _prepare_checkpoint_dir(out_dir: str | Path, family: str, seed: int) -> Path:
    """Creates an empty checkpoint folder and marks it as ours.

    A folder this module wrote before is emptied first; any other non-empty folder is refused, so a real model's
    weights are never overwritten.
    """
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise ConfigError(f"{out} is a file, not a folder")
    if out.is_dir() and any(out.iterdir()):
        if not (out / _MARKER).is_file():
            raise ConfigError(f"{out} is not empty and holds no tiny checkpoint; choose an empty or new folder")
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    _write_marker(out, family, seed)
    return out


def _write_marker(out: Path, family: str, seed: int) -> None:
    """Writes a small note saying what built this folder, so a reader of the folder knows it is not a real model."""
    note = {
        "built_by": "summarizer.tiny",
        "family": family,
        "seed": seed,
        "note": TINY_MODELS_NOTE,
        "corpus_sha256": hashlib.sha256("\n".join(_all_lines()).encode("utf-8")).hexdigest()[:16],
    }
    (out / _MARKER).write_text(json.dumps(note, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
