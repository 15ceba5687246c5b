"""BART (facebook/bart-large-cnn: byte-level BPE) and KoBART (gogamza/kobart-summarization: tokenizer.json only)."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from summarizer.tiny.common import (
    _all_lines,
    _bart_style_ids,
    _generation_config,
    _JOINT_PIECES,
    _non_english_ids,
    _save_model,
    _silent_ids,
    TINY_DIMS,
)
from summarizer.tiny.multilingual import _bart_like_sizes


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
        **_bart_style_ids(tokenizer.pad_token_id, tokenizer.bos_token_id, tokenizer.eos_token_id),
        forced_eos_token_id=tokenizer.eos_token_id,
        architectures=["BartForConditionalGeneration"],
    )
    generation = _generation_config(
        **_bart_style_ids(tokenizer.pad_token_id, tokenizer.bos_token_id, tokenizer.eos_token_id),
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
        **_bart_style_ids(pad, bos, eos),
        forced_eos_token_id=eos,
        tokenizer_class="PreTrainedTokenizerFast",
        architectures=["BartForConditionalGeneration"],
    )
    generation = _generation_config(
        **_bart_style_ids(pad, bos, eos),
        forced_eos_token_id=eos,
        max_length=TINY_DIMS.max_length,
    )
    specials = tokenizer.convert_tokens_to_ids(_KOBART_SPECIAL_TOKENS)
    silent = _silent_ids(tokenizer, config.vocab_size, len(tokenizer), specials)
    _save_model(out, "BartForConditionalGeneration", config, generation, seed, silent)
