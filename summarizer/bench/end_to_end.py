"""End-to-end articles/s: the whole job (clean + translate + summarize) on real articles wrapped as pages.

Three ways, each in its own process (peak RSS its own), on the same pages and the same models:

    glue     what a user writes without this project (glue_script.py): trafilatura + transformers
             `generate`, one paragraph / article at a time, fp32
    expert   the glue script's exact work written by hand on the int8 CTranslate2 conversions with tuned
             batches (expert_pipeline.py): the machine's ceiling, so `batch` reads as a share of what is possible
    batch    `summarizer batch PAGES OUT` with default settings (backend auto → CTranslate2 int8 on CPU,
             converted once beforehand so conversion is not timed; batches of 8 articles)

and, with `duplicates`, the batch runner on a dump where that share of pages are wire copies (same body,
another portal's chrome) against the same dump with distinct articles instead.

Models: random-weight stand-ins with the real architectures of the defaults (opus-mt-tc-big-ko-en and
bart-large-cnn, see standins.py); `quick` uses the tiny test checkpoints (checks the harness, not speed).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass, replace
from html import escape
from pathlib import Path
from typing import Any, Callable, Sequence

CORPUS = Path("summarization/sci-news-sum-kr-50/data")
_SENTENCES_PER_PARAGRAPH = 3


@dataclass(frozen=True)
class EndToEndConfig:
    articles: int = 50
    quick: bool = False  # tiny checkpoints: checks the harness, not speed
    device: str = "cpu"
    data_dir: str | None = None
    work_dir: str | None = None
    batch_sizes: tuple[int, ...] = (8,)  # the batch runner's default
    beams: int = 4  # the project's default, used by the glue script too
    duplicates: float = 0.0  # share of wire copies in the duplicate comparison (0: not run)
    skip_glue: bool = False
    sentences_per_article: int = 0  # 0: whole articles; quick runs keep the first 6
    # Translation tokens per source token (+10 per input) on both sides. Random weights never emit </s>, so
    # outputs run to their caps; the cap is set to what the real model writes (1.06 on NTREX-128, counted with
    # these tokenizers) instead of the project's 1.8 safety cap, or every output would be ~1.7× too long.
    length_ratio: float = 1.1


def load_articles(data_dir: Path, count: int) -> list[tuple[str, list[str]]]:
    """(title, sentences) of the first `count` articles of sci-news-sum-kr-50."""
    files = sorted((data_dir / CORPUS).glob("*.json"))[:count]
    if not files:
        from summarizer.errors import InputError

        raise InputError(f"no articles under {data_dir / CORPUS} (pass --data or set SUMMARIZER_DATA)")
    return [(item["title"], list(item["sentences"])) for item in (json.loads(f.read_text(encoding="utf-8")) for f in files)]


def wrap_page(title: str, sentences: Sequence[str], portal: int = 0) -> str:
    """A news page around the article: the portal's navigation, headline, paragraphs of three sentences, footer."""
    paragraphs = [" ".join(sentences[i : i + _SENTENCES_PER_PARAGRAPH]) for i in range(0, len(sentences), _SENTENCES_PER_PARAGRAPH)]
    body = "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (
        f"<html><head><meta charset='utf-8'><title>{escape(title)} - 뉴스포털{portal}</title></head><body>\n"
        f"<nav><a href='/'>뉴스포털{portal} 홈</a> <a href='/it'>IT·과학</a> <a href='/login'>로그인</a></nav>\n"
        f"<article><h1>{escape(title)}</h1>\n{body}\n</article>\n"
        f"<footer>Copyright © 뉴스포털{portal}. 무단 전재 및 재배포 금지.</footer></body></html>\n"
    )


