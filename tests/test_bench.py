"""The benchmark harness at a tiny size: JSON shape, equal output lengths, skips, the command. Never speed."""

from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from summarizer.bench import BACKENDS, BenchConfig, bench_main, run_bench

SENTENCES, NEW_TOKENS = 3, 4


@pytest.fixture(scope="module")
def marian_copy(tiny_checkpoint, tmp_path_factory):
    """A private copy of the tiny Marian (forced EOS at the cap, like the real one); never converted in place."""
    model = tmp_path_factory.mktemp("bench") / "marian"
    shutil.copytree(tiny_checkpoint("marian"), model)
    return model


def test_json_report_has_every_backend_with_equal_output_lengths(marian_copy, mt_sample_data, tmp_path):
    lines: list[str] = []
    report = bench_main(
        as_json=True,
        data=str(mt_sample_data),
        sentences=SENTENCES,
        new_tokens=NEW_TOKENS,
        model=str(marian_copy),
        work_dir=str(tmp_path),
        isolate=False,
        echo=lines.append,
        log=lambda _message: None,
    )
    record = json.loads(lines[-1])
    for backend in BACKENDS:
        assert record[f"{backend}_sentences_per_s"] > 0
        assert record[f"{backend}_target_tokens_per_s"] > 0
        assert record[f"{backend}_peak_rss_mb"] > 0
        result = record["results"][backend]
        # Same sentences and exactly NEW_TOKENS tokens each: the comparison is like for like.
        assert result["sentences"] == SENTENCES
        assert result["output_lengths"] == [NEW_TOKENS]
        assert result["target_tokens"] == SENTENCES * NEW_TOKENS
    assert record["equal_output_lengths"] is True
    assert record["transformers_speedup"] > 0 and record["ctranslate2_speedup"] > 0
    settings = record["settings"]
    assert (settings["sentences"], settings["new_tokens"], settings["num_beams"]) == (SENTENCES, NEW_TOKENS, 1)
    assert settings["device"] == "cpu" and settings["testset"] == "flores200"
    assert {"cpu", "usable_cores", "torch", "ctranslate2"} <= set(record["machine"])
    assert "int8" in record["results"]["ctranslate2"]["detail"]
    # The user's model folder is not converted in place; the bench keeps its copy in the work dir.
    assert not (marian_copy / "ct2-int8").exists()
    assert list((tmp_path / "ct2").iterdir())
    assert report.equal_output_lengths


def test_skipped_backends_are_null_and_text_output_has_a_table(marian_copy, mt_sample_data, tmp_path):
    lines: list[str] = []
    bench_main(
        data=str(mt_sample_data),
        sentences=2,
        new_tokens=3,
        beams=2,
        model=str(marian_copy),
        work_dir=str(tmp_path),
        skip_naive=True,
        skip_ctranslate2=True,
        isolate=False,
        echo=lines.append,
        log=lambda _message: None,
    )
    text = "\n".join(lines)
    assert "| transformers |" in text and "| naive |" not in text
    assert "equal output lengths: yes" in text
    report = run_bench(
        BenchConfig(sentences=2, new_tokens=3, data_dir=str(mt_sample_data), model=str(marian_copy),
                    work_dir=str(tmp_path), backends=("ctranslate2",), isolate=False)
    )
    record = report.to_dict()
    assert record["naive_sentences_per_s"] is None and record["transformers_sentences_per_s"] is None
    assert record["ctranslate2_speedup"] is None
    assert record["results"]["ctranslate2"]["output_lengths"] == [3]


def test_isolated_worker_process_reports_its_own_memory(marian_copy, mt_sample_data, tmp_path):
    report = run_bench(
        BenchConfig(sentences=2, new_tokens=3, data_dir=str(mt_sample_data), model=str(marian_copy),
                    work_dir=str(tmp_path), backends=("ctranslate2",), isolate=True)
    )
    result = report.result("ctranslate2")
    assert result is not None and result.output_lengths == (3, 3)
    assert result.peak_rss_mb > 10


