"""Evaluation harness for the cleaner (separate from unit tests): `summarizer eval clean` prints its table.

Metric: bag of whitespace tokens, case-folded; precision, recall and F1 of the predicted body against the gold.
Sections:
    seed        the example text dump vs its hand-made gold (F1, paragraphs, title, date, reporters, leaks)
    scrapinghub 181 real pages: mean P/R/F1 of this cleaner and of plain trafilatura (defaults), same run
    korean      the benchmark's two Korean pages (vs its gold, and vs the gold in this project's body convention)
    fixtures    our Korean outlet fixtures (tests/fixtures/clean): body F1, title/date/reporter accuracy per outlet,
                and the blind sets (written without reading the cleaner), built from the shared data at run time
    speed       pages per second on one core, HTML and text dumps

Conventions: the example page's gold (and the default output) is prose only; the ScrapingHub gold counts the
lead's byline, photo credits, sign-off and copyright line as article body. Each gold is scored in its own
convention: benchmark pages with `keep=all` (clean/keep.py), the default output beside it for comparison.
"""

from __future__ import annotations

import gzip
import json
import os
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Callable

from summarizer.clean.keep import BENCHMARK_KEEP
from summarizer.types import Article

EXAMPLE = "seed/newspim_gwangju_ai_2020"
SCRAPINGHUB = "extraction/scrapinghub"
KOREAN_PAGES = "extraction/korean_pages"
EXAMPLE_OUTLET = "newspim"  # the example's outlet: excluded from the "other outlets" figures


@dataclass(frozen=True)
class PRF:
    """Precision, recall and F1 of a bag of tokens."""

    precision: float
    recall: float
    f1: float


def token_prf(predicted: str, gold: str) -> PRF:
    """Bag-of-whitespace-tokens precision/recall/F1, case-folded (both empty → 1.0)."""
    pred, ref = Counter(predicted.casefold().split()), Counter(gold.casefold().split())
    if not pred and not ref:
        return PRF(1.0, 1.0, 1.0)
    overlap = sum((pred & ref).values())
    precision = overlap / sum(pred.values()) if pred else 0.0
    recall = overlap / sum(ref.values()) if ref else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PRF(precision, recall, f1)


def mean_prf(scores: list[PRF]) -> PRF:
    if not scores:
        return PRF(0.0, 0.0, 0.0)
    n = len(scores)
    return PRF(sum(s.precision for s in scores) / n, sum(s.recall for s in scores) / n, sum(s.f1 for s in scores) / n)


def benchmark_text(article: Article) -> str:
    """What extraction benchmarks call the article body: subtitles and paragraphs (the title is metadata)."""
    return "\n".join((*article.subtitles, *article.paragraphs))


def same_minute(value: datetime | None, gold: str | None) -> bool:
    """True when value (any zone) shows the gold's Seoul wall-clock minute ('2020-01-29T14:52'); both empty → True."""
    if not gold:
        return value is None
    if value is None:
        return False
    from summarizer.clean.metadata import seoul_tz

    return value.astimezone(seoul_tz()).strftime("%Y-%m-%dT%H:%M") == gold[:16]


