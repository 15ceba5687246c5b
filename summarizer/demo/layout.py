"""The Gradio page: inputs on the left, status (with the one progress display) right under the button, results,
and the file downloads. Needs the [demo] extra; gradio is imported inside these functions only."""

from __future__ import annotations

import logging
import sys
import threading
from typing import Any

from summarizer.demo.address import check_address
from summarizer.demo.body_limit import BodyLimitMiddleware
from summarizer.demo.config import EXAMPLE_PAGE, FORCE_LABEL, UPLOAD_SUFFIXES, DemoConfig, DemoInput
from summarizer.demo.css import CSS
from summarizer.demo.limits import SEND_REFUSED_UPLOAD_JS, page_limit_hint, refused_upload_script
from summarizer.demo.handlers import (
    SHARED_PIPELINES,
    SharedPipelines,
    concurrency_limit,
    device_choices,
    error_message,
    model_choices,
    request_settings,
    run_demo_request,
    summary_model_for,
    write_downloads,
)
from summarizer.demo.render import render_failure, render_overview_placeholder, render_status_idle
from summarizer.errors import ConfigError, MissingDependencyError, SummarizerError
from summarizer.settings import STRATEGIES

log = logging.getLogger("summarizer.demo")

# After a press, bring the status (where progress shows) into view: on a phone it is otherwise below the fold.
SHOW_STATUS_JS = "() => { document.getElementById('ks-status')?.scrollIntoView({behavior: 'smooth', block: 'center'}); }"


def _gpu_count() -> int:
    try:
        import torch
    except ImportError:
        return 0
    return torch.cuda.device_count() if torch.cuda.is_available() else 0


def _theme() -> Any:
    import gradio as gr

    # System fonts only: the demo must work offline (no Google Fonts request).
    korean_sans = ["Pretendard", "Noto Sans CJK KR", "Apple SD Gothic Neo", "Malgun Gothic", "system-ui", "sans-serif"]
    return gr.themes.Soft(
        primary_hue="indigo", neutral_hue="slate", font=korean_sans, font_mono=["ui-monospace", "monospace"]
    )


def build_app(config: DemoConfig, pipelines: SharedPipelines | None = None) -> Any:
    """The Gradio Blocks app (queue configured, not launched). Needs the [demo] extra."""
    try:
        import gradio as gr
    except ImportError:
        raise MissingDependencyError('the demo needs gradio: install the [demo] extra (pip install "korean-news-summarizer[demo]")') from None

    pipelines = pipelines or SHARED_PIPELINES
    base = config.settings
    gpu_count = _gpu_count()
    limit = concurrency_limit(base.device, config.concurrency, gpu_count)
    devices = device_choices(base.device, gpu_count, limit)

    def on_run(source, text, file_path, url, strategy, translation_model, summary_model, device, force, refused, progress=gr.Progress()):  # noqa: ANN001, B008
        def report(stage: str, fraction: float) -> None:
            progress(min(max(float(fraction), 0.0), 1.0), desc=stage[:1].upper() + stage[1:])

        demo_input = DemoInput(source=source or "paste", text=text or "", file_path=file_path, url=url or "", refused_upload=refused or "")
        result = None
        try:
            settings = request_settings(base, strategy, translation_model, summary_model, device, bool(force), devices)
        except SummarizerError as exc:
            rendered = render_failure(error_message(exc))
        else:
            rendered, result = run_demo_request(demo_input, settings, config, pipelines, report)
        files = write_downloads(result) if result is not None else (None, None)
        label = f"What the cleaner removed ({rendered.removed_count})" if rendered.removed else "What the cleaner removed"
        return (
            rendered.status,
            gr.update(value=str(files[0]) if files[0] else None, visible=files[0] is not None),
            gr.update(value=str(files[1]) if files[1] else None, visible=files[1] is not None),
            rendered.overview,
            gr.update(value=rendered.paragraphs, visible=bool(rendered.paragraphs)),
            gr.update(label=label, visible=bool(rendered.removed)),
            rendered.removed,
            gr.update(visible=bool(rendered.details)),
            rendered.details,
        )

    example_text = EXAMPLE_PAGE.read_text(encoding="utf-8") if EXAMPLE_PAGE.is_file() else ""

    with gr.Blocks(title="Korean news → English", analytics_enabled=False, delete_cache=(3600, 3600)) as app:
        source = gr.State("paste")
        with gr.Column(elem_id="ks-header"):
            gr.HTML(
                "<h1>Korean news → English</h1>"
                "<p>Clean a Korean news page, translate it paragraph by paragraph and get a short English summary.</p>"
            )
        with gr.Row(equal_height=False):
            with gr.Column(scale=5, min_width=300):
                with gr.Tabs():
                    with gr.Tab("Paste", id="paste") as paste_tab:
                        text = gr.Textbox(
                            label="Article text or HTML",
                            placeholder="Paste a whole Korean news page here: HTML source or copied text, menus and all.",
                            lines=12,
                            max_lines=18,
                            autoscroll=False,  # a pasted page should show its top, not its footer
                        )
                        if example_text:
                            gr.Examples(
                                examples=[[example_text]],
                                inputs=[text],
                                label="Example",
                                example_labels=["Newspim · Gwangju declares itself an AI hub city (2020)"],
                            )
                    with gr.Tab("Upload file", id="upload") as upload_tab:
                        upload = gr.File(label="HTML or text file", file_types=list(UPLOAD_SUFFIXES), type="filepath")
                        # Filled by SEND_REFUSED_UPLOAD_JS when the button is pressed: a file the browser refused.
                        refused = gr.Textbox(visible=False)
                    with gr.Tab("From URL", id="url", visible=config.url_fetch) as url_tab:
                        url = gr.Textbox(
                            label="Article URL",
                            placeholder="https://www.newspim.com/news/view/…",
                            info="Public http(s) pages only; the page is fetched by this server.",
                            max_lines=1,
                        )
                gr.Markdown(page_limit_hint(config), elem_id="ks-limit")  # the one limit, as every refusal states it
                run = gr.Button("Summarize & translate", variant="primary", elem_id="ks-run-button")
                status = gr.HTML(render_status_idle(config.url_fetch), elem_id="ks-status")
                with gr.Row(elem_id="ks-downloads"):
                    download_md = gr.DownloadButton("Download Markdown", visible=False, size="sm", elem_id="ks-download-md")
                    download_json = gr.DownloadButton("Download JSON", visible=False, size="sm", elem_id="ks-download-json")
                with gr.Accordion("Advanced: strategy, models, device", open=False):
                    strategy = gr.Dropdown(list(STRATEGIES), value=base.strategy, label="Summary strategy")
                    translation_model = gr.Dropdown(
                        model_choices("translation", base.resolved_translation_model),
                        value=base.resolved_translation_model,
                        label="Translation model (Korean → English)",
                    )
                    summary_model = gr.Dropdown(
                        model_choices(base.summary_task, base.resolved_summary_model),
                        value=base.resolved_summary_model,
                        label="Summary model",
                    )
                    device = gr.Dropdown(devices, value=base.device if base.device in devices else devices[0], label="Device")
                    force = gr.Checkbox(value=base.force, label=FORCE_LABEL)
            with gr.Column(scale=7, min_width=300):
                overview = gr.HTML(render_overview_placeholder(), elem_id="ks-overview")
        paragraphs = gr.HTML("", elem_id="ks-paragraphs", visible=False)
        with gr.Accordion("What the cleaner removed", open=False, visible=False) as removed_panel:
            removed = gr.HTML("", elem_id="ks-removed")
        with gr.Accordion("Timings and models", open=False, visible=False) as details_panel:
            details = gr.HTML("", elem_id="ks-details")

        # Which tab is active decides which input is used; these events skip the queue so they never wait on a job.
        paste_tab.select(lambda: "paste", outputs=source, queue=False)
        upload_tab.select(lambda: "upload", outputs=source, queue=False)
        url_tab.select(lambda: "url", outputs=source, queue=False)

        def on_strategy(chosen: str) -> Any:
            task = base.replace(strategy=chosen).summary_task
            selected = summary_model_for(base, chosen)
            return gr.update(choices=model_choices(task, selected), value=selected)

        strategy.change(on_strategy, inputs=strategy, outputs=summary_model, queue=False)
        run_inputs = [source, text, upload, url, strategy, translation_model, summary_model, device, force, refused]
        run_outputs = [status, download_md, download_json, overview, paragraphs, removed_panel, removed, details_panel, details]
        for trigger in (run.click, url.submit):
            trigger(None, js=SHOW_STATUS_JS, queue=False)
            # One progress display, in the status under the button (not an overlay on every output).
            trigger(on_run, inputs=run_inputs, outputs=run_outputs, show_progress="full", show_progress_on=[status],
                    js=SEND_REFUSED_UPLOAD_JS)

    app.queue(default_concurrency_limit=limit, max_size=config.queue_size)
    return app


