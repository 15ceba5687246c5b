"""Memory of `run_batch` stays flat in the number of records: peak RSS on 10k vs 100k small records.

Each size runs in a fresh process through the real streaming path (JSONL reader → duplicate/resume
planner → Pipeline.prepare / run_many on the tiny checkpoints → fsync'ed JSONL writer). To keep it
cheap, most records fail fast inside the pipeline (short English pages that the cleaner finds no article
in); one in 500 is a short Korean article that goes through the tiny models. A sampler thread
records RSS as records are written, so the figures show the curve, not just the peak.

    python benchmarks/batch_memory.py [--sizes 10000,100000] [--workdir /tmp/batch_memory]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import threading
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
KOREAN = (
    "연구진, 바닷물에서 리튬 뽑는 새 기술 개발 {n}\n\n"
    "국내 연구진이 바닷물에 녹아 있는 리튬을 적은 전기로 빠르게 뽑아내는 기술을 개발했다고 {n}일 밝혔다."
)
ENGLISH = "Record {n}: a short English page.\n\nThe cleaner finds no article in it, which keeps this run cheap."


def write_dump(path: Path, size: int, korean_every: int) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for n in range(size):
            text = (KOREAN if n % korean_every == 0 else ENGLISH).format(n=n)
            fh.write(json.dumps({"id": f"r{n:07d}", "text": text}, ensure_ascii=False) + "\n")


def rss_mib() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def child(dump: Path, output: Path, models: Path, batch_size: int) -> None:
    """Run the batch in this process and print a JSON report on stdout."""
    import torch

    from summarizer.batch import run_batch
    from summarizer.pipeline import Pipeline
    from summarizer.settings import Settings

    torch.set_num_threads(1)
    settings = Settings(
        translation_model=str(models / "translation"), summary_model=str(models / "summarization"), device="cpu", num_beams=1
    )
    pipeline = Pipeline(settings).load()
    pipeline.run(KOREAN.format(n=0))  # warm-up: the cleaner and sentence splitter load their own models on first use
    baseline = rss_mib()
    samples: list[tuple[int, float]] = []
    stop = threading.Event()

    def sample() -> None:
        lines, offset = 0, 0  # count new lines incrementally: OUTPUT only grows
        while not stop.wait(0.5):
            if output.exists():
                with output.open("rb") as fh:
                    fh.seek(offset)
                    chunk = fh.read()
                lines, offset = lines + chunk.count(b"\n"), offset + len(chunk)
            samples.append((lines, rss_mib()))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stats = run_batch(dump, output, settings=settings, batch_size=batch_size)
    stop.set()
    sampler.join()
    print(
        json.dumps(
            {
                "records": stats.processed,
                "ok": stats.ok,
                "errors": stats.errors,
                "seconds": round(stats.elapsed_s, 1),
                "rss_after_warmup_mib": round(baseline, 1),
                "rss_end_mib": round(rss_mib(), 1),
                "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
                "samples": samples,
            }
        )
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/batch_memory"))
    parser.add_argument("--korean-every", type=int, default=500)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--child", nargs=4, metavar=("DUMP", "OUTPUT", "MODELS", "BATCH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        dump, output, models, batch = args.child
        child(Path(dump), Path(output), Path(models), int(batch))
        return 0

    args.workdir.mkdir(parents=True, exist_ok=True)
    models = args.workdir / "tiny"
    if not (models / "translation" / "config.json").exists():
        from summarizer.tiny import build_tiny_checkpoints

        build_tiny_checkpoints(models, seed=0)
    env = {**os.environ, "OMP_NUM_THREADS": "1", "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(REPO_ROOT)}
    print(f"{'records':>8} {'ok':>5} {'errors':>7} {'seconds':>8} {'RSS warmed up':>15} {'peak RSS':>9} {'RSS at end':>11}  RSS (MiB) by records written")
    for size in (int(s) for s in args.sizes.split(",")):
        dump, output = args.workdir / f"dump_{size}.jsonl", args.workdir / f"out_{size}.jsonl"
        write_dump(dump, size, args.korean_every)
        output.unlink(missing_ok=True)
        cmd = [sys.executable, __file__, "--child", str(dump), str(output), str(models), str(args.batch_size)]
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
        if proc.returncode:
            print(proc.stderr[-2000:], file=sys.stderr)
            return 1
        report = json.loads(proc.stdout.strip().splitlines()[-1])
        curve = _curve(report["samples"], size)
        print(
            f"{report['records']:>8} {report['ok']:>5} {report['errors']:>7} {report['seconds']:>8} "
            f"{report['rss_after_warmup_mib']:>12.1f} MiB {report['peak_rss_mib']:>5.1f} MiB {report['rss_end_mib']:>7.1f} MiB  {curve}"
        )
    return 0


def _curve(samples: list[list[float]], size: int, points: int = 5) -> str:
    """RSS at about 1/5, 2/5, ... of the records."""
    if not samples:
        return ""
    picks = []
    for k in range(1, points + 1):
        target = size * k / points
        lines, rss = min(samples, key=lambda s: abs(s[0] - target))
        picks.append(f"{int(lines)}: {rss:.0f}")
    return ", ".join(picks)


if __name__ == "__main__":
    sys.exit(main())