REPO_ROOT = Path(__file__).resolve().parents[2]  # parent of the summarizer package


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The shared data folder: --data, else $SUMMARIZER_DATA, else ../shared/data from the repo root.

    Raises:
        InputError: the folder does not exist (one line, with how to point at it).
    """
    from summarizer.errors import InputError

    chosen = explicit or os.environ.get("SUMMARIZER_DATA") or REPO_ROOT.parent / "shared" / "data"
    path = Path(chosen).expanduser()
    if not path.is_dir():
        raise InputError(f"shared data folder not found: {path} (pass --data DIR or set SUMMARIZER_DATA)")
    return path


def _clean(raw: bytes | str, url: str | None = None, keep: frozenset[str] = frozenset()) -> Article:
    from summarizer.clean import clean_article

    return clean_article(raw, url=url, keep=keep)


# --- seed ----------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class SeedResult:
    f1: PRF
    paragraphs: int
    gold_paragraphs: int
    title_exact: bool
    published_ok: bool
    published_at: str | None
    reporters: list[str]
    reporters_ok: bool
    leaked: list[str]


def evaluate_seed(data_dir: Path) -> SeedResult:
    """The example page against its hand-made gold."""
    gold = json.loads((data_dir / f"{EXAMPLE}.gold.json").read_text(encoding="utf-8"))
    article = _clean((data_dir / f"{EXAMPLE}.txt").read_bytes())
    body = article.text
    return SeedResult(
        f1=token_prf(body, "\n".join(gold["paragraphs"])),
        paragraphs=len(article.paragraphs),
        gold_paragraphs=len(gold["paragraphs"]),
        title_exact=article.title == gold["title"],
        published_ok=same_minute(article.published_at, gold.get("published_at")),
        published_at=article.published_at.isoformat() if article.published_at else None,
        reporters=list(article.reporters),
        reporters_ok=list(article.reporters) == gold["reporters"],
        leaked=[s for s in gold.get("must_not_contain", []) if s in body],
    )


# --- ScrapingHub ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class BenchmarkResult:
    pages: int
    cleaner: PRF  # keep=all: the benchmark's own convention of what the article body is
    cleaner_default: PRF  # the default, prose-only body (differs only where Korean in-article furniture was found)
    trafilatura: PRF
    cleaner_pages_per_s: float  # per CPU-second
    trafilatura_pages_per_s: float
    worst: list[tuple[str, float, float]] = field(default_factory=list)  # (id, cleaner F1, trafilatura F1)


def load_scrapinghub(data_dir: Path, limit: int | None = None) -> list[tuple[str, bytes, str, str]]:
    """(id, html bytes, gold body, url) for each page of the benchmark."""
    root = data_dir / SCRAPINGHUB
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for path in sorted((root / "html").glob("*.html.gz")):
        page_id = path.name.split(".")[0]
        if page_id in truth:
            pages.append((page_id, gzip.decompress(path.read_bytes()), truth[page_id]["articleBody"], truth[page_id].get("url", "")))
        if limit and len(pages) >= limit:
            break
    return pages


def evaluate_scrapinghub(data_dir: Path, limit: int | None = None) -> BenchmarkResult:
    """Mean P/R/F1 of this cleaner (keep=all, and the default body) and of plain trafilatura.extract (default
    options) on the same pages; the speed figure is the keep=all run's."""
    import trafilatura

    pages = load_scrapinghub(data_dir, limit)
    ours, ours_default, theirs, worst = [], [], [], []
    ours_s = theirs_s = 0.0
    for page_id, html, gold, url in pages:
        start = time.process_time()
        predicted = _benchmark_text_or_empty(html, url, BENCHMARK_KEEP)
        ours_s += time.process_time() - start
        ours_default.append(token_prf(_benchmark_text_or_empty(html, url, frozenset()), gold))
        start = time.process_time()
        plain = trafilatura.extract(html, url=url) or ""
        theirs_s += time.process_time() - start
        ours.append(token_prf(predicted, gold))
        theirs.append(token_prf(plain, gold))
        worst.append((page_id[:12], ours[-1].f1, theirs[-1].f1))
    worst.sort(key=lambda row: row[1] - row[2])
    return BenchmarkResult(len(pages), mean_prf(ours), mean_prf(ours_default), mean_prf(theirs), len(pages) / max(ours_s, 1e-9),
                           len(pages) / max(theirs_s, 1e-9), worst[:5])


def _benchmark_text_or_empty(html: bytes, url: str, keep: frozenset[str]) -> str:
    try:
        return benchmark_text(_clean(html, url=url, keep=keep))
    except Exception:  # noqa: BLE001 — a failure scores 0 instead of stopping the benchmark
        return ""


