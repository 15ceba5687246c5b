"""T5 / mT5: SentencePiece unigram spiece.model (<pad> 0, </s> 1, <unk> 2) + 100 <extra_id_*> sentinels."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from summarizer.tiny.common import (
    _all_lines,
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
