"""The decoding contract both backends share: per-input minimum (finding 5), framing, end ids, thread safety,
progress hook, and refusing models that ask to run their own code."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from dataclasses import replace
from pathlib import Path

import pytest

from summarizer.engines.base import GenerationOptions
from summarizer.engines.loader import load_engine
from summarizer.summarization import summary_options

REPO = Path(__file__).resolve().parents[2]
KOREAN = [
    "광주광역시는 29일 오후 김대중컨벤션센터에서 비전 선포식을 개최했다.",
    "이용섭 시장은 직접 발표를 통해 비전을 밝혔다.",
    "또한",
]
ENGLISH_LONG = " ".join(["The city unveiled its artificial intelligence plan on Tuesday."] * 12)
ENGLISH_SHORT = "The mayor spoke."


def test_minimum_is_chosen_per_input_and_never_reaches_its_cap():
    # Finding 5: min_new_tokens = min(30, max(caps)) per batch pushed short inputs past their own cap.
    options = summary_options(30, 160)
    for length in (1, 5, 12, 40, 400):
        assert options.min_new_tokens_for(length) < options.max_new_tokens_for(length)
    assert options.min_new_tokens_for(400) == 30
    exact = GenerationOptions(min_new_tokens=7, max_new_tokens=7, max_length_ratio=10.0)
    assert exact.min_new_tokens_for(3) == exact.max_new_tokens_for(3) == 7


def test_a_short_input_batched_with_long_ones_decodes_as_it_does_alone(tiny_checkpoint):
    # Finding 5, through the engine: each batch gets one minimum, so the short input keeps its own.
    engine = load_engine(str(tiny_checkpoint("bart")), "summarization", "cpu", "transformers")
    options = replace(summary_options(30, 160, num_beams=1), no_repeat_ngram_size=0)
    minimums = []
    real = engine._run_batch

    def spy(batch, cap, minimum, opts):
        minimums.append((len(batch), minimum, cap))
        return real(batch, cap, minimum, opts)

    engine._run_batch = spy
    try:
        alone = engine.generate_detailed([ENGLISH_SHORT], options)[0]
        together = engine.generate_detailed([ENGLISH_LONG, ENGLISH_SHORT, ENGLISH_LONG], options)
    finally:
        del engine._run_batch
    assert together[1] == alone
    short_cap = options.max_new_tokens_for(engine.count_tokens([ENGLISH_SHORT])[0])
    assert alone.num_tokens <= short_cap
    assert all(minimum < cap for _, minimum, cap in minimums)


@pytest.mark.parametrize("backend", ["transformers", "ctranslate2"])
def test_one_engine_hammered_from_several_threads_gives_the_same_outputs(tiny_checkpoint, tmp_path_factory, backend):
    # Demo concurrency > 1: threads share one fast tokenizer ("Already borrowed" without the lock).
    folder = tiny_checkpoint("kobart")
    if backend == "ctranslate2":
        from summarizer.convert import convert_model

        convert_model(str(folder), None, quantization="int8", force=True)
    engine = load_engine(str(folder), "ko-summarization", "cpu", backend)
    options = GenerationOptions(num_beams=1, no_repeat_ngram_size=0, max_new_tokens=6)
    inputs = [KOREAN[i % 3] * (1 + i % 4) for i in range(8)]
    expected = engine.generate(inputs, options)
    failures: list[BaseException] = []
    results: list[list[str]] = []

    def work() -> None:
        try:
            for _ in range(3):
                results.append(engine.generate(inputs, options))
                engine.count_tokens(inputs)
        except BaseException as exc:  # noqa: BLE001 — collected and asserted below
            failures.append(exc)

    threads = [threading.Thread(target=work) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not failures
    assert len(results) == 18 and all(r == expected for r in results)


def test_progress_is_reported_after_each_batch(tiny_checkpoint):
    engine = load_engine(str(tiny_checkpoint("marian")), "translation", "cpu", "transformers")
    seen: list[int] = []
    options = GenerationOptions(num_beams=1, max_new_tokens=4, batch_max_tokens=40, max_batch_size=2)
    engine.generate(KOREAN * 2, options, progress=seen.append)
    assert seen == sorted(seen) and seen[-1] == 6 and len(seen) >= 3


@pytest.fixture
def remote_code_model(tiny_checkpoint, tmp_path):
    """A tiny checkpoint whose config.json points auto_map at code that would write a marker file."""
    folder = tmp_path / "remote"
    shutil.copytree(tiny_checkpoint("bart"), folder)
    marker = tmp_path / "remote-code-ran"
    (folder / "evil.py").write_text(
        f"from pathlib import Path\nPath({str(marker)!r}).write_text('ran')\n"
        "from transformers import BartConfig as EvilConfig\n",
        encoding="utf-8",
    )
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    config["auto_map"] = {"AutoConfig": "evil.EvilConfig", "AutoModelForSeq2SeqLM": "evil.EvilConfig"}
    (folder / "config.json").write_text(json.dumps(config), encoding="utf-8")
    return folder, marker


@pytest.mark.parametrize(
    "args",
    [
        ["models", "check", "{model}"],
        ["models", "convert", "{model}", "--out", "{tmp}/ct2"],
        ["batch", "-", "{tmp}/out.jsonl", "--translation-model", "{model}", "--summary-model", "{model}"],
    ],
)
def test_remote_code_is_refused_without_asking(remote_code_model, tmp_path, args):
    folder, marker = remote_code_model
    argv = [a.format(model=folder, tmp=tmp_path) for a in args]
    proc = subprocess.run(
        [sys.executable, "-m", "summarizer", *argv],
        input="y\ny\n광주광역시는 29일 오후 비전 선포식을 개최했다.\n".encode(),
        capture_output=True,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
        cwd=REPO,
        timeout=300,
    )
    stderr = proc.stderr.decode()
    errors = [line for line in stderr.splitlines() if line.startswith("error:")]
    assert proc.returncode == 2, stderr
    assert len(errors) == 1 and "auto_map" in errors[0], stderr
    assert "Traceback" not in stderr and "[y/N]" not in stderr + proc.stdout.decode()
    assert not marker.exists()


def test_a_text_counted_by_the_segmenter_is_not_tokenized_again(tiny_checkpoint):
    # Review: the segmenter counted tokens, then generate() tokenized the same sentences again.
    from summarizer.engines.loader import clear_cache, load_engine

    clear_cache()
    engine = load_engine(str(tiny_checkpoint("marian")), "translation", "cpu", "transformers")
    calls = []
    real = engine.tokenizer.__class__.__call__

    def counting(tokenizer, texts, *args, **kwargs):
        calls.append(list(texts) if isinstance(texts, list) else [texts])
        return real(tokenizer, texts, *args, **kwargs)

    sentences = ["첫 번째 문장입니다.", "두 번째 문장입니다."]
    lengths = engine.count_tokens(sentences)
    engine.tokenizer.__class__.__call__ = counting
    try:
        ids = engine.encode(sentences + ["새 문장."])
    finally:
        engine.tokenizer.__class__.__call__ = real
    assert [len(i) for i in ids[:2]] == lengths
    assert calls == [["새 문장."]] or calls == [[engine.contract.text_prefix + "새 문장."]]
    clear_cache()