# --- the two Korean pages ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class KoreanPageResult:
    page: str
    vs_benchmark_gold: PRF  # keep=all output vs the benchmark's gold (its convention: byline, credit, copyright are body)
    default_vs_benchmark_gold: PRF  # the default prose-only output vs the same gold
    vs_project_gold: PRF | None  # the default output vs the gold minus those lines (see fixtures/clean/korean_pages)
    title: str
    published_at: str | None
    reporters: list[str]


def evaluate_korean_pages(data_dir: Path, fixtures: Path | None) -> list[KoreanPageResult]:
    """The benchmark's two Korean pages, each convention scored against its own gold: keep=all vs the benchmark's
    gold, the default output vs the gold in this project's body convention (and vs the benchmark's, for the record)."""
    results = []
    for path in sorted((data_dir / KOREAN_PAGES).glob("*.html")):
        stem = path.name[: -len(".html")]
        gold = (path.parent / f"{stem}.gold.txt").read_text(encoding="utf-8")
        url_file = path.parent / f"{stem}.url"
        url = url_file.read_text().strip() if url_file.exists() else None
        article = _clean(path.read_bytes(), url=url)
        predicted = benchmark_text(article)
        kept = benchmark_text(_clean(path.read_bytes(), url=url, keep=BENCHMARK_KEEP))
        project = None
        convention = fixtures / "korean_pages" / f"{stem}.convention.json" if fixtures else None
        if convention and convention.exists():
            project = token_prf(predicted, project_convention_gold(gold, json.loads(convention.read_text(encoding="utf-8"))))
        results.append(KoreanPageResult(stem, token_prf(kept, gold), token_prf(predicted, gold), project, article.title,
                                        article.published_at.isoformat() if article.published_at else None, list(article.reporters)))
    return results


def project_convention_gold(gold: str, convention: dict[str, Any]) -> str:
    """The benchmark gold minus the lines and lead prefix that this project's body convention leaves out."""
    text = gold
    for prefix in convention.get("drop_prefixes", []):
        text = text.replace(prefix, "", 1)
    drop = set(convention.get("drop_lines", []))
    return "\n".join(line for line in text.splitlines() if line.strip() not in drop)


# --- our fixtures --------------------------------------------------------------------------------------------
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
    article = _clean(page.read_bytes())
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


# --- speed ---------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Rate:
    """Throughput of one single-threaded process: pages per CPU-second (= per core) and per wall-clock second."""

    pages: int
    per_cpu_second: float
    per_wall_second: float


def pages_per_second(pages: list[bytes], clean: Callable[[bytes], Any], min_seconds: float = 2.0) -> Rate:
    """Clean `pages` in whole passes until min_seconds of CPU time are spent; CPU time is what one core delivers
    regardless of other load on the machine (the cleaner is single-threaded), wall time is shown beside it."""
    if not pages:
        return Rate(0, 0.0, 0.0)
    for page in pages[:3]:  # warm-up: imports, compiled patterns
        clean(page)
    done, cpu0, wall0 = 0, time.process_time(), time.perf_counter()
    while True:
        for page in pages:
            clean(page)
        done += len(pages)
        cpu = time.process_time() - cpu0
        if cpu >= min_seconds:
            return Rate(len(pages), done / cpu, done / (time.perf_counter() - wall0))


@dataclass(frozen=True)
class SpeedResult:
    text_dumps: Rate
    korean_html: Rate
    scrapinghub_html: Rate


