"""Random-weight stand-ins of real checkpoints, built from their real config and tokenizer files (no weights).

`build_standin(config_dir, out_dir)` reads a folder holding a real checkpoint's small files (config.json,
generation_config.json, tokenizer files; e.g. ../shared/data/model-configs/<name>/), shrinks only depth and
width, and writes a loadable checkpoint that keeps the real vocabulary size, special ids, decoder start and
generation config. Tokenizer files the folder lacks are built as stand-ins with the same ids:

    NLLB / mBART-50   no sentencepiece.bpe.model: a small BPE model trained on the tiny corpus, padded with
                      unreachable filler pieces to the real piece count (256000 / 250000), so language codes,
                      <mask> and every special id land where the real tokenizer puts them
    opus-mt-*         no source.spm / target.spm: small SentencePiece models; pieces map through the real
                      vocab.json (pieces it lacks become <unk>)

Their output is meaningless: they test loading, framing, special and language tokens, and both backends.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from summarizer.errors import ConfigError

# Real SentencePiece piece counts of the models whose sentencepiece.bpe.model is too large to ship:
# fairseq ids = piece id + 1, then language codes, then <mask> (NLLB: eng_Latn = 256047; mBART-50: en_XX = 250004).
_SPM_PIECES = {"NllbTokenizer": 256000, "MBart50Tokenizer": 250000}
# Depth and width of every stand-in: small enough for CPU tests, vocab untouched.
_SHRINK = {
    "d_model": 16, "encoder_layers": 1, "decoder_layers": 1, "encoder_attention_heads": 2,
    "decoder_attention_heads": 2, "encoder_ffn_dim": 32, "decoder_ffn_dim": 32, "num_hidden_layers": 1,
}
_NOT_COPIED = {"PROVENANCE.tsv", "config.json"}


def build_standin(config_dir: str | Path, out_dir: str | Path, seed: int = 0) -> Path:
    """Write a random-weight checkpoint of the real architecture in `config_dir` into `out_dir`.

    Args:
        config_dir: Folder with the real config.json (+ generation_config.json and tokenizer files).
        out_dir: New or empty folder.
        seed: Seed for the random weights.

    Returns:
        out_dir, loadable by AutoModelForSeq2SeqLM / AutoTokenizer without the network.

    Raises:
        ConfigError: no config.json in config_dir, or out_dir is not empty.
    """
    import torch
    from transformers import AutoConfig, AutoModelForSeq2SeqLM, GenerationConfig

    source, out = Path(config_dir), Path(out_dir)
    if not (source / "config.json").is_file():
        raise ConfigError(f"{source} holds no config.json")
    if out.exists() and any(out.iterdir()):
        raise ConfigError(f"{out} is not empty")
    out.mkdir(parents=True, exist_ok=True)
    config = AutoConfig.from_pretrained(str(source), trust_remote_code=False)
    for name, value in _SHRINK.items():
        if hasattr(config, name):
            setattr(config, name, value)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        model = AutoModelForSeq2SeqLM.from_config(config, trust_remote_code=False)
    if (source / "generation_config.json").is_file():
        # The real file is copied over the saved one below, so the load's keyword never reaches disk.
        model.generation_config = GenerationConfig.from_pretrained(str(source), trust_remote_code=False)
    model.save_pretrained(str(out))
    for path in source.iterdir():  # the real small files, unchanged (config.json is the shrunk one)
        if path.is_file() and path.name not in _NOT_COPIED and not path.name.startswith("config."):
            shutil.copyfile(path, out / path.name)
    _complete_tokenizer(out, config)
    return out


def _complete_tokenizer(out: Path, config: Any) -> None:
    """Write stand-ins for tokenizer files the real folder lacks (see the module docstring)."""
    tokenizer_class = _tokenizer_class(out, config)
    if tokenizer_class in _SPM_PIECES and not (out / "sentencepiece.bpe.model").is_file():
        _write_padded_spm(out / "sentencepiece.bpe.model", _SPM_PIECES[tokenizer_class])
        from transformers import AddedToken, AutoTokenizer

        kwargs: dict[str, Any] = {}
        if tokenizer_class == "NllbTokenizer":
            from transformers.models.nllb.tokenization_nllb import FAIRSEQ_LANGUAGE_CODES

            # The hub's tokenizer.json lists the 202 codes before <mask>; without it they would follow <mask>.
            kwargs = {"extra_special_tokens": list(FAIRSEQ_LANGUAGE_CODES), "mask_token": None}
        tokenizer = AutoTokenizer.from_pretrained(str(out), trust_remote_code=False, **kwargs)
        if tokenizer.mask_token is None:
            tokenizer.add_special_tokens({"mask_token": AddedToken("<mask>", lstrip=True, special=True)})
        # Saved once as tokenizer.json: converting a 256k-piece model on every load would take seconds.
        tokenizer.save_pretrained(str(out))
        _mask_last(out / "tokenizer.json")
    if config.model_type == "marian" and not (out / "source.spm").is_file():
        from summarizer.tiny.common import _train_sentencepiece, load_tiny_corpus

        korean, english = load_tiny_corpus()
        (out / "source.spm").write_bytes(_train_sentencepiece(tuple(korean), 2000, "unigram"))
        (out / "target.spm").write_bytes(_train_sentencepiece(tuple(english), 1000, "unigram"))


def _mask_last(tokenizer_json: Path) -> None:
    """Renumber added tokens so <mask> follows the language codes, as in the hub's tokenizer.json."""
    data = json.loads(tokenizer_json.read_text("utf-8"))
    added = data["added_tokens"]
    first = min(t["id"] for t in added if t["id"] > 3)
    ordered = [t for t in added if t["id"] <= 3]
    rest = [t for t in added if t["id"] > 3 and t["content"] != "<mask>"] + [t for t in added if t["content"] == "<mask>"]
    for offset, token in enumerate(rest):
        token["id"] = first + offset
    data["added_tokens"] = ordered + rest
    tokenizer_json.write_text(json.dumps(data, ensure_ascii=False), "utf-8")


def _tokenizer_class(out: Path, config: Any) -> str:
    tokenizer_config = out / "tokenizer_config.json"
    named = json.loads(tokenizer_config.read_text("utf-8")).get("tokenizer_class") if tokenizer_config.is_file() else None
    return named or getattr(config, "tokenizer_class", None) or ""


def _write_padded_spm(path: Path, pieces: int) -> None:
    """A small BPE SentencePiece model padded with unreachable pieces to exactly `pieces` pieces."""
    from sentencepiece import sentencepiece_model_pb2

    from summarizer.tiny.common import _all_lines, _train_sentencepiece

    proto = sentencepiece_model_pb2.ModelProto()
    proto.ParseFromString(_train_sentencepiece(_all_lines(), 3000, "bpe"))
    if len(proto.pieces) > pieces:
        raise ConfigError(f"cannot pad a {len(proto.pieces)}-piece model down to {pieces}")
    for index in range(pieces - len(proto.pieces)):
        piece = proto.pieces.add()
        piece.piece = f"\U000f0000{index}"  # private-use prefix: no text ever reaches it
        piece.score = -1e9
        piece.type = sentencepiece_model_pb2.ModelProto.SentencePiece.NORMAL
    path.write_bytes(proto.SerializeToString())
