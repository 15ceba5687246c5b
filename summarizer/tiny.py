"""Tiny, seeded, real-architecture seq2seq checkpoints: the offline stand-ins for tests, CI and smoke runs.

Every checkpoint is a folder that `AutoModelForSeq2SeqLM.from_pretrained(dir)` and
`AutoTokenizer.from_pretrained(dir)` load without the network. Architectures, special-token layouts and
tokenizer classes follow the real hub models of each family; the weights are random (seeded) and the
tokenizers are trained here, in about a second, on `summarizer/data/tiny_corpus.txt`. Their English is
meaningless: they test plumbing (loading, language tokens, batching, conversion), never quality.

Public API:
    build_tiny_checkpoints(out_dir, seed=0) -> {"translation": Path, "summarization": Path, ...}
    build_family_checkpoint(family, out_dir, seed=0) -> Path
    build_marian(out_dir, *, d_model, encoder_layers, decoder_layers, heads, ffn_dim, vocab_size, seed, ...)
    OPUS_MT_TC_BIG_KO_EN_DIMS: the real widths and depths of Helsinki-NLP/opus-mt-tc-big-ko-en.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import io
import json
import shutil
import tempfile
import warnings
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from summarizer.engines.families import LANGUAGE_CODES
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


# --------------------------------------------------------------------------------------------------------------
# Marian (Helsinki-NLP/opus-mt-*): source.spm + target.spm + one joint vocab.json, <pad> last = decoder start.
# --------------------------------------------------------------------------------------------------------------


def _marian_vocab(source_spm: bytes, target_spm: bytes, vocab_size: int | None) -> dict[str, int]:
    """Joint vocabulary laid out like opus-mt-tc-big: target pieces by SentencePiece id (<unk> 0, <s> 1, </s> 2),
    then source-only pieces, then unused fillers up to vocab_size, then <pad> as the last id."""
    import sentencepiece as spm

    pieces: dict[str, int] = {}
    for proto in (target_spm, source_spm):
        processor = spm.SentencePieceProcessor(model_proto=proto)
        for index in range(processor.get_piece_size()):
            pieces.setdefault(processor.id_to_piece(index), len(pieces))
    natural = len(pieces) + 1
    if vocab_size is not None:
        if vocab_size < natural:
            raise ConfigError(f"vocab_size {vocab_size} is below the {natural} pieces the tiny tokenizers need")
        # Fillers keep the real output-layer width (e.g. 32001) although only a few thousand pieces are trained.
        for index in range(vocab_size - natural):
            pieces[f"<unused{index}>"] = len(pieces)
    pieces["<pad>"] = len(pieces)
    return pieces


def _build_marian_tokenizer(out: Path, vocab_size: int | None) -> Any:
    from transformers import MarianTokenizer

    korean, english = load_tiny_corpus()
    source = _train_sentencepiece(tuple(korean), _KOREAN_PIECES, "unigram")
    target = _train_sentencepiece(tuple(english), _ENGLISH_PIECES, "unigram")
    with tempfile.TemporaryDirectory() as tmp:
        src_path, tgt_path, vocab_path = Path(tmp, "source.spm"), Path(tmp, "target.spm"), Path(tmp, "vocab.json")
        src_path.write_bytes(source)
        tgt_path.write_bytes(target)
        vocab_path.write_text(json.dumps(_marian_vocab(source, target, vocab_size), ensure_ascii=False), "utf-8")
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=".*sacremoses.*")  # it only normalises punctuation
            tokenizer = MarianTokenizer(
                str(src_path), str(tgt_path), str(vocab_path), source_lang="ko", target_lang="en", model_max_length=512
            )
        tokenizer.save_pretrained(str(out))
    return tokenizer


def build_marian(
    out_dir: str | Path,
    *,
    d_model: int,
    encoder_layers: int,
    decoder_layers: int,
    heads: int,
    ffn_dim: int,
    vocab_size: int | None = None,
    seed: int = 0,
    max_position_embeddings: int = 512,
    max_length: int = 512,
    num_beams: int = 4,
) -> Path:
    """Writes a random-weight Marian ko→en checkpoint (MarianMTModel + MarianTokenizer) of the given size.

    Used with `OPUS_MT_TC_BIG_KO_EN_DIMS.as_kwargs()` for a benchmark stand-in of the default translator, and
    with tiny widths for tests.

    Args:
        out_dir: Folder to write: new, empty, or a tiny checkpoint written before (then it is rebuilt).
        d_model: Hidden width.
        encoder_layers: Encoder depth.
        decoder_layers: Decoder depth.
        heads: Attention heads (encoder and decoder).
        ffn_dim: Feed-forward width (encoder and decoder).
        vocab_size: Model vocabulary size including <pad>. None: exactly the trained pieces (~2.9k). Larger:
            the vocabulary is padded with unused filler tokens so the output layer has the real width.
        seed: Seed for the random weights; the same seed gives identical weights.
        max_position_embeddings: Longest input/output in tokens.
        max_length: Generation default, as in generation_config.json.
        num_beams: Generation default.

    Returns:
        The checkpoint folder.

    Raises:
        ConfigError: vocab_size is smaller than the trained tokenizers need, or out_dir is a non-empty folder
            this module did not write.
    """
    out = _prepare_checkpoint_dir(out_dir, "marian", seed)
    _write_marian(
        out,
        d_model=d_model,
        encoder_layers=encoder_layers,
        decoder_layers=decoder_layers,
        heads=heads,
        ffn_dim=ffn_dim,
        vocab_size=vocab_size,
        seed=seed,
        max_position_embeddings=max_position_embeddings,
        max_length=max_length,
        num_beams=num_beams,
    )
    return out


def _write_marian(
    out: Path,
    *,
    d_model: int,
    encoder_layers: int,
    decoder_layers: int,
    heads: int,
    ffn_dim: int,
    vocab_size: int | None,
    seed: int,
    max_position_embeddings: int,
    max_length: int,
    num_beams: int,
) -> None:
    from transformers import MarianConfig

    tokenizer = _build_marian_tokenizer(out, vocab_size)
    size = len(tokenizer.encoder)
    pad_id, eos_id = tokenizer.pad_token_id, tokenizer.eos_token_id
    config = MarianConfig(
        vocab_size=size,
        decoder_vocab_size=size,
        d_model=d_model,
        encoder_layers=encoder_layers,
        decoder_layers=decoder_layers,
        encoder_attention_heads=heads,
        decoder_attention_heads=heads,
        encoder_ffn_dim=ffn_dim,
        decoder_ffn_dim=ffn_dim,
        max_position_embeddings=max_position_embeddings,
        activation_function="relu",  # opus-mt-tc-big uses relu (older opus-mt: swish)
        scale_embedding=True,
        share_encoder_decoder_embeddings=True,
        pad_token_id=pad_id,
        eos_token_id=eos_id,
        bos_token_id=0,
        decoder_start_token_id=pad_id,
        forced_eos_token_id=eos_id,
        architectures=["MarianMTModel"],
    )
    generation = _generation_config(
        bos_token_id=0,
        decoder_start_token_id=pad_id,
        eos_token_id=eos_id,
        forced_eos_token_id=eos_id,
        pad_token_id=pad_id,
        bad_words_ids=[[pad_id]],
        max_length=max_length,
        num_beams=num_beams,
        renormalize_logits=True,
    )
    fillers = [index for piece, index in tokenizer.encoder.items() if piece.startswith("<unused")]
    silent = _silent_ids(tokenizer, size, size, [tokenizer.encoder["<s>"], *fillers])
    _save_model(out, "MarianMTModel", config, generation, seed, silent, _non_english_ids(tokenizer))


def _build_tiny_marian(out: Path, seed: int) -> None:
    _write_marian(
        out,
        d_model=TINY_DIMS.d_model,
        encoder_layers=TINY_DIMS.layers,
        decoder_layers=TINY_DIMS.layers,
        heads=TINY_DIMS.heads,
        ffn_dim=TINY_DIMS.ffn_dim,
        seed=seed,
        max_position_embeddings=TINY_DIMS.max_position_embeddings,
        max_length=TINY_DIMS.max_length,
        num_beams=1,
        vocab_size=None,
    )


def marian_parameter_count(dims: MarianDims) -> int:
    """Counts the parameters of a Marian model of these dims without allocating weights (meta device)."""
    import torch
    from transformers import MarianConfig, MarianMTModel

    config = MarianConfig(
        vocab_size=dims.vocab_size,
        decoder_vocab_size=dims.vocab_size,
        d_model=dims.d_model,
        encoder_layers=dims.encoder_layers,
        decoder_layers=dims.decoder_layers,
        encoder_attention_heads=dims.heads,
        decoder_attention_heads=dims.heads,
        encoder_ffn_dim=dims.ffn_dim,
        decoder_ffn_dim=dims.ffn_dim,
        max_position_embeddings=dims.max_position_embeddings,
        pad_token_id=dims.vocab_size - 1,
        decoder_start_token_id=dims.vocab_size - 1,
    )
    with torch.device("meta"):
        model = MarianMTModel(config)
    return sum(p.numel() for p in model.parameters())


# --------------------------------------------------------------------------------------------------------------
# Fairseq-style multilingual families: NLLB-200 and M2M100 (M2M100 architecture), mBART-50.
# --------------------------------------------------------------------------------------------------------------


def _bart_like_sizes() -> dict[str, int]:
    dims = TINY_DIMS
    return {
        "d_model": dims.d_model,
        "encoder_layers": dims.layers,
        "decoder_layers": dims.layers,
        "encoder_attention_heads": dims.heads,
        "decoder_attention_heads": dims.heads,
        "encoder_ffn_dim": dims.ffn_dim,
        "decoder_ffn_dim": dims.ffn_dim,
        "max_position_embeddings": dims.max_position_embeddings,
    }


def _fairseq_generation(tokenizer: Any, **extra: Any) -> GenerationConfig:
    """Generation defaults of fairseq models: decoding starts from </s>; no forced target language, as on the hub."""
    return _generation_config(
        bos_token_id=tokenizer.bos_token_id,
        decoder_start_token_id=tokenizer.eos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id,
        max_length=TINY_DIMS.max_length,
        **extra,
    )


def _build_nllb(out: Path, seed: int) -> None:
    """facebook/nllb-200-*: M2M100ForConditionalGeneration + NllbTokenizer (tokenizer.json, 202 language codes)."""
    from transformers import M2M100Config, NllbTokenizer
    from transformers.models.nllb.tokenization_nllb import FAIRSEQ_LANGUAGE_CODES

    spm_model = _train_sentencepiece(_all_lines(), _JOINT_PIECES, "bpe")
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "sentencepiece.bpe.model").write_bytes(spm_model)
        # Language codes named explicitly: loading from a bare .model file would otherwise skip them.
        tokenizer = NllbTokenizer.from_pretrained(
            tmp, extra_special_tokens=list(FAIRSEQ_LANGUAGE_CODES), model_max_length=1024, trust_remote_code=False
        )
    tokenizer.save_pretrained(str(out))
    (out / "sentencepiece.bpe.model").write_bytes(spm_model)
    config = M2M100Config(
        vocab_size=len(tokenizer),
        **_bart_like_sizes(),
        activation_function="relu",
        scale_embedding=True,
        pad_token_id=tokenizer.pad_token_id,
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        decoder_start_token_id=tokenizer.eos_token_id,
        tokenizer_class="NllbTokenizer",
        architectures=["M2M100ForConditionalGeneration"],
    )
    silent = _silent_ids(tokenizer, config.vocab_size, len(tokenizer))
    _save_model(out, "M2M100ForConditionalGeneration", config, _fairseq_generation(tokenizer), seed, silent)


def _m2m100_vocab(spm_model: bytes) -> dict[str, int]:
    """Fairseq dictionary order: <s> <pad> </s> <unk>, then the SentencePiece pieces."""
    import sentencepiece as spm

    processor = spm.SentencePieceProcessor(model_proto=spm_model)
    vocab = {"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3}
    for index in range(processor.get_piece_size()):
        vocab.setdefault(processor.id_to_piece(index), len(vocab))
    return vocab


def _build_m2m100(out: Path, seed: int) -> None:
    """facebook/m2m100_*: M2M100ForConditionalGeneration + M2M100Tokenizer (vocab.json + sentencepiece.bpe.model)."""
    from transformers import M2M100Config, M2M100Tokenizer
    from transformers.models.m2m_100.tokenization_m2m_100 import FAIRSEQ_LANGUAGE_CODES

    spm_model = _train_sentencepiece(_all_lines(), _JOINT_PIECES, "bpe")
    with tempfile.TemporaryDirectory() as tmp:
        vocab_path, spm_path = Path(tmp, "vocab.json"), Path(tmp, "sentencepiece.bpe.model")
        vocab_path.write_text(json.dumps(_m2m100_vocab(spm_model), ensure_ascii=False), "utf-8")
        spm_path.write_bytes(spm_model)
        # Named explicitly: transformers 5 no longer registers M2M100's language codes as special tokens by
        # itself, and then decode(skip_special_tokens=True) would keep "__en__" in the text.
        language_tokens = [f"__{code}__" for code in FAIRSEQ_LANGUAGE_CODES["m2m100"]]
        tokenizer = M2M100Tokenizer(
            str(vocab_path), str(spm_path), model_max_length=1024, extra_special_tokens=language_tokens
        )
        tokenizer.save_pretrained(str(out))
    config = M2M100Config(
        # The hub checkpoints reserve 8 "madeupword" rows after the 100 language codes.
        vocab_size=tokenizer.encoder_size + len(tokenizer.lang_code_to_id) + tokenizer.num_madeup_words,
        **_bart_like_sizes(),
        activation_function="relu",
        scale_embedding=True,
        pad_token_id=tokenizer.pad_token_id,
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        decoder_start_token_id=tokenizer.eos_token_id,
        architectures=["M2M100ForConditionalGeneration"],
    )
    silent = _silent_ids(tokenizer, config.vocab_size, tokenizer.encoder_size)
    _save_model(out, "M2M100ForConditionalGeneration", config, _fairseq_generation(tokenizer), seed, silent)


def _build_mbart50(out: Path, seed: int) -> None:
    """facebook/mbart-large-50-*: MBartForConditionalGeneration + MBart50Tokenizer (52 language codes)."""
    from transformers import MBart50Tokenizer, MBartConfig

    spm_model = _train_sentencepiece(_all_lines(), _JOINT_PIECES, "bpe")
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "sentencepiece.bpe.model").write_bytes(spm_model)
        # bos named explicitly: transformers 5 drops it otherwise, and CTranslate2's converter needs it.
        tokenizer = MBart50Tokenizer.from_pretrained(tmp, trust_remote_code=False, bos_token="<s>", model_max_length=1024)
    tokenizer.save_pretrained(str(out))
    (out / "sentencepiece.bpe.model").write_bytes(spm_model)
    config = MBartConfig(
        vocab_size=len(tokenizer),
        **_bart_like_sizes(),
        activation_function="relu",
        scale_embedding=True,
        normalize_before=True,  # pre-norm, as the hub config.json says; CTranslate2's converter reads it
        pad_token_id=tokenizer.pad_token_id,
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        decoder_start_token_id=tokenizer.eos_token_id,
        forced_eos_token_id=tokenizer.eos_token_id,
        tokenizer_class="MBart50Tokenizer",
        architectures=["MBartForConditionalGeneration"],
    )
    silent = _silent_ids(tokenizer, config.vocab_size, len(tokenizer))
    generation = _fairseq_generation(tokenizer)
    _save_model(out, "MBartForConditionalGeneration", config, generation, seed, silent, _non_english_ids(tokenizer))


# --------------------------------------------------------------------------------------------------------------
# BART (facebook/bart-large-cnn: byte-level BPE) and KoBART (gogamza/kobart-summarization: tokenizer.json only).
# --------------------------------------------------------------------------------------------------------------


def _build_bart(out: Path, seed: int) -> None:
    """facebook/bart-large-cnn: BartForConditionalGeneration + byte-level BPE (vocab.json + merges.txt)."""
    from tokenizers import ByteLevelBPETokenizer
    from transformers import BartConfig, BartTokenizer

    trainer = ByteLevelBPETokenizer()
    trainer.train_from_iterator(
        list(_all_lines()),
        vocab_size=_JOINT_PIECES,
        min_frequency=2,
        special_tokens=["<s>", "<pad>", "</s>", "<unk>"],
        show_progress=False,
    )
    with tempfile.TemporaryDirectory() as tmp:
        vocab_path, merges_path = trainer.save_model(tmp)
        vocab = json.loads(Path(vocab_path).read_text("utf-8"))
        vocab["<mask>"] = len(vocab)  # bart-large-cnn keeps <mask> as the last id
        Path(vocab_path).write_text(json.dumps(vocab, ensure_ascii=False), "utf-8")
        tokenizer = BartTokenizer.from_pretrained(tmp, trust_remote_code=False, model_max_length=1024)
        tokenizer.save_pretrained(str(out))
        for path in (vocab_path, merges_path):  # bart-large-cnn ships them next to tokenizer.json
            shutil.copy(path, out)
    config = BartConfig(
        vocab_size=len(tokenizer),
        **_bart_like_sizes(),
        activation_function="gelu",
        normalize_before=False,  # in the hub config.json; CTranslate2's converter reads it
        pad_token_id=tokenizer.pad_token_id,
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        decoder_start_token_id=tokenizer.eos_token_id,
        forced_eos_token_id=tokenizer.eos_token_id,
        architectures=["BartForConditionalGeneration"],
    )
    generation = _generation_config(
        bos_token_id=tokenizer.bos_token_id,
        decoder_start_token_id=tokenizer.eos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id,
        forced_bos_token_id=tokenizer.bos_token_id,
        forced_eos_token_id=tokenizer.eos_token_id,
        max_length=TINY_DIMS.max_length,
        min_length=4,
        no_repeat_ngram_size=3,
    )
    silent = _silent_ids(tokenizer, config.vocab_size, len(tokenizer))
    _save_model(out, "BartForConditionalGeneration", config, generation, seed, silent, _non_english_ids(tokenizer))


_KOBART_SPECIAL_TOKENS = ["<s>", "</s>", "<usr>", "<pad>", "<sys>", "<unk>", "<mask>"]


def _build_kobart(out: Path, seed: int) -> None:
    """gogamza/kobart-summarization: BART weights + a bare tokenizer.json loaded as PreTrainedTokenizerFast.

    As on the hub, the tokenizer adds no <s>/</s> itself; the engines' DecodingContract frames ids as <s> … </s>.
    """
    from tokenizers import SentencePieceBPETokenizer
    from transformers import BartConfig, PreTrainedTokenizerFast

    trainer = SentencePieceBPETokenizer(unk_token="<unk>")
    trainer.train_from_iterator(
        list(_all_lines()),
        vocab_size=_JOINT_PIECES,
        min_frequency=2,
        special_tokens=_KOBART_SPECIAL_TOKENS,
        limit_alphabet=4000,  # keep every Hangul syllable of the corpus
        show_progress=False,
    )
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=trainer._tokenizer,
        bos_token="<s>",
        eos_token="</s>",
        unk_token="<unk>",
        pad_token="<pad>",
        mask_token="<mask>",
        model_max_length=1024,
    )
    tokenizer.save_pretrained(str(out))
    # The hub folder names the generic fast class; keep that so loaders take the same path as for the real model.
    config_path = out / "tokenizer_config.json"
    tokenizer_config = json.loads(config_path.read_text("utf-8"))
    tokenizer_config["tokenizer_class"] = "PreTrainedTokenizerFast"
    config_path.write_text(json.dumps(tokenizer_config, indent=2, ensure_ascii=False) + "\n", "utf-8")
    bos, eos, pad = (tokenizer.convert_tokens_to_ids(t) for t in ("<s>", "</s>", "<pad>"))
    config = BartConfig(
        vocab_size=len(tokenizer),
        **_bart_like_sizes(),
        activation_function="gelu",
        normalize_before=False,  # in the hub config.json; CTranslate2's converter reads it
        pad_token_id=pad,
        bos_token_id=bos,
        eos_token_id=eos,
        decoder_start_token_id=eos,
        forced_eos_token_id=eos,
        tokenizer_class="PreTrainedTokenizerFast",
        architectures=["BartForConditionalGeneration"],
    )
    generation = _generation_config(
        bos_token_id=bos,
        decoder_start_token_id=eos,
        eos_token_id=eos,
        pad_token_id=pad,
        forced_eos_token_id=eos,
        max_length=TINY_DIMS.max_length,
    )
    specials = tokenizer.convert_tokens_to_ids(_KOBART_SPECIAL_TOKENS)
    silent = _silent_ids(tokenizer, config.vocab_size, len(tokenizer), specials)
    _save_model(out, "BartForConditionalGeneration", config, generation, seed, silent)


# --------------------------------------------------------------------------------------------------------------
# T5 / mT5: SentencePiece unigram spiece.model (<pad> 0, </s> 1, <unk> 2) + 100 <extra_id_*> sentinels.
# --------------------------------------------------------------------------------------------------------------


def _build_t5_tokenizer(out: Path) -> Any:
    from transformers import T5Tokenizer

    spm_model = _train_sentencepiece(
        _all_lines(), _JOINT_PIECES, "unigram", (("pad_id", 0), ("eos_id", 1), ("unk_id", 2), ("bos_id", -1))
    )
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "spiece.model").write_bytes(spm_model)
        tokenizer = T5Tokenizer.from_pretrained(tmp, trust_remote_code=False, extra_ids=100, model_max_length=512)
    tokenizer.save_pretrained(str(out))
    (out / "spiece.model").write_bytes(spm_model)
    return tokenizer


def _t5_sizes() -> dict[str, int]:
    dims = TINY_DIMS
    return {
        "d_model": dims.d_model,
        "d_kv": dims.d_model // dims.heads,
        "d_ff": dims.ffn_dim,
        "num_layers": dims.layers,
        "num_decoder_layers": dims.layers,
        "num_heads": dims.heads,
    }


def _t5_generation(tokenizer: Any) -> GenerationConfig:
    return _generation_config(
        decoder_start_token_id=tokenizer.pad_token_id,
        eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id,
        max_length=TINY_DIMS.max_length,
    )


def _build_t5(out: Path, seed: int) -> None:
    """t5-small style: T5ForConditionalGeneration, relu FFN, tied embeddings; inputs take a task prefix."""
    from transformers import T5Config

    tokenizer = _build_t5_tokenizer(out)
    config = T5Config(
        vocab_size=len(tokenizer),
        **_t5_sizes(),
        feed_forward_proj="relu",
        tie_word_embeddings=True,
        pad_token_id=tokenizer.pad_token_id,
        eos_token_id=tokenizer.eos_token_id,
        decoder_start_token_id=tokenizer.pad_token_id,
        architectures=["T5ForConditionalGeneration"],
    )
    silent = _silent_ids(tokenizer, config.vocab_size, len(tokenizer))
    _save_model(out, "T5ForConditionalGeneration", config, _t5_generation(tokenizer), seed, silent)


def _build_mt5(out: Path, seed: int) -> None:
    """csebuetnlp/mT5_m2o_english_crossSum style: MT5ForConditionalGeneration, gated-gelu FFN, untied head."""
    from transformers import MT5Config

    tokenizer = _build_t5_tokenizer(out)
    config = MT5Config(
        vocab_size=len(tokenizer),
        **_t5_sizes(),
        feed_forward_proj="gated-gelu",
        pad_token_id=tokenizer.pad_token_id,
        eos_token_id=tokenizer.eos_token_id,
        decoder_start_token_id=tokenizer.pad_token_id,
        tokenizer_class="T5Tokenizer",
        architectures=["MT5ForConditionalGeneration"],
    )
    silent = _silent_ids(tokenizer, config.vocab_size, len(tokenizer))
    english_only = _non_english_ids(tokenizer)  # crossSum m2o: any language in, English summary out
    generation = _t5_generation(tokenizer)
    _save_model(out, "MT5ForConditionalGeneration", config, generation, seed, silent, english_only, untied_output=True)


_BUILDERS: dict[str, Callable[[Path, int], None]] = {
    "marian": _build_tiny_marian,
    "nllb": _build_nllb,
    "m2m100": _build_m2m100,
    "mbart50": _build_mbart50,
    "bart": _build_bart,
    "t5": _build_t5,
    "mt5": _build_mt5,
    "kobart": _build_kobart,
}


def build_family_checkpoint(family: str, out_dir: str | Path, seed: int = 0) -> Path:
    """Writes one tiny checkpoint of a model family into `out_dir`.

    Args:
        family: One of FAMILIES: marian, nllb, m2m100, mbart50, bart, t5, mt5, kobart.
        out_dir: Folder to write: new, empty, or a tiny checkpoint written before (then it is rebuilt).
        seed: Seed for the random weights; the same seed gives identical weights.

    Returns:
        The checkpoint folder, loadable with AutoModelForSeq2SeqLM / AutoTokenizer `from_pretrained`.

    Raises:
        ConfigError: unknown family, or out_dir is a non-empty folder this module did not write.
    """
    if family not in _BUILDERS:
        raise ConfigError(f"unknown model family {family!r}; choose one of: {', '.join(FAMILIES)}")
    out = _prepare_checkpoint_dir(out_dir, family, seed)
    _BUILDERS[family](out, seed)
    return out


def build_tiny_checkpoints(out_dir: str | Path, seed: int = 0) -> dict[str, Path]:
    """Writes the tiny checkpoints `summarizer models tiny DIR` promises, one folder per task.

    `out_dir/translation` is Marian ko→en and `out_dir/summarization` is BART; `ko-summarization` (KoBART) and
    `cross-lingual` (mT5) are written too so every summary strategy can run offline.

    Args:
        out_dir: Parent folder (created if missing).
        seed: Seed for the random weights.

    Returns:
        Task name → checkpoint folder.

    Raises:
        ConfigError: out_dir is a file, or a task folder in it is non-empty and not a tiny checkpoint.
    """
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise ConfigError(f"{out} is a file, not a folder")
    out.mkdir(parents=True, exist_ok=True)
    return {task: build_family_checkpoint(family, out / task, seed) for task, family in TINY_TASK_FAMILIES.items()}

