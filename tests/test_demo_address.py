"""`summarizer demo` / demo.py with a taken port or a bogus host: one line naming --port/--host, exit 2, before
gradio builds the page or any model loads (a user test found Gradio's OSError, exit 1, after the models loaded)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from demo_fakes import SETTINGS, StandIn
from summarizer.cli import main
from summarizer.demo import layout
from summarizer.demo.address import check_address
from summarizer.demo.config import DemoConfig
from summarizer.demo.handlers import SharedPipelines
from summarizer.errors import ConfigError

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture()
def taken_port() -> Iterator[int]:
    """A port some other program is listening on, for the length of the test."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        yield listener.getsockname()[1]


@pytest.fixture()
def nothing_may_load(monkeypatch: pytest.MonkeyPatch) -> None:
    """Building the page or preloading models fails the test: the address must be refused before either."""

    def refuse(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise AssertionError("the page was built (and models preloaded) before the address was checked")

    monkeypatch.setattr(layout, "build_app", refuse)
    monkeypatch.setattr(layout, "preload_models", refuse)


def _demo_error(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    stderr = capsys.readouterr().err
    assert exit_info.value.code == 2, stderr
    errors = [line for line in stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "Traceback" not in stderr, stderr
    return errors[0]


def test_a_taken_port_is_one_line_naming_port_before_anything_loads(
    gradio_module: object, taken_port: int, nothing_may_load: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _demo_error(["demo", "--port", str(taken_port)], capsys) == f"error: port {taken_port} is in use; pass another --port"


def test_a_host_that_is_not_an_address_is_one_line_naming_host(
    gradio_module: object, nothing_may_load: None, capsys: pytest.CaptureFixture[str]
) -> None:
    line = _demo_error(["demo", "--port", "7862", "--host", "999.1.1.1"], capsys)
    assert line.startswith("error: --host 999.1.1.1 is not an address") and "pass another --host" in line


def test_an_address_of_another_machine_is_refused_and_a_free_port_is_not() -> None:
    with pytest.raises(ConfigError, match=r"--host 192\.0\.2\.1 is not an address of this machine"):
        check_address("192.0.2.1", 7862)  # TEST-NET-1 (RFC 5737): never a local address
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        free = probe.getsockname()[1]
    check_address("127.0.0.1", free)  # free: no error (it is only bound for the check, then released)
    with socket.create_server(("127.0.0.1", free)):  # the check released it: the port can be bound again
        pass


def test_launch_demo_refuses_a_taken_port_before_building(taken_port: int, nothing_may_load: None) -> None:
    config = DemoConfig(settings=SETTINGS, preload=True)
    with pytest.raises(ConfigError, match=f"port {taken_port} is in use"):
        layout.launch_demo(config, port=taken_port, block=False, pipelines=SharedPipelines(lambda s: StandIn()))


def test_demo_py_with_a_taken_port_exits_2_with_one_line(gradio_module: object, taken_port: int) -> None:
    proc = subprocess.run(
        [sys.executable, "demo.py", "--port", str(taken_port)],
        capture_output=True, text=True, timeout=300, cwd=REPO, env={**os.environ, "HF_HUB_OFFLINE": "1"},
    )  # fmt: skip
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.strip().splitlines() == [f"error: port {taken_port} is in use; pass another --port"]
