"""Done-when check for `summarizer batch`: SIGKILL it mid-run, rerun with --resume, nothing lost or doubled.

Builds a JSONL dump of the 50 articles of sci-news-sum-kr-50 wrapped as scraped pages (menus, dates,
reporter line, related-article block, copyright; half as text dumps, half as HTML) plus one bad record of
every kind, runs `summarizer batch` on the tiny checkpoints, kills it with SIGKILL after a few records,
resumes (killing once more), resumes to the end and checks OUTPUT: 50 ok records, one error record per
bad input, no duplicate, no torn line. Then two more scenarios: two concurrent writers on one OUTPUT (the
second must be refused naming the first's pid; every record once), and an input edited between a killed
run and its resume (id-less records inserted at the top and appended: each processed once, a warning said).

    python scripts/kill_resume_check.py [--data ../shared/data] [--workdir /tmp/kill_resume]

Exits 0 when every check holds, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path("summarization/sci-news-sum-kr-50/data")

ENGLISH = (
    "Researchers unveiled a membrane that pulls lithium out of seawater.\n\n"
    "The team said the method needs little electricity and could cut battery costs.\n\n"
    "Industry analysts were cautious about how quickly it can scale."
)


def data_root(flag: str | None) -> Path:
    """--data, else $SUMMARIZER_DATA, else ../shared/data next to the repository."""
    return Path(flag or os.environ.get("SUMMARIZER_DATA") or REPO_ROOT.parent / "shared" / "data")


def sentences_to_paragraphs(sentences: list[str], per_paragraph: int = 3) -> list[str]:
    done = [s if s.rstrip().endswith((".", "?", "!", "\"", "'", "”")) else s.rstrip() + "." for s in sentences]
    return [" ".join(done[i : i + per_paragraph]) for i in range(0, len(done), per_paragraph)]


def text_page(title: str, paragraphs: list[str], n: int) -> str:
    """A text dump of a news page: chrome around the article, as a scraper saves it."""
    return "\n\n".join(
        [
            "전체기사  최신뉴스  IT·과학  경제  사회  로그인  회원가입",
            "속보",
            "더보기",
            title,
            f"기사입력 : 2016년06월{n % 28 + 1:02d}일 09:{n:02d}",
            f"최종수정 : 2016년06월{n % 28 + 1:02d}일 10:{n:02d}",
            *paragraphs,
            f"홍길동 기자 reporter{n}@news.example.kr",
            "[관련기사]",
            "▶ 스마트폰 배터리 오래 쓰는 법 ▶ 올여름 전력 수요 최대치 전망",
            "Copyright ⓒ 예시뉴스. 무단 전재 및 재배포 금지",
            "Top으로 이동",
        ]
    )


def html_page(title: str, paragraphs: list[str], n: int) -> str:
    """The same page as HTML with header, navigation, aside and footer."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html lang='ko'><head><meta charset='utf-8'><title>{title} - 예시뉴스</title></head><body>"
        "<header><nav><a href='/'>전체기사</a> <a href='/it'>IT·과학</a> <a href='/eco'>경제</a> <a href='/login'>로그인</a></nav></header>"
        f"<main><article><h1>{title}</h1><div class='date'>기사입력 2016.06.{n % 28 + 1:02d} 09:{n:02d}</div>"
        f"{body}<p class='byline'>홍길동 기자 reporter{n}@news.example.kr</p></article>"
        "<aside><h3>많이 본 뉴스</h3><ul><li><a href='/1'>스마트폰 배터리 오래 쓰는 법</a></li>"
        "<li><a href='/2'>올여름 전력 수요 최대치 전망</a></li></ul></aside></main>"
        "<footer>Copyright ⓒ 예시뉴스. 무단 전재 및 재배포 금지</footer></body></html>"
    )


