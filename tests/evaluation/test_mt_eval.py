"""The MT evaluation harness: test set loading and filtering, scoring, and the command on a tiny model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.errors import ConfigError, InputError
from summarizer.evaluation.mt_eval import (
    clean_jungyeul_pair,
    evaluate_mt,
    load_testset,
    repair_mojibake,
    resolve_data_dir,
    score_translation_file,
    score_translations,
)


def test_mojibake_repair_touches_only_cp949_punctuation():
    assert repair_mojibake("consumer advocates¡¯ concerns") == "consumer advocates’ concerns"
    assert repair_mojibake("¡°runway status lights¡±") == "“runway status lights”"
    assert repair_mojibake("wait¡¦") == "wait…"
    # Real Latin-1 text and acute-accent quotes are not mojibake.
    assert repair_mojibake("café ``out,´´ niño") == "café ``out,´´ niño"


def test_jungyeul_filter_repairs_keeps_and_drops():
    ko = "그는 새로운 기술이 해결책을 제공할 것이라고 말했다."
    en = "He said new technology would provide a solution."
    assert clean_jungyeul_pair(ko, en) == (ko, en)
    assert clean_jungyeul_pair(ko, "He said &#8212; Obama¡¯s plan &eacute;tait good.") == (
        ko,
        "He said — Obama’s plan était good.",
    )
    assert clean_jungyeul_pair("", en) is None
    assert clean_jungyeul_pair("in a row 연속적으로, 일렬로", "Four in a row isn't as rare.") is None  # glossary line
    assert clean_jungyeul_pair("3.", "3. The Orphanage (Juan Antonio Bayona, 2007)") is None  # no Hangul
    assert clean_jungyeul_pair(ko, "16 months.") is None  # truncated English side
    assert clean_jungyeul_pair("최근 80명이 구속됐다.", en + " " + en + " " + en) is None  # a different, longer story


def test_testsets_load_aligned(shared_data):
    flores = load_testset("flores200", shared_data)
    assert len(flores.sources) == len(flores.references) == flores.total_pairs == 1012
    assert flores.dropped_pairs == 0
    ntrex = load_testset("ntrex", shared_data, limit=5)
    assert len(ntrex.sources) == 5 and ntrex.total_pairs == 1997
    assert ntrex.references[0] == "Welsh AMs worried about 'looking like muppets'"
    jungyeul = load_testset("jungyeul", shared_data)
    assert jungyeul.total_pairs == 2000
    assert 0 < jungyeul.dropped_pairs < 400
    assert len(jungyeul.sources) == 2000 - jungyeul.dropped_pairs
    text = "\n".join(jungyeul.sources + jungyeul.references)
    assert "¡¯" not in text and "&#8212;" not in text


def test_sample_testsets_load_aligned_and_cleaned(mt_sample_data):
    flores = load_testset("flores200", mt_sample_data, limit=4)
    assert len(flores.sources) == len(flores.references) == 4 and flores.total_pairs == 6
    assert load_testset("ntrex", mt_sample_data).references[0] == "Welsh AMs worried about 'looking like muppets'"
    jungyeul = load_testset("jungyeul", mt_sample_data)
    text = "\n".join(jungyeul.sources + jungyeul.references)
    assert "¡¯" not in text and "&#8212;" not in text and "’" in text and "—" in text


def test_data_folder_resolution(mt_sample_data, tmp_path, monkeypatch):
    shared_data = mt_sample_data
    monkeypatch.setenv("SUMMARIZER_DATA", str(shared_data))
    assert resolve_data_dir() == shared_data
    assert resolve_data_dir(tmp_path) == tmp_path
    with pytest.raises(InputError, match="not found"):
        resolve_data_dir(tmp_path / "missing")
    with pytest.raises(InputError, match="test set file not found"):
        load_testset("flores200", tmp_path)
    with pytest.raises(ConfigError, match="unknown test set"):
        load_testset("wmt", shared_data)


def test_every_evaluation_finds_the_data_folder_one_way():
    from summarizer.evaluation import clean_eval, data_dir, fidelity_eval, mt_eval

    assert mt_eval.resolve_data_dir is clean_eval.resolve_data_dir is fidelity_eval.resolve_data_dir is data_dir.resolve_data_dir


def test_scores_and_signatures():
    refs = ["The cat sat on the mat.", "It was raining in Seoul."]
    bleu, chrf, bleu_sig, chrf_sig = score_translations(refs, refs)
    assert bleu == pytest.approx(100.0) and chrf == pytest.approx(100.0)
    assert "nrefs:1" in bleu_sig and "tok:13a" in bleu_sig and "nc:6" in chrf_sig
    worse, worse_chrf, _, _ = score_translations(["A dog stood.", "It was sunny in Busan."], refs)
    assert worse < bleu and worse_chrf < chrf


def test_evaluate_runs_the_tiny_model_on_both_backends(mt_sample_data, tiny_checkpoint, tmp_path):
    shared_data = mt_sample_data
    import shutil

    from summarizer.convert import convert_model

    model = tmp_path / "marian"
    shutil.copytree(tiny_checkpoint("marian"), model)
    score, hypotheses = evaluate_mt(str(model), "flores200", shared_data, limit=3, backend="transformers", device="cpu", num_beams=1)
    assert score.sentences == 3 and len(hypotheses) == 3
    assert score.backend == "transformers" and score.family == "marian"
    assert 0.0 <= score.bleu <= 100.0 and 0.0 <= score.chrf <= 100.0
    assert score.bleu_signature.startswith("nrefs:1")
    convert_model(str(model))
    fast, _ = evaluate_mt(str(model), "flores200", shared_data, limit=3, backend="ctranslate2", device="cpu", num_beams=1)
    assert fast.backend == "ctranslate2" and fast.sentences == 3


def test_eval_mt_command_prints_json_last(mt_sample_data, tiny_checkpoint, tmp_path):
    shared_data = mt_sample_data
    from summarizer.cli import app

    hyp_file = tmp_path / "hyp.txt"
    args = [
        "eval", "mt", "--model", str(tiny_checkpoint("marian")), "--testset", "jungyeul", "--data", str(shared_data),
        "--limit", "2", "--backend", "transformers", "--device", "cpu", "--beams", "1", "--json",
        "--hypotheses", str(hyp_file),
    ]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout.strip().splitlines()[-1])
    assert record["testset"] == "jungyeul" and record["sentences"] == 2
    assert {"bleu", "chrf", "bleu_signature", "chrf_signature", "dropped_pairs"} <= set(record)
    assert len(hyp_file.read_text().splitlines()) == 2


SLICE = Path(__file__).resolve().parents[1] / "fixtures" / "ntrex_slice"


@pytest.mark.parametrize(
    ("model", "bleu", "chrf"),
    # Computed once with sacrebleu directly on the slice (tests/fixtures/ntrex_slice/README.md).
    [("opus-mt-tc-big-ko-en", 30.47, 57.52), ("opus-mt-ko-en", 21.09, 51.10)],
)
def test_stored_translations_score_like_sacrebleu(model, bleu, chrf):
    from summarizer.cli import app

    args = ["eval", "mt", "--testset", "ntrex", "--data", str(SLICE), "--translations", str(SLICE / f"{model}.first50.output")]
    result = CliRunner().invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout.strip().splitlines()[-1])
    assert record["bleu"] == pytest.approx(bleu, abs=0.01) and record["chrf"] == pytest.approx(chrf, abs=0.01)
    assert record["backend"] == "file" and record["sentences"] == 50
    table = CliRunner().invoke(app, args)
    assert "tok:13a" in table.stdout and "nc:6" in table.stdout and "[file]" in table.stdout


def test_stored_translations_must_align(tmp_path, capsys):
    from summarizer.cli import main

    short = tmp_path / "short.txt"
    short.write_text("one line\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        main(["eval", "mt", "--testset", "ntrex", "--data", str(SLICE), "--translations", str(short)])
    assert exit_info.value.code == 2
    assert "1 lines, but test set ntrex has 50 pairs" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        main(["eval", "mt", "--model", "x", "--translations", str(short)])
    assert exit_info.value.code == 2 and "exactly one of" in capsys.readouterr().err


def test_published_ntrex_scores_reproduce(shared_data):
    outputs = shared_data / "mt" / "opus-mt-outputs"
    # OPUS-MT leaderboard, kor-eng ntrex128 (.eval files): BLEU 26.1 / chrF2 0.54609 and 19.4 / 0.48008.
    for model, bleu, chrf in [("opus-mt-tc-big-ko-en", 26.1, 54.609), ("opus-mt-ko-en", 19.4, 48.008)]:
        score = score_translation_file(outputs / f"{model}.ntrex128.output", "ntrex", shared_data)
        assert abs(score.bleu - bleu) <= 0.1 and abs(score.chrf - chrf) <= 0.1
