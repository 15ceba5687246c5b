"""mozilla/readability's 130 test pages: this cleaner (keep=all) and plain trafilatura against the text of each
page's `expected.html`, in the same run, with the pages where one of them falls short listed.

Each page is `<page>/source.html.gz` with its gold article `<page>/expected.html.gz` (mozilla/readability @ ab4027a8,
test/test-pages, Apache-2.0). The gold's text puts a line break around every block element, as a browser would.
"""

from __future__ import annotations

import gzip
import time
from dataclasses import dataclass, field
from pathlib import Path

from summarizer.clean.keep import BENCHMARK_KEEP
from summarizer.evaluation.clean_eval.scoring import PRF, benchmark_text_or_empty, mean_prf, token_prf

READABILITY = "extraction/readability"
_BLOCKS = frozenset("address article aside blockquote br dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 header hr li "
                    "main nav ol p pre section table td th tr ul".split())
PROBLEM_GAP = 0.02  # F1 below trafilatura's by more than this lists the page


@dataclass(frozen=True)
class ReadabilityPage:
    page: str
    cleaner: PRF
    trafilatura: PRF
    cleaner_chars: int
    trafilatura_chars: int


@dataclass(frozen=True)
class ReadabilityResult:
    pages: int
    cleaner: PRF
    trafilatura: PRF
    cleaner_pages_per_s: float  # per CPU-second
    trafilatura_pages_per_s: float
    empty_where_trafilatura_found_text: list[str] = field(default_factory=list)
    problems: list[ReadabilityPage] = field(default_factory=list)  # worse than trafilatura by > PROBLEM_GAP, worst first


def gold_text(expected_html: str) -> str:
    """The visible text of a gold article: a line break around each block element, inline text joined as written."""
    import lxml.html

    if not expected_html.strip():
        return ""
    tree = lxml.html.fromstring(expected_html)
    for element in tree.iter():
        if isinstance(element.tag, str) and element.tag in _BLOCKS:
            element.text = "\n" + (element.text or "")
            element.tail = "\n" + (element.tail or "")
    return tree.text_content()


def load_readability(data_dir: Path) -> list[tuple[str, bytes, str]]:
    """(page name, source HTML bytes, gold text) for each page folder with both files."""
    pages = []
    for folder in sorted((data_dir / READABILITY).iterdir()):
        source, expected = folder / "source.html.gz", folder / "expected.html.gz"
        if source.is_file() and expected.is_file():
            gold = gold_text(gzip.decompress(expected.read_bytes()).decode("utf-8", errors="replace"))
            pages.append((folder.name, gzip.decompress(source.read_bytes()), gold))
    return pages


def evaluate_readability(data_dir: Path) -> ReadabilityResult:
    """Mean P/R/F1 of this cleaner (keep=all) and of plain trafilatura.extract (defaults) on the same pages."""
    import trafilatura

    rows = []
    ours_s = theirs_s = 0.0
    for name, html, gold in load_readability(data_dir):
        start = time.process_time()
        ours = benchmark_text_or_empty(html, None, BENCHMARK_KEEP)
        ours_s += time.process_time() - start
        start = time.process_time()
        theirs = trafilatura.extract(html) or ""
        theirs_s += time.process_time() - start
        rows.append(ReadabilityPage(name, token_prf(ours, gold), token_prf(theirs, gold), len(ours.strip()), len(theirs.strip())))
    problems = sorted((r for r in rows if r.cleaner.f1 < r.trafilatura.f1 - PROBLEM_GAP), key=lambda r: r.cleaner.f1 - r.trafilatura.f1)
    return ReadabilityResult(
        pages=len(rows),
        cleaner=mean_prf([r.cleaner for r in rows]),
        trafilatura=mean_prf([r.trafilatura for r in rows]),
        cleaner_pages_per_s=len(rows) / max(ours_s, 1e-9),
        trafilatura_pages_per_s=len(rows) / max(theirs_s, 1e-9),
        empty_where_trafilatura_found_text=[r.page for r in rows if not r.cleaner_chars and r.trafilatura_chars],
        problems=problems,
    )
