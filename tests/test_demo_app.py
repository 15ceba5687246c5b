"""summarizer.demo: rendering escapes everything, errors become one readable line, inputs are routed and limited.

These tests use a stand-in pipeline (ArticleResult values built by hand); the real Pipeline is driven in
tests/browser/test_demo_browser.py.
"""

from __future__ import annotations

import dataclasses
import re
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest

from summarizer.demo import handlers, layout
from summarizer.demo.config import FORCE_LABEL, DemoConfig, DemoInput
from summarizer.demo.handlers import (
    SharedPipelines,
    concurrency_limit,
    device_choices,
    error_message,
    model_choices,
    read_demo_input,
    request_settings,
    run_demo_request,
    summary_model_for,
    write_downloads,
)
from summarizer.demo.render import (
    render_details,
    render_overview,
    render_paragraphs,
    render_removed,
    render_status_ok,
    safe_href,
)
from summarizer.errors import (
    ConfigError,
    DecodeError,
    EmptyInputError,
    InputError,
    InputTooLargeError,
    ModelUnavailableError,
    NotKoreanError,
)
from summarizer.fetch import FetchedPage
from summarizer.settings import Settings
from summarizer.types import ArticleResult, ModelInfo, RemovedBlock

SCRIPT = "<script>alert(1)</script>"
IMG = '<img src=x onerror="alert(1)">'
SETTINGS = Settings(translation_model="/models/tiny/translation", summary_model="/models/tiny/summarization", device="cpu")


def hostile_result(**changes) -> ArticleResult:
    """An ArticleResult whose every string carries markup that would run if it reached the page unescaped."""
    fields = dict(
        title_ko=f"제목 {SCRIPT}",
        title_en=f"Title {IMG}",
        paragraphs_ko=(f"첫 문단 {SCRIPT}", f"둘째 문단 {IMG}", "셋째 문단"),
        paragraphs_en=(f"First {IMG}", f"Second {SCRIPT}", "Third & last"),
        summary_en=f"Summary {SCRIPT}",
        subtitles_ko=(f"부제 {IMG}",),
        subtitles_en=(f"Subtitle {SCRIPT}",),
        published_at=datetime(2020, 1, 29, 14, 52),
        reporters=(f"박재범 {IMG}",),
        source=f"뉴스핌 {SCRIPT}",
        url='javascript:alert(1)//"><b>x</b>',
        models=(ModelInfo("translation", f"m{SCRIPT}"),),
        device="cpu",
        timings={"clean": 0.01, "translate": 1.5, "summarize": 0.5, "total": 2.01},
        warnings=(f"warn {IMG}",),
        removed=(RemovedBlock(f"ad {SCRIPT}", f"reason {IMG}"),),
    )
    fields.update(changes)
    return ArticleResult(**fields)


def assert_inert(fragment: str) -> None:
    """No tag or attribute from the article survived as markup."""
    assert "<script" not in fragment.lower()
    assert "<img" not in fragment.lower()
    assert "onerror=" not in fragment.lower().replace("onerror=&quot;", "")
    assert "javascript:" not in re.findall(r'href="([^"]*)"', fragment).__str__()


class StandIn:
    """A pipeline stand-in: returns a fixed result or raises a fixed error, recording what it was given."""

    def __init__(self, result: ArticleResult | None = None, error: BaseException | None = None) -> None:
        self.result, self.error, self.calls = result, error, []

    def run(self, raw, url=None, progress=None):  # noqa: ANN001
        self.calls.append((raw, url))
        if progress:
            progress("translating", 0.5)
        if self.error:
            raise self.error
        return self.result


# --- rendering -----------------------------------------------------------------------------------


def test_paragraph_table_has_one_escaped_row_per_paragraph() -> None:
    result = hostile_result()
    table = render_paragraphs(result.paragraphs_ko, result.paragraphs_en)
    assert_inert(table)
    assert table.count("<tr><td") == 3
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in table
    assert "Third &amp; last" in table
    rows = re.findall(r"<tr><td[^>]*>(\d+)</td><td[^>]*>(.*?)</td><td[^>]*>(.*?)</td></tr>", table)
    assert [(n, ko.split()[0], en.split()[0]) for n, ko, en in rows] == [
        ("1", "첫", "First"),
        ("2", "둘째", "Second"),
        ("3", "셋째", "Third"),
    ]


def test_paragraph_table_keeps_rows_when_counts_differ() -> None:
    table = render_paragraphs(["하나", "둘"], ["One"])
    assert table.count("<tr><td") == 2