def measure_speed(data_dir: Path, fixtures: Path | None, min_seconds: float = 2.0, scrapinghub_limit: int | None = None) -> SpeedResult:
    """Pages/s on one core: text dumps (fixtures + the example), Korean HTML (fixtures + the two pages), ScrapingHub."""
    dumps = [(data_dir / f"{EXAMPLE}.txt").read_bytes()] if (data_dir / f"{EXAMPLE}.txt").exists() else []
    korean_html = [p.read_bytes() for p in sorted((data_dir / KOREAN_PAGES).glob("*.html"))]
    if fixtures:
        dumps += [p.read_bytes() for p in sorted(fixtures.glob("dumps/*.txt"))]
        korean_html += [p.read_bytes() for p in sorted(fixtures.glob("html/*.html"))]
    english = [html for _, html, _, _ in load_scrapinghub(data_dir, scrapinghub_limit)] if (data_dir / SCRAPINGHUB).exists() else []
    return SpeedResult(pages_per_second(dumps, _clean, min_seconds), pages_per_second(korean_html, _clean, min_seconds),
                       pages_per_second(english, _clean, min_seconds))


# --- everything ----------------------------------------------------------------------------------------------
@dataclass
class CleanEvaluation:
    seed: SeedResult | None = None
    scrapinghub: BenchmarkResult | None = None
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


