"""Articles/s batched across articles vs one article at a time, side by side, on two checkpoints.

* tiny: the seeded tiny checkpoints of the test suite (Marian ko→en + BART, d_model 32);
* tc-big dims: a random-weight Marian with the real widths and depths of the default translator,
  Helsinki-NLP/opus-mt-tc-big-ko-en (summarizer.tiny.OPUS_MT_TC_BIG_KO_EN_DIMS), with the tiny BART.

Each checkpoint translates and summarises the same articles (the first sentences of articles of
sci-news-sum-kr-50) three ways: `Pipeline.run` one article at a time, `Pipeline.run_many(batch_size=B)`,
and the batch runner end to end (`run_batch` on a JSONL of the same articles, reading and fsync'ed
writing included). Models are loaded and warmed up before timing. Random weights rarely emit </s>, so
outputs run to the length cap: absolute figures are a worst case, the ratio is the point.

    python benchmarks/batch_throughput.py [--articles 16] [--sentences 6] [--batch-size 16] [--beams 4]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path("summarization/sci-news-sum-kr-50/data")


def load_articles(data: Path, count: int, sentences: int) -> list[str]:
    """Text dumps: title, then paragraphs of two sentences, from the first `count` articles."""
    files = sorted((data / CORPUS).glob("*.json"))[:count]
    if not files:
        raise SystemExit(f"no articles under {data / CORPUS} (pass --data or set SUMMARIZER_DATA)")
    articles = []
    for file in files:
        item = json.loads(file.read_text(encoding="utf-8"))
        body = [s.rstrip(".") + "." for s in item["sentences"][:sentences]]
        paragraphs = [" ".join(body[i : i + 2]) for i in range(0, len(body), 2)]
        articles.append("\n\n".join([item["title"], *paragraphs]))
    return articles


def measure(settings: object, articles: list[str], batch_size: int, workdir: Path) -> dict[str, float]:
    """articles/s for run() one by one, run_many(batch_size) and run_batch(batch_size)."""
    from summarizer.batch import run_batch
    from summarizer.pipeline import Pipeline

    pipeline = Pipeline(settings).load()
    pipeline.run(articles[0])  # warm-up: first-call allocations, kernel selection

    started = time.perf_counter()
    for article in articles:
        pipeline.run(article)
    one_by_one = len(articles) / (time.perf_counter() - started)

    started = time.perf_counter()
    results = list(pipeline.run_many(articles, batch_size=batch_size))
    batched = len(results) / (time.perf_counter() - started)

    dump, output = workdir / "dump.jsonl", workdir / "out.jsonl"
    dump.write_text("".join(json.dumps({"id": str(i), "text": a}, ensure_ascii=False) + "\n" for i, a in enumerate(articles)), "utf-8")
    output.unlink(missing_ok=True)
    stats = run_batch(dump, output, pipeline=pipeline, batch_size=batch_size)
    assert stats.ok == len(articles), stats.summary()
    return {"one_by_one": one_by_one, "run_many": batched, "run_batch": stats.ok / stats.elapsed_s}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", help="shared data folder [default: $SUMMARIZER_DATA or ../shared/data]")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "batch_throughput")
    parser.add_argument("--articles", type=int, default=16)
    parser.add_argument("--big-articles", type=int, default=None, help="articles for the tc-big checkpoint [default: --articles]")
    parser.add_argument("--sentences", type=int, default=6, help="sentences kept per article")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--beams", type=int, default=4)
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--threads", type=int, default=0, help="torch CPU threads (0: torch default)")
    parser.add_argument("--skip-big", action="store_true", help="only the tiny checkpoints")
    args = parser.parse_args()

    import torch

    from summarizer.settings import Settings
    from summarizer.tiny import OPUS_MT_TC_BIG_KO_EN_DIMS, build_marian, build_tiny_checkpoints

    if args.threads:
        torch.set_num_threads(args.threads)
    data = Path(args.data or os.environ.get("SUMMARIZER_DATA") or REPO_ROOT.parent / "shared" / "data")
    args.workdir.mkdir(parents=True, exist_ok=True)
    tiny = args.workdir / "tiny"
    if not (tiny / "translation" / "config.json").exists():
        build_tiny_checkpoints(tiny, seed=0)
    checkpoints = [("tiny (d_model 32)", tiny / "translation", args.articles)]
    if not args.skip_big:
        big = args.workdir / "marian-tc-big-dims"
        if not (big / "config.json").exists():
            build_marian(big, **OPUS_MT_TC_BIG_KO_EN_DIMS.as_kwargs(), seed=0)
        checkpoints.append(("tc-big dims (d_model 1024, 6+6, vocab 32001)", big, args.big_articles or args.articles))

    print(
        f"device {args.device}, torch threads {torch.get_num_threads()}, beams {args.beams}, "
        f"batch size {args.batch_size}, {args.sentences} sentences per article"
    )
    header = f"{'translation checkpoint':<46} {'articles':>8} {'one by one':>11} {'run_many':>9} {'run_batch':>10} {'speed-up':>9}"
    print(header + "\n" + "-" * len(header))
    for name, translation, count in checkpoints:
        settings = Settings(
            translation_model=str(translation),
            summary_model=str(tiny / "summarization"),
            device=args.device,
            num_beams=args.beams,
        )
        figures = measure(settings, load_articles(data, count, args.sentences), args.batch_size, args.workdir)
        print(
            f"{name:<46} {count:>8} {figures['one_by_one']:>7.3g} a/s {figures['run_many']:>5.3g} a/s "
            f"{figures['run_batch']:>6.3g} a/s {figures['run_many'] / figures['one_by_one']:>8.2f}x"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
