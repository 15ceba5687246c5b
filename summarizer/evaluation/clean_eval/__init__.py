"""Evaluation harness for the cleaner (separate from unit tests): `summarizer eval clean` prints its table.

Metric: bag of whitespace tokens, case-folded; precision, recall and F1 of the predicted body against the gold.
Sections:
    seed        the example text dump vs its hand-made gold (F1, paragraphs, title, date, reporters, leaks)
    scrapinghub 181 real pages: mean P/R/F1 of this cleaner and of plain trafilatura (defaults), same run
    readability mozilla/readability's 130 test pages (mostly English, generic layouts): the same two, same run
    korean      the benchmark's two Korean pages (vs its gold, and vs the gold in this project's body convention)
    fixtures    our Korean outlet fixtures (tests/fixtures/clean): body F1, title/date/reporter accuracy per outlet,
                and the blind sets (written without reading the cleaner), built from the shared data at run time
    speed       pages per second on one core, HTML and text dumps

Conventions: the example page's gold (and the default output) is prose only; the ScrapingHub gold counts the
lead's byline, photo credits, sign-off and copyright line as article body. Each gold is scored in its own
convention: benchmark pages with `keep=all` (clean/keep.py), the default output beside it for comparison.
Modules: scoring (metrics), benchmarks (seed, ScrapingHub, Korean pages), readability, fixtures, speed, report.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from summarizer.evaluation.clean_eval.benchmarks import (EXAMPLE, KOREAN_PAGES, SCRAPINGHUB, BenchmarkResult, KoreanPageResult,
                                                         SeedResult, evaluate_korean_pages, evaluate_scrapinghub, evaluate_seed,
                                                         load_scrapinghub, project_convention_gold)
from summarizer.evaluation.clean_eval.fixtures import (FixtureResult, FixtureSummary, build_generated_sets, evaluate_fixtures,
                                                       generated_sets, pages_with_gold, score_fixture, set_note, summarize_fixtures)
from summarizer.evaluation.clean_eval.readability import READABILITY, ReadabilityResult, evaluate_readability, gold_text
from summarizer.evaluation.clean_eval.report import EXAMPLE_OUTLET, format_report
from summarizer.evaluation.clean_eval.scoring import PRF, benchmark_text, mean_prf, same_minute, token_prf
from summarizer.evaluation.data_dir import REPO_ROOT, resolve_data_dir
from summarizer.evaluation.clean_eval.speed import Rate, SpeedResult, measure_speed, pages_per_second
from summarizer.evaluation.clean_sections import SECTIONS

__all__ = ["PRF", "SECTIONS", "BenchmarkResult", "CleanEvaluation", "FixtureResult", "FixtureSummary", "KoreanPageResult", "Rate",
           "ReadabilityResult", "SeedResult", "SpeedResult", "benchmark_text", "build_generated_sets", "default_fixtures_dir",
           "evaluate_fixtures", "evaluate_korean_pages", "evaluate_readability", "evaluate_scrapinghub", "evaluate_seed",
           "format_report", "generated_sets", "gold_text", "load_scrapinghub", "mean_prf", "measure_speed", "pages_per_second",
           "pages_with_gold", "project_convention_gold", "resolve_data_dir", "run_clean_evaluation", "same_minute",
           "score_fixture", "set_note", "summarize_fixtures", "token_prf"]



@dataclass
class CleanEvaluation:
    seed: SeedResult | None = None
    scrapinghub: BenchmarkResult | None = None
    readability: ReadabilityResult | None = None
    korean_pages: list[KoreanPageResult] = field(default_factory=list)
    fixtures: list[FixtureResult] = field(default_factory=list)
    set_notes: dict[str, str] = field(default_factory=dict)  # blind set → how it was written and used
    speed: SpeedResult | None = None
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        if self.fixtures:
            others = [r for r in self.fixtures if r.layout != EXAMPLE_OUTLET and r.group == "main"]
            summary = {
                "all": asdict(summarize_fixtures(self.fixtures)),
                "other_outlets_text": asdict(summarize_fixtures([r for r in others if r.input == "text"])),
                "other_outlets_html": asdict(summarize_fixtures([r for r in others if r.input == "html"])),
            }
            for group in sorted({r.group for r in self.fixtures} - {"main"}):
                for kind in ("text", "html"):
                    rows = [r for r in self.fixtures if r.group == group and r.input == kind]
                    if rows:
                        summary[f"{group}_{kind}"] = asdict(summarize_fixtures(rows))
            data["fixture_summary"] = summary
        return data


def default_fixtures_dir() -> Path | None:
    """tests/fixtures/clean next to the package (a source checkout); None in an installed package."""
    path = REPO_ROOT / "tests" / "fixtures" / "clean"
    return path if path.is_dir() else None


def run_clean_evaluation(data_dir: Path, fixtures: Path | None = None, sections: tuple[str, ...] = SECTIONS,
                         scrapinghub_limit: int | None = None, min_seconds: float = 2.0) -> CleanEvaluation:
    """Run the chosen sections; missing data folders become notes instead of errors."""
    result = CleanEvaluation()
    if "seed" in sections:
        if (data_dir / f"{EXAMPLE}.txt").exists():
            result.seed = evaluate_seed(data_dir)
        else:
            result.notes.append(f"seed: {data_dir / EXAMPLE}.txt not found")
    if "scrapinghub" in sections:
        if (data_dir / SCRAPINGHUB / "ground-truth.json").exists():
            result.scrapinghub = evaluate_scrapinghub(data_dir, scrapinghub_limit)
        else:
            result.notes.append(f"scrapinghub: {data_dir / SCRAPINGHUB} not found")
    if "readability" in sections:
        if (data_dir / READABILITY).is_dir():
            result.readability = evaluate_readability(data_dir)
        else:
            result.notes.append(f"readability: {data_dir / READABILITY} not found")
    if "korean" in sections:
        if (data_dir / KOREAN_PAGES).is_dir():
            result.korean_pages = evaluate_korean_pages(data_dir, fixtures)
        else:
            result.notes.append(f"korean pages: {data_dir / KOREAN_PAGES} not found")
    if "fixtures" in sections:
        if fixtures is not None:
            import tempfile

            with tempfile.TemporaryDirectory(prefix="summarizer-fixtures-") as tmp:
                result.fixtures = evaluate_fixtures(fixtures, build_generated_sets(fixtures, data_dir, Path(tmp)))
            result.set_notes = {name: set_note(fixtures, name) for name in generated_sets(fixtures)}
        else:
            result.notes.append("fixtures: tests/fixtures/clean not found (installed package without tests)")
    if "speed" in sections:
        result.speed = measure_speed(data_dir, fixtures, min_seconds=min_seconds, scrapinghub_limit=scrapinghub_limit)
    return result

