"""The batch job on Ray Data, for when one machine is not enough (`summarizer batch --engine ray`).

The dump is read by one streaming read task on the driver's node (the same readers, duplicate and resume
logic as the local engine), `map_batches` sends records to a pool of ArticleWorker actors that load the
models once each (GPUs per worker configurable), and the driver writes the records it gets back, in input
order, through the same resumable JSONL writer. Records are those of the local engine: both call
summarizer.batch_records.process_records.

    run_batch("dump.jsonl", "out.jsonl", executor=RayExecutor(workers=2))

Ray is an optional extra: `pip install -e '.[ray]'`. This module sits above the batch modules: it imports
them, they never import it.
"""

from __future__ import annotations

import json
import logging
import os
import re
from typing import TYPE_CHECKING, Any, Iterator

from summarizer.batch_dedup import ResultMemo
from summarizer.batch_io import InputRecord, RecordFields, read_records
from summarizer.batch_output import encode_record
from summarizer.batch_records import Outcome, chunked, plan_records, process_records
from summarizer import errors
from summarizer.errors import ConfigError, MissingDependencyError, SummarizerError
from summarizer.settings import Settings

if TYPE_CHECKING:
    import pyarrow

logger = logging.getLogger(__name__)

# Rows handed from the read task to the workers; one column per InputRecord field.
_INPUT_COLUMNS = ("id", "line", "text", "data", "url", "error", "unparseable", "duplicate", "done")


def import_ray() -> Any:
    """The ray module, or MissingDependencyError naming the extra to install."""
    try:
        import ray
        import ray.data  # noqa: F401 — Ray Data is a separate extra of ray
    except ImportError:
        raise MissingDependencyError(
            "the Ray engine needs Ray Data: install the [ray] extra (pip install -e '.[ray]')"
        ) from None
    return ray


class RayExecutor:
    """The Ray engine as a batch executor (see summarizer.batch_records.BatchExecutor).

    Args:
        ray_address: "auto" or "ray://host:port" joins a cluster; None starts a local Ray (unless one is up).
        num_gpus_per_worker: GPUs each worker holds (fractions share a GPU); None → 1 with GPUs, else 0.
        workers: worker actors; None → as many as the GPUs allow, or 1 on CPU.
    """

    def __init__(self, ray_address: str | None = None, num_gpus_per_worker: float | None = None, workers: int | None = None) -> None:
        self.ray_address = ray_address
        self.num_gpus_per_worker = num_gpus_per_worker
        self.workers = workers

    def prepare(self, settings: Settings) -> None:
        """Fail before OUTPUT is written when Ray is missing."""
        import_ray()

    def __call__(
        self,
        input: str | os.PathLike[str],
        fmt: str,
        fields: RecordFields,
        done: frozenset[tuple[str, int | None]],
        settings: Settings,
        batch_size: int,
    ) -> Iterator[list[Outcome]]:
        return ray_outcomes(
            input, fmt, fields, done, settings, batch_size=batch_size, ray_address=self.ray_address,
            num_gpus_per_worker=self.num_gpus_per_worker, workers=self.workers,
        )  # fmt: skip


