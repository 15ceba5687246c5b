"""Tiny checkpoints: every family loads offline like its hub model, handles Korean and language tokens, generates
non-empty text, is seeded, converts to CTranslate2; the benchmark builder has the real opus-mt-tc-big dims."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from summarizer import tiny
from summarizer.errors import ConfigError

KOREAN = [
    "광주시는 인공지능 중심 도시를 만들기 위해 연구진과 함께 새로운 사업을 발표했다.",
    "연구진은 수컷 쥐에게 바이러스를 감염시켰다.",
]

EXPECTED_CLASSES = {
    # family: (tokenizer class, model class, config.model_type) as loaded from the real hub checkpoints
    "marian": ("MarianTokenizer", "MarianMTModel", "marian"),
    "nllb": ("NllbTokenizer", "M2M100ForConditionalGeneration", "m2m_100"),
    "m2m100": ("M2M100Tokenizer", "M2M100ForConditionalGeneration", "m2m_100"),
    "mbart50": ("MBart50Tokenizer", "MBartForConditionalGeneration", "mbart"),
    "bart": ("RobertaTokenizer", "BartForConditionalGeneration", "bart"),  # v5: BartTokenizer is RobertaTokenizer
    "t5": ("T5Tokenizer", "T5ForConditionalGeneration", "t5"),
    "mt5": ("T5Tokenizer", "MT5ForConditionalGeneration", "mt5"),
    "kobart": ("TokenizersBackend", "BartForConditionalGeneration", "bart"),  # v5: PreTrainedTokenizerFast
}


@pytest.fixture(scope="module", autouse=True)
def one_torch_thread() -> Iterator[None]:
    """Tiny models run fastest on one thread, above all on a shared 2-core machine."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


def load(path: Path) -> tuple[Any, Any]:
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    return AutoTokenizer.from_pretrained(path), AutoModelForSeq2SeqLM.from_pretrained(path)


def target_language_id(family: str, tokenizer: Any) -> int | None:
    """Id of the English token the decoder must be forced to start with, or None for single-language families."""
    if family not in tiny.LANGUAGE_CODES:
        return None
    target = tiny.LANGUAGE_CODES[family][1]
    return tokenizer.get_lang_id(target) if family == "m2m100" else tokenizer.convert_tokens_to_ids(target)


def encode(family: str, tokenizer: Any, texts: list[str]) -> Any:
    """Encodes like the hub model cards: source language set, T5 task prefix, KoBART's manual <s> ... </s>."""
    import torch

    if family in tiny.LANGUAGE_CODES:
        tokenizer.src_lang = tiny.LANGUAGE_CODES[family][0]
    if family == "t5":
        texts = [f"summarize: {text}" for text in texts]
    if family != "kobart":
        return tokenizer(texts, return_tensors="pt", padding=True)
    bos, eos = tokenizer.bos_token_id, tokenizer.eos_token_id
    rows = [[bos, *tokenizer(text, add_special_tokens=False).input_ids, eos] for text in texts]
    width = max(map(len, rows))
    ids = torch.tensor([row + [tokenizer.pad_token_id] * (width - len(row)) for row in rows])
    return {"input_ids": ids, "attention_mask": (ids != tokenizer.pad_token_id).long()}


def generate(family: str, tokenizer: Any, model: Any, texts: list[str], **kwargs: Any) -> Any:
    import torch

    forced = target_language_id(family, tokenizer)
    if forced is not None:
        kwargs["forced_bos_token_id"] = forced
    with torch.inference_mode():
        return model.generate(**encode(family, tokenizer, texts), max_new_tokens=8, **kwargs)


@pytest.mark.parametrize("family", tiny.FAMILIES)
def test_family_loads_offline_with_the_hub_classes(family: str, tiny_checkpoint: Callable[[str], Path]) -> None:
    assert os.environ["HF_HUB_OFFLINE"] == "1"
    tokenizer, model = load(tiny_checkpoint(family))
    tokenizer_class, model_class, model_type = EXPECTED_CLASSES[family]
    assert type(tokenizer).__name__ == tokenizer_class
    assert type(model).__name__ == model_class
    assert model.config.model_type == model_type
    # Every id the tokenizer can produce has a row in the model, so no input can index past the embeddings.
    assert max(tokenizer.get_vocab().values()) < model.config.vocab_size
    assert model.num_parameters() < 300_000
    note = json.loads((tiny_checkpoint(family) / "tiny_checkpoint.json").read_text("utf-8"))
    assert note["family"] == family and "meaningless" in note["note"]


@pytest.mark.parametrize("family", tiny.FAMILIES)
def test_korean_is_encoded_into_known_pieces(family: str, tiny_checkpoint: Callable[[str], Path]) -> None:
    tokenizer, _ = load(tiny_checkpoint(family))
    ids = encode(family, tokenizer, KOREAN[:1])["input_ids"][0].tolist()
    special = set(tokenizer.all_special_ids) - {tokenizer.unk_token_id}
    pieces = [i for i in ids if i not in special]
    unknown = sum(i == tokenizer.unk_token_id for i in pieces)
    assert len(pieces) >= 10
    assert unknown <= len(pieces) // 10, tokenizer.convert_ids_to_tokens(ids)