def build_dump(corpus: Path, path: Path) -> tuple[list[str], dict[str, tuple[str, int | None, str]]]:
    """Write the dump; return the good ids and, per bad input, (expected id, expected line or None, label)."""
    files = sorted(corpus.glob("*.json"))
    if len(files) != 50:
        raise SystemExit(f"expected 50 articles in {corpus}, found {len(files)} (pass --data)")
    lines: list[bytes] = []
    good_ids: list[str] = []
    for n, file in enumerate(files, start=1):
        article = json.loads(file.read_text(encoding="utf-8"))
        paragraphs = sentences_to_paragraphs(article["sentences"])
        record_id = f"sci-{file.stem}"
        record: dict[str, object] = {"id": record_id, "url": article["source"]}
        if n % 2:
            record["html"] = html_page(article["title"], paragraphs, n)
        else:
            record["text"] = text_page(article["title"], paragraphs, n)
        lines.append(json.dumps(record, ensure_ascii=False).encode("utf-8"))
        good_ids.append(record_id)
    huge = "\n\n".join(
        f"연구팀은 {i}번째 실험에서 분리막을 {i % 7 + 2}시간 동안 가동해 리튬 {i * 3 + 1}그램을 모았다고 밝혔다." for i in range(4200)
    )
    bad: list[tuple[str, bytes]] = [
        ("invalid JSON", '{"id": "bad-json", "text": "기사 본문이 중간에'.encode("utf-8")),
        ("missing text", json.dumps({"id": "bad-missing-text", "title": "제목만 있는 기사"}, ensure_ascii=False).encode()),
        ("empty text", json.dumps({"id": "bad-empty-text", "text": ""}).encode()),
        ("not Korean", json.dumps({"id": "bad-not-korean", "text": ENGLISH}).encode()),
        # Raw bytes that are neither UTF-8 nor CP949, straight inside the JSON strings (a scraper writing bytes).
        ("undecodable bytes (text)", b'{"id": "bad-bytes-text", "text": "\x80\xff\xfe garbled \xff\x80\xff page"}'),
        ("undecodable bytes (html)", b'{"id": "bad-bytes-html", "html": "<html><body><p>\xff\xfe\x80\x80 \xff\xff</p></body></html>"}'),
        ("over the size limit", json.dumps({"id": "bad-too-large", "text": "큰 기사\n\n" + huge}, ensure_ascii=False).encode()),
        ("duplicate id", json.dumps({"id": "sci-03", "text": text_page("중복 기사", ["같은 아이디로 다시 들어온 기사다."], 3)}, ensure_ascii=False).encode()),
    ]
    # Spread the bad records through the dump so the kills land among them.
    entries: list[tuple[str | None, bytes]] = [(None, line) for line in lines]
    for index, (label, line) in enumerate(bad):
        entries.insert(3 + index * 6, (label, line))
    expected: dict[str, tuple[str, int | None, str]] = {}
    for line_no, (label, line) in enumerate(entries, start=1):
        if label == "invalid JSON":
            expected[label] = (f"line-{line_no}", line_no, "invalid JSON")
        elif label == "duplicate id":
            expected[label] = ("sci-03", line_no, "duplicate id")
        elif label is not None:
            expected[label] = (json.loads(line.decode("utf-8", "replace"))["id"], None, "")
    lines = [line for _, line in entries]
    path.write_bytes(b"\n".join(lines) + b"\n")
    return good_ids, expected


def count_lines(path: Path) -> int:
    try:
        with path.open("rb") as fh:
            return sum(1 for _ in fh)
    except FileNotFoundError:
        return 0


def run_and_kill(cmd: list[str], output: Path, kill_after: int | None, env: dict[str, str], timeout_s: float) -> dict:
    """Run the batch; SIGKILL it once OUTPUT holds `kill_after` lines (None: let it finish)."""
    started = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=REPO_ROOT)
    killed = False
    while proc.poll() is None:
        if kill_after is not None and count_lines(output) >= kill_after:
            proc.send_signal(signal.SIGKILL)
            killed = True
            break
        if time.monotonic() - started > timeout_s:
            proc.kill()
            raise SystemExit(f"batch run did not finish in {timeout_s:.0f} s")
        time.sleep(0.05)
    _, stderr = proc.communicate()
    data = output.read_bytes() if output.exists() else b""
    return {
        "returncode": proc.returncode,
        "killed": killed,
        "lines": data.count(b"\n"),
        "torn_tail_bytes": len(data) - (data.rfind(b"\n") + 1),
        "seconds": round(time.monotonic() - started, 1),
        "stderr_tail": stderr.decode("utf-8", "replace").strip().splitlines()[-2:],
        "stderr": stderr.decode("utf-8", "replace"),
    }