def preload_models(config: DemoConfig, pipelines: SharedPipelines | None = None) -> threading.Thread:
    """Load the configured models in a background thread; a failure is logged and shown on first use instead."""
    pipelines = pipelines or SHARED_PIPELINES

    def load() -> None:
        try:
            pipelines.preload(config.settings)
            log.info("models loaded")
        except SummarizerError as exc:
            log.warning("models not loaded yet: %s", exc)
        except Exception:  # noqa: BLE001
            log.exception("loading models failed")

    thread = threading.Thread(target=load, name="summarizer-preload", daemon=True)
    thread.start()
    return thread


def launch_demo(
    config: DemoConfig,
    host: str = "127.0.0.1",
    port: int = 7860,
    share: bool = False,
    block: bool = True,
    pipelines: SharedPipelines | None = None,
) -> Any:
    """Build and serve the demo. With block=False returns the running app (call .close() to stop it).

    Raises:
        ConfigError: host is not an address of this machine, or port is taken (checked before models load).
    """
    from starlette.middleware import Middleware

    check_address(host, port)  # one line naming --host/--port, before the models start loading
    app = build_app(config, pipelines)
    if config.preload:
        preload_models(config, pipelines)
    try:
        app.launch(
            server_name=host,
            server_port=port,
            share=share,
            prevent_thread_lock=True,
            max_file_size=config.input_limit,  # the limit the page states: Gradio's own refusal names the same size
            show_error=False,
            quiet=True,  # Gradio's banner names `share=True` in launch(); ours names --share
            theme=_theme(),
            css=CSS,
            head=refused_upload_script(config.input_limit),
            footer_links=["api", "gradio"],
            app_kwargs={"middleware": [Middleware(BodyLimitMiddleware, max_bytes=config.max_request_bytes)]},
        )
    except OSError:  # taken between the check and the launch: Gradio's message names its own env var and launch()
        raise ConfigError(f"cannot serve on {host} port {port} (in use, or not an address of this machine); pass another --port or --host") from None
    if block:
        shown = "localhost" if host in ("127.0.0.1", "0.0.0.0") else host
        print(f"Serving the demo at http://{shown}:{app.server_port} (Ctrl+C stops it)", file=sys.stderr, flush=True)
        if share and getattr(app, "share_url", None):
            print(f"Public link: {app.share_url}", file=sys.stderr, flush=True)
        elif not share:
            print("For a public link, restart with --share.", file=sys.stderr, flush=True)
        app.block_thread()
    return app
