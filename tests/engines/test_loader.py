"""Finding and loading models: one clear line when a model cannot be had; loaded once per process."""

from __future__ import annotations

import pytest

from summarizer.engines import loader
from summarizer.errors import ConfigError, ModelUnavailableError


def test_missing_folder_is_one_clear_line(tmp_path):
    with pytest.raises(ModelUnavailableError, match="model folder not found") as info:
        loader.load_engine(str(tmp_path / "nope" / "model"), "translation", "cpu")
    assert "\n" not in str(info.value)


def test_folder_without_a_model(tmp_path):
    with pytest.raises(ModelUnavailableError, match="holds no model"):
        loader.load_engine(str(tmp_path), "translation", "cpu")


def test_uncached_hub_id_offline_names_the_model_and_the_fix(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(ModelUnavailableError) as info:
        loader.load_engine("Helsinki-NLP/opus-mt-tc-big-ko-en", "translation", "cpu")
    message = str(info.value)
    assert "Helsinki-NLP/opus-mt-tc-big-ko-en" in message
    assert "summarizer models download" in message
    assert "\n" not in message


def test_model_is_loaded_once_per_process(tiny_models):
    first = loader.load_engine(str(tiny_models / "translation"), "translation", "cpu")
    second = loader.load_engine(str(tiny_models / "translation"), "translation", "cpu")
    assert first is second


def test_cuda_without_a_gpu_is_a_config_error(monkeypatch):
    import torch

    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    with pytest.raises(ConfigError, match="no CUDA GPU"):
        loader.resolve_device("cuda:0")
    assert loader.resolve_device("auto") == "cpu"


def test_forced_ctranslate2_without_conversion_says_how_to_convert(tiny_models):
    with pytest.raises(ModelUnavailableError, match="summarizer models convert"):
        loader.load_engine(str(tiny_models / "translation"), "translation", "cpu", backend="ctranslate2")


def test_t5_family_never_runs_in_float16(monkeypatch):
    # T5/mT5 activations overflow float16: bfloat16 where the GPU has it, else float32; other families may use float16.
    import torch

    monkeypatch.setattr(torch.cuda, "is_bf16_supported", lambda *a, **k: False)
    assert loader.dtype_for("cuda:0", "mt5") == torch.float32
    assert loader.dtype_for("cuda:0", "t5") == torch.float32
    assert loader.dtype_for("cuda:0", "marian") == torch.float16
    assert loader.dtype_for("cpu", "marian") == torch.float32
    monkeypatch.setattr(torch.cuda, "is_bf16_supported", lambda *a, **k: True)
    assert loader.dtype_for("cuda:0", "mt5") == torch.bfloat16
