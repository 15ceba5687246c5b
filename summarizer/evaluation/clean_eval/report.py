"""`summarizer eval clean`'s plain-text table."""

from __future__ import annotations

from typing import TYPE_CHECKING

from summarizer.evaluation.clean_eval.benchmarks import EXAMPLE
from summarizer.evaluation.clean_eval.readability import PROBLEM_GAP
from summarizer.evaluation.clean_eval.fixtures import FixtureResult, summarize_fixtures

if TYPE_CHECKING:
    from summarizer.evaluation.clean_eval import CleanEvaluation

EXAMPLE_OUTLET = "newspim"  # the example's outlet: excluded from the "other outlets" figures

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
    if result.readability:
        r = result.readability
        out.append(f"mozilla/readability test pages ({r.pages} pages, keep=all vs the text of expected.html, mean per page)")
        row("", "precision  recall  F1")
        row("this cleaner, keep=all", f"{r.cleaner.precision:.4f}    {r.cleaner.recall:.4f}  {r.cleaner.f1:.4f}")
        row("plain trafilatura.extract (defaults)", f"{r.trafilatura.precision:.4f}    {r.trafilatura.recall:.4f}  {r.trafilatura.f1:.4f}")
        row("difference in F1", f"{r.cleaner.f1 - r.trafilatura.f1:+.4f}", "target ≥ 0")
        row("empty body where trafilatura finds text", str(len(r.empty_where_trafilatura_found_text))
            + (f" {r.empty_where_trafilatura_found_text[:5]}" if r.empty_where_trafilatura_found_text else ""), "target 0")
        row("pages per CPU-second: cleaner / trafilatura", f"{r.cleaner_pages_per_s:.1f} / {r.trafilatura_pages_per_s:.1f}")
        row(f"pages > {PROBLEM_GAP} F1 below trafilatura", str(len(r.problems)))
        for page in r.problems[:MAX_PROBLEM_LINES]:
            out.append(f"    {page.page}: F1 {page.cleaner.f1:.3f} vs {page.trafilatura.f1:.3f} "
                       f"(recall {page.cleaner.recall:.3f} vs {page.trafilatura.recall:.3f}; {page.cleaner_chars} vs {page.trafilatura_chars} chars)")
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