def test_overview_escapes_every_field_and_refuses_javascript_links() -> None:
    overview = render_overview(hostile_result())
    assert_inert(overview)
    assert "<a " not in overview  # a javascript: URL is shown as text, never linked
    assert "javascript:alert(1)//&quot;&gt;&lt;b&gt;x&lt;/b&gt;" in overview
    for visible in ("Title &lt;img", "Summary &lt;script&gt;", "Subtitle &lt;script&gt;", "2020-01-29 14:52", "warn &lt;img"):
        assert visible in overview


def test_overview_links_http_urls_safely() -> None:
    overview = render_overview(hostile_result(url="https://www.newspim.com/news/view/20200129000798?a=1&b=2"))
    assert 'href="https://www.newspim.com/news/view/20200129000798?a=1&amp;b=2"' in overview
    assert 'rel="noopener noreferrer nofollow"' in overview


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("https://news.example/a", True),
        ("http://news.example/a", True),
        ("javascript:alert(1)", False),
        (" JAVASCRIPT:alert(1)", False),
        ("data:text/html,<script>", False),
        ("https://x.example/a b", False),
        (None, False),
    ],
)
def test_safe_href(url: str | None, linked: bool) -> None:
    assert (safe_href(url) is not None) is linked


def test_removed_blocks_are_escaped_with_reasons_and_elided() -> None:
    long_block = RemovedBlock("광고 " * 400, "advertisement")
    html = render_removed((RemovedBlock(SCRIPT, IMG), long_block))
    assert_inert(html)
    assert html.count("<li>") == 2
    assert "advertisement" in html
    assert "…" in html and len(html) < 2000


def test_downloads_are_files_holding_the_result(tmp_path: Path) -> None:
    result = hostile_result()
    markdown, data = write_downloads(result, tmp_path)
    assert (markdown.name, data.name) == ("article-en.md", "article-en.json")
    assert markdown.read_text(encoding="utf-8") == result.to_markdown()
    assert data.read_text(encoding="utf-8") == result.to_json(indent=2)
    again = write_downloads(result, tmp_path)
    assert again[0].parent != markdown.parent  # each request gets its own folder: no user reads another's file
    status = render_status_ok(result, 1.25)
    assert_inert(status)
    assert "data:" not in status and "1.2 s" in status


def test_details_show_timings_device_and_models() -> None:
    html = render_details(hostile_result(device="cuda:0"))
    assert_inert(html)
    assert "1.50 s" in html and "Translate" in html and "cuda:0" in html and "translation" in html


# --- errors --------------------------------------------------------------------------------------


def test_error_messages_are_one_readable_line() -> None:
    assert error_message(EmptyInputError("input is empty")) == "Input is empty"
    not_korean = error_message(NotKoreanError("text does not look Korean (2% of Hangul); use --force to translate anyway"))
    assert not_korean.startswith("Text does not look Korean (2% of Hangul).") and FORCE_LABEL in not_korean
    assert "--force" not in not_korean
    assert error_message(ModelUnavailableError("cannot download x: offline")) == "Model not available: cannot download x: offline"
    said_once = error_message(ModelUnavailableError("model x is not available offline"))
    assert said_once == "Model x is not available offline"
    unexpected = error_message(RuntimeError("/secret/path\nTraceback (most recent call last)"))
    assert "RuntimeError" in unexpected and "/secret/path" not in unexpected and "\n" not in unexpected


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (NotKoreanError("text does not look Korean"), "does not look Korean"),
        (ModelUnavailableError("cannot download Helsinki-NLP/opus-mt-tc-big-ko-en: offline"), "offline"),
        (RuntimeError("CUDA error: device-side assert"), "Something went wrong"),
    ],
)
def test_failures_render_a_status_message_not_a_traceback(error: BaseException, expected: str) -> None:
    pipelines = SharedPipelines(lambda settings: StandIn(error=error))
    rendered, result = run_demo_request(DemoInput(text="광주광역시는 29일"), SETTINGS, DemoConfig(settings=SETTINGS), pipelines)
    assert result is None
    assert 'role="alert"' in rendered.status and expected in rendered.status
    assert "Traceback" not in rendered.status
    assert rendered.paragraphs == "" and rendered.removed_count == 0


def test_escaping_applies_to_error_messages_too() -> None:
    pipelines = SharedPipelines(lambda settings: StandIn(error=InputError(f"bad page {SCRIPT}")))
    rendered, _ = run_demo_request(DemoInput(text="x"), SETTINGS, DemoConfig(settings=SETTINGS), pipelines)
    assert_inert(rendered.status)


