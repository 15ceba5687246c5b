"""Batch runner under attack (issue 12): nothing lost, nothing doubled, one line for every refusal.

Models are not needed: a model-free executor (tests/batch/fake_executor.py) stands in for the engine,
so these exercise the runner's own logic — lock, manifest, resume keys, readers, writes, signals.
"""

from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from batch.articles import ARTICLES, dumps
from batch.fake_executor import EchoExecutor
from summarizer.batch import run_batch
from summarizer.batch_io import read_records
from summarizer.batch_output import OutputLock, open_output
from summarizer.batch_records import plan_records
from summarizer.errors import ConfigError, InputError, OutputError
from summarizer.settings import Settings

TESTS = Path(__file__).resolve().parent
SETTINGS = Settings(device="cpu")


def lines(*objs: object) -> bytes:
    return b"".join(dumps(o).encode() + b"\n" for o in objs)


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_bytes().splitlines()]


def run(source: Path | str, out: Path | str, **kwargs: object):
    kwargs.setdefault("executor", EchoExecutor())
    return run_batch(source, out, settings=SETTINGS, batch_size=2, **kwargs)


def fake_cli(args: list[str], **kwargs: object) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(TESTS), **kwargs.pop("env", {})}  # type: ignore[dict-item]
    return subprocess.Popen([sys.executable, str(TESTS / "batch" / "fake_executor.py"), *args], env=env, **kwargs)  # type: ignore[call-overload]


# ---------------------------------------------------------------- 1. one writer per OUTPUT