def run_clean_evaluation(data_dir: Path, fixtures: Path | None = None, sections: tuple[str, ...] = ("seed", "scrapinghub", "korean", "fixtures", "speed"),
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


MAX_PROBLEM_LINES = 15


def format_report(result: CleanEvaluation) -> str:
    """The evaluation as a plain-text table."""
    out: list[str] = []

    def row(label: str, value: str, target: str = "") -> None:
        out.append(f"  {label:<46} {value:<34} {target}")

    if result.seed:
        s = result.seed
        out.append(f"Example page ({EXAMPLE}.txt vs .gold.json)")
        row("token F1 (P / R)", f"{s.f1.f1:.4f} ({s.f1.precision:.4f} / {s.f1.recall:.4f})", "target ≥ 0.99")
        row("paragraphs", f"{s.paragraphs} (gold {s.gold_paragraphs})", "target 15")
        row("title exact", "yes" if s.title_exact else "NO")
        row("published_at", f"{s.published_at} {'ok' if s.published_ok else 'WRONG'}", "target 2020-01-29 14:52")
        row("reporters", f"{s.reporters} {'ok' if s.reporters_ok else 'WRONG'}", "target ['박재범']")
        row("must_not_contain found in body", str(len(s.leaked)) + (f" {s.leaked}" if s.leaked else ""), "target 0")
    if result.scrapinghub:
        b = result.scrapinghub
        out.append(f"ScrapingHub article-extraction benchmark ({b.pages} pages, mean of per-page bag-of-tokens scores)")
        row("", "precision  recall  F1")
        row("this cleaner, keep=all (the benchmark's body)", f"{b.cleaner.precision:.4f}    {b.cleaner.recall:.4f}  {b.cleaner.f1:.4f}")
        row("this cleaner, default (prose only)", f"{b.cleaner_default.precision:.4f}    {b.cleaner_default.recall:.4f}  {b.cleaner_default.f1:.4f}")
        row("plain trafilatura.extract (defaults)", f"{b.trafilatura.precision:.4f}    {b.trafilatura.recall:.4f}  {b.trafilatura.f1:.4f}")
        row("difference in F1 (keep=all / default)", f"{b.cleaner.f1 - b.trafilatura.f1:+.4f} / {b.cleaner_default.f1 - b.trafilatura.f1:+.4f}", "target > 0")
        row("pages per CPU-second: cleaner / trafilatura", f"{b.cleaner_pages_per_s:.1f} / {b.trafilatura_pages_per_s:.1f}")
        row("worst pages vs trafilatura (id, ours, theirs)", "; ".join(f"{i} {a:.2f}/{t:.2f}" for i, a, t in b.worst[:3]))
    if result.korean_pages:
        out.append("The benchmark's two Korean pages (entermedia.co.kr): F1, each output against the gold of its convention")
        for k in result.korean_pages:
            out.append(f"  {k.page}")
            row("  keep=all vs benchmark gold", f"{k.vs_benchmark_gold.f1:.4f}", "target ≥ 0.99")
            if k.vs_project_gold:
                row("  default vs project-convention gold", f"{k.vs_project_gold.f1:.4f}")
            row("  default vs benchmark gold (for the record)", f"{k.default_vs_benchmark_gold.f1:.4f}")
    if result.fixtures:
        out.append("Korean outlet fixtures (tests/fixtures/clean; body F1 vs gold paragraphs, exact title, minute date, reporters)")
        out.append(f"  {'outlet layout':<14} {'input':<5} {'pages':>5} {'F1 mean':>8} {'F1 min':>7} {'title':>6} {'date':>6} {'reporter':>8} {'leaks':>5}")
        def summary_row(label: str, kind: str, rows: list[FixtureResult], note: str = "") -> None:
            s = summarize_fixtures(rows)
            out.append(f"  {label:<14} {kind:<5} {s.pages:>5} {s.mean_f1:>8.4f} {s.min_f1:>7.4f} {s.title_rate:>6.0%} {s.date_rate:>6.0%} {s.reporter_rate:>8.0%} {s.leaks:>5}{note}")

        groups: dict[tuple[str, str], list[FixtureResult]] = {}
        for r in result.fixtures:
            if r.group == "main":
                groups.setdefault((r.layout, r.input), []).append(r)
        for (layout, kind), rows in sorted(groups.items()):
            summary_row(layout, kind, rows)
        heldout = [r for r in result.fixtures if r.group == "heldout"]
        if heldout:
            summary_row("held-out", "text", heldout, f"   ({len({r.layout for r in heldout})} layouts written after tuning: "
                                                        f"{', '.join(sorted({r.layout for r in heldout}))})")
        for kind in ("text", "html"):
            others = [r for r in result.fixtures if r.layout != EXAMPLE_OUTLET and r.input == kind and r.group == "main"]
            if others:
                summary_row("ALL but " + EXAMPLE_OUTLET, kind, others,
                            f"   ({len({r.layout for r in others})} layouts; target F1 ≥ 0.97, title/date/reporter ≥ 90%)")
        blind = sorted({r.group for r in result.fixtures} - {"main", "heldout"})
        for group in blind:
            for kind in ("text", "html"):
                rows = [r for r in result.fixtures if r.group == group and r.input == kind]
                if rows:
                    summary_row(group, kind, rows, f"   ({len({r.layout for r in rows})} layouts; {result.set_notes.get(group, '')})")
        failing = [r for r in result.fixtures if r.group in blind and r.problems]
        for r in failing[:MAX_PROBLEM_LINES]:
            out.append(f"    {r.group}/{r.name}: {'; '.join(r.problems)}")
        if len(failing) > MAX_PROBLEM_LINES:
            out.append(f"    … {len(failing) - MAX_PROBLEM_LINES} more pages with problems (--json lists them all)")
    if result.speed:
        sp = result.speed
        out.append("Speed, one single-threaded process (pages per CPU-second = per core; wall-clock rate on this shared machine in brackets)")
        row("text dumps (fixtures + example)", f"{sp.text_dumps.per_cpu_second:.0f} pages/s [{sp.text_dumps.per_wall_second:.0f}] ({sp.text_dumps.pages} dumps)", "target ≥ 200")
        row("Korean HTML pages (fixtures + 2 real pages)", f"{sp.korean_html.per_cpu_second:.0f} pages/s [{sp.korean_html.per_wall_second:.0f}] ({sp.korean_html.pages} pages)", "target ≥ 50")
        row("ScrapingHub HTML pages (real, larger)", f"{sp.scrapinghub_html.per_cpu_second:.1f} pages/s [{sp.scrapinghub_html.per_wall_second:.1f}] ({sp.scrapinghub_html.pages} pages)")
    for note in result.notes:
        out.append(f"note: {note}")
    return "\n".join(out)