def test_success_renders_every_area_and_reports_progress() -> None:
    stand_in = StandIn(result=hostile_result())
    seen: list[tuple[str, float]] = []
    rendered, result = run_demo_request(
        DemoInput(text="광주광역시는 29일"),
        SETTINGS,
        DemoConfig(settings=SETTINGS),
        SharedPipelines(lambda settings: stand_in),
        lambda stage, fraction: seen.append((stage, fraction)),
    )
    assert "Translated 3 paragraphs" in rendered.status and "cpu" in rendered.status
    assert rendered.paragraphs.count("<tr><td") == 3 and rendered.removed_count == 1
    for fragment in (rendered.status, rendered.overview, rendered.paragraphs, rendered.removed, rendered.details):
        assert_inert(fragment)
    assert seen == [("translating", 0.5)] and result is stand_in.result
    assert stand_in.calls == [("광주광역시는 29일", None)]


# --- inputs --------------------------------------------------------------------------------------


def test_empty_paste_is_refused_with_a_hint() -> None:
    with pytest.raises(EmptyInputError, match="paste a Korean news article"):
        read_demo_input(DemoInput(text="  \n "), DemoConfig())


def test_paste_over_the_limit_is_refused() -> None:
    with pytest.raises(InputTooLargeError, match="accepts up to 100"):
        read_demo_input(DemoInput(text="가" * 101), DemoConfig(max_input_chars=100))


def test_upload_reads_bytes_and_checks_the_suffix(tmp_path: Path) -> None:
    page = tmp_path / "article.html"
    page.write_bytes("<p>광주광역시는</p>".encode("cp949"))
    assert read_demo_input(DemoInput(source="upload", file_path=str(page)), DemoConfig()) == (page.read_bytes(), None)
    other = tmp_path / "photo.png"
    other.write_bytes(b"\x89PNG")
    with pytest.raises(InputError, match="not an .html or .txt file"):
        read_demo_input(DemoInput(source="upload", file_path=str(other)), DemoConfig())
    with pytest.raises(EmptyInputError, match="choose an .html or .txt file"):
        read_demo_input(DemoInput(source="upload"), DemoConfig())


def test_upload_over_the_byte_limit_is_refused(tmp_path: Path) -> None:
    page = tmp_path / "big.txt"
    page.write_text("가" * 200, encoding="utf-8")  # 600 bytes > 100
    with pytest.raises(InputTooLargeError, match="big.txt is over 400 bytes; this demo accepts pages up to 100 bytes"):
        read_demo_input(DemoInput(source="upload", file_path=str(page)), DemoConfig(max_input_chars=100))


def test_url_source_fetches_with_the_policy_and_passes_the_final_url(monkeypatch: pytest.MonkeyPatch) -> None:
    requested = []

    def fake_fetch(url, policy):  # noqa: ANN001
        requested.append((url, policy.max_bytes))
        return FetchedPage(url=url + "?final", body="<p>광주</p>".encode(), content_type="text/html", charset="utf-8")

    monkeypatch.setattr(handlers, "fetch_url", fake_fetch)
    raw, url = read_demo_input(DemoInput(source="url", url=" https://news.example/1 "), DemoConfig(max_input_chars=1000))
    assert (raw, url) == ("<p>광주</p>", "https://news.example/1?final")
    assert requested == [("https://news.example/1", 1000)]


def test_url_source_refused_when_fetching_is_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(handlers, "fetch_url", lambda *a: pytest.fail("must not fetch"))
    with pytest.raises(InputError, match="turned off"):
        read_demo_input(DemoInput(source="url", url="https://news.example/1"), DemoConfig(url_fetch=False))


# --- shared pipelines, settings and limits ---------------------------------------------------------


