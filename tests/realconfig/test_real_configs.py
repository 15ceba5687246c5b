"""Real configs and tokenizers (random weights): both backends apply one decoding contract on every family.

Findings of issue 11 covered here: 1 (KoBART framing), 2 (unloadable conversion), 3 (literal <mask>),
4 (missing language codes), 6 (backends agree exactly), 8 (bart-large-cnn's prefix).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from summarizer.engines import loader
from summarizer.engines.base import GenerationOptions
from summarizer.engines.ctranslate2_engine import load_ctranslate2_engine
from summarizer.errors import ModelUnavailableError
from summarizer.types import ModelInfo

pytestmark = pytest.mark.realconfig

# Folder → (task it is driven as, family the project must detect).
REAL_CONFIGS = {
    "bart-large-cnn": ("summarization", "bart"),
    "kobart": ("ko-summarization", "kobart"),
    "m2m100_418M": ("translation", "m2m100"),
    "mbart-large-50-many-to-many-mmt": ("translation", "mbart50"),
    "nllb-200-distilled-600M": ("translation", "nllb"),
    "opus-mt-ko-en": ("translation", "marian"),
}

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = (REPO / "examples" / "newspim_gwangju_ai_2020.txt").read_text(encoding="utf-8")
KOREAN = [line.strip() for line in EXAMPLE.splitlines() if len(line.strip()) > 30][:3]
ENGLISH = ["The city unveiled its artificial intelligence plan on Tuesday.", "The mayor presented it himself."]
GREEDY = GenerationOptions(num_beams=1, no_repeat_ngram_size=0, max_new_tokens=8)
# Expected framing per folder: (first source token, last source token, forced first target token).
FRAMING = {
    "bart-large-cnn": ("<s>", "</s>", "<s>"),
    "kobart": ("<s>", "</s>", None),
    "m2m100_418M": ("__ko__", "</s>", "__en__"),
    "mbart-large-50-many-to-many-mmt": ("ko_KR", "</s>", "en_XX"),
    "nllb-200-distilled-600M": ("kor_Hang", "</s>", "eng_Latn"),
    "opus-mt-ko-en": (None, "</s>", None),
}


def _engines(name, standin, standin_ct2):
    task, _ = REAL_CONFIGS[name]
    reference = loader.load_engine(str(standin(name)), task, "cpu", "transformers")
    fast = load_ctranslate2_engine(standin_ct2(name), ModelInfo(task=task, model_id=str(standin(name))), "cpu", "float32", 1)
    return reference, fast


@pytest.mark.parametrize("name", sorted(REAL_CONFIGS))
def test_both_backends_frame_and_decode_alike(name, standin, standin_ct2):
    reference, fast = _engines(name, standin, standin_ct2)
    family = REAL_CONFIGS[name][1]
    assert reference.info.family == fast.info.family == family
    assert reference.contract == fast.contract
    texts = ENGLISH if family == "bart" else KOREAN
    first, last, forced = FRAMING[name]
    tokens = fast.source_tokens(texts[:1])[0]
    if first is not None:
        assert tokens[0] == first
    assert tokens[-1] == last
    assert fast._target_prefix == ((forced,) if forced else ())
    assert reference.count_tokens(texts) == fast.count_tokens(texts)
    for options in (GREEDY, GenerationOptions(num_beams=2, max_new_tokens=6, min_new_tokens=4, max_length_ratio=5.0)):
        expected = [(g.num_tokens, g.stopped, g.text) for g in reference.generate_detailed(texts, options)]
        got = [(g.num_tokens, g.stopped, g.text) for g in fast.generate_detailed(texts, options)]
        assert got == expected  # finding 6: exact equality, no tolerance


def test_kobart_input_is_framed_with_bos_and_eos(standin):
    # Finding 1: the real KoBART tokenizer adds no special tokens; the model was trained on <s> … </s>.
    engine = loader.load_engine(str(standin("kobart")), "ko-summarization", "cpu", "transformers")
    ids = engine.encode(KOREAN[:1])[0]
    assert (ids[0], ids[-1]) == (0, 1)
    assert engine.tokenizer(KOREAN[0])["input_ids"][0] != 0  # the tokenizer alone really does not frame


def test_kobart_conversion_names_its_special_tokens_and_loads(standin_ct2):
    # Finding 2: tokenizer files without special tokens used to give eos_token: null → unloadable model.
    engine = load_ctranslate2_engine(standin_ct2("kobart"), ModelInfo(task="ko-summarization", model_id="kobart"), "cpu", None, 1)
    assert engine.contract.pad_id == 3
    generation = engine.generate_detailed(KOREAN[:1], GREEDY)[0]
    assert generation.text.strip() and 0 < generation.num_tokens <= GREEDY.max_new_tokens
    assert "<s>" not in generation.text and "</s>" not in generation.text  # special tokens named, so stripped


def test_literal_special_token_strings_are_tokenized_as_text(standin, standin_ct2):
    # Finding 3: "<mask>" in English text became id 50264 = vocab_size → IndexError in the embedding.
    text = "Press <mask> and </s> to continue <pad>."
    reference, fast = _engines("bart-large-cnn", standin, standin_ct2)
    ids = reference.encode([text])[0]
    assert max(ids) < 50264 and ids.count(2) == 1
    assert reference.generate([text], GREEDY) == fast.generate([text], GREEDY)


def test_bart_large_cnn_config_prefix_is_applied(standin):
    # Finding 8: config.json "prefix": " " is what transformers' summarization path prepends.
    engine = loader.load_engine(str(standin("bart-large-cnn")), "summarization", "cpu", "transformers")
    assert engine.contract.text_prefix == " "
    assert engine.encode(["Hello"])[0][1] == engine.tokenizer.convert_tokens_to_ids("ĠHello")


def test_nllb_without_language_codes_is_refused(standin, shared_data, tmp_path):
    # Finding 4: with the real tokenizer_config.json and no tokenizer.json, NLLB loads without language codes.
    broken = tmp_path / "nllb"
    shutil.copytree(standin("nllb-200-distilled-600M"), broken)
    (broken / "tokenizer.json").unlink()
    for name in ("tokenizer_config.json", "special_tokens_map.json"):
        shutil.copyfile(shared_data / "model-configs" / "nllb-200-distilled-600M" / name, broken / name)
    with pytest.raises(ModelUnavailableError, match="language code") as info:
        loader.load_engine(str(broken), "translation", "cpu", "transformers")
    assert "\n" not in str(info.value)


def test_real_vocab_sizes_and_language_ids_are_kept(standin):
    import json

    for name, (vocab, checks) in {
        "nllb-200-distilled-600M": (256206, {"eng_Latn": 256047, "kor_Hang": 256098, "<mask>": 256203}),
        "mbart-large-50-many-to-many-mmt": (250054, {"en_XX": 250004, "ko_KR": 250014, "<mask>": 250053}),
        "m2m100_418M": (128112, {"__en__": 128022, "__ko__": 128052}),
    }.items():
        folder = standin(name)
        assert json.loads((folder / "config.json").read_text())["vocab_size"] == vocab
        engine = loader.load_engine(str(folder), "translation", "cpu", "transformers")
        assert {t: engine.tokenizer.convert_tokens_to_ids(t) for t in checks} == checks


def test_a_config_missing_from_the_data_folder_follows_the_skip_rule(standin, monkeypatch):
    # Same rule as a missing data folder (tests/conftest.py `require`): skipped on a bare machine, failed under CI.
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="no-such-model"):
        standin("no-such-model")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true and .*no-such-model"):
        standin("no-such-model")
