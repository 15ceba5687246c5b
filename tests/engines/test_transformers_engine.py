"""The transformers backend on tiny real-architecture checkpoints of every family."""

from __future__ import annotations

import pytest
import torch

from summarizer.engines.base import GenerationOptions
from summarizer.engines.loader import load_engine

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
# Each tiny checkpoint's window: min(config.max_position_embeddings, tokenizer.model_max_length), capped at 1024.
TINY_WINDOWS = {"marian": 512, "bart": 1024, "t5": 512, "mt5": 512, "kobart": 1024, "nllb": 1024, "m2m100": 1024, "mbart50": 1024}
GREEDY = GenerationOptions(num_beams=1, no_repeat_ngram_size=0, max_new_tokens=24)


@pytest.mark.parametrize("family", sorted(FAMILY_TASKS))
def test_every_family_loads_and_generates(tiny_checkpoint, family):
    engine = load_engine(str(tiny_checkpoint(family)), FAMILY_TASKS[family], "cpu", "transformers")
    assert engine.info.family == family
    assert engine.info.backend == "transformers"
    assert engine.max_input_tokens == TINY_WINDOWS[family]
    outputs = engine.generate_detailed(KOREAN[:2], GREEDY)
    assert len(outputs) == 2
    assert all(o.text.strip() for o in outputs)
    assert all(0 < o.num_tokens <= GREEDY.max_new_tokens_for(64) for o in outputs)


@pytest.mark.parametrize("family,lang", [("nllb", "eng_Latn"), ("m2m100", "__en__"), ("mbart50", "en_XX")])
def test_multilingual_families_force_the_english_token(tiny_checkpoint, family, lang):
    engine = load_engine(str(tiny_checkpoint(family)), "translation", "cpu", "transformers")
    assert engine.contract.target_prefix_ids == (engine.tokenizer.convert_tokens_to_ids(lang),)
    encoded = engine.tokenizer(KOREAN[0])["input_ids"]
    source_token = {"nllb": "kor_Hang", "m2m100": "__ko__", "mbart50": "ko_KR"}[family]
    assert engine.tokenizer.convert_tokens_to_ids(source_token) in encoded
    # The language token is part of generation but never of the text.
    assert lang not in engine.generate(KOREAN[:1], GREEDY)[0]


def test_t5_gets_its_task_prefix(tiny_checkpoint):
    engine = load_engine(str(tiny_checkpoint("t5")), "summarization", "cpu", "transformers")
    assert engine.spec.prefix == "summarize: "
    assert engine.count_tokens(["hello"])[0] > len(engine.tokenizer("hello")["input_ids"])


@pytest.mark.parametrize("family", ["marian", "nllb", "bart"])
def test_batched_equals_one_at_a_time_under_greedy(tiny_checkpoint, family):
    engine = load_engine(str(tiny_checkpoint(family)), FAMILY_TASKS[family], "cpu", "transformers")
    batched = engine.generate(KOREAN, GREEDY)
    single = [engine.generate([text], GREEDY)[0] for text in KOREAN]
    assert batched == single


def test_small_token_budget_gives_same_outputs_in_input_order(tiny_checkpoint):
    engine = load_engine(str(tiny_checkpoint("marian")), "translation", "cpu", "transformers")
    big = engine.generate(KOREAN, GREEDY)
    tiny_budget = GenerationOptions(num_beams=1, no_repeat_ngram_size=0, max_new_tokens=24, batch_max_tokens=16)
    assert engine.generate(KOREAN, tiny_budget) == big


def test_out_of_memory_halves_the_batch_and_loses_nothing(tiny_checkpoint, monkeypatch):
    engine = load_engine(str(tiny_checkpoint("marian")), "translation", "cpu", "transformers")
    expected = engine.generate(KOREAN, GREEDY)
    real = engine._run_batch
    sizes = []

    def flaky(batch_ids, cap, minimum, options):
        sizes.append(len(batch_ids))
        if len(batch_ids) > 1:
            raise torch.OutOfMemoryError("CUDA out of memory (simulated)")
        return real(batch_ids, cap, minimum, options)

    monkeypatch.setattr(engine, "_run_batch", flaky)
    assert engine.generate(KOREAN, GREEDY) == expected
    assert sizes[0] == len(KOREAN) and max(sizes[1:]) < len(KOREAN)


def test_output_is_capped_by_the_length_ratio(tiny_checkpoint):
    engine = load_engine(str(tiny_checkpoint("marian")), "translation", "cpu", "transformers")
    options = GenerationOptions(num_beams=1, no_repeat_ngram_size=0, max_length_ratio=1.0, max_length_slack=2)
    for text, output in zip(KOREAN, engine.generate_detailed(KOREAN, options)):
        cap = options.max_new_tokens_for(engine.count_tokens([text])[0])
        assert output.num_tokens <= cap
        if not output.stopped:  # cut at the cap: every content slot is used (no slot spent on a forced EOS)
            assert output.num_tokens == cap