def write_pages(folder: Path, articles: Sequence[tuple[str, list[str]]], portals: Sequence[int] | None = None) -> Path:
    """One .html page per article (portal k's chrome for article k) in a fresh folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.html"):
        old.unlink()
    for n, (title, sentences) in enumerate(articles):
        (folder / f"page{n:03d}.html").write_text(wrap_page(title, sentences, portals[n] if portals else n), encoding="utf-8")
    return folder


def run_end_to_end(config: EndToEndConfig, say: Callable[[str], None] = lambda _m: None) -> dict[str, Any]:
    """Measure glue vs batch (and the duplicate comparison); returns the figures as a JSON-ready dict."""
    from summarizer.bench.standins import default_work_dir
    from summarizer.evaluation.mt_eval import resolve_data_dir

    from summarizer.engines.loader import resolve_device

    config = replace(config, device=resolve_device(config.device))
    work = Path(config.work_dir).expanduser() if config.work_dir else default_work_dir()
    articles = load_articles(resolve_data_dir(config.data_dir), config.articles)
    keep = config.sentences_per_article or (6 if config.quick else 0)
    if keep:
        articles = [(title, sentences[:keep]) for title, sentences in articles]
    translator, summarizer = _models(config, work, say)
    pages = write_pages(work / "e2e-pages", articles)
    result: dict[str, Any] = {
        "articles": len(articles), "translator": translator, "summarizer": summarizer, "quick": config.quick,
        "device": config.device, "beams": config.beams, "length_ratio": config.length_ratio, "retry_degenerate": False,
    }  # fmt: skip
    converted = _prepare_conversions([translator, summarizer], config.device, say)
    if not config.skip_glue:
        say(f"end to end: glue script on {len(articles)} pages")
        result["glue"] = _child("summarizer.bench.glue_script", {
            "pages": str(pages), "out": str(work / "e2e-glue.jsonl"), "translator": translator,
            "summarizer": summarizer, "beams": config.beams, "device": config.device, "length_ratio": config.length_ratio,
        })  # fmt: skip
        result["glue"]["articles_per_s"] = round(len(articles) / result["glue"]["run_s"], 4)
        say(f"end to end: the glue script's work by hand on CTranslate2 (this machine's ceiling), {len(articles)} pages")
        result["expert"] = _child("summarizer.bench.expert_pipeline", {
            "pages": str(pages), "out": str(work / "e2e-expert.jsonl"), "translator": translator, "summarizer": summarizer,
            "translator_ct2": str(converted[0]), "summarizer_ct2": str(converted[1]), "beams": config.beams,
            "device": config.device, "length_ratio": config.length_ratio,
        })  # fmt: skip
        result["expert"]["articles_per_s"] = round(len(articles) / result["expert"]["run_s"], 4)
        result["expert"]["speedup_vs_glue"] = round(result["glue"]["run_s"] / result["expert"]["run_s"], 2)
    for size in config.batch_sizes:
        say(f"end to end: summarizer batch on {len(articles)} pages, batch size {size}")
        figures = _batch(pages, work / f"e2e-batch{size}.jsonl", translator, summarizer, config, size)
        result[f"batch_{size}"] = figures
        if "glue" in result:
            figures["speedup_vs_glue"] = round(figures["articles_per_s"] / result["glue"]["articles_per_s"], 2)
            figures["share_of_ceiling"] = round(figures["articles_per_s"] / result["expert"]["articles_per_s"], 2)
    if config.duplicates > 0:
        result["duplicates"] = _duplicate_comparison(config, articles, work, translator, summarizer, say)
    return result


def _duplicate_comparison(
    config: EndToEndConfig, articles: Sequence[tuple[str, list[str]]], work: Path, translator: str, summarizer: str,
    say: Callable[[str], None],
) -> dict[str, Any]:
    """Same number of pages twice: all distinct, and with `duplicates` of them wire copies from other portals."""
    n = len(articles)
    copies = max(1, round(n * config.duplicates))
    originals = list(articles[: n - copies])
    with_copies = originals + [originals[k % len(originals)] for k in range(copies)]
    distinct = write_pages(work / "e2e-distinct", articles)
    duplicated = write_pages(work / "e2e-duplicated", with_copies, portals=list(range(n)))
    size = config.batch_sizes[0]
    say(f"duplicates: {copies} of {n} pages are wire copies; timing both dumps")
    plain = _batch(distinct, work / "e2e-distinct.jsonl", translator, summarizer, config, size)
    out = work / "e2e-duplicated.jsonl"
    dup = _batch(duplicated, out, translator, summarizer, config, size)
    records = {r["id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    same = all(
        records[f"page{len(originals) + k:03d}.html"][field] == records[f"page{k % len(originals):03d}.html"][field]
        for k in range(copies)
        for field in ("title_en", "paragraphs_en", "summary_en")
    )
    return {
        "pages": n, "copies": copies, "distinct_s": plain["run_s"], "with_copies_s": dup["run_s"],
        "speedup": round(plain["run_s"] / dup["run_s"], 2), "copies_identical": same,
    }  # fmt: skip


def _models(config: EndToEndConfig, work: Path, say: Callable[[str], None]) -> tuple[str, str]:
    if config.quick:
        return tiny_models(work)
    from summarizer.bench.report import BenchConfig
    from summarizer.bench.standins import build_bart_large_cnn_standin, prepare_checkpoint
    from summarizer.evaluation.mt_eval import resolve_data_dir

    translator, _ = prepare_checkpoint(BenchConfig(), work, say)
    configs = resolve_data_dir(config.data_dir) / "model-configs" / "bart-large-cnn"
    return translator, str(build_bart_large_cnn_standin(configs, work, say=say))


def tiny_models(work: Path) -> tuple[str, str]:
    """The tiny test checkpoints (translation, summarization) in `work`, built once: for --quick runs."""
    from summarizer.tiny import build_tiny_checkpoints

    root = work / "tiny"
    if not (root / "summarization" / "config.json").is_file():
        build_tiny_checkpoints(root, seed=0)
    return str(root / "translation"), str(root / "summarization")


def _prepare_conversions(models: Sequence[str], device: str, say: Callable[[str], None]) -> list[Path]:
    # What `--backend auto` does on first use, done before the clock so only steady-state work is timed.
    from summarizer.engines.conversion_cache import conversion_for

    return [conversion_for(model, device, say)[0] for model in models]


def _batch(pages: Path, out: Path, translator: str, summarizer: str, config: EndToEndConfig, batch_size: int) -> dict[str, Any]:
    for old in (out, out.with_name(out.name + ".manifest.json")):
        old.unlink(missing_ok=True)
    spec = {"pages": str(pages), "out": str(out), "translator": translator, "summarizer": summarizer,
            "device": config.device, "batch_size": batch_size, "length_ratio": config.length_ratio}  # fmt: skip
    figures = _child("summarizer.bench.end_to_end", spec)
    figures["articles_per_s"] = round(figures["articles"] / figures["run_s"], 4)
    return figures


def _child(module: str, spec: dict[str, Any]) -> dict[str, Any]:
    env = {**os.environ, "TOKENIZERS_PARALLELISM": "false"}
    done = subprocess.run([sys.executable, "-m", module, json.dumps(spec)], capture_output=True, text=True, env=env)
    if done.returncode != 0:
        from summarizer.errors import ModelError

        tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise ModelError(f"{module} failed: {tail}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _batch_child(spec: dict[str, Any]) -> dict[str, Any]:
    """`summarizer batch PAGES OUT`, models loaded first so loading is timed apart."""
    import time

    from summarizer.batch import run_batch
    from summarizer.pipeline import Pipeline
    from summarizer.settings import Settings

    started = time.perf_counter()
    # Default settings but two, both for random weights (see EndToEndConfig): outputs as long as real ones,
    # and no retry of "degenerate" output (every random output looks degenerate; the glue script never retries).
    settings = Settings.load({
        "translation_model": spec["translator"], "summary_model": spec["summarizer"], "device": spec["device"],
        "max_length_ratio": spec["length_ratio"], "retry_degenerate": False,
    })  # fmt: skip
    pipeline = Pipeline(settings).load()
    loaded = time.perf_counter()
    stats = run_batch(spec["pages"], spec["out"], pipeline=pipeline, batch_size=spec["batch_size"])
    backends = sorted({pipeline.translator.info.backend, pipeline.summarizer.info.backend})
    return {"load_s": loaded - started, "run_s": time.perf_counter() - loaded, "articles": stats.ok + stats.errors,
            "errors": stats.errors, "backends": backends}  # fmt: skip


def render_end_to_end(figures: dict[str, Any]) -> str:
    """Markdown lines for the end-to-end part of the report."""
    rows = ["| end to end | articles/s | run (s) | load (s) | peak RSS (MB) | × glue | share of expert |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]  # fmt: skip
    for name, value in figures.items():
        if isinstance(value, dict) and "articles_per_s" in value:
            rows.append(
                f"| {name} | {value['articles_per_s']:.3f} | {value['run_s']:.1f} | {value['load_s']:.1f} | "
                f"{value.get('peak_rss_mb', 0):.0f} | {value.get('speedup_vs_glue', '–')} | {value.get('share_of_ceiling', '–')} |"
            )
    lines = [f"{figures['articles']} articles wrapped as pages; translator {figures['translator']}, summarizer {figures['summarizer']}", *rows]
    dup = figures.get("duplicates")
    if dup:
        lines.append(
            f"wire duplicates: {dup['copies']} of {dup['pages']} pages copies → {dup['speedup']}× faster "
            f"({dup['distinct_s']:.1f} s vs {dup['with_copies_s']:.1f} s), copies identical: {dup['copies_identical']}"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    from summarizer.bench.machine import peak_rss_mb

    outcome = _batch_child(json.loads(sys.argv[1]))
    print(json.dumps({**outcome, "peak_rss_mb": peak_rss_mb()}))
