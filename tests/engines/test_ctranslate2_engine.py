"""The CTranslate2 backend on tiny real-architecture checkpoints: same greedy output as transformers,
language tokens per family, batching, length caps, and where converted models are found."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from summarizer.convert import convert_model
from summarizer.engines import loader
from summarizer.engines.base import GenerationOptions
from summarizer.engines.ctranslate2_engine import (
    CTranslate2Engine,
    choose_runtime,
    default_converted_dir,
    find_converted,
    load_ctranslate2_engine,
    sanitize_model_id,
    usable_cpu_cores,
)
from summarizer.errors import ConfigError, ModelUnavailableError
from summarizer.types import ModelInfo

FAMILY_TASKS = {
    "marian": "translation",
    "nllb": "translation",
    "m2m100": "translation",
    "mbart50": "translation",
    "bart": "summarization",
    "t5": "summarization",
    "mt5": "cross-lingual",
    "kobart": "ko-summarization",
}
KOREAN = [
    "광주광역시는 29일 오후 김대중컨벤션센터에서 비전 선포식을 개최했다.",
    "이용섭 시장은 직접 발표를 통해 비전을 밝혔다.",
    "앞으로 향후 10년간 이 20대 중점과제가 추진되면 세계적 수준의 AI 인프라가 광주에 조성된다.",
    "또한",
    "이날 최기영 과기정통부장관은 함께 나아가자고 말했다.",
]
ENGLISH = ["The city unveiled its artificial intelligence plan on Tuesday.", "The mayor presented it himself."]
GREEDY = GenerationOptions(num_beams=1, no_repeat_ngram_size=0, max_new_tokens=12)


@pytest.fixture(scope="module")
def converted(tiny_checkpoint, tmp_path_factory):
    """get(family, quantization) → a CTranslate2 folder converted from the tiny checkpoint (kept per module)."""
    made: dict[tuple[str, str], Path] = {}

    def get(family: str, quantization: str = "float32") -> Path:
        key = (family, quantization)
        if key not in made:
            out = tmp_path_factory.mktemp(f"ct2_{family}") / f"ct2-{quantization}"
            made[key] = convert_model(str(tiny_checkpoint(family)), out, quantization=quantization)
        return made[key]

    return get


_ENGINES: dict[tuple[str, str], CTranslate2Engine] = {}


def _ct2_engine(converted, tiny_checkpoint, family: str, quantization: str = "float32") -> CTranslate2Engine:
    """The engine on the converted tiny checkpoint: float32 compute for exact comparisons, else the default."""
    key = (family, quantization)
    if key not in _ENGINES:
        info = ModelInfo(task=FAMILY_TASKS[family], model_id=str(tiny_checkpoint(family)))
        compute_type = "float32" if quantization == "float32" else None
        _ENGINES[key] = load_ctranslate2_engine(converted(family, quantization), info, "cpu", compute_type)
    return _ENGINES[key]


def _inputs(family: str) -> list[str]:
    return ENGLISH if FAMILY_TASKS[family] == "summarization" else KOREAN[:3]


@pytest.mark.parametrize("family", sorted(FAMILY_TASKS))
def test_float32_greedy_output_matches_transformers(converted, tiny_checkpoint, family):
    reference = loader.load_engine(str(tiny_checkpoint(family)), FAMILY_TASKS[family], "cpu", "transformers")
    engine = _ct2_engine(converted, tiny_checkpoint, family)
    assert engine.info.family == family
    assert engine.info.backend == "ctranslate2"
    # no_repeat_ngram_size 3: some tiny generation configs set it, and transformers applies those defaults.
    options = replace(GREEDY, no_repeat_ngram_size=3)
    for text in _inputs(family):
        expected = reference.generate_detailed([text], options)[0]
        got = engine.generate_detailed([text], options)[0]
        assert expected.text
        # One decoding contract: the same tokens, token counts and stop reasons on both backends.
        assert (got.text, got.num_tokens, got.stopped) == (expected.text, expected.num_tokens, expected.stopped)


@pytest.mark.parametrize(
    "family,source_token,target_token",
    [("nllb", "kor_Hang", "eng_Latn"), ("m2m100", "__ko__", "__en__"), ("mbart50", "ko_KR", "en_XX")],
)
def test_multilingual_families_get_source_and_target_language_tokens(
    converted, tiny_checkpoint, family, source_token, target_token
):
    engine = _ct2_engine(converted, tiny_checkpoint, family)
    tokens = engine.source_tokens([KOREAN[0]])[0]
    assert tokens[0] == source_token
    assert tokens[-1] == "</s>"
    assert engine._target_prefix == (target_token,)
    for generation in engine.generate_detailed(KOREAN[:2], GREEDY):
        assert target_token not in generation.text


def test_t5_summarizer_gets_its_task_prefix(converted, tiny_checkpoint):
    engine = _ct2_engine(converted, tiny_checkpoint, "t5")
    assert engine.spec.prefix == "summarize: "
    with_prefix = engine.source_tokens([ENGLISH[0]])[0]
    expected = engine.tokenizer.tokenize("summarize:")
    assert with_prefix[: len(expected)] == expected
    assert engine.count_tokens([ENGLISH[0]]) == [len(with_prefix)]


def test_default_cpu_runtime_is_int8_on_every_usable_core(converted, tiny_checkpoint):
    engine = _ct2_engine(converted, tiny_checkpoint, "marian", quantization="int8")
    assert engine.compute_type == "int8"
    assert engine.runtime.intra_threads == usable_cpu_cores()
    assert engine.translator.device == "cpu"
    assert all(g.text for g in engine.generate_detailed(KOREAN[:2], GREEDY))


def test_outputs_keep_input_order_across_token_budget_batches(converted, tiny_checkpoint):
    engine = _ct2_engine(converted, tiny_checkpoint, "marian")
    texts = KOREAN + KOREAN[::-1]
    one_by_one = [engine.generate([t], GREEDY)[0] for t in texts]
    # A 40-token budget forces several batches, longest first; results must come back in input order.
    batched = engine.generate(texts, replace(GREEDY, batch_max_tokens=40, max_batch_size=3))
    assert batched == one_by_one


def test_min_equal_max_gives_exactly_that_many_tokens(converted, tiny_checkpoint):
    engine = _ct2_engine(converted, tiny_checkpoint, "nllb")
    options = replace(GREEDY, min_new_tokens=7, max_new_tokens=7, max_length_ratio=10.0)
    generations = engine.generate_detailed(KOREAN, options)
    assert [g.num_tokens for g in generations] == [7] * len(KOREAN)
    assert all(g.stopped is False for g in generations)


def test_each_input_keeps_its_own_length_cap(converted, tiny_checkpoint):
    engine = _ct2_engine(converted, tiny_checkpoint, "marian")
    options = replace(GREEDY, max_new_tokens=64, max_length_ratio=0.5, max_length_slack=1, min_new_tokens=64)
    lengths = engine.count_tokens(KOREAN)
    generations = engine.generate_detailed(KOREAN, options)
    # Batched with longer inputs, a short input must still stop at its own cap.
    assert [g.num_tokens for g in generations] == [options.max_new_tokens_for(n) for n in lengths]


def test_beam_search_and_repetition_options_run(converted, tiny_checkpoint):
    engine = _ct2_engine(converted, tiny_checkpoint, "marian")
    options = GenerationOptions(num_beams=3, max_new_tokens=24, min_new_tokens=24).stricter()

    def repeated_trigrams(text: str) -> int:
        pieces = engine.tokenizer(text_target=text, add_special_tokens=False)["input_ids"]  # target vocabulary
        trigrams = [tuple(pieces[i : i + 3]) for i in range(len(pieces) - 2)]
        return len(trigrams) - len(set(trigrams))

    generations = engine.generate_detailed(KOREAN[:2], options)
    assert len(generations) == 2 and generations[0].num_tokens == 24
    assert [repeated_trigrams(g.text) for g in generations] == [0, 0]
    # The tiny random model loops when allowed to, so the check above can see a repeat.
    loose = engine.generate_detailed(KOREAN[:2], replace(options, no_repeat_ngram_size=0, repetition_penalty=1.0))
    assert any(repeated_trigrams(g.text) for g in loose)


def test_empty_input_and_token_counts_include_the_end_token(converted, tiny_checkpoint):
    engine = _ct2_engine(converted, tiny_checkpoint, "marian")
    assert engine.generate([], GREEDY) == []
    assert engine.count_tokens(KOREAN[:2]) == [len(engine.tokenizer.tokenize(t)) + 1 for t in KOREAN[:2]]
    assert engine.max_input_tokens == 512  # the tiny Marian tokenizer's model_max_length (config allows 1024)


# --- where converted models are found --------------------------------------------------------------------


def test_find_converted_in_a_model_folder_prefers_int8(tmp_path):
    model = tmp_path / "model"
    for name in ("ct2-float16", "ct2-int8"):
        (model / name).mkdir(parents=True)
        (model / name / "model.bin").write_bytes(b"")
    assert find_converted(str(model)) == model / "ct2-int8"
    assert find_converted(str(model), "float16") == model / "ct2-float16"
    assert find_converted(str(model / "ct2-float16")) == model / "ct2-float16"
    assert find_converted(str(tmp_path / "elsewhere")) is None
    (model / "ct2-int8" / "model.bin").unlink()  # an unfinished folder does not count
    assert find_converted(str(model)) == model / "ct2-float16"


def test_find_converted_for_a_hub_id_looks_in_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("SUMMARIZER_CACHE", str(tmp_path))
    assert find_converted("Helsinki-NLP/opus-mt-ko-en") is None
    expected = tmp_path / "ct2" / "Helsinki-NLP--opus-mt-ko-en-int8"
    assert default_converted_dir("Helsinki-NLP/opus-mt-ko-en") == expected
    expected.mkdir(parents=True)
    (expected / "model.bin").write_bytes(b"")
    assert find_converted("Helsinki-NLP/opus-mt-ko-en") == expected
    assert sanitize_model_id("a/b c") == "a--b-c"


def test_loader_picks_up_a_conversion_unless_told_otherwise(tiny_checkpoint, tmp_path):
    model = tmp_path / "marian"
    shutil.copytree(tiny_checkpoint("marian"), model)  # a private copy: the conversion lands inside it
    assert loader.load_engine(str(model), "translation", "cpu", "transformers").info.backend == "transformers"
    convert_model(str(model))
    assert (model / "ct2-int8" / "model.bin").is_file()
    try:
        loader.clear_cache()
        assert loader.load_engine(str(model), "translation", "cpu", "auto").info.backend == "ctranslate2"
        assert loader.load_engine(str(model), "translation", "cpu", "transformers").info.backend == "transformers"
        direct = loader.load_engine(str(model / "ct2-int8"), "translation", "cpu", "auto")
        assert direct.info.backend == "ctranslate2" and direct.info.family == "marian"
    finally:
        loader.clear_cache()


def test_loading_errors_are_one_line(tiny_checkpoint, converted, tmp_path):
    info = ModelInfo(task="translation", model_id="x")
    with pytest.raises(ModelUnavailableError, match="not a CTranslate2 model"):
        load_ctranslate2_engine(Path(tiny_checkpoint("marian")), info, "cpu", None)
    broken = tmp_path / "no-tokenizer"
    shutil.copytree(converted("marian"), broken)
    shutil.rmtree(broken / "tokenizer")
    with pytest.raises(ModelUnavailableError, match="tokenizer") as caught:
        load_ctranslate2_engine(broken, info, "cpu", None)
    assert "\n" not in str(caught.value)


def test_runtime_choice_rejects_what_the_machine_cannot_run(monkeypatch):
    import ctranslate2

    # What an AVX2 CPU offers (CPUs with native float16 would accept it).
    cpu_types = {"int8", "int8_float32", "float32"}
    monkeypatch.setattr(ctranslate2, "get_supported_compute_types", lambda device, index=0: cpu_types)
    assert choose_runtime("cpu", None, "int8").compute_type == "int8"
    assert choose_runtime("cpu", None, "float16", cpu_threads=3).intra_threads == 3
    with pytest.raises(ConfigError, match="not supported"):
        choose_runtime("cpu", "float16", None)
    with pytest.raises(ConfigError, match="cannot run on device"):
        choose_runtime("mps", None, None)


def test_gpu_defaults_follow_the_weights(monkeypatch):
    # No GPU here: stand in for CTranslate2's capability query to check the GPU choices themselves.
    import ctranslate2

    gpu_types = {"float32", "float16", "bfloat16", "int8", "int8_float16", "int8_bfloat16", "int8_float32"}
    monkeypatch.setattr(ctranslate2, "get_supported_compute_types", lambda device, index=0: gpu_types)
    assert choose_runtime("cuda:1", None, "int8") == choose_runtime("cuda:1", "int8_float16", None)
    assert choose_runtime("cuda:1", None, "int8").device_index == 1
    assert choose_runtime("cuda", None, "float16").compute_type == "float16"
    assert choose_runtime("cuda", None, None).compute_type == "float16"


def test_folder_converted_by_other_tools_loads_with_family_from_tokenizer(converted, tmp_path):
    # ct2-transformers-converter --copy_files puts the tokenizer next to model.bin, with no HF config.
    flat = tmp_path / "flat"
    shutil.copytree(converted("nllb"), flat)
    for path in (flat / "tokenizer").iterdir():
        if path.name not in ("config.json", "generation_config.json"):
            shutil.copy(path, flat / path.name)
    shutil.rmtree(flat / "tokenizer")
    (flat / "summarizer_ct2.json").unlink()
    engine = load_ctranslate2_engine(flat, ModelInfo(task="translation", model_id=str(flat)), "cpu", None)
    assert engine.info.family == "nllb"
    assert engine.source_tokens([KOREAN[1]])[0][0] == "kor_Hang"
    assert engine._target_prefix == ("eng_Latn",)


def test_out_of_memory_is_handled_as_on_transformers(converted, tiny_checkpoint):
    # One way for both backends: halve and retry; a single input that still fails is one ModelError line.
    from summarizer.errors import ModelError

    engine = _ct2_engine(converted, tiny_checkpoint, "marian")
    expected = engine.generate(KOREAN, GREEDY)
    real = engine.translator
    sizes: list[int] = []

    class Flaky:
        def __init__(self, limit: int) -> None:
            self.limit = limit

        def translate_batch(self, batch, **kwargs):
            sizes.append(len(batch))
            if len(batch) > self.limit:
                raise RuntimeError("CUDA failed with error out of memory")
            return real.translate_batch(batch, **kwargs)

    try:
        engine.translator = Flaky(limit=1)
        assert engine.generate(KOREAN, GREEDY) == expected
        assert sizes[0] == len(KOREAN) and sizes.count(1) == len(KOREAN)  # every input ran once, alone
        engine.translator = Flaky(limit=0)
        with pytest.raises(ModelError, match="out of memory") as info:
            engine.generate(KOREAN[:1], GREEDY)
        assert "\n" not in str(info.value)
    finally:
        engine.translator = real