def test_pipeline_is_created_once_per_settings_and_shared_across_threads() -> None:
    created = []

    def factory(settings):  # noqa: ANN001
        created.append(settings)
        return StandIn()

    pipelines = SharedPipelines(factory)
    got = []
    threads = [threading.Thread(target=lambda: got.append(pipelines.get(SETTINGS))) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(created) == 1 and len({id(p) for p in got}) == 1
    pipelines.get(SETTINGS.replace(strategy="summarize-then-translate"))
    assert len(created) == 2


def test_a_failed_model_load_is_retried_on_the_next_request() -> None:
    attempts = []

    class Loading(StandIn):
        def load(self):
            attempts.append(1)
            if len(attempts) == 1:
                raise ModelUnavailableError("offline")

    pipelines = SharedPipelines(lambda settings: Loading())
    with pytest.raises(ModelUnavailableError):
        pipelines.preload(SETTINGS)
    pipelines.preload(SETTINGS)
    assert isinstance(pipelines.get(SETTINGS), Loading) and len(attempts) == 2


@pytest.mark.parametrize(
    ("device", "requested", "gpus", "expected"),
    [("cpu", None, 0, 1), ("cpu", 3, 2, 3), ("auto", 4, 0, 4), ("auto", 4, 2, 1), ("cuda", 4, 1, 1), ("cuda:1", None, 2, 1)],
)
def test_concurrency_is_one_per_gpu_and_configurable_on_cpu(device, requested, gpus, expected) -> None:  # noqa: ANN001
    assert concurrency_limit(device, requested, gpus) == expected


def test_model_choices_put_the_configured_model_first_without_duplicates() -> None:
    choices = model_choices("translation", "Helsinki-NLP/opus-mt-ko-en")
    ids = [value for _label, value in choices]
    assert ids[0] == "Helsinki-NLP/opus-mt-ko-en" and len(ids) == len(set(ids)) and len(ids) > 1
    local = model_choices("translation", "/models/tiny/translation")
    assert local[0] == ("tiny/translation (local folder)", "/models/tiny/translation")


def test_device_choices_include_the_configured_device() -> None:
    assert device_choices("cpu", 0) == ["auto", "cpu"]
    assert device_choices("cuda:3", 1) == ["cuda:3", "auto", "cpu", "cuda:0"]


def test_advanced_panel_choices_override_the_base_settings() -> None:
    chosen = request_settings(SETTINGS, "summarize-then-translate", "", "some/model", "auto")
    assert (chosen.strategy, chosen.translation_model, chosen.summary_model, chosen.device) == (
        "summarize-then-translate",
        SETTINGS.translation_model,
        "some/model",
        "auto",
    )
    assert request_settings(SETTINGS, None, None, None, None, force=True).force is True
    assert request_settings(SETTINGS, None, None, None, None) == SETTINGS
    with pytest.raises(ConfigError):
        request_settings(SETTINGS, "no-such-strategy", None, None, None)


def test_changing_strategy_preselects_that_tasks_summary_model() -> None:
    assert summary_model_for(SETTINGS, SETTINGS.strategy) == "/models/tiny/summarization"
    other = summary_model_for(SETTINGS, "summarize-then-translate")
    assert other == Settings(strategy="summarize-then-translate").resolved_summary_model


# --- the Gradio app ----------------------------------------------------------------------------------


def test_app_has_the_labelled_inputs_and_a_limited_queue() -> None:
    pytest.importorskip("gradio")
    app = layout.build_app(DemoConfig(settings=SETTINGS, concurrency=2, url_fetch=False), SharedPipelines(lambda s: StandIn()))
    labels = {getattr(block, "label", None) for block in app.blocks.values()}
    values = {getattr(block, "value", None) for block in app.blocks.values()}
    assert "Article text or HTML" in labels and "Summarize & translate" in values
    url_tab = next(b for b in app.blocks.values() if getattr(b, "label", None) == "From URL")
    assert url_tab.visible is False
    # The run events use the queue's default limit (2 here, CPU); light tab/strategy events skip the queue.
    assert {fn.queue for fn in app.fns.values() if fn.name == "on_run"} == {True}
    assert all(fn.concurrency_limit == "default" for fn in app.fns.values() if fn.name == "on_run")
    assert (app._queue.default_concurrency_limit, app._queue.max_size) == (2, 32)


# --- the command ---------------------------------------------------------------------------------------


def test_demo_command_without_gradio_says_which_extra_to_install(monkeypatch: pytest.MonkeyPatch, capsys) -> None:  # noqa: ANN001
    import importlib.util

    from summarizer.cli import main

    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "gradio" else real_find_spec(name, *a))
    with pytest.raises(SystemExit) as exit_info:
        main(["demo", "--port", "7999"])
    assert exit_info.value.code == 2
    assert capsys.readouterr().err.strip() == 'error: the demo needs gradio: install the [demo] extra (pip install "korean-news-summarizer[demo]")'


