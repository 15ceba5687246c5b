"""The fidelity check's cost per article next to the cleaner's, on real (Korean, model English) sentence pairs.

Each page of a group is cleaned (timed), then checked the way `Pipeline.run` checks it: `check_article` over
one (paragraph, Korean sentence, English sentence) pair per sentence the segmenter finds on the page, plus
the summary against the body. The pairs are real: consecutive NTREX-128 lines and opus-mt-tc-big-ko-en's
outputs for them, in runs of the page's sentence count, so the check reads real numbers on both sides.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Callable, Iterator, Sequence

SPEED_GROUPS = {"example page": "example", "sci-news-sum-kr-50": "articles", "korean HTML pages": "html"}
SUMMARY_SENTENCES = 3  # the summary checked: the first body sentences in English (a lead summary)


def speed_pages(data: Path) -> dict[str, list[str]]:
    """Korean pages to time, by group: the example page (a text dump), the 50 sci-news-sum-kr-50 articles
    (title, blank line, one sentence per line, as a dump of the page text would have them) and the
    benchmark's two Korean HTML pages."""
    groups: dict[str, list[str]] = {}
    example = data / "seed" / "newspim_gwangju_ai_2020.txt"
    if example.is_file():
        groups["example page"] = [example.read_text(encoding="utf-8")]
    articles = []
    for path in sorted((data / "summarization" / "sci-news-sum-kr-50" / "data").glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        sentences = [f"{s.rstrip('.')}." for s in record.get("sentences", []) if s.strip()]
        articles.append(f"{record.get('title', '')}\n\n" + "\n".join(sentences))
    if articles:
        groups["sci-news-sum-kr-50"] = articles
    html = sorted((data / "extraction" / "korean_pages").glob("*.html"))
    if html:  # pages as scraped (HTML): what the cleaner usually gets
        groups["korean HTML pages"] = [page.read_text(encoding="utf-8") for page in html]
    return groups


def _sentence_pairs(sources: Sequence[str], translations: Sequence[str]) -> Iterator[tuple[str, str]]:
    """(Korean sentence, English) of each line the segmenter keeps as one sentence, cycling through the lines.

    Splitting here is what the pipeline's segmenter does before translating; it keeps Kiwi's morphemes, which
    the check then reads (`sentence_morphemes`). A line split in several sentences has no English per sentence,
    so it is left out.
    """
    from summarizer.segment import split_sentences

    usable = 0
    while True:
        for source, translation in zip(sources, translations):
            sentences = split_sentences(source)
            if len(sentences) == 1 and translation.strip():
                usable += 1
                yield sentences[0], translation.strip()
        if not usable:
            return


def measure_speed(data: Path, sources: Sequence[str], translations: Sequence[str], repeats: int = 3) -> dict[str, float]:
    """Per article of each group: cleaning time, and the fidelity check as the pipeline runs it after translating.

    Args:
        data: The shared data folder (pages of `speed_pages`).
        sources, translations: Aligned Korean lines and a model's English for them (the NTREX outputs).
        repeats: Best of this many runs for each timing; times in milliseconds.

    The segmenter's Kiwi split is not counted in the check: the pipeline splits every article for the translator
    anyway, and the check reuses the morphemes it keeps (its time on the page is reported beside, for scale).
    Also timed: the check's two gates alone (does the Korean / the English hold anything that may be a number?),
    a floor that any check reading the sentences pays before it reads a single quantity.
    """
    from summarizer.clean import clean_article
    from summarizer.fidelity.article import check_article
    from summarizer.fidelity.english import may_have_quantity
    from summarizer.fidelity.korean_gate import has_quantity
    from summarizer.segment import split_sentences, warm_up

    warm_up()  # Kiwi's first use (~2 s) is not the split's time on a page
    pairs_left = _sentence_pairs(sources, translations)
    timing: dict[str, float] = {}
    total_clean = total_check = 0.0
    for group, pages in speed_pages(data).items():
        clean_ms = check_ms = split_ms = gates_ms = 0.0
        sentences = 0
        for raw in pages:
            clean_article(raw)  # warm the cleaner's caches (trafilatura) before timing
            clean_ms += _best_ms(lambda: clean_article(raw), repeats)
            article = clean_article(raw)
            documents = (article.title, *article.subtitles, *article.paragraphs)
            started = time.perf_counter()  # the segmenter's work, done before translation in the pipeline
            split = [split_sentences(paragraph) for paragraph in documents]
            split_ms += 1000 * (time.perf_counter() - started)
            # The page's sentence layout, real pairs in it (zip takes a pair only when the page has a sentence for it).
            pairs = [(index, *pair) for index, found in enumerate(split) for _, pair in zip(found, pairs_left)]
            headings = 1 + len(article.subtitles)
            body = range(headings, len(documents))
            paragraphs_ko = [" ".join(ko for p, ko, _ in pairs if p == index) for index in body]
            paragraphs_en = [" ".join(en for p, _, en in pairs if p == index) for index in body]
            summary = " ".join([en for p, _, en in pairs if p >= headings][:SUMMARY_SENTENCES])
            check_ms += _best_ms(lambda: check_article(pairs, headings, summary, paragraphs_ko, paragraphs_en), repeats)
            gates_ms += _best_ms(lambda: [(has_quantity(ko), may_have_quantity(en)) for _, ko, en in pairs], repeats)
            sentences += len(pairs)
        count = len(pages)
        key = SPEED_GROUPS[group]
        timing.update({
            f"{key}_pages": float(count),
            f"{key}_sentences_per_page": round(sentences / count, 1),
            f"{key}_clean_ms_per_page": round(clean_ms / count, 3),
            f"{key}_split_ms_per_page": round(split_ms / count, 3),
            f"{key}_check_ms_per_page": round(check_ms / count, 3),
            f"{key}_check_us_per_sentence": round(1000 * check_ms / sentences, 1) if sentences else 0.0,
            f"{key}_check_share_of_clean": round(check_ms / clean_ms, 4) if clean_ms else 0.0,
            f"{key}_gates_share_of_clean": round(gates_ms / clean_ms, 4) if clean_ms else 0.0,
        })
        total_clean, total_check = total_clean + clean_ms, total_check + check_ms
    if total_clean:
        timing["check_share_of_clean"] = round(total_check / total_clean, 4)
    return timing


def _best_ms(run: Callable[[], object], repeats: int) -> float:
    best = float("inf")
    for _ in range(max(1, repeats)):
        started = time.perf_counter()
        run()
        best = min(best, 1000 * (time.perf_counter() - started))
    return best


def speed_lines(speed: dict[str, float]) -> list[str]:
    """The speed section of `eval fidelity`: one line per group, then the overall share; [] when not measured."""
    lines = []
    for name, key in SPEED_GROUPS.items():
        if f"{key}_pages" in speed:
            lines.append(
                f"speed, {name}: {speed[f'{key}_check_ms_per_page']:.2f} ms to check vs "
                f"{speed[f'{key}_clean_ms_per_page']:.2f} ms to clean per article "
                f"({speed[f'{key}_check_share_of_clean']:.1%} of cleaning; {speed[f'{key}_sentences_per_page']:.0f} "
                f"sentence pairs/article, {speed[f'{key}_check_us_per_sentence']:.0f} µs each; {speed[f'{key}_pages']:.0f} article(s)); "
                f"its two gates alone: {speed.get(f'{key}_gates_share_of_clean', 0):.1%}"
            )
    if "check_share_of_clean" in speed:
        lines.append(
            f"speed, all articles: check = {speed['check_share_of_clean']:.1%} of cleaning. Pairs: NTREX-128 lines and "
            f"opus-mt-tc-big-ko-en's output, as many per article as it has sentences; summary: its first "
            f"{SUMMARY_SENTENCES} body sentences. Not counted: the segmenter's Kiwi split, which the pipeline runs "
            "anyway to feed the translator and whose morphemes the check reuses "
            f"(example page: {speed.get('example_split_ms_per_page', 0):.1f} ms)"
        )
    return lines