def test_bench_command_json_last_line_and_errors(marian_copy, mt_sample_data, tmp_path, capsys):
    from summarizer.cli import app, main

    runner = CliRunner()
    args = ["bench", "--json", "--data", str(mt_sample_data), "--sentences", "2", "--new-tokens", "3", "--model",
            str(marian_copy), "--work-dir", str(tmp_path), "--skip-naive", "--skip-transformers", "--no-isolate"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout.strip().splitlines()[-1])
    assert record["ctranslate2_sentences_per_s"] > 0 and record["naive_sentences_per_s"] is None
    with pytest.raises(SystemExit) as exit_info:
        main(["bench", "--data", str(tmp_path / "nowhere"), "--model", str(marian_copy)])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("error: shared data folder not found") and err.count("\n") == 1


def test_expert_reference_and_its_ratio_are_reported(marian_copy, shared_data, tmp_path):
    report = run_bench(
        BenchConfig(sentences=3, new_tokens=3, data_dir=str(shared_data), model=str(marian_copy),
                    work_dir=str(tmp_path), backends=("ctranslate2", "expert"), isolate=False)
    )
    expert = report.result("expert")
    assert expert is not None and expert.output_lengths == (3, 3, 3)
    assert "translate_batch" in expert.detail
    record = report.to_dict()
    assert record["ctranslate2_vs_expert"] == round(record["ctranslate2_sentences_per_s"] / record["expert_sentences_per_s"], 2)


def test_end_to_end_quick_glue_vs_batch_and_duplicates(shared_data, tmp_path, monkeypatch):
    from summarizer.bench import EndToEndConfig, run_end_to_end
    from summarizer.bench.end_to_end import render_end_to_end

    monkeypatch.setenv("SUMMARIZER_CPU_THREADS", "1")
    config = EndToEndConfig(articles=2, quick=True, device="cpu", data_dir=str(shared_data), work_dir=str(tmp_path),
                            beams=1, duplicates=0.5)
    figures = run_end_to_end(config)
    assert figures["articles"] == 2
    glue, batch = figures["glue"], figures["batch_8"]
    assert glue["articles_per_s"] > 0 and glue["target_tokens"] > 0 and glue["peak_rss_mb"] > 10
    assert batch["articles"] == 2 and batch["errors"] == 0 and batch["backends"] == ["ctranslate2"]
    assert batch["speedup_vs_glue"] == round(batch["articles_per_s"] / glue["articles_per_s"], 2)
    assert len((tmp_path / "e2e-glue.jsonl").read_text(encoding="utf-8").splitlines()) == 2
    # The ceiling does the glue script's units of work: one English text per extracted paragraph, one summary each.
    expert = figures["expert"]
    assert expert["target_tokens"] >= glue["target_tokens"] * 0.9 and expert["speedup_vs_glue"] > 0
    assert batch["share_of_ceiling"] == round(batch["articles_per_s"] / expert["articles_per_s"], 2)
    glued, by_hand = ([json.loads(line) for line in (tmp_path / name).read_text(encoding="utf-8").splitlines()]
                      for name in ("e2e-glue.jsonl", "e2e-expert.jsonl"))  # fmt: skip
    assert [(r["id"], len(r["paragraphs_en"])) for r in by_hand] == [(r["id"], len(r["paragraphs_en"])) for r in glued]
    assert all(r["summary_en"].strip() for r in by_hand)
    dup = figures["duplicates"]
    assert dup["copies"] == 1 and dup["copies_identical"] is True
    assert "articles/s" in render_end_to_end(figures)


def test_gpu_check_script_runs_on_cpu_and_prints_one_json_line(shared_data, tmp_path):
    # The "benchmarks/gpu_check.sh --device cpu runs locally and prints its JSON line" (tiny checkpoints).
    import os
    import subprocess
    import sys
    from pathlib import Path

    script = Path(__file__).resolve().parents[1] / "benchmarks" / "gpu_check.sh"
    env = {**os.environ, "PYTHON": sys.executable, "SUMMARIZER_DATA": str(shared_data), "SUMMARIZER_CPU_THREADS": "1"}
    done = subprocess.run(
        ["bash", str(script), "--device", "cpu", "--articles", "2", "--work-dir", str(tmp_path)],
        capture_output=True, text=True, env=env, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.strip().splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert record["settings"]["device"] == "cpu" and record["end_to_end"]["quick"] is True
    assert {"batch_8", "batch_32", "glue"} <= set(record["end_to_end"])
    assert record["equal_output_lengths"] is True
