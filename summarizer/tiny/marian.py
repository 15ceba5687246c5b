"""Marian (Helsinki-NLP/opus-mt-*): source.spm + target.spm + one joint vocab.json, <pad> last = decoder start."""

from __future__ import annotations

import json
import tempfile
import warnings
from pathlib import Path
from typing import Any

from summarizer.errors import ConfigError
from summarizer.tiny.common import (
    _ENGLISH_PIECES,
    _generation_config,
    _KOREAN_PIECES,
    load_tiny_corpus,
    MarianDims,
    _non_english_ids,
    _prepare_checkpoint_dir,
    _save_model,
    _silent_ids,
    TINY_DIMS,
    _train_sentencepiece,
)


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
