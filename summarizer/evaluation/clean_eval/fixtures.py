"""Our Korean outlet fixtures (tests/fixtures/clean) and the blind sets built from the shared data at run time."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from summarizer.evaluation.clean_eval.scoring import PRF, clean_page, same_minute, token_prf

# Fixture groups, by how independent of the cleaner they are: main (dumps/, html/: written alongside it), heldout
# (written after tuning), and the blind sets (fixtures/<set>/make_*.py, written without reading the cleaner). A blind
# set's pages carry share-alike text of the shared data, so only its generator is in git: it is run at evaluation time.
MAIN_FOLDERS = {"dumps": "main", "html": "main", "heldout": "heldout"}
GENERATOR_TIMEOUT_S = 120


@dataclass(frozen=True)
class FixtureResult:
    name: str
    layout: str
    input: str  # text | html
    f1: PRF
    title_ok: bool
    date_ok: bool
    reporter_ok: bool
    leaked: list[str]
    group: str = "main"  # main | heldout | a blind set's name
    problems: list[str] = field(default_factory=list)  # one short line per thing that differs from the gold


def generated_sets(fixtures: Path) -> dict[str, Path]:
    """{set name: generator script} for every fixtures/<set>/make_*.py (the blind sets)."""
    return {script.parent.name: script for script in sorted(fixtures.glob("*/make_*.py")) if script.parent.name not in MAIN_FOLDERS}


def set_note(fixtures: Path, name: str) -> str:
    """The one-line NOTE of a blind set: how it was written, and whether the cleaner has been tuned on it since."""
    note = fixtures / name / "NOTE"
    return note.read_text(encoding="utf-8").strip() if note.is_file() else "written without reading the cleaner"


def build_generated_sets(fixtures: Path, data_dir: Path, into: Path) -> dict[str, Path]:
    """Run each blind set's generator into `into/<set>`; {set name: folder of pages}.

    Raises:
        InputError: a generator failed (one line: which, and its last line of output).
    """
    import subprocess
    import sys

    from summarizer.errors import InputError

    built = {}
    for name, script in generated_sets(fixtures).items():
        out = into / name
        try:
            done = subprocess.run([sys.executable, str(script), "--data", str(data_dir), "--out", str(out)],
                                  capture_output=True, text=True, timeout=GENERATOR_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            raise InputError(f"fixture generator {script.name} did not finish in {GENERATOR_TIMEOUT_S} s") from None
        if done.returncode != 0:
            last = (done.stderr.strip().splitlines() or ["no output"])[-1]
            raise InputError(f"fixture generator {script.name} failed: {last}")
        built[name] = out
    return built


def pages_with_gold(folder: Path) -> list[Path]:
    """The .txt and .html pages of a folder that have a .gold.json next to them."""
    pages = [*folder.glob("*.txt"), *folder.glob("*.html")]
    return sorted(p for p in pages if p.with_name(p.stem + ".gold.json").exists())


def evaluate_fixtures(fixtures: Path, generated: dict[str, Path] | None = None) -> list[FixtureResult]:
    """Every fixture page with a .gold.json next to it: dumps/, html/, heldout/, and the built blind sets."""
    folders = [(fixtures / folder, group) for folder, group in MAIN_FOLDERS.items()]
    folders += [(path, name) for name, path in (generated or {}).items()]
    return [score_fixture(page, group) for folder, group in folders for page in pages_with_gold(folder)]


def score_fixture(page: Path, group: str = "main") -> FixtureResult:
    """One fixture page against its gold: body F1, exact title, Seoul minute, reporters, leaked strings."""
    gold = json.loads(page.with_name(page.stem + ".gold.json").read_text(encoding="utf-8"))
    article = clean_page(page.read_bytes())
    body = article.text
    result = FixtureResult(
        name=page.stem,
        layout=gold.get("outlet_layout", page.stem.split("_")[0]),
        input="html" if page.suffix == ".html" else "text",
        group=group,
        f1=token_prf(body, "\n".join(gold["paragraphs"])),
        title_ok=article.title == gold["title"],
        date_ok=same_minute(article.published_at, gold.get("published_at")),
        reporter_ok=list(article.reporters) == list(gold["reporters"]),
        leaked=[s for s in gold.get("must_not_contain", []) if s and s in body],
    )
    problems = result.problems
    if result.f1.f1 < 0.97:
        problems.append(f"body F1 {result.f1.f1:.3f}")
    if not result.title_ok:
        problems.append(f"title {article.title[:40]!r}")
    if not result.date_ok:
        problems.append(f"published {article.published_at.isoformat()[:16] if article.published_at else None} (gold {gold.get('published_at')})")
    if not result.reporter_ok:
        problems.append(f"reporters {list(article.reporters)} (gold {gold['reporters']})")
    problems += [f"leaked {text[:40]!r}" for text in result.leaked[:2]]
    return result


@dataclass(frozen=True)
class FixtureSummary:
    pages: int
    outlets: int
    mean_f1: float
    min_f1: float
    title_rate: float
    date_rate: float
    reporter_rate: float
    leaks: int


def summarize_fixtures(results: list[FixtureResult]) -> FixtureSummary:
    n = max(len(results), 1)
    return FixtureSummary(
        pages=len(results),
        outlets=len({r.layout for r in results}),
        mean_f1=sum(r.f1.f1 for r in results) / n,
        min_f1=min((r.f1.f1 for r in results), default=0.0),
        title_rate=sum(r.title_ok for r in results) / n,
        date_rate=sum(r.date_ok for r in results) / n,
        reporter_rate=sum(r.reporter_ok for r in results) / n,
        leaks=sum(len(r.leaked) for r in results),
    )

