"""Batch input from an adversarial user test: endless lines, unreadable folders, JSON arrays, open CSV quotes,
UTF-16 dumps and missing paths each end in an error record or one `error:` line, never in silence or a hang.

No models: tests/batch/fake_executor.py's EchoExecutor stands in for the engine (in process or behind the CLI).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from batch.articles import ARTICLES, dumps
from batch.fake_executor import EchoExecutor
from summarizer import batch_io
from summarizer.batch import run_batch
from summarizer.batch_io import read_records
from summarizer.errors import InputError
from summarizer.settings import Settings

TESTS = Path(__file__).resolve().parent
SETTINGS = Settings(device="cpu")


class PreparingEcho(EchoExecutor):
    """EchoExecutor that notes whether the models would have been loaded."""

    prepared = False

    def prepare(self, settings: Settings) -> None:
        self.prepared = True


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_bytes().splitlines()]


def run(source: Path | str, out: Path, **kwargs: object):
    kwargs.setdefault("executor", EchoExecutor())
    return run_batch(source, out, settings=SETTINGS, batch_size=2, **kwargs)


def cli(args: list[str], stdin: object = subprocess.DEVNULL, timeout: float = 30) -> subprocess.CompletedProcess:
    """`summarizer ARGS` with the model-free engine; a hang fails the test at `timeout` instead of blocking it."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(TESTS), os.environ.get("PYTHONPATH")]))}
    command = [sys.executable, str(TESTS / "batch" / "fake_executor.py"), *args]
    return subprocess.run(command, env=env, stdin=stdin, capture_output=True, text=True, timeout=timeout)


# ---------------------------------------------------------------- 1. a line that never ends


def test_an_endless_line_writes_its_record_then_stops_with_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch_io, "MAX_LINE_BYTES", 1024)
    monkeypatch.setattr(batch_io, "MAX_SKIP_BYTES", 4 << 20)
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    os.mkfifo(source)  # a good record, then zeros for as long as anyone reads

    def feed() -> None:
        try:
            with open(source, "wb") as fh:
                fh.write(dumps({"id": "a", "text": "본문"}).encode() + b"\n")
                while True:
                    fh.write(b"\0" * 65536)
        except BrokenPipeError:
            pass

    threading.Thread(target=feed, daemon=True).start()
    failure: list[BaseException] = []
    runner = threading.Thread(target=lambda: _capture(failure, lambda: run(source, out)), daemon=True)
    runner.start()
    runner.join(30)
    assert not runner.is_alive(), "the reader is still skipping a line that never ends"
    (error,) = failure
    assert isinstance(error, InputError) and "in.jsonl: line 2 runs on for" in str(error) and "without a newline" in str(error)
    first, second = read_jsonl(out)
    assert first["id"] == "a" and first["status"] == "ok"
    assert second["id"] == "line-2" and "longer than" in second["error"]


def test_an_endless_csv_line_writes_its_record_then_stops_without_filling_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch_io, "MAX_LINE_BYTES", 1024)
    monkeypatch.setattr(batch_io, "MAX_SKIP_BYTES", 4 << 20)
    source, out = tmp_path / "in.csv", tmp_path / "out.jsonl"
    long_row = "long," + "가" * 2000 + "\n"  # over the line limit, and it ends: an error record, then the run goes on
    source.write_text("id,text\nc1,본문\n" + long_row + "c3,본문 셋\n", encoding="utf-8")
    run(source, out)
    assert [(r["id"], r.get("line")) for r in read_jsonl(out)] == [("c1", None), ("line-3", 3), ("c3", None)]
    with source.open("ab") as fh:  # now a last line that runs on: its record, then one line, bounded memory
        fh.write(b"c4," + b"x" * (6 << 20))
    out.unlink()
    with pytest.raises(InputError, match=r"in\.csv: line 5 runs on for [\d,]+ characters without a newline"):
        run(source, out)
    assert [r["id"] for r in read_jsonl(out)] == ["c1", "line-3", "c3", "line-5"]


def _capture(into: list[BaseException], call) -> None:
    try:
        call()
    except BaseException as exc:  # noqa: BLE001 — handed to the test thread
        into.append(exc)


