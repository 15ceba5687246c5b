"""Fairseq multilingual families: NLLB-200, M2M100 and mBART-50, with their language-code layouts."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from summarizer.tiny.common import (
    _all_lines,
    _bart_style_ids,
    _generation_config,
    _JOINT_PIECES,
    _non_english_ids,
    _save_model,
    _silent_ids,
    TINY_DIMS,
    _train_sentencepiece,
)

if TYPE_CHECKING:
    from transformers import GenerationConfig


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
        **_bart_style_ids(tokenizer.pad_token_id, tokenizer.bos_token_id, tokenizer.eos_token_id),
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
        **_bart_style_ids(tokenizer.pad_token_id, tokenizer.bos_token_id, tokenizer.eos_token_id),
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
        **_bart_style_ids(tokenizer.pad_token_id, tokenizer.bos_token_id, tokenizer.eos_token_id),
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
        **_bart_style_ids(tokenizer.pad_token_id, tokenizer.bos_token_id, tokenizer.eos_token_id),
        forced_eos_token_id=tokenizer.eos_token_id,
        tokenizer_class="MBart50Tokenizer",
        architectures=["MBartForConditionalGeneration"],
    )
    silent = _silent_ids(tokenizer, config.vocab_size, len(tokenizer))
    generation = _fairseq_generation(tokenizer)
    _save_model(out, "MBartForConditionalGeneration", config, generation, seed, silent, _non_english_ids(tokenizer))