def test_demo_command_passes_flags_and_settings_to_the_app(monkeypatch: pytest.MonkeyPatch) -> None:
    from summarizer.cli import main

    launched = {}
    monkeypatch.setattr("summarizer.demo.launch_demo", lambda config, **kwargs: launched.update(config=config, **kwargs))
    monkeypatch.setenv("SUMMARIZER_NUM_BEAMS", "2")
    with pytest.raises(SystemExit) as exit_info:  # typer's standalone mode exits 0 after the command returns
        main(["demo", "--port", "8123", "--no-url-fetch", "--concurrency", "3", "--max-input-chars", "5000", "-t", "/m/tr", "-d", "cpu"])
    assert exit_info.value.code == 0
    config = launched["config"]
    assert (launched["host"], launched["port"], launched["share"]) == ("127.0.0.1", 8123, False)
    assert (config.url_fetch, config.concurrency, config.max_input_chars) == (False, 3, 5000)
    assert (config.settings.translation_model, config.settings.device, config.settings.num_beams) == ("/m/tr", "cpu", 2)


# --- size limits, one job per GPU, number-fidelity flags (issues 12 and 16) ---------------------------


def test_pastes_over_what_the_pipeline_accepts_are_refused_with_the_demo_limit() -> None:
    # settings.max_chars 200,000 → the pipeline takes pages up to 800,000 characters before cleaning.
    for config in (DemoConfig(), DemoConfig(max_input_chars=1_000_000)):
        assert config.input_limit == 800_000
        with pytest.raises(InputTooLargeError, match="has 800,001 characters; this demo accepts up to 800,000"):
            read_demo_input(DemoInput(text="가" * 800_001), config)
    assert read_demo_input(DemoInput(text="가" * 800_000), DemoConfig())[0] == "가" * 800_000


def test_a_large_binary_upload_is_reported_as_binary(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(bytes(range(256)) * (3 * 1024 * 1024 // 256))  # 3 MB, over the 800,000 limit
    with pytest.raises(DecodeError, match="page.html looks binary"):
        read_demo_input(DemoInput(source="upload", file_path=str(page)), DemoConfig())


def test_no_gpu_is_offered_when_several_jobs_run_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    assert device_choices("cpu", 2, concurrency=4) == ["cpu"]
    assert device_choices("auto", 1, concurrency=1) == ["auto", "cpu", "cuda:0"]
    with pytest.raises(ConfigError, match="'cuda:0' is not offered"):
        request_settings(SETTINGS, None, None, None, "cuda:0", allowed_devices=["cpu"])
    pytest.importorskip("gradio")
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


@dataclass(frozen=True)
class Flag:
    """Stands for summarizer.fidelity.FidelityIssue (branch fidelity) with the same fields."""

    kind: str
    message: str
    source: str
    translation: str
    paragraph: int | None
    where: str


def test_number_fidelity_flags_mark_the_korean_sentence_with_the_message() -> None:
    @dataclass(frozen=True)
    class FlaggedResult(ArticleResult):
        fidelity: tuple = ()

    fields = {f.name: getattr(hostile_result(), f.name) for f in dataclasses.fields(ArticleResult)}
    flags = (
        Flag("number", f"700 became 70 {SCRIPT}", "700여 명이 참석했다", "70 people", 1, "body"),
        Flag("number", "29 missing in the title", "29일", "", None, "title"),
    )
    result = FlaggedResult(**{**fields, "paragraphs_ko": ("첫 문단", "행사에는 700여 명이 참석했다.", "셋째"),
                              "paragraphs_en": ("One", "About 70 people attended.", "Three")}, fidelity=flags)
    rendered = handlers.render_result(result, 1.0)
    assert_inert(rendered.paragraphs) and assert_inert(rendered.overview)
    rows = rendered.paragraphs.split("<tr")[2:]
    assert 'class="ks-flagged"' in rows[1] and "ks-flagged" not in rows[0] + rows[2]
    assert '<mark class="ks-check">700여 명이 참석했다</mark>' in rows[1]
    assert '<mark class="ks-check">70 people</mark>' in rows[1]
    assert "check these numbers: 700 became 70 &lt;script&gt;" in rows[1]
    assert "29 missing in the title" in rendered.overview and "check these numbers" in rendered.overview
    assert "2 number(s) to check" in rendered.status
    plain = handlers.render_result(hostile_result(), 1.0)  # no fidelity field yet: nothing flagged
    assert "ks-flagged" not in plain.paragraphs and "check these" not in plain.status


def test_launched_demo_refuses_oversized_bodies_and_names_share_as_a_flag(capsys) -> None:  # noqa: ANN001
    pytest.importorskip("gradio")
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