@pytest.mark.parametrize("family", ["nllb", "m2m100", "mbart50"])
def test_multilingual_families_put_the_source_language_first_and_force_english(
    family: str, tiny_checkpoint: Callable[[str], Path]
) -> None:
    tokenizer, model = load(tiny_checkpoint(family))
    source, target = tiny.LANGUAGE_CODES[family]
    ids = encode(family, tokenizer, KOREAN[:1])["input_ids"][0].tolist()
    source_token = f"__{source}__" if family == "m2m100" else source
    assert ids[0] == tokenizer.convert_tokens_to_ids(source_token)
    assert ids[-1] == tokenizer.eos_token_id
    output = generate(family, tokenizer, model, KOREAN[:1])[0].tolist()
    # Decoder starts from </s>, then the forced English code, then at least one real token.
    assert output[:2] == [model.generation_config.decoder_start_token_id, target_language_id(family, tokenizer)]
    text = tokenizer.decode(output, skip_special_tokens=True)
    assert text.strip() and target not in text


def test_kobart_tokenizer_adds_no_special_tokens_like_the_hub_one(tiny_checkpoint: Callable[[str], Path]) -> None:
    tokenizer, _ = load(tiny_checkpoint("kobart"))
    ids = tokenizer(KOREAN[0]).input_ids
    assert tokenizer.bos_token_id not in ids and tokenizer.eos_token_id not in ids
    config = json.loads((tiny_checkpoint("kobart") / "tokenizer_config.json").read_text("utf-8"))
    assert config["tokenizer_class"] == "PreTrainedTokenizerFast"


@pytest.mark.parametrize("family", tiny.FAMILIES)
def test_generation_gives_non_empty_text_for_every_input(family: str, tiny_checkpoint: Callable[[str], Path]) -> None:
    tokenizer, model = load(tiny_checkpoint(family))
    texts = tokenizer.batch_decode(generate(family, tokenizer, model, KOREAN), skip_special_tokens=True)
    assert len(texts) == len(KOREAN)
    assert all(text.strip() for text in texts), texts


@pytest.mark.parametrize("family", ["marian", "bart", "t5"])
def test_models_accept_inputs_of_512_tokens(family: str, tiny_checkpoint: Callable[[str], Path]) -> None:
    import torch

    tokenizer, model = load(tiny_checkpoint(family))
    ids = encode(family, tokenizer, [" ".join(KOREAN * 40)])["input_ids"][:, :512]
    assert ids.shape[1] == 512
    with torch.inference_mode():
        output = model.generate(input_ids=ids, attention_mask=torch.ones_like(ids), max_new_tokens=2, min_length=0)
    assert output.shape[0] == 1


def test_build_tiny_checkpoints_writes_one_folder_per_task(tiny_models: Path) -> None:
    expected = {"translation": "marian", "summarization": "bart", "ko-summarization": "bart", "cross-lingual": "mt5"}
    for task, model_type in expected.items():
        config = json.loads((tiny_models / task / "config.json").read_text("utf-8"))
        assert config["model_type"] == model_type
    assert "meaningless" in tiny.TINY_MODELS_NOTE


def _weights(path: Path) -> dict[str, Any]:
    from safetensors.torch import load_file

    return load_file(path / "model.safetensors")


@pytest.mark.parametrize("family", ["marian", "bart", "kobart", "t5"])
def test_same_seed_gives_identical_checkpoints_and_another_seed_other_weights(
    family: str, tiny_checkpoint: Callable[[str], Path], tmp_path: Path
) -> None:
    import torch

    first = tiny_checkpoint(family)
    again = tiny.build_family_checkpoint(family, tmp_path / "again", seed=0)
    other = tiny.build_family_checkpoint(family, tmp_path / "other", seed=1)
    first_weights, again_weights, other_weights = _weights(first), _weights(again), _weights(other)
    assert first_weights.keys() == again_weights.keys()
    assert all(torch.equal(first_weights[name], again_weights[name]) for name in first_weights)
    assert not all(torch.equal(first_weights[name], other_weights[name]) for name in first_weights)
    # Tokenizer training is deterministic too: same files, byte for byte.
    for name in ("tokenizer.json", "vocab.json", "source.spm", "target.spm", "spiece.model"):
        if (first / name).exists():
            assert (first / name).read_bytes() == (again / name).read_bytes(), name


def test_unknown_family_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="unknown model family"):
        tiny.build_family_checkpoint("gpt2", tmp_path)