def ray_outcomes(
    input: str | os.PathLike[str],
    fmt: str,
    fields: RecordFields,
    done: frozenset[tuple[str, int | None]],
    settings: Settings,
    *,
    batch_size: int = 8,
    ray_address: str | None = None,
    num_gpus_per_worker: float | None = None,
    workers: int | None = None,
) -> Iterator[list[Outcome]]:
    """Run the job on Ray and yield the outcomes batch by batch, in input order.

    Args:
        input, fmt, fields: the dump and how to read it (see summarizer.batch_io.read_records).
        done: keys OUTPUT already holds (resume); those records are skipped.
        settings: passed to every worker's Pipeline.
        batch_size: records per map_batches call (and per Pipeline.run_many call).
        ray_address: "auto" or "ray://host:port" joins a cluster; None starts a local Ray (unless one is up).
        num_gpus_per_worker: GPUs each worker holds (fractions share a GPU); None → 1 with GPUs, else 0.
        workers: worker actors; None → as many as the GPUs allow, or 1 on CPU.
    """
    if str(input) == "-":
        raise ConfigError("the Ray engine reads files, not standard input")
    ray = import_ray()
    started_here = not ray.is_initialized()
    if started_here:
        ray.init(address=ray_address, include_dashboard=False, logging_level=logging.WARNING, runtime_env=worker_runtime_env())
    try:
        gpus, workers = _worker_resources(ray, num_gpus_per_worker, workers, cpu_only=settings.device == "cpu")
        context = ray.data.DataContext.get_current()
        context.execution_options.preserve_order = True  # OUTPUT follows input order, as with the local engine
        context.enable_progress_bars = False  # the runner draws one bar for the whole job
        dataset = ray.data.read_datasource(dump_datasource(input, fmt, fields, done, block_rows=max(batch_size, 64)))
        dataset = dataset.map_batches(
            ArticleWorker,
            fn_constructor_kwargs={"settings": settings, "batch_size": batch_size},
            batch_size=batch_size,
            batch_format="pyarrow",
            compute=ray.data.ActorPoolStrategy(size=workers),
            num_gpus=gpus,
            num_cpus=1,
        )
        try:
            for table in dataset.iter_batches(batch_size=None, batch_format="pyarrow"):
                yield [_outcome_from_row(row) for row in table.to_pylist()]
        except Exception as exc:
            # A worker's SummarizerError (model not found...) arrives wrapped in a Ray error; show its one line.
            error = summarizer_error_in(exc)
            if error is not None:
                raise error from None
            raise
    finally:
        if started_here:
            ray.shutdown()


def worker_runtime_env() -> dict[str, Any]:
    """Ray runtime_env letting local workers import this very package, even from a source checkout.

    On a cluster, install the package (with the [ray] extra) on every node instead.
    """
    package_root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    path = os.pathsep.join(p for p in (package_root, os.environ.get("PYTHONPATH", "")) if p)
    return {"env_vars": {"PYTHONPATH": path}}


