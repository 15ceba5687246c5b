"""The evaluation harness: the metric, the project-convention gold, and sections on small inputs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer.evaluation import clean_eval
from summarizer.evaluation.clean_eval import PRF, mean_prf, project_convention_gold, same_minute, token_prf


def test_token_prf_is_a_case_folded_bag_of_whitespace_tokens() -> None:
    assert token_prf("The cat the", "the CAT") == PRF(precision=2 / 3, recall=1.0, f1=0.8)
    assert token_prf("", "") == PRF(1.0, 1.0, 1.0)
    assert token_prf("", "gold") == PRF(0.0, 0.0, 0.0)


def test_mean_prf_averages_per_page_scores() -> None:
    assert mean_prf([PRF(1.0, 0.5, 0.6), PRF(0.0, 0.5, 0.2)]) == PRF(0.5, 0.5, pytest.approx(0.4))


def test_same_minute_compares_seoul_wall_clock_time() -> None:
    from summarizer.clean.metadata import parse_datetime

    assert same_minute(parse_datetime("2020-01-29T05:52:00Z"), "2020-01-29T14:52")
    assert not same_minute(None, "2020-01-29T14:52")
    assert same_minute(None, None)


def test_project_convention_gold_drops_prefix_and_listed_lines() -> None:
    gold = "제목\n[엔터=칼럼] 본문 문장.\n홍길동 기자 a@b.kr\n[사진=x]"
    convention = {"drop_prefixes": ["[엔터=칼럼] "], "drop_lines": ["홍길동 기자 a@b.kr", "[사진=x]"]}
    assert project_convention_gold(gold, convention) == "제목\n본문 문장."


def test_korean_page_conventions_only_name_lines_of_the_gold(shared_data: Path, fixtures_dir: Path) -> None:
    for convention_file in sorted((fixtures_dir / "korean_pages").glob("*.convention.json")):
        convention = json.loads(convention_file.read_text(encoding="utf-8"))
        stem = convention_file.name[: -len(".convention.json")]
        gold = (shared_data / "extraction" / "korean_pages" / f"{stem}.gold.txt").read_text(encoding="utf-8")
        assert all(prefix in gold for prefix in convention["drop_prefixes"])
        assert set(convention["drop_lines"]) <= {line.strip() for line in gold.splitlines()}


def test_run_clean_evaluation_turns_missing_data_into_notes(tmp_path: Path) -> None:
    result = clean_eval.run_clean_evaluation(tmp_path, None, sections=("seed", "scrapinghub", "korean", "fixtures"))
    assert len(result.notes) == 4 and result.seed is None and result.fixtures == []
    assert "note: seed" in clean_eval.format_report(result)


def test_seed_and_korean_sections_on_the_shared_data(shared_data: Path, fixtures_dir: Path) -> None:
    result = clean_eval.run_clean_evaluation(shared_data, fixtures_dir, sections=("seed", "korean"))
    assert result.seed is not None and result.seed.f1.f1 >= 0.99 and not result.seed.leaked
    assert len(result.korean_pages) == 2 and all(k.vs_project_gold for k in result.korean_pages)
    report = clean_eval.format_report(result)
    assert "Example page" in report and "Korean pages" in report


def test_scrapinghub_section_scores_both_extractors_on_a_few_pages(shared_data: Path) -> None:
    result = clean_eval.evaluate_scrapinghub(shared_data, limit=3)
    assert result.pages == 3
    assert 0.0 < result.cleaner.f1 <= 1.0 and 0.0 < result.trafilatura.f1 <= 1.0


def test_pages_per_second_counts_cpu_time() -> None:
    rate = clean_eval.pages_per_second([b"a", b"b"], lambda page: sum(range(2000)), min_seconds=0.05)
    assert rate.pages == 2 and rate.per_cpu_second > 0 and rate.per_wall_second > 0


def test_gold_text_breaks_lines_at_blocks_and_keeps_inline_words_whole() -> None:
    text = clean_eval.gold_text("<div><p>One <b>bo</b>ld word.</p><p>Next</p><ul><li>a</li><li>b</li></ul></div>")
    assert text.split() == ["One", "bold", "word.", "Next", "a", "b"]
    assert clean_eval.gold_text("") == ""


def _readability_page(root: Path, name: str, source: str, expected: str) -> None:
    import gzip

    folder = root / "extraction" / "readability" / name
    folder.mkdir(parents=True)
    (folder / "source.html.gz").write_bytes(gzip.compress(source.encode()))
    (folder / "expected.html.gz").write_bytes(gzip.compress(expected.encode()))


def test_readability_section_scores_both_extractors_and_lists_empty_pages(tmp_path: Path) -> None:
    wrapped = " ".join(f"Sentence number {i} of a plain article that wraps\n      over source lines." for i in range(12))
    _readability_page(tmp_path, "wrapped", f"<html><body><article><div>{wrapped}</div></article></body></html>",
                      f"<div><div>{wrapped}</div></div>")
    _readability_page(tmp_path, "tiny", "<html><head><title>Note</title></head><body><p>Lunch is at noon.</p></body></html>",
                      "<div><p>Lunch is at noon.</p></div>")
    result = clean_eval.run_clean_evaluation(tmp_path, None, sections=("readability",))
    assert result.readability is not None and result.readability.pages == 2
    assert result.readability.cleaner.f1 >= result.readability.trafilatura.f1 and result.readability.cleaner.f1 > 0.95
    assert result.readability.empty_where_trafilatura_found_text == []
    assert "mozilla/readability" in clean_eval.format_report(result)


def test_readability_section_is_a_note_without_its_folder(tmp_path: Path) -> None:
    result = clean_eval.run_clean_evaluation(tmp_path, None, sections=("readability",))
    assert result.readability is None and result.notes == [f"readability: {tmp_path / 'extraction/readability'} not found"]
