"""summarizer.demo: rendering escapes everything, errors become one readable line, inputs are routed and limited.

These tests use a stand-in pipeline (ArticleResult values built by hand); the real Pipeline is driven in
tests/browser/test_demo_browser.py.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest

from demo_fakes import IMG, SCRIPT, SETTINGS, StandIn, assert_inert, hostile_result
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
    EmptyInputError,
    InputError,
    InputTooLargeError,
    ModelUnavailableError,
    NotKoreanError,
)
from summarizer.fetch import FetchedPage
from summarizer.settings import Settings
from summarizer.types import RemovedBlock

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
    with pytest.raises(InputTooLargeError, match=r"has 101 characters: this demo takes pages up to 100 bytes \(100 characters pasted\)"):
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
    with pytest.raises(InputTooLargeError, match="the file big.txt is 600 bytes: this demo takes pages up to 100 bytes"):
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


@pytest.mark.parametrize("field", ["translation_model", "summary_model"])
@pytest.mark.parametrize("model", ["attacker/any-hub-repo", "/etc", "../models/other"])
def test_a_crafted_request_cannot_name_a_model_the_panel_does_not_offer(field: str, model: str) -> None:
    chosen = {"translation_model": None, "summary_model": None, field: model}
    with pytest.raises(ConfigError, match="is not offered on this server"):
        request_settings(SETTINGS, None, chosen["translation_model"], chosen["summary_model"], None)
    assert request_settings(SETTINGS, None, SETTINGS.translation_model, None, None) == SETTINGS  # the server's own


def test_shared_pipelines_keep_at_most_max_pipelines_most_recent_first() -> None:
    pipelines = SharedPipelines(lambda settings: StandIn(), max_pipelines=2)
    first = pipelines.get(SETTINGS)
    pipelines.get(SETTINGS.replace(strategy="summarize-then-translate"))
    assert pipelines.get(SETTINGS) is first  # used again: now the most recent
    pipelines.get(SETTINGS.replace(strategy="cross-lingual"))  # drops summarize-then-translate, not SETTINGS
    assert len(pipelines) == 2 and pipelines.get(SETTINGS) is first


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
    chosen = request_settings(SETTINGS, "summarize-then-translate", "", "gogamza/kobart-summarization", "auto")
    assert (chosen.strategy, chosen.translation_model, chosen.summary_model, chosen.device) == (
        "summarize-then-translate",
        SETTINGS.translation_model,
        "gogamza/kobart-summarization",
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


def test_app_has_the_labelled_inputs_and_a_limited_queue(gradio_module: object) -> None:
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