def tear_last_write(output: Path) -> int:
    """Append the first half of a copy of OUTPUT's last record without its newline; returns the bytes added.

    SIGKILL rarely lands inside write() of a few kB, so the torn tail is made by hand: --resume must drop it.
    """
    last = output.read_bytes().rstrip(b"\n").rsplit(b"\n", 1)[-1]
    half = last[: len(last) // 2]
    with output.open("ab") as fh:
        fh.write(half)
    return len(half)


def ensure_tiny_models(folder: Path) -> Path:
    if not (folder / "translation" / "config.json").exists():
        from summarizer.tiny import build_tiny_checkpoints

        build_tiny_checkpoints(folder, seed=0)
    return folder


def verify(output: Path, good_ids: list[str], expected: dict[str, tuple[str, int | None, str]]) -> list[tuple[str, bool, str]]:
    """The done-when checks, as (check, passed, detail)."""
    raw = output.read_bytes()
    lines = raw.split(b"\n")
    torn = lines[-1] != b""
    records = []
    unparsable = 0
    for line in lines[:-1]:
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError:
            unparsable += 1
    keys = Counter((r["id"], r.get("line")) for r in records)
    doubled = {k: n for k, n in keys.items() if n > 1}
    ok = [r["id"] for r in records if r["status"] == "ok"]
    errors = {(r["id"], r.get("line")): r["error"] for r in records if r["status"] == "error"}
    checks = [
        ("every line whole and valid JSON", not torn and unparsable == 0, f"torn tail: {torn}, invalid lines: {unparsable}"),
        ("no duplicate records", not doubled, f"{len(records)} records, {len(keys)} distinct keys"),
        ("50 ok records, one per article", sorted(ok) == sorted(good_ids), f"{len(ok)} ok, {len(set(ok))} distinct"),
        ("one error record per bad input, nothing else", len(errors) == len(expected), f"{len(errors)} error records for {len(expected)} bad inputs"),
    ]
    for label, (record_id, line, must_contain) in expected.items():
        message = errors.get((record_id, line))
        passed = message is not None and must_contain in message
        checks.append((f"error record for {label}", passed, f"{record_id}: {message}"))
    return checks


def concurrent_writers(base: list[str], output: Path, good_ids: list[str], expected: dict, env: dict[str, str]) -> list[tuple[str, bool, str]]:
    """Start a run, then a second one (--resume) on the same OUTPUT (base's) while the first is writing."""
    output.unlink(missing_ok=True)
    first = subprocess.Popen(base + ["--resume"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=REPO_ROOT)
    started = time.monotonic()
    while count_lines(output) < 1 and first.poll() is None and time.monotonic() - started < 600:
        time.sleep(0.05)
    second = subprocess.run(base + ["--resume"], capture_output=True, env=env, cwd=REPO_ROOT, timeout=600)
    _, first_err = first.communicate(timeout=3600)
    said = second.stderr.decode("utf-8", "replace").strip().splitlines()
    print(f"concurrent writers: first exit {first.returncode}; second exit {second.returncode}: {said[-1] if said else ''}")
    refused = second.returncode == 2 and bool(said) and f"being written by process {first.pid}" in said[-1]
    checks = [("second writer refused, naming the first's pid", refused, said[-1] if said else "(nothing said)")]
    return checks + [(f"concurrent: {name}", ok, detail) for name, ok, detail in verify(output, good_ids, expected)]


def edited_input(base: list[str], workdir: Path, dump: Path, env: dict[str, str]) -> list[tuple[str, bool, str]]:
    """Kill a run over id-less records, insert one at the top and append one, resume: each exactly once."""
    records = [json.loads(line) for line in dump.read_bytes().splitlines() if line.startswith(b'{"id": "sci-')][:12]
    for record in records:
        record.pop("id")
    source, output = workdir / "idless.jsonl", workdir / "idless-out.jsonl"
    output.unlink(missing_ok=True)
    encode = lambda r: json.dumps(r, ensure_ascii=False).encode("utf-8")  # noqa: E731
    source.write_bytes(b"\n".join(encode(r) for r in records[1:11]) + b"\n")
    cmd = [*base[:4], str(source), str(output), *base[6:]]
    result = run_and_kill(cmd, output, 4, env, timeout_s=3600)
    print(f"edited input: run 1 killed={result['killed']} at {result['lines']} lines; now inserting a record at the top and appending one")
    source.write_bytes(b"\n".join(encode(r) for r in records) + b"\n")
    result = run_and_kill(cmd + ["--resume"], output, None, env, timeout_s=3600)
    warned = "warning: the input file changed" in result["stderr"]
    rows = [json.loads(line) for line in output.read_bytes().splitlines()]
    ids = Counter(r["id"] for r in rows)
    print(f"edited input: resume exit {result['returncode']}, {len(rows)} records, {len(ids)} distinct ids")
    return [
        ("edited input: every id-less record exactly once", len(rows) == 12 and len(ids) == 12 and all(r["status"] == "ok" for r in rows),
         f"{len(rows)} records, {len(ids)} distinct ids, {sum(r['status'] == 'ok' for r in rows)} ok"),
        ("edited input: resume said the input changed", warned, next((x for x in result["stderr"].splitlines() if "warning" in x), "")[:160]),
    ]  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", help="shared data folder [default: $SUMMARIZER_DATA or ../shared/data]")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/kill_resume_check"))
    parser.add_argument("--batch-size", type=int, default=4)
    parser.add_argument("--kills", default="8,30", help="kill after this many OUTPUT lines, one run per number")
    parser.add_argument("--no-torn-write", action="store_true", help="do not append a half-written record before the last resume")
    args = parser.parse_args()

    args.workdir.mkdir(parents=True, exist_ok=True)
    dump, output = args.workdir / "dump.jsonl", args.workdir / "out.jsonl"
    output.unlink(missing_ok=True)
    good_ids, expected = build_dump(data_root(args.data) / CORPUS, dump)
    models = ensure_tiny_models(args.workdir / "tiny")
    print(f"dump: {dump} — {len(good_ids)} articles + {len(expected)} bad records; tiny checkpoints in {models}")

    # One torch thread: the default oversubscribes small shared machines (CI runners, laptops under load).
    env = {**os.environ, "OMP_NUM_THREADS": "1", "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(REPO_ROOT)}
    base = [
        sys.executable, "-m", "summarizer", "batch", str(dump), str(output),
        "-t", str(models / "translation"), "-s", str(models / "summarization"),
        "--device", "cpu", "--beams", "1", "--batch-size", str(args.batch_size), "--log-interval", "10",
    ]  # fmt: skip
    kills = [int(k) for k in args.kills.split(",") if k]
    for run, kill_after in enumerate([*kills, None], start=1):
        if kill_after is None and not args.no_torn_write:
            torn = tear_last_write(output)
            print(f"appended {torn} bytes of a half-written record (what a kill inside write() leaves)")
        cmd = base + (["--resume"] if run > 1 else [])
        result = run_and_kill(cmd, output, kill_after, env, timeout_s=3600)
        what = f"SIGKILL at >= {kill_after} lines" if kill_after is not None else "to the end"
        print(
            f"run {run} ({'--resume, ' if run > 1 else ''}{what}): exit {result['returncode']}, killed={result['killed']}, "
            f"{result['lines']} whole lines, torn tail {result['torn_tail_bytes']} bytes, {result['seconds']} s"
        )
        if result["returncode"] not in (0, -signal.SIGKILL):
            print("  stderr:", *result["stderr_tail"], sep="\n    ")
        elif not result["killed"]:
            print("  " + " / ".join(result["stderr_tail"]))

    checks = verify(output, good_ids, expected)
    concurrent_out = args.workdir / "concurrent.jsonl"
    checks += concurrent_writers([*base[:5], str(concurrent_out), *base[6:]], concurrent_out, good_ids, expected, env)
    checks += edited_input(base, args.workdir, dump, env)
    width = max(len(name) for name, _, _ in checks)
    for name, passed, detail in checks:
        print(f"{'PASS' if passed else 'FAIL'}  {name:<{width}}  {detail}")
    return 0 if all(passed for _, passed, _ in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
