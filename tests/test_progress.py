"""Truthful progress: `summarizer run` on the example reports stages in order, as they happen, per engine batch."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

from summarizer.translation import translate_documents
from summarizer.engines.base import GenerationOptions


from fakes import ScriptedEngine

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "newspim_gwangju_ai_2020.txt"
STAGES = ("cleaning", "loading the translation model", "loading the summary model", "translating", "summarizing",
          "checking numbers", "done")


def _timed_stderr_lines(args: list[str], env: dict[str, str]) -> tuple[int, list[tuple[float, str]]]:
    """Run a command, stamping each stderr line with the moment it arrived (not when the command ended)."""
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    lines: list[tuple[float, str]] = []

    def read() -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            lines.append((time.monotonic(), line.rstrip("\n")))

    reader = threading.Thread(target=read)
    reader.start()
    code = proc.wait(timeout=600)
    reader.join()
    return code, lines


def test_run_reports_stages_in_order_and_per_batch(tiny_models: Path) -> None:
    # A small token budget gives several engine batches, so translation progress must move between them.
    env = {**os.environ, "SUMMARIZER_BATCH_MAX_TOKENS": "64"}
    args = [sys.executable, "-m", "summarizer", "run", str(EXAMPLE), "--backend", "transformers", "--beams", "1",
            "--translation-model", str(tiny_models / "translation"), "--summary-model", str(tiny_models / "summarization")]
    code, lines = _timed_stderr_lines(args, env)
    messages = [text for _, text in lines if text.startswith("[")]
    assert code == 0, lines
    stage_of = [next(i for i, stage in enumerate(STAGES) if stage in text) for text in messages if any(s in text for s in STAGES)]
    assert stage_of == sorted(stage_of) and set(stage_of) == set(range(len(STAGES))), messages
    assert str(tiny_models / "translation") in messages[1]  # says which model is loading

    counts = [tuple(map(int, m.groups())) for text in messages if (m := re.search(r"translating (\d+)/(\d+)", text))]
    done = [d for d, _ in counts]
    assert done[0] == 0 and done == sorted(done) and done[-1] == counts[0][1] and len(set(done)) >= 4, counts
    percents = [int(m.group(1)) for text in messages if (m := re.match(r"\[\s*(\d+)%\]", text))]
    assert percents == sorted(percents) and percents[-1] == 100

    # No silent stretch: from the first translation message to "done", no gap holds most of the work.
    stamps = [t for t, text in lines if text.startswith("[")]
    start = next(t for t, text in lines if "translating 0/" in text)
    work = [t for t in stamps if t >= start]
    gaps = [b - a for a, b in zip(work, work[1:])]
    print(f"progress gaps (s, under load): max {max(gaps):.2f} of {work[-1] - work[0]:.2f} total, {len(gaps)} messages")
    assert max(gaps) < 0.5 * (work[-1] - work[0])


def test_translation_reports_after_every_engine_batch() -> None:
    engine = ScriptedEngine(lambda text, _options: text.upper())
    calls: list[tuple[str, int, int]] = []
    documents = [["하나. 둘.", "셋."], ["넷. 다섯. 여섯."]]
    translate_documents(engine, documents, GenerationOptions(), progress=lambda *args: calls.append(args))
    assert calls[0] == ("translating", 0, 6) and calls[-1] == ("translating", 6, 6)


# --- batch: log lines during a batch, and a bar that leaves --resume's skipped records out ---------------


def test_batch_log_lines_come_during_a_batch_and_say_what_it_does() -> None:
    import io

    from summarizer.batch import BatchProgress

    stream = io.StringIO()
    progress = BatchProgress(total=4, enabled=True, stream=stream, interval_s=0.2)
    progress.stage("translating 3/10 sentences", 0.3)
    time.sleep(0.9)  # a long batch: no update() yet
    during = stream.getvalue().splitlines()
    progress.close()
    assert len(during) >= 2 and all("now translating 3/10 sentences" in line for line in during), during


def test_batch_bar_leaves_skipped_records_out_of_its_total_and_rate() -> None:
    import io

    from summarizer.batch import BatchProgress, Outcome

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Terminal()
    progress = BatchProgress(total=10, enabled=True, stream=stream, interval_s=30)
    progress.update([Outcome("skipped")] * 6)  # done by the earlier run
    progress.update([Outcome("ok", {}), Outcome("ok", {})])
    progress.close()
    assert "2/4" in stream.getvalue() and "8/10" not in stream.getvalue()


def test_run_batch_logs_lines_while_a_batch_runs(tiny_models: Path, tmp_path: Path) -> None:
    import io
    import json

    from summarizer.batch import run_batch
    from summarizer.settings import Settings

    dump = tmp_path / "dump.jsonl"
    dump.write_text(json.dumps({"id": "a", "text": EXAMPLE.read_text(encoding="utf-8")}, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    settings = Settings(translation_model=str(tiny_models / "translation"), summary_model=str(tiny_models / "summarization"),
                        device="cpu", backend="transformers", num_beams=1, batch_max_tokens=64)
    stream = io.StringIO()
    stats = run_batch(str(dump), str(tmp_path / "out.jsonl"), settings=settings, progress=True, log_interval_s=0.5,
                      log_stream=stream)
    lines = stream.getvalue().splitlines()
    assert stats.ok == 1
    assert any(line.startswith("batch: 0/1") for line in lines), lines  # a line before the batch ended


def test_loading_is_reported_only_while_models_load(tiny_models: Path) -> None:
    from summarizer import Article, Pipeline

    article = Article(title="광주시 AI 비전", paragraphs=("광주광역시는 29일 비전을 선포했다.", "700여 명이 참석했다."), language="ko")
    pipe = Pipeline(translation_model=str(tiny_models / "translation"), summary_model=str(tiny_models / "summarization"),
                    device="cpu", num_beams=1)
    first: list[str] = []
    pipe.run(article, progress=lambda stage, _f: first.append(stage))
    again: list[str] = []
    pipe.run(article, progress=lambda stage, _f: again.append(stage))
    assert [s for s in first if s.startswith("loading")] == [
        f"loading the translation model ({tiny_models / 'translation'})",
        f"loading the summary model ({tiny_models / 'summarization'})",
    ]
    assert not any(s.startswith("loading") for s in again) and again[0] == "cleaning the page" and again[-1] == "done"
