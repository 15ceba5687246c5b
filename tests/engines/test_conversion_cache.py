"""`--backend auto` converts each model once into a keyed cache: safe for two processes, falls back per model."""

from __future__ import annotations

import json
import logging
import pickle
import shutil
import subprocess
import sys

import pytest

from summarizer.engines import conversion_cache, loader
from summarizer.errors import ModelError


@pytest.fixture()
def private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("SUMMARIZER_CACHE", str(tmp_path / "cache"))
    loader.clear_cache()
    yield tmp_path / "cache"
    loader.clear_cache()


def test_key_follows_the_folder_contents(tiny_checkpoint, tmp_path):
    model = tmp_path / "marian"
    shutil.copytree(tiny_checkpoint("marian"), model)
    first, files = conversion_cache.source_key(str(model))
    assert files == model.resolve() and first == conversion_cache.source_key(str(model))[0]
    (model / "ct2-int8").mkdir()  # a conversion kept inside the folder is not part of the model
    (model / "ct2-int8" / "model.bin").write_bytes(b"x")
    assert conversion_cache.source_key(str(model))[0] == first
    config = json.loads((model / "config.json").read_text())
    config["dropout"] = 0.25
    (model / "config.json").write_text(json.dumps(config))
    assert conversion_cache.source_key(str(model))[0] != first


def test_quantization_per_device_and_family():
    assert conversion_cache.auto_quantization("cpu", "t5") == "int8"
    assert conversion_cache.auto_quantization("cuda:0", "marian") == "float16"
    assert conversion_cache.auto_quantization("cuda:0", "mt5") == "bfloat16"


def test_two_processes_converting_at_once_share_one_conversion(tiny_checkpoint, private_cache):
    model = str(tiny_checkpoint("bart"))
    code = (
        "import sys; from summarizer.engines.conversion_cache import ensure_conversion; "
        f"print(ensure_conversion({model!r}, 'cpu', lambda m: print('NOTE', m, file=sys.stderr))[0])"
    )
    procs = [subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [err for _, err in outs]
    folders = {out.strip() for out, _ in outs}
    assert len(folders) == 1
    folder = folders.pop()
    assert (private_cache / "ct2-auto").is_dir() and folder.startswith(str(private_cache))
    assert sum(err.count("NOTE converting") for _, err in outs) == 1  # converted by one, waited for by the other
    assert not [p for p in (private_cache / "ct2-auto").iterdir() if ".partial-" in p.name]


def test_failed_conversion_falls_back_once_with_one_warning(tiny_checkpoint, private_cache, monkeypatch, caplog):
    from summarizer import convert

    calls = []

    def broken(self):
        calls.append(self.model)
        raise ModelError("CTranslate2 could not convert it: simulated")

    monkeypatch.setattr(convert.CTranslate2Conversion, "run", broken)
    model = str(tiny_checkpoint("marian"))
    engine = loader.load_engine(model, "translation", "cpu", "auto")
    assert engine.info.backend == "transformers"
    # A warning record on the `summarizer` logger, for each door to show or silence (nothing printed by the engine).
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING and r.name.startswith("summarizer")]
    assert len(warnings) == 1 and "runs on transformers" in warnings[0] and "simulated" in warnings[0]
    loader.clear_cache()
    assert loader.load_engine(model, "translation", "cpu", "auto").info.backend == "transformers"
    assert len(calls) == 1  # the .failed note spares later runs the same failed attempt
    with pytest.raises(ModelError, match="delete .* to try again"):
        loader.load_engine(model, "translation", "cpu", "ctranslate2")


def _failing_conversion(monkeypatch, exc: BaseException) -> None:
    from summarizer import convert

    def broken(self):
        raise exc

    monkeypatch.setattr(convert.CTranslate2Conversion, "run", broken)


def _failed_notes(cache):
    return sorted((cache / "ct2-auto").glob("*.failed"))


def test_a_converter_that_cannot_unpickle_is_one_line_and_noted(tiny_checkpoint, private_cache, monkeypatch):
    _failing_conversion(monkeypatch, pickle.UnpicklingError("Weights only load failed.\nRe-running torch.load ..."))
    with pytest.raises(ModelError, match=r"^CTranslate2 could not convert .*: UnpicklingError: Weights only load failed\.$"):
        conversion_cache.ensure_conversion(str(tiny_checkpoint("marian")), "cpu")
    assert len(_failed_notes(private_cache)) == 1  # the weights will not unpickle next time either


@pytest.mark.parametrize(
    "exc",
    [OSError(28, "No space left on device"), RuntimeError("CUDA out of memory. Tried to allocate 2 GiB"), MemoryError()],
)
def test_a_failure_that_may_pass_next_time_leaves_no_note(tiny_checkpoint, private_cache, monkeypatch, exc):
    _failing_conversion(monkeypatch, exc)
    with pytest.raises(ModelError, match=type(exc).__name__):
        conversion_cache.ensure_conversion(str(tiny_checkpoint("marian")), "cpu")
    assert _failed_notes(private_cache) == []


def test_a_converter_error_without_a_message_names_its_class(tiny_checkpoint, private_cache, monkeypatch):
    _failing_conversion(monkeypatch, ValueError(""))
    with pytest.raises(ModelError, match=r"ValueError: ValueError$"):
        conversion_cache.ensure_conversion(str(tiny_checkpoint("marian")), "cpu")
    assert [note.read_text().strip() for note in _failed_notes(private_cache)][0].endswith("ValueError: ValueError")


def test_notices_are_log_records_not_prints(tiny_checkpoint, private_cache, caplog, capsys):
    with caplog.at_level(conversion_cache.NOTICE, logger="summarizer"):
        conversion_cache.ensure_conversion(str(tiny_checkpoint("marian")), "cpu")
    notices = [r.getMessage() for r in caplog.records if r.levelno == conversion_cache.NOTICE]
    assert notices and notices[0].startswith("converting ") and "CTranslate2 int8" in notices[0]
    assert "converting" not in capsys.readouterr().err
