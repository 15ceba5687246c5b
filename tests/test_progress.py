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
STAGES = ("cleaning", "loading the translation model", "loading the summary model", "translating", "summarizing", "done")


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
