"""CLI messages under hostile conditions: results that cannot all be written, closed stdin, a malicious pickle."""

from __future__ import annotations

import errno
import io
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from batch.articles import ARTICLES

PAGE = "<html><body><article>" + "".join(f"<p>{p}</p>" for p in ARTICLES["a1"].split("\n\n")) + "</article></body></html>"


class FullDisk(io.RawIOBase):
    """A raw stream with `room` bytes of space: a write past it lands in part, the next one fails (ENOSPC)."""

    def __init__(self, room: int) -> None:
        self.room = room
        self.landed = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:  # noqa: ANN001
        if self.room == 0:
            raise OSError(errno.ENOSPC, "No space left on device")
        taken = bytes(data[: self.room])
        self.landed += taken
        self.room -= len(taken)
        return len(taken)


def cli(args: list[str]) -> int:
    from summarizer.cli import main

    try:
        main(args)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 1
    return 0


def test_a_result_cut_short_by_a_full_disk_fails_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    disk = FullDisk(room=100)
    # What PYTHONUNBUFFERED=1 gives: a text layer writing straight to the raw file.
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(disk, encoding="utf-8", write_through=True))
    code = cli(["clean", str(page), "--format", "text"])
    err = capsys.readouterr().err
    assert len(disk.landed) == 100
    assert code == 2 and err.strip().splitlines()[-1] == (
        "error: cannot write standard output: No space left on device; the output is incomplete"
    )


def _shell(command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=120, env={**os.environ, "PYTHONUNBUFFERED": "1"})


def test_clean_to_dev_full_fails(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    done = _shell(f"{sys.executable} -m summarizer clean {page} > /dev/full")
    assert done.returncode == 2 and done.stderr.strip().splitlines() == [
        "error: cannot write standard output: No space left on device; the output is incomplete"
    ]


@pytest.mark.parametrize("command", ["clean -", "run -", "batch - out.jsonl"])
def test_closed_stdin_is_one_line(tmp_path: Path, command: str) -> None:
    done = _shell(f"cd {tmp_path} && {sys.executable} -m summarizer {command} <&-")
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip().splitlines() == ["error: standard input is closed; pipe the input in or pass a file"]
    assert not (tmp_path / "out.jsonl").exists()


class _RunsCode:
    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):  # noqa: ANN204 — what a malicious checkpoint does
        return (os.system, (f"touch {self.marker}",))


def test_a_malicious_pickle_is_refused_in_one_line(
    tiny_models: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    evil = tmp_path / "evil"
    shutil.copytree(tiny_models / "translation", evil)
    (evil / "model.safetensors").unlink()
    marker = tmp_path / "pwned"
    (evil / "pytorch_model.bin").write_bytes(pickle.dumps(_RunsCode(marker)))
    page = tmp_path / "page.txt"
    page.write_text(ARTICLES["a1"], encoding="utf-8")
    code = cli(["run", str(page), "-q", "-t", str(evil), "-s", str(tiny_models / "summarization"), "--device", "cpu", "--beams", "1"])
    errors = [line for line in capsys.readouterr().err.splitlines() if line.startswith("error:") or not line.startswith(" ")]
    errors = [line for line in errors if "Warning" not in line and not line.startswith("warning:")]  # -q keeps warnings
    assert code == 2 and not marker.exists()  # a ModelError, not the CLI's last line of defence
    assert len(errors) == 1 and errors[0].startswith("error:") and "pickl" in errors[0].lower()
    assert "unexpected" not in errors[0]


def test_engine_notices_print_on_stderr_unless_quiet_and_warnings_always(capsys: pytest.CaptureFixture[str]) -> None:
    import logging

    from summarizer.cli.common import show_notices
    from summarizer.engines.conversion_cache import NOTICE

    engine_log = logging.getLogger("summarizer.engines.test")
    logger = logging.getLogger("summarizer")
    before = (list(logger.handlers), logger.level)
    try:
        for quiet in (False, True):
            show_notices(quiet)
            engine_log.log(NOTICE, "converting m to CTranslate2…")
            engine_log.warning("m runs on transformers, not CTranslate2: %s", "why")
            engine_log.info("loaded m")  # details stay out of the terminal
            lines = capsys.readouterr().err.splitlines()
            expected = ["converting m to CTranslate2…", "warning: m runs on transformers, not CTranslate2: why"]
            assert lines == (expected[1:] if quiet else expected)  # quiet: no notices, warnings still
    finally:
        logger.handlers[:], _ = before
        logger.setLevel(before[1])
