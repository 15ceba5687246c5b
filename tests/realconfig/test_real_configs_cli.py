"""The CLI on the real-config stand-ins: `models check` names family, languages and window (and what is broken),
`models convert` + `run --backend ctranslate2`, `run` with each strategy, `eval mt --limit`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from summarizer.cli import main

pytestmark = pytest.mark.realconfig

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = str(REPO / "examples" / "newspim_gwangju_ai_2020.txt")
# Random weights run every output to its cap (and the guard retries it), so runs use the page's first lines only.
SHORT = "\n".join([line for line in Path(EXAMPLE).read_text(encoding="utf-8").splitlines() if len(line) > 60][:2])
# Folder → what `models check` must report: family, "source X, target Y", window.
EXPECTED = {
    "bart-large-cnn": ("bart", "source -, target -", 1024),
    "kobart": ("kobart", "source -, target -", 1024),
    "m2m100_418M": ("m2m100", "source ko, target en", 1024),
    "mbart-large-50-many-to-many-mmt": ("mbart50", "source ko_KR, target en_XX", 1024),
    "nllb-200-distilled-600M": ("nllb", "source kor_Hang, target eng_Latn", 1024),
    "opus-mt-ko-en": ("marian", "source -, target -", 512),
}


def cli(capsys, *args: str) -> tuple[int, str, str]:
    """Run `summarizer ARGS` in this process; (exit code, stdout, stderr)."""
    try:
        main(list(args))
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err


def one_error(code: int, err: str) -> str:
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    assert code == 2 and len(errors) == 1 and "Traceback" not in err, err
    return errors[0]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_models_check_reports_family_languages_and_window(name, standin, capsys):
    family, languages, window = EXPECTED[name]
    code, out, err = cli(capsys, "models", "check", str(standin(name)))
    assert code == 0, err
    lines = dict(line.split(": ", 1) for line in out.splitlines() if ": " in line)
    assert lines["family"].startswith(f"{family} ")
    assert lines["languages"] == languages
    assert lines["window"] == f"{window} source tokens"
    assert out.rstrip().endswith("ok")


def test_models_check_names_missing_language_codes(standin, shared_data, tmp_path, capsys):
    broken = tmp_path / "nllb"
    shutil.copytree(standin("nllb-200-distilled-600M"), broken)
    (broken / "tokenizer.json").unlink()
    for name in ("tokenizer_config.json", "special_tokens_map.json"):
        shutil.copyfile(shared_data / "model-configs" / "nllb-200-distilled-600M" / name, broken / name)
    assert "language code" in one_error(*cli(capsys, "models", "check", str(broken))[::2])


def test_models_check_names_missing_special_tokens(standin, tmp_path, capsys):
    # A KoBART folder whose config names no end token either: nothing says where an output ends.
    broken = tmp_path / "kobart"
    shutil.copytree(standin("kobart"), broken)
    for name in ("config.json", "generation_config.json"):
        data = json.loads((broken / name).read_text())
        for key in ("eos_token_id", "forced_eos_token_id"):
            data.pop(key, None)
        (broken / name).write_text(json.dumps(data))
    message = one_error(*cli(capsys, "models", "check", str(broken))[::2])
    assert "end-of-sequence" in message or "eos" in message


def test_models_check_names_an_unloadable_conversion(standin, tmp_path, capsys):
    folder = tmp_path / "opus"
    shutil.copytree(standin("opus-mt-ko-en"), folder)
    converted = folder / "ct2-int8"
    converted.mkdir()
    (converted / "model.bin").write_bytes(b"not a model")
    message = one_error(*cli(capsys, "models", "check", str(folder))[::2])
    assert "CTranslate2" in message and str(converted) in message


@pytest.fixture
def short_page(tmp_path) -> str:
    page = tmp_path / "page.txt"
    page.write_text(SHORT + "\n", encoding="utf-8")
    return str(page)


def test_convert_then_run_on_ctranslate2_and_eval_mt(standin, shared_data, tmp_path, short_page, capsys):
    folder = tmp_path / "opus"
    shutil.copytree(standin("opus-mt-ko-en"), folder)
    code, out, err = cli(capsys, "models", "convert", str(folder))
    assert code == 0, err
    assert (folder / "ct2-int8" / "summarizer_ct2.json").is_file()
    record = json.loads((folder / "ct2-int8" / "summarizer_ct2.json").read_text())
    assert record["contract"]["eos_ids"] == [0] and record["contract"]["decoder_start_id"] == 65000
    code, out, err = cli(
        capsys, "run", short_page, "--backend", "auto", "--translation-model", str(folder),
        "--summary-model", str(standin("bart-large-cnn")), "--beams", "1", "--summary-min-tokens", "4", "--summary-max-tokens", "24", "--format", "json",
    )
    assert code == 0, err
    assert json.loads(out)["paragraphs_en"]
    code, out, err = cli(
        capsys, "eval", "mt", "--model", str(folder), "--testset", "ntrex", "--limit", "3",
        "--data", str(shared_data), "--backend", "ctranslate2", "--beams", "1",
    )
    assert code == 0, err
    assert "BLEU" in out + err


@pytest.mark.parametrize(
    "strategy,summary",
    [("translate-then-summarize", "bart-large-cnn"), ("summarize-then-translate", "kobart"), ("cross-lingual", "mt5")],
)
def test_run_with_each_strategy(strategy, summary, standin, tiny_checkpoint, short_page, capsys):
    # No real mT5 files were found anywhere: cross-lingual runs on the tiny mT5.
    summary_model = tiny_checkpoint("mt5") if summary == "mt5" else standin(summary)
    code, out, err = cli(
        capsys, "run", short_page, "--backend", "transformers", "--strategy", strategy, "--beams", "1",
        "--translation-model", str(standin("opus-mt-ko-en")), "--summary-model", str(summary_model),
        "--summary-min-tokens", "4", "--summary-max-tokens", "24", "--format", "json",
    )
    assert code == 0, err
    result = json.loads(out)
    assert result["paragraphs_en"] and isinstance(result["summary_en"], str)
