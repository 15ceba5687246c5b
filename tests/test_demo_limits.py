"""The demo under load and attack: size limits at the request and in the handler, one job per GPU, and the
number-fidelity flags (issue 16) rendered beside the Korean."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from demo_fakes import SCRIPT, SETTINGS, StandIn, assert_inert, hostile_result
from summarizer.demo import handlers, layout
from summarizer.demo.config import DemoConfig, DemoInput
from summarizer.demo.handlers import SharedPipelines, device_choices, read_demo_input, request_settings
from summarizer.errors import ConfigError, DecodeError, InputTooLargeError


# --- size limits, one job per GPU, number-fidelity flags (issues 12 and 16) ---------------------------


def test_pastes_over_what_the_pipeline_accepts_are_refused_with_the_demo_limit() -> None:
    # settings.max_chars 200,000 → the pipeline takes pages up to 800,000 characters before cleaning.
    for config in (DemoConfig(), DemoConfig(max_input_chars=1_000_000)):
        assert config.input_limit == 800_000
        with pytest.raises(InputTooLargeError, match=r"has 800,001 characters: this demo takes pages up to 781.3 KB \(800,000 characters pasted\)"):
            read_demo_input(DemoInput(text="가" * 800_001), config)
    assert read_demo_input(DemoInput(text="가" * 800_000), DemoConfig())[0] == "가" * 800_000


def test_a_large_binary_upload_is_reported_as_binary(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(bytes(range(256)) * (3 * 1024 * 1024 // 256))  # 3 MB, over the 800,000 limit
    with pytest.raises(DecodeError, match="page.html looks binary"):
        read_demo_input(DemoInput(source="upload", file_path=str(page)), DemoConfig())


def test_no_gpu_is_offered_when_several_jobs_run_at_once() -> None:
    assert device_choices("cpu", 2, concurrency=4) == ["cpu"]
    assert device_choices("auto", 1, concurrency=1) == ["auto", "cpu", "cuda:0"]
    with pytest.raises(ConfigError, match="'cuda:0' is not offered"):
        request_settings(SETTINGS, None, None, None, "cuda:0", allowed_devices=["cpu"])


def test_the_page_offers_only_the_cpu_when_several_jobs_run_at_once(gradio_module: object, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(layout, "_gpu_count", lambda: 1)
    app = layout.build_app(DemoConfig(settings=SETTINGS, concurrency=4), SharedPipelines(lambda s: StandIn()))
    device = next(b for b in app.blocks.values() if getattr(b, "label", None) == "Device")
    assert [value for _label, value in device.choices] == ["cpu"]
    assert app._queue.default_concurrency_limit == 4


def test_request_bodies_over_the_limit_are_refused_before_they_are_read() -> None:
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.responses import PlainTextResponse
    from starlette.routing import Route
    from starlette.testclient import TestClient

    from summarizer.demo.body_limit import BodyLimitMiddleware

    async def echo(request):  # noqa: ANN001
        return PlainTextResponse(str(len(await request.body())))

    app = Starlette(routes=[Route("/", echo, methods=["POST"])], middleware=[Middleware(BodyLimitMiddleware, max_bytes=1000)])
    client = TestClient(app)
    assert client.post("/", content=b"x" * 1000).text == "1000"
    assert client.post("/", content=b"x" * 1001).status_code == 413
    chunks = (b"x" * 400 for _ in range(5))  # no Content-Length: cut off once past the limit
    assert client.post("/", content=chunks).status_code == 413
    assert DemoConfig().max_request_bytes < 10 * 1024 * 1024  # a 200 MB paste never reaches the handler


def test_number_fidelity_flags_mark_the_korean_sentence_with_the_message() -> None:
    from summarizer.fidelity import FidelityIssue as Flag

    flags = (
        Flag("value", f"700 became 70 {SCRIPT}", "700여 명이 참석했다", "70 people", 1, "body"),
        Flag("omission", "29 missing in the title", "29일", "", None, "title"),
    )
    result = dataclasses.replace(hostile_result(), paragraphs_ko=("첫 문단", "행사에는 700여 명이 참석했다.", "셋째"),
                                 paragraphs_en=("One", "About 70 people attended.", "Three"), fidelity=flags)
    rendered = handlers.render_result(result, 1.0)
    assert_inert(rendered.paragraphs) and assert_inert(rendered.overview)
    rows = rendered.paragraphs.split("<tr")[2:]
    assert 'class="ks-flagged"' in rows[1] and "ks-flagged" not in rows[0] + rows[2]
    assert '<mark class="ks-check">700여 명이 참석했다</mark>' in rows[1]
    assert '<mark class="ks-check">70 people</mark>' in rows[1]
    assert "check these numbers: 700 became 70 &lt;script&gt;" in rows[1]
    assert "29 missing in the title" in rendered.overview and "check these numbers" in rendered.overview
    assert "2 number(s) to check" in rendered.status
    plain = handlers.render_result(hostile_result(), 1.0)  # no flags: nothing marked
    assert "ks-flagged" not in plain.paragraphs and "check these" not in plain.status


def test_launched_demo_refuses_oversized_bodies_and_names_share_as_a_flag(gradio_module, capsys) -> None:  # noqa: ANN001
    import socket
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = DemoConfig(settings=SETTINGS, max_input_chars=1000, preload=False, url_fetch=False)
    app = layout.launch_demo(config, port=port, block=False, pipelines=SharedPipelines(lambda s: StandIn()))
    try:
        # Only the headers are sent: the server must answer 413 without waiting for (or holding) the body.
        with socket.create_connection(("127.0.0.1", port), timeout=30) as client:
            client.sendall(
                f"POST /gradio_api/queue/join HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                f"Content-Length: {config.max_request_bytes + 1}\r\n\r\n".encode()
            )
            assert client.recv(64).startswith(b"HTTP/1.1 413")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30) as page:
            assert page.status == 200
    finally:
        app.close()
    assert "share=True" not in capsys.readouterr().out
