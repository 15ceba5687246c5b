"""Identical article bodies are processed once in a batch run; every record keeps its own id, url and line."""

from __future__ import annotations

import json
from pathlib import Path

from summarizer.batch import run_batch
from summarizer.batch_dedup import ResultMemo, run_unique
from summarizer.settings import Settings
from summarizer.types import Article, ArticleResult

from batch.articles import ARTICLES


def _result(article: Article) -> ArticleResult:
    return ArticleResult(
        title_ko=article.title, title_en=f"EN {article.title}", paragraphs_ko=article.paragraphs,
        paragraphs_en=tuple(f"EN {p}" for p in article.paragraphs), summary_en="S", url=article.url,
        warnings=article.warnings + ("model warning",), timings={"translate": 1.0},
    )


def test_run_unique_runs_each_body_once_and_keeps_each_records_metadata():
    body = dict(title="제목", paragraphs=("본문 첫 문단.", "둘째 문단."))
    a = Article(**body, url="https://a.example/1", warnings=("cleaner a",))
    b = Article(**body, url="https://b.example/9")
    c = Article(title="다른 기사", paragraphs=("다른 본문.",))
    runs: list[list[Article]] = []

    def run(items):
        runs.append(items)
        return [_result(x) for x in items]

    memo = ResultMemo()
    out = run_unique([a, c, b], run, memo)
    assert runs == [[a, c]]
    assert out[2].paragraphs_en == out[0].paragraphs_en and out[2].summary_en == out[0].summary_en
    assert out[2].url == "https://b.example/9" and out[0].url == "https://a.example/1"
    assert out[2].warnings == ("model warning",) and out[2].timings == {"translate": 0.0}
    # A later chunk with the same body is not run again either.
    again = run_unique([Article(**body, url="https://c.example/")], run, memo)
    assert len(runs) == 1
    assert again[0].url == "https://c.example/" and again[0].summary_en == "S"


def test_failed_body_gives_each_duplicate_the_same_error():
    body = Article(title="t", paragraphs=("p",))
    boom = ValueError("boom")
    out = run_unique([body, body], lambda items: [boom for _ in items])
    assert out == [boom, boom]


def test_batch_with_wire_duplicates_gives_identical_results_under_own_ids(tiny_models: Path, tmp_path: Path):
    settings = Settings(
        translation_model=str(tiny_models / "translation"), summary_model=str(tiny_models / "summarization"),
        device="cpu", num_beams=1, cpu_threads=1,
    )
    lines = []
    for n, key in enumerate(["a1", "a2", "a1", "a3", "a1"]):
        lines.append(json.dumps({"id": f"r{n}", "text": ARTICLES[key], "url": f"https://portal{n}.example/{key}"}, ensure_ascii=False))
    dump = tmp_path / "dump.jsonl"
    dump.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    stats = run_batch(dump, out, settings=settings, batch_size=2)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["r0", "r1", "r2", "r3", "r4"] and stats.ok == 5
    copies = [records[i] for i in (0, 2, 4)]
    for field in ("title_en", "paragraphs_en", "summary_en"):
        assert copies[0][field] == copies[1][field] == copies[2][field]
    assert [r["url"] for r in copies] == ["https://portal0.example/a1", "https://portal2.example/a1", "https://portal4.example/a1"]
