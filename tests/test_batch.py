"""Batch runner: readers, resumable output, duplicates, error records, fallback, CLI exit codes."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from batch.articles import ARTICLES, BAD_LINES, MAX_CHARS_FOR_TESTS, dump_bytes, dumps, good_lines
from summarizer import batch_io
from summarizer.batch import BatchProgress, run_batch
from summarizer.batch_io import InputRecord, RecordFields, read_records
from summarizer.batch_output import encode_record, scan_output
from summarizer.batch_records import Outcome, plan_records, process_records
from summarizer.errors import ConfigError, InputError, ModelUnavailableError
from summarizer.settings import Settings


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_bytes().splitlines()]


def without_timings(records: list[dict]) -> list[dict]:
    return [{k: v for k, v in r.items() if k != "timings"} for r in records]


# ---------------------------------------------------------------- readers (no models)


def test_jsonl_reader_turns_every_bad_line_into_one_record(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes(b"\n" + dump_bytes() + b"\n[1, 2]\n" + dumps({"text": "제목\n\n본문", "id": 7}).encode() + b"\n")
    records = list(read_records(source, "jsonl"))

    assert [r.id for r in records[:3]] == ["a1", "a2", "a3"]
    assert records[0].url == "https://news.example.kr/a1" and records[0].line == 2  # blank line 1 is not a record
    by_id = {r.id: r for r in records}
    broken = by_id["line-5"]
    assert broken.unparseable and broken.line == 5 and broken.error.startswith("invalid JSON")
    assert "neither" in by_id["no-text"].error
    assert by_id["empty"].payload == "   " and by_id["empty"].error is None  # the pipeline refuses it
    assert isinstance(by_id["bytes"].payload, bytes) and b"\x80\xff" in by_id["bytes"].payload
    assert by_id["line-13"].error == "line is a JSON list, not an object"
    assert by_id["7"].payload == "제목\n\n본문"  # numeric ids become strings


def test_html_field_wins_unless_it_is_blank() -> None:
    fields = RecordFields()
    assert batch_io.record_from_mapping({"html": "<p>본문</p>", "text": "본문"}, 1, fields).payload == "<p>본문</p>"
    assert batch_io.record_from_mapping({"html": " ", "text": "본문"}, 1, fields).payload == "본문"
    assert batch_io.record_from_mapping({"html": None, "text": ""}, 1, fields).payload == ""
    custom = RecordFields(text="body", id="doc_id", url="link")
    record = batch_io.record_from_mapping({"doc_id": "d1", "body": "본문", "link": "https://x.kr"}, 3, custom)
    assert (record.id, record.payload, record.url) == ("d1", "본문", "https://x.kr")
    assert "must be a string" in batch_io.record_from_mapping({"text": ["a"]}, 1, fields).error


def test_jsonl_gz_reads_like_plain_jsonl(tmp_path: Path) -> None:
    plain, packed = tmp_path / "in.jsonl", tmp_path / "in.jsonl.gz"
    plain.write_bytes(dump_bytes())
    packed.write_bytes(gzip.compress(dump_bytes()))
    assert batch_io.detect_format(packed) == "jsonl"
    assert list(read_records(packed, "jsonl")) == list(read_records(plain, "jsonl"))
    assert batch_io.estimate_total(packed, "jsonl") == len(list(read_records(plain, "jsonl")))


def test_cp949_bytes_in_a_json_string_reach_the_pipeline_as_bytes(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes(b'{"id": "euckr", "text": "' + "한국어 기사".encode("cp949") + b'"}\n')
    (record,) = read_records(source, "jsonl")
    assert record.payload == "한국어 기사".encode("cp949")  # textio.decode_bytes decodes it as CP949


def test_unpaired_surrogate_escape_is_an_error(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "s", "text": "\\ud800 기사"}\n', encoding="utf-8")
    (record,) = read_records(source, "jsonl")
    assert record.payload is None and "surrogate" in record.error


def test_overlong_line_is_refused_without_losing_the_next(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch_io, "MAX_LINE_BYTES", 100)
    source = tmp_path / "in.jsonl"
    source.write_bytes(dumps({"id": "big", "text": "가" * 500}).encode() + b"\n" + dumps({"id": "next", "text": "나"}).encode() + b"\n")
    first, second = read_records(source, "jsonl")
    assert first.unparseable and first.line == 1 and "longer than" in first.error
    assert second.id == "next" and second.line == 2


def test_csv_reader_handles_multiline_cells_and_reports_start_lines(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_bytes(
        b"id,text,url\r\n"
        + "a,\"제목\n\n첫 문단\",https://x.kr/a\r\n".encode()
        + b"b,,\r\n"
        + b"c," + "한글".encode("cp949") + b",\r\n"
        + b"d,x,y,extra\r\n"
    )
    a, b, c, d = read_records(source, "csv")
    assert (a.id, a.line, a.payload, a.url) == ("a", 2, "제목\n\n첫 문단", "https://x.kr/a")
    assert b.line == 5 and "neither" in b.error  # an empty cell counts as missing
    assert c.payload == "한글".encode("cp949")
    assert d.unparseable and d.line == 7 and "4 fields" in d.error


def test_dir_reader_uses_relative_paths_as_ids(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.html").write_bytes("<html><body><p>본문</p></body></html>".encode("euc-kr"))
    (tmp_path / "sub" / "a.txt").write_text("기사", encoding="utf-8")
    (tmp_path / "notes.json").write_text("{}")
    (tmp_path / ".hidden.txt").write_text("x")
    records = list(read_records(tmp_path, "dir"))
    assert [r.id for r in records] == ["b.html", "sub/a.txt"]
    assert records[0].payload == "<html><body><p>본문</p></body></html>".encode("euc-kr")
    assert batch_io.estimate_total(tmp_path, "dir") == 2


def test_unknown_input_format_and_missing_input_are_input_errors(tmp_path: Path) -> None:
    (tmp_path / "dump.xml").write_text("<dump/>")
    with pytest.raises(InputError, match="--input-format"):
        batch_io.detect_format(tmp_path / "dump.xml")
    with pytest.raises(InputError, match="not found"):
        list(read_records(tmp_path / "missing.jsonl", "jsonl"))


# ---------------------------------------------------------------- output and planning (no models)


def test_scan_output_cuts_a_torn_last_line_and_collects_keys(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    good = [{"id": "a", "status": "ok"}, {"id": "line-3", "status": "error", "line": 3}, {"id": "a", "status": "error", "line": 9}]
    complete = b"".join(encode_record(r) for r in good)
    out.write_bytes(complete + b'{"id": "b", "sta')
    state = scan_output(out)
    assert state.done == {("a", None), ("line-3", 3), ("a", 9)}
    assert (state.ok, state.errors) == (1, 2)
    assert state.dropped_bytes == len(b'{"id": "b", "sta')
    assert out.read_bytes() == complete


def test_scan_output_refuses_a_file_that_is_not_batch_output(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_bytes(b"not json\n" + encode_record({"id": "a", "status": "ok"}))
    with pytest.raises(InputError, match="line 1"):
        scan_output(out)


def test_plan_marks_duplicates_by_line_and_skips_done_keys() -> None:
    records = [InputRecord("a", 1, "x"), InputRecord("b", 2, "y"), InputRecord("a", 3, "z"), InputRecord("a", 4, "w")]
    planned = list(plan_records(records, frozenset({("b", None), ("a", 4)})))
    assert [(r.id, r.duplicate, r.done) for r in planned] == [("a", False, False), ("b", False, True), ("a", True, False), ("a", True, True)]
    assert planned[2].key == ("a", 3) and planned[2].payload is None and "duplicate id" in planned[2].error


def test_progress_logs_lines_when_not_a_tty() -> None:
    stream = io.StringIO()
    progress = BatchProgress(total=4, enabled=True, stream=stream, interval_s=0)
    progress.update([Outcome("ok", {}), Outcome("error", {})])
    progress.update([Outcome("skipped")])
    progress.close()
    lines = stream.getvalue().splitlines()
    assert lines[0].startswith("batch: 2/4 (50.0%) records — 1 ok, 1 errors, 0 skipped")
    assert lines[-1].startswith("batch: 3/4") and "articles/s" in lines[-1] and "ETA" in lines[-1]
    assert len(lines) == 2  # close() does not repeat an up-to-date line


def test_progress_lines_name_the_stage_and_count_from_the_given_launch() -> None:
    import time

    stream = io.StringIO()
    progress = BatchProgress(total=None, enabled=True, stream=stream, interval_s=0, started=time.perf_counter() - 65)
    progress.stage("translating 3/10 sentences", 0.3)
    progress.update([Outcome("error", {}, duplicate=True)])
    line = stream.getvalue().splitlines()[-1]
    assert "1:05 elapsed" in line and line.endswith("; now translating 3/10 sentences")
    assert progress.duplicates == 1


# ---------------------------------------------------------------- the real pipeline on the tiny checkpoints


@pytest.fixture(scope="module")
def tiny_settings(tiny_models: Path) -> Settings:
    return Settings(
        translation_model=str(tiny_models / "translation"),
        summary_model=str(tiny_models / "summarization"),
        device="cpu",
        num_beams=1,
        max_chars=MAX_CHARS_FOR_TESTS,
        cpu_threads=1,  # two shared cores: more torch threads oversubscribe them
    )


@pytest.fixture(scope="module")
def dump(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("dump") / "dump.jsonl"
    path.write_bytes(dump_bytes())
    return path


@pytest.fixture(scope="module")
def full_run(dump: Path, tiny_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    out = tmp_path_factory.mktemp("full") / "out.jsonl"
    stats = run_batch(dump, out, settings=tiny_settings, batch_size=2)
    return out, stats


def test_one_record_per_input_record_with_one_error_per_bad_kind(full_run: tuple[Path, object]) -> None:
    out, stats = full_run
    records = read_jsonl(out)
    assert len(records) == len(ARTICLES) + len(BAD_LINES)
    ok = [r for r in records if r["status"] == "ok"]
    assert [r["id"] for r in ok] == list(ARTICLES)
    for r in ok:
        assert r["error"] is None and r["title_en"] and r["paragraphs_en"] and isinstance(r["summary_en"], str)
        assert len(r["paragraphs_en"]) == len(r["paragraphs_ko"]) and r["url"].endswith(r["id"])
    errors = {r["id"]: r for r in records if r["status"] == "error"}
    assert errors["line-4"]["line"] == 4 and errors["line-4"]["error"].startswith("invalid JSON")
    assert "neither" in errors["no-text"]["error"]
    assert errors["empty"]["error"]
    assert "Korean" in errors["english"]["error"]
    assert errors["bytes"]["error"]
    assert "limit" in errors["huge"]["error"]
    duplicate = errors["a1"]
    assert duplicate["line"] == 10 and "duplicate id" in duplicate["error"]
    assert all("\n" not in r["error"] for r in errors.values())
    assert "line" not in errors["english"]  # only unparseable lines and duplicates carry their line
    assert (stats.ok, stats.errors, stats.duplicates, stats.skipped) == (3, len(BAD_LINES), 1, 0)
    assert (stats.output_ok, stats.output_errors) == (3, len(BAD_LINES))


def test_resume_after_a_torn_write_completes_without_duplicates(
    dump: Path, full_run: tuple[Path, object], tiny_settings: Settings, tmp_path: Path
) -> None:
    full_out, _ = full_run
    full = full_out.read_bytes().splitlines(keepends=True)
    out = tmp_path / "out.jsonl"
    out.write_bytes(full[0] + full[1][: len(full[1]) // 2])  # killed mid-write of line 2

    stats = run_batch(dump, out, settings=tiny_settings, batch_size=2, resume=True)

    assert without_timings(read_jsonl(out)) == without_timings(read_jsonl(full_out))
    assert stats.skipped == 1 and stats.processed == len(full) - 1
    assert (stats.ok, stats.output_ok, stats.output_errors) == (2, 3, len(BAD_LINES))
    again = run_batch(dump, out, settings=tiny_settings, resume=True)
    assert (again.processed, again.skipped) == (0, len(full))
    assert len(read_jsonl(out)) == len(full)


def test_existing_output_without_resume_is_refused(dump: Path, full_run: tuple[Path, object], tiny_settings: Settings) -> None:
    out, _ = full_run
    before = out.read_bytes()
    with pytest.raises(InputError, match="--resume"):
        run_batch(dump, out, settings=tiny_settings)
    assert out.read_bytes() == before


def test_failing_batch_falls_back_to_one_by_one(tiny_settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from summarizer.pipeline import Pipeline

    pipeline = Pipeline(tiny_settings)
    real_run = pipeline.run

    def run_many_breaks(*args: object, **kwargs: object) -> None:
        raise RuntimeError("CUDA error: an illegal memory access was encountered")

    def run_fails_on_a2(article: object, *args: object, **kwargs: object) -> object:
        if "자율주행" in article.title:
            raise ValueError("boom\nsecond line")
        return real_run(article, *args, **kwargs)

    monkeypatch.setattr(pipeline, "run_many", run_many_breaks)
    monkeypatch.setattr(pipeline, "run", run_fails_on_a2)
    records = [InputRecord(key, None, text) for key, text in ARTICLES.items()]
    outcomes = process_records(pipeline, records, batch_size=8)
    assert [o.status for o in outcomes] == ["ok", "error", "ok"]
    assert outcomes[1].record == {"id": "a2", "status": "error", "error": "unexpected ValueError: boom second line"}


def test_model_errors_stop_the_run_instead_of_writing_error_records(
    tiny_settings: Settings, dump: Path, tmp_path: Path
) -> None:
    broken = tiny_settings.replace(translation_model=str(tmp_path / "no-such-model"))
    out = tmp_path / "out.jsonl"
    with pytest.raises(ModelUnavailableError):
        run_batch(dump, out, settings=broken)
    assert not out.exists() or out.read_bytes() == b""


def test_a_bad_translation_cache_stops_the_run_before_any_record(
    tiny_settings: Settings, dump: Path, tmp_path: Path
) -> None:
    not_a_folder = tmp_path / "cache"
    not_a_folder.write_text("a file, not a folder", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    with pytest.raises(ConfigError, match="not a folder"):
        run_batch(dump, out, settings=tiny_settings.replace(translation_cache=str(not_a_folder)))
    assert not out.exists() or out.read_bytes() == b""  # no error records that --resume would never retry


def test_batch_progress_hears_the_pipeline_stages_and_says_it_loads_models(
    tiny_settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    heard: list[str] = []
    monkeypatch.setattr(BatchProgress, "stage", lambda self, what, fraction: heard.append(what))
    source = tmp_path / "in.jsonl"
    source.write_bytes(good_lines()[0] + b"\n")
    stream = io.StringIO()
    stats = run_batch(source, tmp_path / "out.jsonl", settings=tiny_settings, progress=True, log_interval_s=0, log_stream=stream)
    assert stats.ok == 1
    assert any(what.startswith("translating") for what in heard) and "summarizing" in heard
    assert stream.getvalue().splitlines()[0] == "batch: loading models…"


def test_a_given_pipeline_is_not_quietly_replaced_by_max_chars(tiny_settings: Settings, dump: Path, tmp_path: Path) -> None:
    from summarizer.pipeline import Pipeline

    with pytest.raises(ConfigError, match="differs from the given pipeline"):
        run_batch(dump, tmp_path / "out.jsonl", pipeline=Pipeline(tiny_settings), max_chars=tiny_settings.max_chars + 1)
    assert not (tmp_path / "out.jsonl").exists()


def test_dir_input_end_to_end(tiny_settings: Settings, tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a1.txt").write_text(ARTICLES["a1"], encoding="utf-8")
    (pages / "a2.html").write_bytes(
        ("<html><head><meta charset='euc-kr'><title>t</title></head><body><article>"
         + "".join(f"<p>{p}</p>" for p in ARTICLES["a2"].split("\n\n"))
         + "</article></body></html>").encode("euc-kr")
    )
    (pages / "broken.txt").write_bytes(b"\x00\x01\x02binary\x00")
    out = tmp_path / "out.jsonl"
    stats = run_batch(pages, out, settings=tiny_settings)
    records = {r["id"]: r for r in read_jsonl(out)}
    assert set(records) == {"a1.txt", "a2.html", "broken.txt"}
    assert records["a1.txt"]["status"] == "ok" and records["a2.html"]["status"] == "ok"
    assert records["broken.txt"]["status"] == "error"
    assert (stats.ok, stats.errors) == (2, 1)


# ---------------------------------------------------------------- CLI


def cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """Run `summarizer ARGS` in this process (models stay cached); exit code and stderr."""
    from summarizer.cli import main

    try:
        main(args)
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return code, capsys.readouterr().err


def model_flags(settings: Settings) -> list[str]:
    return ["-t", settings.translation_model, "-s", settings.summary_model, "--device", "cpu", "--beams", "1"]


def test_cli_exit_codes_and_summary(
    dump: Path, tiny_settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    flags = model_flags(tiny_settings) + ["--max-chars", str(MAX_CHARS_FOR_TESTS), "--log-interval", "0"]
    code, err = cli(["batch", str(dump), str(tmp_path / "a.jsonl"), *flags], capsys)
    assert code == 0, err
    assert "done: 3 ok, 7 errors (1 duplicate ids), 0 skipped" in err
    assert "batch: 10/10 (100.0%) records" in err  # a progress line (stderr is not a TTY here)

    one_good_one_bad = tmp_path / "mixed.jsonl"
    one_good_one_bad.write_bytes(dump_bytes().splitlines(keepends=True)[0] + BAD_LINES["missing-text"] + b"\n")
    code, err = cli(["batch", str(one_good_one_bad), str(tmp_path / "b.jsonl"), "--fail-on-error", *flags], capsys)
    assert code == 1 and "done: 1 ok, 1 errors" in err

    only_bad = tmp_path / "bad.jsonl"
    only_bad.write_bytes(BAD_LINES["not-korean"] + b"\n" + BAD_LINES["invalid-json"] + b"\n")
    code, err = cli(["batch", str(only_bad), str(tmp_path / "c.jsonl"), *flags], capsys)
    assert code == 1 and "no article succeeded" in err
    assert len(read_jsonl(tmp_path / "c.jsonl")) == 2

    code, err = cli(["batch", str(tmp_path / "missing.jsonl"), str(tmp_path / "d.jsonl"), *flags], capsys)
    assert code == 2 and err.strip().splitlines()[-1].startswith("error: input not found")

    code, err = cli(["batch", str(dump), str(tmp_path / "a.jsonl"), *flags], capsys)
    assert code == 2 and "--resume" in err


def test_batch_help_says_how_id_less_records_are_keyed(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from summarizer.cli import app

    source = tmp_path / "in.jsonl"
    source.write_text('{"text": "제목\\n\\n본문"}\n', encoding="utf-8")
    (record,) = read_records(source, "jsonl")
    help_text = " ".join(CliRunner().invoke(app, ["batch", "--help"], terminal_width=200).output.split())
    assert record.id.startswith("sha256:") and "missing → sha256:" in help_text and "line-N" not in help_text