@pytest.mark.parametrize("how", ["path", "stdin"])
def test_dev_zero_through_the_cli_exits_2_within_seconds(tmp_path: Path, how: str) -> None:
    out = tmp_path / "o.jsonl"
    with open("/dev/zero", "rb") as zero:
        if how == "path":
            done = cli(["batch", "/dev/zero", str(out), "--input-format", "jsonl", "--no-progress"])
        else:
            done = cli(["batch", "-", str(out), "--no-progress"], stdin=zero)
    assert done.returncode == 2
    assert done.stderr.startswith("error: ") and "without a newline (more than 1 GiB)" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    (record,) = read_jsonl(out)
    assert record["id"] == "line-1" and "longer than" in record["error"]


def test_a_long_line_that_ends_is_one_error_record_and_the_run_goes_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch_io, "MAX_LINE_BYTES", 1024)
    monkeypatch.setattr(batch_io, "MAX_SKIP_BYTES", 1 << 20)
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    long_line = dumps({"id": "long", "text": "가" * 100_000}).encode()  # 300 kB: over the line limit, under the skip bound
    source.write_bytes(long_line + b"\n" + dumps({"id": "b", "text": "본문"}).encode() + b"\n")
    run(source, out)
    assert [(r["id"], r["status"]) for r in read_jsonl(out)] == [("line-1", "error"), ("b", "ok")]


# ---------------------------------------------------------------- 2. folders that cannot be read


def test_an_unreadable_subfolder_is_an_error_record_in_its_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pages = tmp_path / "pages"
    for name in ("a", "b", "c"):
        (pages / name).mkdir(parents=True)
        (pages / name / "x.txt").write_text(ARTICLES["a1"], encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path=".", *args):
        # Tests run as root, whom chmod 000 does not stop: refuse the listing the way the kernel would.
        if Path(path) == pages / "b":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path, *args)

    monkeypatch.setattr(os, "scandir", scandir)
    records = list(read_records(pages, "dir"))
    assert [(r.id, r.error) for r in records] == [
        ("a/x.txt", None),
        ("b", "cannot read folder: Permission denied"),
        ("c/x.txt", None),
    ]


def test_an_unreadable_input_folder_is_one_line_before_models_load(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    real_scandir = os.scandir

    def scandir(path=".", *args):
        if Path(path) == pages:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path, *args)

    monkeypatch.setattr(os, "scandir", scandir)
    executor = PreparingEcho()
    with pytest.raises(InputError, match=r"cannot read folder .*pages: Permission denied"):
        run(pages, tmp_path / "out.jsonl", executor=executor)
    assert not executor.prepared


def test_no_article_succeeded_says_why(tmp_path: Path) -> None:
    empty, fifos = tmp_path / "empty", tmp_path / "fifos"
    empty.mkdir()
    (empty / "notes.md").write_text("not a page")
    fifos.mkdir()
    os.mkfifo(fifos / "a.html")
    done = cli(["batch", str(empty), str(tmp_path / "o1.jsonl"), "--no-progress"])
    assert done.returncode == 1 and f"error: no article succeeded: {empty} holds no records" in done.stderr
    done = cli(["batch", str(fifos), str(tmp_path / "o2.jsonl"), "--no-progress"])
    assert done.returncode == 1
    assert "error: no article succeeded: every record failed (1 error records); first error record: a.html: not a regular file" in done.stderr


# ---------------------------------------------------------------- 3. a JSON array or pretty-printed JSON named .json


@pytest.mark.parametrize(
    ("name", "body", "fix"),
    [
        ("in.json", lambda rows: json.dumps(rows, indent=2, ensure_ascii=False), "jq -c '.[]' in.json > in.jsonl"),
        ("in.json", lambda rows: json.dumps(rows, ensure_ascii=False), "jq -c '.[]' in.json > in.jsonl"),
        ("one.json", lambda rows: json.dumps(rows[0], indent=2, ensure_ascii=False), "jq -c . one.json > one.jsonl"),
    ],
    ids=["array-indented", "array-one-line", "pretty-object"],
)
def test_json_that_is_not_jsonl_is_one_line_before_models_load(tmp_path: Path, name: str, body, fix: str) -> None:
    rows = [{"id": f"r{i}", "text": ARTICLES["a1"]} for i in range(13)]
    source, out = tmp_path / name, tmp_path / "out.jsonl"
    source.write_text(body(rows), encoding="utf-8")
    executor = PreparingEcho()
    with pytest.raises(InputError, match="batch reads JSONL") as caught:
        run(source, out, executor=executor)
    assert fix in str(caught.value) and not executor.prepared and not out.exists()