def test_a_second_writer_is_refused_naming_the_first(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    with open_output(out, resume=False):
        for resume in (False, True):
            with pytest.raises(OutputError, match=rf"being written by process {os.getpid()}\b"):
                open_output(out, resume=resume)
    assert not (tmp_path / "out.jsonl.lock").exists()  # released and removed
    with open_output(out, resume=True):  # free again
        pass


def test_a_writer_through_a_symlink_to_the_same_output_is_refused(tmp_path: Path) -> None:
    # Found by a user test: `batch in out.jsonl` and `batch in link.jsonl` (link -> out.jsonl) wrote every record twice.
    out, link = tmp_path / "out.jsonl", tmp_path / "link.jsonl"
    out.touch()
    link.symlink_to(out.name)
    with open_output(out, resume=False):
        with pytest.raises(OutputError, match=rf"being written by process {os.getpid()}\b"):
            open_output(link, resume=True)
    with open_output(link, resume=True):
        with pytest.raises(OutputError, match="being written by"):
            open_output(out, resume=True)
    from summarizer.batch_manifest import manifest_path

    assert manifest_path(link) == manifest_path(out)  # one manifest, whichever name the run was given


def test_two_concurrent_cli_runs_write_every_record_once(tmp_path: Path) -> None:
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_bytes(lines(*({"id": f"r{i}", "text": "본문"} for i in range(20))))
    args = ["batch", str(source), str(out), "--resume", "--batch-size", "2", "--no-progress"]
    first = fake_cli(args, env={"FAKE_DELAY_S": "0.5"}, stderr=subprocess.PIPE, text=True)  # 10 batches: 5 s
    deadline = time.monotonic() + 30
    while not (tmp_path / "out.jsonl.lock").exists():  # the first run holds OUTPUT
        assert time.monotonic() < deadline and first.poll() is None
        time.sleep(0.02)
    second = fake_cli(args, stderr=subprocess.PIPE, text=True)
    _, second_err = second.communicate(timeout=60)
    _, first_err = first.communicate(timeout=60)
    assert first.returncode == 0, first_err
    assert second.returncode == 2 and second_err.strip() == (
        f"error: {out} is being written by process {first.pid} (summarizer batch); wait for it to finish or choose another OUTPUT"
    )
    assert sorted(r["id"] for r in read_jsonl(out)) == sorted(f"r{i}" for i in range(20))


# ---------------------------------------------------------------- 2, 3. resume keys and the manifest


def test_inserting_an_id_less_record_resumes_without_loss_or_double(tmp_path: Path) -> None:
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    old = [{"text": f"기사 {i}"} for i in range(4)]
    source.write_bytes(lines(*old))
    run(source, out)
    source.write_bytes(lines({"text": "새 기사"}, *old))  # inserted at the top: every line number shifts
    stream = tmp_path / "log.txt"
    with stream.open("w") as log:
        stats = run(source, out, resume=True, log_stream=log)
    records = read_jsonl(out)
    assert (stats.ok, stats.skipped) == (1, 4)
    assert len(records) == 5 and len({r["id"] for r in records}) == 5
    assert all(r["id"].startswith("sha256:") for r in records)
    assert "warning: the input file changed since out.jsonl was started" in stream.read_text()


def test_resume_with_other_settings_is_refused(tmp_path: Path) -> None:
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_bytes(lines({"id": "a", "text": "본문"}))
    run(source, out)
    manifest = json.loads((tmp_path / "out.jsonl.manifest.json").read_text())
    assert manifest["input"]["size"] == source.stat().st_size and manifest["settings"]["num_beams"] == 4
    with pytest.raises(ConfigError, match=r"other settings \(num_beams: 4 → 1\)"):
        run_batch(source, out, settings=SETTINGS.replace(num_beams=1), resume=True, executor=EchoExecutor())
    run_batch(source, out, settings=SETTINGS.replace(device="cuda"), resume=True, executor=EchoExecutor())  # speed only


def test_an_id_named_like_a_line_does_not_hide_that_line(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes(lines({"id": "line-2", "text": "첫 기사"}, {"text": "둘째 기사"}))
    planned = list(plan_records(read_records(source, "jsonl"), frozenset()))
    assert [r.duplicate for r in planned] == [False, False]
    assert planned[0].id == "line-2" and planned[1].id.startswith("sha256:")
    out = tmp_path / "out.jsonl"
    assert run(source, out).ok == 2


# ---------------------------------------------------------------- 5. any unparseable line is one error record


@pytest.mark.parametrize(
    ("line", "fragment"),
    [
        (b'{"id": 1, "n": ' + b"9" * 5000 + b"}", "Exceeds the limit"),
        (b"[" * 100_000, "nested too deeply"),
        (b'{"id": "x", "text": "\x00"}', "invalid JSON"),
        (b'{"id": "\xff\xfe", "text": 1', "invalid JSON"),
        (b"\xef\xbb\xbf", "invalid JSON"),
    ],
    ids=["huge-int", "deep", "nul", "bad-utf8", "bom-only"],
)
def test_an_unparseable_line_is_an_error_record_and_the_run_goes_on(tmp_path: Path, line: bytes, fragment: str) -> None:
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_bytes(line + b"\n" + lines({"id": "after", "text": "본문"}))
    stats = run(source, out)
    bad, after = read_jsonl(out)
    assert bad["id"] == "line-1" and bad["line"] == 1 and fragment in bad["error"] and "\n" not in bad["error"]
    assert after == {"id": "after", "status": "ok", "error": None, "chars": 2}
    assert (stats.ok, stats.errors) == (1, 1)


# ---------------------------------------------------------------- 6. folders: regular files only, bounded reads


def test_folder_input_refuses_fifos_and_links_to_devices_without_reading_them(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "good.txt").write_text(ARTICLES["a1"], encoding="utf-8")
    os.mkfifo(pages / "a.html")  # reading it would hang for ever
    (pages / "zzz.html").symlink_to("/dev/zero")  # reading it would never end
    started = time.monotonic()
    records = {r.id: r for r in read_records(pages, "dir")}
    assert time.monotonic() - started < 5
    assert records["good.txt"].payload == ARTICLES["a1"].encode()
    for name in ("a.html", "zzz.html"):
        assert records[name].payload is None and "not a regular file" in records[name].error


def test_a_fifo_input_is_not_drained_by_the_progress_estimate(tmp_path: Path) -> None:
    import threading

    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    os.mkfifo(source)  # what `summarizer batch <(zcat dump.gz) out.jsonl` reads
    payload = lines(*({"id": f"r{i}", "text": "본문"} for i in range(5)))

    def feed() -> None:
        with open(source, "wb") as fh:
            fh.write(payload)

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    stats = run(source, out, progress=True, log_stream=io.StringIO())
    writer.join(5)
    assert stats.ok == 5 and len(read_jsonl(out)) == 5


def test_folder_reads_stop_at_the_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from summarizer import batch_io

    monkeypatch.setattr(batch_io, "MAX_INPUT_BYTES", 1024)
    (tmp_path / "big.txt").write_bytes(b"x" * 2048)
    (big,) = read_records(tmp_path, "dir")
    assert big.payload is None and "larger than" in big.error


# ---------------------------------------------------------------- 7. truncated or mislabelled compressed input


@pytest.mark.parametrize(
    ("suffix", "compress"), [(".gz", gzip.compress), (".bz2", lambda data: bz2.compress(data, 1)), (".xz", lzma.compress)]
)  # bz2 level 1: 100 kB blocks, so the part before the cut holds whole blocks
def test_a_truncated_archive_names_the_file_and_resume_keeps_the_good_part(tmp_path: Path, suffix: str, compress) -> None:
    records = [{"id": f"r{i}", "text": f"기사 {i} " + "내용 " * 1000} for i in range(40)]
    packed = compress(lines(*records))
    source, out = tmp_path / f"in.jsonl{suffix}", tmp_path / "out.jsonl"
    source.write_bytes(packed[: len(packed) * 2 // 3])
    with pytest.raises(InputError, match=rf"in\.jsonl\{suffix} is truncated or corrupt: reading stopped after line \d+") as caught:
        run(source, out)
    stopped_after = int(str(caught.value).split("after line ")[1].split()[0])
    kept = read_jsonl(out)
    assert stopped_after > 0 and [r["id"] for r in kept] == [f"r{i}" for i in range(stopped_after)]
    with pytest.raises(InputError, match="truncated or corrupt"):
        run(source, out, resume=True)
    assert read_jsonl(out) == kept  # nothing lost, nothing doubled
    source.write_bytes(packed)
    stats = run(source, out, resume=True)
    assert (stats.skipped, stats.ok) == (stopped_after, 40 - stopped_after)


def test_a_plain_file_named_gz_is_one_line(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl.gz"
    source.write_bytes(lines({"id": "a", "text": "본문"}))
    with pytest.raises(InputError, match=r"in\.jsonl\.gz is truncated or corrupt: reading stopped after line 0 \(Not a gzipped file"):
        run(source, tmp_path / "out.jsonl")


# ---------------------------------------------------------------- output: streams, parents, write failures


def test_output_dash_is_standard_output(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes(lines({"id": "a", "text": "본문"}, {"id": "b", "text": "기사"}))
    stats = run(source, "-")
    out = capfd.readouterr().out
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["a", "b"] and stats.output == "standard output"
    assert not (Path.cwd() / "-").exists()
    with pytest.raises(ConfigError, match="--resume needs an OUTPUT file"):
        run(source, "-", resume=True)


def test_dev_stdout_on_a_pipe_takes_every_batch(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes(lines(*({"id": f"r{i}", "text": "본문"} for i in range(7))))
    done = subprocess.run(
        [sys.executable, str(TESTS / "batch" / "fake_executor.py"), "batch", str(source), "/dev/stdout", "-b", "2", "--no-progress"],
        env={**os.environ, "PYTHONPATH": str(TESTS)}, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert [json.loads(line)["id"] for line in done.stdout.splitlines()] == [f"r{i}" for i in range(7)]


def test_output_under_a_file_is_one_line(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes(lines({"id": "a", "text": "본문"}))
    (tmp_path / "file").write_text("x")
    with pytest.raises(OutputError, match="is a file, not a folder"):
        run(source, tmp_path / "file" / "out.jsonl")


def test_a_full_device_fails_the_run_loudly(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes(lines({"id": "a", "text": "본문"}))
    with pytest.raises(OutputError, match="cannot write /dev/full: No space left on device"):
        run(source, "/dev/full")


# ---------------------------------------------------------------- SIGTERM


def test_sigterm_stops_like_ctrl_c_and_resume_completes(tmp_path: Path) -> None:
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_bytes(lines(*({"id": f"r{i}", "text": "본문"} for i in range(30))))
    args = ["batch", str(source), str(out), "-b", "2", "--no-progress"]
    job = fake_cli(args, env={"FAKE_DELAY_S": "0.1"}, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while not out.exists() or out.stat().st_size == 0:
        assert time.monotonic() < deadline and job.poll() is None
        time.sleep(0.02)
    job.send_signal(signal.SIGTERM)
    _, err = job.communicate(timeout=30)
    assert job.returncode == 143
    assert err.strip().splitlines()[-1] == f"stopped (SIGTERM): {out} holds every batch finished so far; rerun with --resume to continue"
    done = subprocess.run([sys.executable, str(TESTS / "batch" / "fake_executor.py"), *args, "--resume"],
                          env={**os.environ, "PYTHONPATH": str(TESTS)}, capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert sorted(r["id"] for r in read_jsonl(out)) == sorted(f"r{i}" for i in range(30))


def test_lock_file_of_a_dead_writer_does_not_block(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    (tmp_path / "out.jsonl.lock").write_text("999999\n")  # left by a SIGKILLed run: no flock is held on it
    lock = OutputLock.acquire(out)
    assert (tmp_path / "out.jsonl.lock").read_text().strip() == str(os.getpid())
    lock.release()
