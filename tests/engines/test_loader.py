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


def test_forced_ctranslate2_converts_what_is_missing(tiny_models, tmp_path, monkeypatch):
    monkeypatch.setenv("SUMMARIZER_CACHE", str(tmp_path))
    loader.clear_cache()
    try:
        engine = loader.load_engine(str(tiny_models / "translation"), "translation", "cpu", backend="ctranslate2")
        assert engine.info.backend == "ctranslate2"
        assert list((tmp_path / "ct2-auto").glob("translation-*-int8/model.bin"))
    finally:
        loader.clear_cache()


def test_auto_is_cached_under_the_backend_it_ran_and_the_thread_count(tiny_models, tmp_path, monkeypatch):
    monkeypatch.setenv("SUMMARIZER_CACHE", str(tmp_path))
    loader.clear_cache()
    try:
        auto = loader.load_engine(str(tiny_models / "translation"), "translation", "cpu", "auto", cpu_threads=1)
        assert auto.info.backend == "ctranslate2"
        assert loader.load_engine(str(tiny_models / "translation"), "translation", "cpu", "ctranslate2", cpu_threads=1) is auto
        other = loader.load_engine(str(tiny_models / "translation"), "translation", "cpu", "auto", cpu_threads=2)
        assert other is not auto and other.runtime.intra_threads == 2
    finally:
        loader.clear_cache()


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


def test_every_from_pretrained_in_the_package_refuses_remote_code():
    """House rule: each model, config, tokenizer and generation-config load passes trust_remote_code=False."""
    import ast
    from pathlib import Path

    import summarizer

    package = Path(summarizer.__file__).parent
    missing, seen = [], 0
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "from_pretrained":
                seen += 1
                flag = {k.arg: k.value for k in node.keywords}.get("trust_remote_code")
                if not (isinstance(flag, ast.Constant) and flag.value is False):
                    missing.append(f"{path.relative_to(package)}:{node.lineno}")
    assert seen >= 5 and missing == []
