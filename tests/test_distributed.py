"""The Ray engine gives the local engine's records, resumes the same way, and says which extra is missing."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from batch.articles import BAD_LINES, MAX_CHARS_FOR_TESTS, dump_bytes, good_lines
from summarizer.batch import run_batch
from summarizer.distributed import RayExecutor
from summarizer.errors import MissingDependencyError
from summarizer.settings import Settings


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_bytes().splitlines()]


def without_timings(records: list[dict]) -> list[dict]:
    return [{k: v for k, v in r.items() if k != "timings"} for r in records]


def test_missing_ray_names_the_extra(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray → ImportError
    source = tmp_path / "in.jsonl"
    source.write_bytes(dump_bytes())
    with pytest.raises(MissingDependencyError, match=r"\[ray\] extra"):
        run_batch(source, tmp_path / "out.jsonl", settings=Settings(device="cpu"), executor=RayExecutor())


def test_a_workers_summarizer_error_is_recovered_from_rays_wrapping() -> None:
    from summarizer.distributed import summarizer_error_in
    from summarizer.errors import ModelUnavailableError

    class ActorDied(Exception):
        cause = None

    died = ActorDied(
        "The actor died because of an error raised in its creation task, \x1b[36mray::MapWorker.__init__()\x1b[39m\n"
        "  File \"summarizer/engines/loader.py\", line 56, in locate_model\n"
        "summarizer.errors.ModelUnavailableError: model folder not found: /models/nope\n"
    )
    error = summarizer_error_in(died)
    assert isinstance(error, ModelUnavailableError) and str(error) == "model folder not found: /models/nope"
    assert summarizer_error_in(RuntimeError("worker crashed")) is None

    class TaskError(Exception):
        cause = ModelUnavailableError("offline")

    assert summarizer_error_in(TaskError()) is TaskError.cause


def test_worker_resources_follow_the_cluster_and_the_flags() -> None:
    from summarizer.distributed import _worker_resources
    from summarizer.errors import ConfigError

    class FakeRay:
        def __init__(self, gpus: int) -> None:
            self.gpus = gpus

        def cluster_resources(self) -> dict[str, float]:
            return {"CPU": 64.0, "GPU": float(self.gpus)}

    assert _worker_resources(FakeRay(4), None, None) == (1.0, 4)  # one worker per GPU
    assert _worker_resources(FakeRay(4), 0.5, None) == (0.5, 8)  # two workers share each GPU
    assert _worker_resources(FakeRay(4), None, 2) == (1.0, 2)
    assert _worker_resources(FakeRay(4), None, None, cpu_only=True) == (0.0, 1)
    assert _worker_resources(FakeRay(0), None, None) == (0.0, 1)
    with pytest.raises(ConfigError, match="GPUs"):
        _worker_resources(FakeRay(0), 1, None)


@pytest.fixture(scope="module")
def local_ray(ray_module: object) -> object:
    ray = ray_module
    from summarizer.distributed import worker_runtime_env

    ray.init(num_cpus=2, include_dashboard=False, logging_level="warning", runtime_env=worker_runtime_env())
    yield ray
    ray.shutdown()


@pytest.fixture(scope="module")
def tiny_settings(tiny_models: Path) -> Settings:
    # cpu_threads=1: two cores shared by the read task, a worker and the test process.
    return Settings(
        translation_model=str(tiny_models / "translation"),
        summary_model=str(tiny_models / "summarization"),
        device="cpu",
        num_beams=1,
        max_chars=MAX_CHARS_FOR_TESTS,
        cpu_threads=1,
    )


def test_a_worker_processes_a_body_seen_in_an_earlier_batch_once(tiny_settings: Settings) -> None:
    from batch.articles import ARTICLES

    from summarizer.batch_io import InputRecord
    from summarizer.distributed import ArticleWorker, records_to_table

    worker = ArticleWorker(tiny_settings, batch_size=2)  # no Ray needed: the callable Ray would run per batch
    body = next(iter(ARTICLES.values()))
    first = worker(records_to_table([InputRecord("a", 1, body)]))
    second = worker(records_to_table([InputRecord("b", 2, body)]))
    assert first.column("status").to_pylist() == second.column("status").to_pylist() == ["ok"]
    assert worker.memo.reused == 1  # the second batch reused the first batch's result
    assert json.loads(second.column("record")[0].as_py())["id"] == "b"


@pytest.mark.ray
def test_ray_engine_writes_the_local_engines_records_and_resumes(
    local_ray: object, tiny_settings: Settings, tmp_path: Path
) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes(b"\n".join([good_lines()[0], *BAD_LINES.values()]) + b"\n")  # one article keeps it quick
    local_out, ray_out = tmp_path / "local.jsonl", tmp_path / "ray.jsonl"

    local = run_batch(source, local_out, settings=tiny_settings, batch_size=2)
    # Start from a torn output: the first record written, the second cut mid-line.
    first, second = local_out.read_bytes().splitlines(keepends=True)[:2]
    ray_out.write_bytes(first + second[:10])
    resumed = run_batch(source, ray_out, settings=tiny_settings, batch_size=2, executor=RayExecutor(), resume=True)

    ray_records, local_records = without_timings(read_jsonl(ray_out)), without_timings(read_jsonl(local_out))
    for got, want in zip(ray_records, local_records):
        assert got == want, {k: (got.get(k), want[k]) for k in want if got.get(k) != want[k]}
    assert len(ray_records) == 1 + len(BAD_LINES) and ray_records[0]["status"] == "ok"
    assert (resumed.skipped, resumed.processed) == (1, local.processed - 1)
    assert (resumed.duplicates, resumed.output_ok, resumed.output_errors) == (1, local.ok, local.errors)