def _worker_resources(
    ray: Any, num_gpus_per_worker: float | None, workers: int | None, cpu_only: bool = False
) -> tuple[float, int]:
    """(GPUs per worker, number of workers) from the flags and what the cluster has."""
    cluster_gpus = float(ray.cluster_resources().get("GPU", 0))
    if num_gpus_per_worker is None:
        gpus = 1.0 if cluster_gpus and not cpu_only else 0.0
    else:
        gpus = float(num_gpus_per_worker)
    if gpus < 0:
        raise ConfigError("--num-gpus-per-worker must not be negative")
    if gpus > 0 and cluster_gpus < gpus:
        raise ConfigError(f"each worker asks for {gpus:g} GPUs but the Ray cluster has {cluster_gpus:g}")
    if workers is None:
        workers = max(1, int(cluster_gpus // gpus)) if gpus else 1
    if workers < 1:
        raise ConfigError("--workers must be at least 1")
    return gpus, workers


def summarizer_error_in(exc: BaseException) -> SummarizerError | None:
    """The SummarizerError a Ray error wraps: its `cause` for a failed task, or, for an actor that died
    in its constructor (only a traceback text survives), rebuilt from the last `summarizer.errors.X: msg` line."""
    cause = getattr(exc, "cause", None)
    if isinstance(cause, SummarizerError):
        return cause
    text = _ANSI_ESCAPE.sub("", str(exc))
    matches = re.findall(r"summarizer\.errors\.(\w+): ([^\n]+)", text)
    if not matches:
        return None
    name, message = matches[-1]
    error_class = getattr(errors, name, None)
    if isinstance(error_class, type) and issubclass(error_class, SummarizerError):
        return error_class(message)
    return None


_ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")


def _outcome_from_row(row: dict[str, Any]) -> Outcome:
    record = json.loads(row["record"]) if row["record"] is not None else None
    return Outcome(row["status"], record, bool(row["duplicate"]))


# ---------------------------------------------------------------- read side


def dump_datasource(
    path: str | os.PathLike[str], fmt: str, fields: RecordFields, done: frozenset, block_rows: int = 64
) -> Any:
    """A Ray Datasource streaming one dump through a single read task on the driver's node.

    One task keeps duplicate detection global and line numbers exact; reading is never the bottleneck
    next to translation. The class is built on first use so that importing this module does not import Ray.
    """
    global _DATASOURCE_CLASS
    if _DATASOURCE_CLASS is None:
        _DATASOURCE_CLASS = _build_datasource_class()
    return _DATASOURCE_CLASS(path, fmt, fields, done, block_rows)


_DATASOURCE_CLASS: type | None = None


def _build_datasource_class() -> type:
    ray = import_ray()
    from ray.data import ReadTask
    from ray.data.block import BlockMetadata

    class _DumpDatasource(ray.data.Datasource):
        def __init__(self, path: Any, fmt: str, fields: RecordFields, done: frozenset, block_rows: int) -> None:
            super().__init__()
            self.path, self.fmt, self.fields, self.done, self.block_rows = str(path), fmt, fields, done, block_rows

        def get_name(self) -> str:
            return "ArticleDump"

        @property
        def supports_distributed_reads(self) -> bool:
            return False  # the dump lives on the driver's file system

        def estimate_inmemory_data_size(self) -> int | None:
            try:
                return os.path.getsize(self.path) if os.path.isfile(self.path) else None
            except OSError:
                return None

        def get_read_tasks(self, parallelism: int, per_task_row_limit: int | None = None, data_context: Any = None) -> list:
            path, fmt, fields, done, block_rows = self.path, self.fmt, self.fields, self.done, self.block_rows

            def read() -> Iterator["pyarrow.Table"]:
                for block in chunked(plan_records(read_records(path, fmt, fields), done), block_rows):
                    yield records_to_table(block)

            metadata = BlockMetadata(num_rows=None, size_bytes=self.estimate_inmemory_data_size(), exec_stats=None, input_files=None)
            return [ReadTask(read, metadata)]

    return _DumpDatasource


def records_to_table(records: list[InputRecord]) -> "pyarrow.Table":
    """InputRecords as an Arrow table with an explicit schema (str and bytes payloads in separate columns)."""
    import pyarrow as pa

    def payload(r: InputRecord, kind: type) -> Any:
        return r.payload if isinstance(r.payload, kind) else None

    return pa.table(
        {
            "id": pa.array([r.id for r in records], pa.string()),
            "line": pa.array([r.line for r in records], pa.int64()),
            "text": pa.array([payload(r, str) for r in records], pa.large_string()),
            "data": pa.array([payload(r, bytes) for r in records], pa.large_binary()),
            "url": pa.array([r.url for r in records], pa.string()),
            "error": pa.array([r.error for r in records], pa.string()),
            "unparseable": pa.array([r.unparseable for r in records], pa.bool_()),
            "duplicate": pa.array([r.duplicate for r in records], pa.bool_()),
            "done": pa.array([r.done for r in records], pa.bool_()),
        }
    )


def table_to_records(table: "pyarrow.Table") -> list[InputRecord]:
    """Inverse of records_to_table."""
    records = []
    for row in table.select(list(_INPUT_COLUMNS)).to_pylist():
        text, data = row.pop("text"), row.pop("data")
        records.append(InputRecord(payload=text if text is not None else data, **row))
    return records


# ---------------------------------------------------------------- worker side


class ArticleWorker:
    """map_batches callable: loads the models once per worker actor, then processes batches of records."""

    def __init__(self, settings: Settings, batch_size: int) -> None:
        from summarizer.pipeline import Pipeline

        self.pipeline = Pipeline(settings)
        self.pipeline.load()  # models and translation cache: a bad --cache fails here, once, not per record
        self.batch_size = batch_size
        self.memo = ResultMemo()  # identical bodies across this worker's batches are processed once

    def __call__(self, table: "pyarrow.Table") -> "pyarrow.Table":
        import pyarrow as pa

        outcomes = process_records(self.pipeline, table_to_records(table), self.batch_size, self.memo)
        return pa.table(
            {
                "status": pa.array([o.status for o in outcomes], pa.string()),
                "duplicate": pa.array([o.duplicate for o in outcomes], pa.bool_()),
                "record": pa.array(
                    [encode_record(o.record).decode("utf-8") if o.record is not None else None for o in outcomes],
                    pa.large_string(),
                ),
            }
        )
