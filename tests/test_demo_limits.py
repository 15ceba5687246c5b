"""The demo under load and attack: size limits at the request and in the handler, one job per GPU, and the
number-fidelity flags (issue 16) rendered beside the Korean."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from demo_fakes import SCRIPT, SETTINGS, StandIn, assert_inert, hostile_result
from summarizer.demo import handlers, layout
from summarizer.demo.config import DemoConfig, DemoInput
from summarizer.demo.handlers import SharedPipelines, device_choices, read_demo_input, request_settings
from summarizer.demo.limits import limit_sentence, page_limit_hint, refused_upload, size_text
from summarizer.errors import ConfigError, DecodeError, InputError, InputTooLargeError
from summarizer.pipeline import Pipeline
from summarizer.settings import Settings


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
    # Two issues on one paragraph: one line each (messages have semicolons of their own).
    two = dataclasses.replace(result, fidelity=(flags[0], Flag("omission", "29일 = the 29th; the English does not have it", "700여 명이 참석했다", "70 people", 1, "body")))
    assert "70 &lt;script&gt;alert(1)&lt;/script&gt;<br>29일 = the 29th; the English does not have it" in handlers.render_result(two, 1.0).paragraphs
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
        assert app.max_file_size == config.input_limit  # Gradio's upload refusal names the size the page states
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30) as page:
            assert page.status == 200
    finally:
        app.close()
    assert "share=True" not in capsys.readouterr().out


# --- one limit, said the same way everywhere (adversarial user test) ------------------------------------


def _status(demo_input: DemoInput, config: DemoConfig, pipelines: SharedPipelines | None = None) -> str:
    rendered, result = handlers.run_demo_request(demo_input, config.settings, config, pipelines if pipelines is not None else SharedPipelines(lambda s: StandIn()))
    assert result is None
    return rendered.status


def test_sizes_read_as_gradios_upload_check_writes_them() -> None:
    # Gradio's toast: 1024-based, one decimal, halves up (toFixed): 3,200,000 → "3.1 Mb", 800,000 → "781.3 Kb".
    assert [size_text(n) for n in (500, 800_000, 3_000_000, 3_200_000, 11_000_000)] == [
        "500 bytes", "781.3 KB", "2.9 MB", "3.1 MB", "10.5 MB"]  # fmt: skip


def test_every_size_refusal_states_the_one_limit_in_words_a_demo_user_can_act_on(tmp_path: Path) -> None:
    config = DemoConfig(settings=SETTINGS.replace(max_chars=1000))  # pages up to 4,000; article text up to 1,000
    sentence = limit_sentence(config)
    assert sentence == "this demo takes pages up to 3.9 KB (4,000 characters pasted) with up to 1,000 characters of article text"
    assert page_limit_hint(config) == f"T{sentence[1:]}."
    big = tmp_path / "big3m.txt"
    big.write_bytes(b"<p>page</p>\n" * 1000)  # 12,000 bytes of text
    paragraphs = "\n\n".join(["광주광역시는 29일 오후 김대중컨벤션센터에서 인공지능 중심도시 비전 선포식을 개최했다고 밝혔다."] * 40)
    assert 1000 < len(paragraphs) < 4000  # within the page limit; its article text is over the article limit
    real = SharedPipelines(Pipeline)  # refuses while cleaning, before any model loads
    statuses = [
        _status(DemoInput(text="가" * 4001), config),
        _status(DemoInput(source="upload", file_path=str(big)), config),
        _status(DemoInput(source="upload", refused_upload=json.dumps({"name": "big11m.txt", "size": 11_000_000})), config),
        _status(DemoInput(text=paragraphs), config, real),
    ]
    for status in statuses:
        assert sentence in status, status
        assert "max_chars" not in status and "max_input" not in status and "choose" not in status.lower(), status
    assert "The pasted text has 4,001 characters" in statuses[0]
    assert "The file big3m.txt is 11.7 KB" in statuses[1]
    assert "The file big11m.txt (10.5 MB) is too large" in statuses[2]
    assert "The article is too long once cleaned" in statuses[3]


def test_an_empty_upload_without_a_refused_file_still_asks_for_one() -> None:
    config = DemoConfig()
    for note in ("", "not json", json.dumps({"name": "small.txt", "size": 10}), json.dumps({"name": "", "size": 10**9}), "[1]"):
        assert refused_upload(note, config.input_limit) is None
        assert "Choose an .html or .txt file of up to 781.3 KB" in _status(DemoInput(source="upload", refused_upload=note), config)
    hostile = json.dumps({"name": f"{SCRIPT}\n.txt", "size": 10**9})
    status = _status(DemoInput(source="upload", refused_upload=hostile), config)
    assert_inert(status)
    assert "&lt;script&gt;" in status and "is too large" in status


def test_file_names_keep_their_case_in_messages(tmp_path: Path) -> None:
    config = DemoConfig(max_input_chars=100)
    binary, big, other = tmp_path / "binary.txt", tmp_path / "big3m.txt", tmp_path / "photo.PNG"
    binary.write_bytes(bytes(range(256)))
    big.write_text("가" * 200, encoding="utf-8")
    other.write_bytes(b"x")
    assert "The file binary.txt looks binary" in _status(DemoInput(source="upload", file_path=str(binary)), config)
    assert "The file big3m.txt is 600 bytes" in _status(DemoInput(source="upload", file_path=str(big)), config)
    assert "The file photo.PNG is not an .html or .txt file" in _status(DemoInput(source="upload", file_path=str(other)), config)
    # Whatever a message starts with, a name (a file, a URL) is never capitalised; an ordinary word still is.
    assert handlers.error_message(InputError("big3m.txt is too large")) == "big3m.txt is too large"
    assert handlers.error_message(InputError("https://x.kr/a is down")) == "https://x.kr/a is down"
    assert handlers.error_message(InputError("nothing to summarize")) == "Nothing to summarize"