def test_a_json_array_through_the_cli_exits_2(tmp_path: Path) -> None:
    source = tmp_path / "in.json"
    source.write_text(json.dumps([{"id": "a", "text": "본문"}], indent=2), encoding="utf-8")
    done = cli(["batch", str(source), str(tmp_path / "o.jsonl"), "--no-progress"])
    assert done.returncode == 2
    assert done.stderr.strip() == (
        "error: in.json holds one JSON array; batch reads JSONL (one JSON object per line): "
        "convert it first, e.g. jq -c '.[]' in.json > in.jsonl"
    )


# ---------------------------------------------------------------- 4. CSV: a quote left open


def test_an_unterminated_csv_quote_is_an_error_record_naming_its_line(tmp_path: Path) -> None:
    source, out = tmp_path / "in.csv", tmp_path / "out.csv.jsonl"
    source.write_text('id,text\nc8,본문 여덟\nc9,"unterminated 본문\nc10,본문 열\nc11,본문 열하나\n', encoding="utf-8")
    run(source, out)
    ok, bad = read_jsonl(out)
    assert ok["id"] == "c8" and ok["status"] == "ok"
    assert bad["id"] == "line-3" and bad["line"] == 3
    assert "unterminated quote in the CSV row at line 3" in bad["error"] and "lines 3-5" in bad["error"]


def test_csv_rows_ending_the_file_properly_are_not_taken_for_open_quotes(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text('id,text\nc1,"두 줄\n본문"\nc2,"마지막 ""따옴표"""', encoding="utf-8")  # no newline at the end
    records = list(read_records(source, "csv"))
    assert [(r.id, r.payload) for r in records] == [("c1", "두 줄\n본문"), ("c2", '마지막 "따옴표"')]


# ---------------------------------------------------------------- 5. UTF-16 and UTF-32 dumps


@pytest.mark.parametrize(
    ("name", "codec", "said"),
    [("in.jsonl", "utf-16", "UTF-16"), ("in.jsonl", "utf-16-le", "UTF-16"), ("in.jsonl", "utf-32", "UTF-32"), ("in.csv", "utf-16", "UTF-16")],
)
def test_wide_encodings_are_one_line_before_models_load(tmp_path: Path, name: str, codec: str, said: str) -> None:
    source = tmp_path / name
    if name.endswith(".csv"):
        text = "id,text\n" + "".join(f"r{i},{ARTICLES['a1'][:40]}\n" for i in range(4))
    else:
        text = "".join(dumps({"id": f"r{i}", "text": ARTICLES["a1"]}) + "\n" for i in range(4))
    source.write_bytes(text.encode(codec))
    executor = PreparingEcho()
    with pytest.raises(InputError, match=f"{name} is {said} text; batch reads UTF-8") as caught:
        run(source, tmp_path / "out.jsonl", executor=executor)
    assert f"iconv -f {said} -t UTF-8 {name} > in-utf8." in str(caught.value) and not executor.prepared


def test_utf16_on_stdin_is_one_line(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes((dumps({"id": "a", "text": "본문"}) + "\n").encode("utf-16"))
    with open(source, "rb") as stdin:
        done = cli(["batch", "-", str(tmp_path / "o.jsonl"), "--no-progress"], stdin=stdin)
    assert done.returncode == 2 and done.stderr.startswith("error: standard input is UTF-16 text")
    assert "pipe it through iconv -f UTF-16 -t UTF-8" in done.stderr


# ---------------------------------------------------------------- 6. paths that are not there


def test_a_missing_input_is_not_found_and_a_link_loop_is_named(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="input not found: .*missing_dir"):
        batch_io.detect_format(tmp_path / "missing_dir")
    loop = tmp_path / "loop1.jsonl"
    loop.symlink_to(loop)
    with pytest.raises(InputError, match="loop1.jsonl is a symbolic link loop"):
        run(loop, tmp_path / "out.jsonl")
    dangling = tmp_path / "gone.jsonl"
    dangling.symlink_to(tmp_path / "nowhere.jsonl")
    with pytest.raises(InputError, match="gone.jsonl is a broken symbolic link"):
        run(dangling, tmp_path / "out.jsonl")