def test_a_tiny_folder_is_rebuilt_in_place_but_a_foreign_folder_is_refused(tmp_path: Path) -> None:
    folder = tiny.build_family_checkpoint("t5", tmp_path / "t5")
    rebuilt = tiny.build_family_checkpoint("kobart", folder)  # stale T5 files must not survive
    assert not (rebuilt / "spiece.model").exists()
    assert json.loads((rebuilt / "config.json").read_text("utf-8"))["model_type"] == "bart"
    real = tmp_path / "real-model"
    real.mkdir()
    (real / "model.safetensors").write_bytes(b"precious")
    with pytest.raises(ConfigError, match="not empty"):
        tiny.build_family_checkpoint("t5", real)
    users_folder = tmp_path / "parent" / "translation"
    users_folder.mkdir(parents=True)
    (users_folder / "notes.txt").write_text("mine")
    with pytest.raises(ConfigError, match="not empty"):
        tiny.build_tiny_checkpoints(tmp_path / "parent", seed=0)
    assert (real / "model.safetensors").read_bytes() == b"precious"
    assert (users_folder / "notes.txt").read_text() == "mine"


def test_tiny_corpus_holds_both_languages_and_stays_small() -> None:
    korean, english = tiny.load_tiny_corpus()
    assert len(korean) >= 300 and len(english) >= 300
    corpus = Path(tiny.__file__).parents[1] / "data" / "tiny_corpus.txt"
    assert corpus.stat().st_size < 200_000


def test_opus_mt_tc_big_dims_make_a_transformer_big() -> None:
    dims = tiny.OPUS_MT_TC_BIG_KO_EN_DIMS
    assert (dims.d_model, dims.encoder_layers, dims.decoder_layers, dims.heads, dims.ffn_dim) == (1024, 6, 6, 16, 4096)
    d, f, v = dims.d_model, dims.ffn_dim, dims.vocab_size
    attention, norm, ffn = 4 * d * d + 4 * d, 2 * d, 2 * d * f + f + d
    expected = (
        v * d  # embeddings, shared by encoder, decoder and output layer
        + 2 * dims.max_position_embeddings * d  # sinusoidal position tables (frozen)
        + dims.encoder_layers * (attention + ffn + 2 * norm)
        + dims.decoder_layers * (2 * attention + ffn + 3 * norm)
    )
    assert tiny.marian_parameter_count(dims) == expected
    assert 200_000_000 < expected < 230_000_000


def test_build_marian_pads_the_vocabulary_to_the_requested_size(tmp_path: Path) -> None:
    import torch

    path = tiny.build_marian(
        tmp_path / "m", d_model=16, encoder_layers=1, decoder_layers=3, heads=4, ffn_dim=24, vocab_size=4000, seed=3
    )
    tokenizer, model = load(path)
    config = model.config
    assert (config.d_model, config.encoder_layers, config.decoder_layers) == (16, 1, 3)
    assert (config.encoder_attention_heads, config.decoder_ffn_dim, config.vocab_size) == (4, 24, 4000)
    assert len(tokenizer) == 4000 and tokenizer.pad_token_id == 3999 == config.decoder_start_token_id
    ids = generate("marian", tokenizer, model, KOREAN, num_beams=1)
    fillers = {i for piece, i in tokenizer.encoder.items() if piece.startswith("<unused")}
    assert len(fillers) > 1000
    assert not fillers & set(ids.flatten().tolist())  # filler rows exist for width only; they are never emitted
    with pytest.raises(ConfigError, match="vocab_size"):
        tiny.build_marian(tmp_path / "small", d_model=16, encoder_layers=1, decoder_layers=1, heads=2, ffn_dim=16,
                          vocab_size=100)


@pytest.mark.parametrize("family", tiny.FAMILIES)
def test_ctranslate2_converts_and_decodes_like_transformers(
    family: str, tiny_checkpoint: Callable[[str], Path], tmp_path: Path
) -> None:
    import ctranslate2
    from ctranslate2.converters import TransformersConverter

    path = tiny_checkpoint(family)
    TransformersConverter(str(path)).convert(str(tmp_path / "ct2"), quantization="float32")
    tokenizer, model = load(path)
    ids = encode(family, tokenizer, KOREAN[:1])["input_ids"][0].tolist()
    reference = generate(family, tokenizer, model, KOREAN[:1], num_beams=1, no_repeat_ngram_size=0, min_length=0)
    expected = [i for i in reference[0].tolist()[1:] if i != tokenizer.eos_token_id]
    forced = target_language_id(family, tokenizer)
    prefix = {"bart": [tokenizer.bos_token]}.get(family)
    if forced is not None:
        prefix = [tokenizer.convert_ids_to_tokens(forced)]
    translator = ctranslate2.Translator(str(tmp_path / "ct2"), device="cpu", intra_threads=1)
    result = translator.translate_batch(
        [tokenizer.convert_ids_to_tokens(ids)],
        target_prefix=[prefix] if prefix else None,
        beam_size=1,
        max_decoding_length=len(expected),
    )
    assert tokenizer.convert_tokens_to_ids(result[0].hypotheses[0]) == expected
