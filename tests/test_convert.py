"""Conversion to CTranslate2: the steps, the folder they leave behind, and the refusals."""

from __future__ import annotations

import json
import shutil

import pytest

from summarizer.convert import CTranslate2Conversion, convert_model
from summarizer.engines.ctranslate2_engine import CONVERSION_INFO_FILE, find_converted
from summarizer.errors import ConfigError, ModelUnavailableError


@pytest.fixture()
def marian_copy(tiny_checkpoint, tmp_path):
    """A private copy of the tiny Marian checkpoint: conversions land inside it by default."""
    model = tmp_path / "marian"
    shutil.copytree(tiny_checkpoint("marian"), model)
    return model


def test_default_conversion_lands_where_the_loader_looks(marian_copy):
    out = convert_model(str(marian_copy))
    assert out == marian_copy / "ct2-int8"
    assert find_converted(str(marian_copy)) == out
    assert {"model.bin", "config.json", "tokenizer", CONVERSION_INFO_FILE} <= {p.name for p in out.iterdir()}
    record = json.loads((out / CONVERSION_INFO_FILE).read_text())
    assert record["family"] == "marian"
    assert record["quantization"] == "int8"
    assert record["model_id"] == str(marian_copy)
    # The original tokenizer and HF config travel with the weights; no staging folder is left behind.
    assert (out / "tokenizer" / "config.json").is_file()
    assert (out / "tokenizer" / "source.spm").is_file()
    assert not [p for p in marian_copy.iterdir() if ".partial" in p.name]


def test_existing_output_needs_force(marian_copy, tmp_path):
    out = tmp_path / "converted"
    convert_model(str(marian_copy), out, quantization="float32")
    stamp = (out / CONVERSION_INFO_FILE).stat().st_mtime_ns
    with pytest.raises(ConfigError, match="already exists"):
        convert_model(str(marian_copy), out)
    assert convert_model(str(marian_copy), out, quantization="int8", force=True) == out
    assert json.loads((out / CONVERSION_INFO_FILE).read_text())["quantization"] == "int8"
    assert (out / CONVERSION_INFO_FILE).stat().st_mtime_ns != stamp


def test_steps_run_in_order_and_validate_before_reading_weights(marian_copy, tmp_path):
    conversion = CTranslate2Conversion(str(marian_copy), tmp_path / "out", quantization="int4")
    conversion.load()
    assert conversion.source is not None and conversion.source.family == "marian"
    with pytest.raises(ConfigError, match="unknown quantization"):
        conversion.validate()
    assert not (tmp_path / "out").exists()


def test_unsupported_architecture_is_refused(tiny_checkpoint, tmp_path):
    model = tmp_path / "longt5"
    shutil.copytree(tiny_checkpoint("t5"), model)
    config = json.loads((model / "config.json").read_text())
    config["model_type"] = "longt5"  # a T5 variant CTranslate2 has no converter for
    (model / "config.json").write_text(json.dumps(config))
    with pytest.raises(ConfigError, match="cannot convert"):
        convert_model(str(model), tmp_path / "out")


def test_refuses_converted_folders_and_missing_models(marian_copy, tmp_path):
    out = convert_model(str(marian_copy))
    with pytest.raises(ConfigError, match="already a CTranslate2 model"):
        convert_model(str(out))
    with pytest.raises(ModelUnavailableError, match="not in the local Hugging Face cache"):
        convert_model("no-such-org/no-such-model", tmp_path / "x")
    with pytest.raises(ModelUnavailableError):
        convert_model(str(tmp_path / "missing"), tmp_path / "y")


def test_a_folder_without_weights_is_refused_before_converting(marian_copy, tmp_path):
    # Config and tokenizer alone (e.g. the small files of a checkpoint) used to end in "unexpected OSError".
    model = tmp_path / "no-weights"
    shutil.copytree(marian_copy, model)
    for weights in [*model.glob("*.safetensors"), *model.glob("*.bin")]:
        weights.unlink()
    with pytest.raises(ModelUnavailableError, match="no weights in"):
        convert_model(str(model), tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_bart_saved_without_legacy_normalize_before_still_converts(tiny_checkpoint, tmp_path):
    # Checkpoints saved by transformers ≥ 5 lack `normalize_before`, which CTranslate2's BART loader reads.
    from summarizer.engines.base import GenerationOptions
    from summarizer.engines.ctranslate2_engine import load_ctranslate2_engine
    from summarizer.engines.loader import load_engine
    from summarizer.types import ModelInfo

    model = tmp_path / "bart"
    shutil.copytree(tiny_checkpoint("bart"), model)
    config = json.loads((model / "config.json").read_text())
    config.pop("normalize_before", None)
    (model / "config.json").write_text(json.dumps(config))
    out = convert_model(str(model), tmp_path / "ct2", quantization="float32")
    engine = load_ctranslate2_engine(out, ModelInfo(task="summarization", model_id=str(model)), "cpu", "float32")
    reference = load_engine(str(model), "summarization", "cpu", "transformers")
    options = GenerationOptions(num_beams=1, no_repeat_ngram_size=3, max_new_tokens=10)
    text = "The city unveiled its artificial intelligence plan on Tuesday."
    expected = reference.generate([text], options)[0]
    assert expected and engine.generate([text], options)[0].startswith(expected)
