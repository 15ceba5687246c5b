"""The Gradio demo: paste, upload or fetch a Korean news page → English title, summary and side-by-side translation.

The demo is a door like the CLI: it parses its inputs, calls the shared Pipeline and renders the ArticleResult.
Everything taken from an article is HTML-escaped before it reaches the browser, so a page carrying `<script>`
or `onerror=` is shown as text and runs nothing.

    from summarizer.demo_app import DemoConfig, launch_demo
    launch_demo(DemoConfig(settings=Settings.load()), port=7860)

gradio is imported inside build_app()/launch_demo() only: the rendering functions work without it.
"""

from __future__ import annotations

import html
import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import quote

from summarizer.errors import (
    EmptyInputError,
    InputError,
    InputTooLargeError,
    MissingDependencyError,
    ModelError,
    NotKoreanError,
    SummarizerError,
)
from summarizer.fetch import FetchPolicy, fetch_url
from summarizer.registry import load_registry
from summarizer.settings import STRATEGIES, Settings
from summarizer.textio import read_input
from summarizer.types import ArticleResult, RemovedBlock

log = logging.getLogger(__name__)

EXAMPLE_PAGE = Path(__file__).resolve().parent.parent / "examples" / "newspim_gwangju_ai_2020.txt"
UPLOAD_SUFFIXES = (".html", ".htm", ".xhtml", ".txt")
SOURCES = ("paste", "upload", "url")
REMOVED_TEXT_LIMIT = 280  # characters of each removed block shown; the rest is elided
FORCE_LABEL = "Translate even if it does not look Korean"
STAGE_NAMES = {
    "clean": "Clean the page",
    "segment": "Split sentences",
    "load_models": "Load models",
    "translate": "Translate",
    "summarize": "Summarize",
    "total": "Total",
}

ProgressCallback = Callable[[str, float], None]


class PipelineLike(Protocol):
    """What the demo needs from summarizer.pipeline.Pipeline (lets tests pass a stand-in)."""

    def run(self, raw: Any, url: str | None = None, progress: ProgressCallback | None = None) -> ArticleResult: ...


@dataclass(frozen=True)
class DemoConfig:
    """How the demo is served.

    Attributes:
        settings: Models, strategy and device, from Settings.load() like the CLI (SUMMARIZER_* env vars).
        max_input_chars: Longest pasted text accepted; uploads and fetched pages may be 4× that in bytes.
        concurrency: Jobs run at once on CPU (None → 1). On a GPU it is always 1 per device.
        queue_size: Requests that may wait in the queue before new ones are turned away.
        url_fetch: Whether the "From URL" tab is offered and served.
        fetch_policy: Limits for URL fetching (the size limit follows max_input_chars when left at default).
        preload: Load the configured models in the background at launch, so the first user does not wait.
    """

    settings: Settings = field(default_factory=Settings)
    max_input_chars: int = 1_000_000
    concurrency: int | None = None
    queue_size: int = 32
    url_fetch: bool = True
    fetch_policy: FetchPolicy | None = None
    preload: bool = True

    @property
    def max_input_bytes(self) -> int:
        return self.max_input_chars * 4  # worst case UTF-8 bytes per character

    @property
    def effective_fetch_policy(self) -> FetchPolicy:
        return self.fetch_policy or FetchPolicy(max_bytes=self.max_input_bytes)


@dataclass(frozen=True)
class DemoInput:
    """What the user gave: which tab was active and the value of each input."""

    source: str = "paste"  # one of SOURCES
    text: str = ""
    file_path: str | None = None
    url: str = ""


@dataclass(frozen=True)
class RenderedResult:
    """HTML fragments for each output area (every article string already escaped)."""

    status: str
    overview: str
    paragraphs: str
    removed: str
    removed_count: int
    details: str


# --------------------------------------------------------------------------- pipelines shared per process


def _default_pipeline_factory(settings: Settings) -> PipelineLike:
    from summarizer.pipeline import Pipeline

    return Pipeline(settings)


class SharedPipelines:
    """One Pipeline per distinct Settings, created on first use and shared by every session of this process."""

    def __init__(self, factory: Callable[[Settings], PipelineLike] | None = None) -> None:
        self._factory = factory or _default_pipeline_factory
        self._lock = threading.Lock()
        self._pipelines: dict[Settings, PipelineLike] = {}

    def get(self, settings: Settings, progress: ProgressCallback | None = None) -> PipelineLike:
        """The pipeline for these settings, loading its models the first time (ModelError when unavailable)."""
        with self._lock:
            pipeline = self._pipelines.get(settings)
            if pipeline is None:
                if progress:
                    progress("Loading models (first run only)…", 0.0)
                pipeline = self._factory(settings)
                load = getattr(pipeline, "load", None)
                if callable(load):
                    load()  # a failure leaves nothing cached, so the next request retries
                self._pipelines[settings] = pipeline
            return pipeline


SHARED_PIPELINES = SharedPipelines()


# --------------------------------------------------------------------------- input → result


def read_demo_input(demo_input: DemoInput, config: DemoConfig, progress: ProgressCallback | None = None) -> tuple[str | bytes, str | None]:
    """The raw page to summarize and its URL (when fetched), from whichever input tab is active.

    Raises:
        InputError: Nothing given, too large, unreadable file, URL fetching off or refused.
    """
    if demo_input.source == "upload":
        if not demo_input.file_path:
            raise EmptyInputError("choose an .html or .txt file to upload first")
        path = Path(demo_input.file_path)
        if path.suffix.lower() not in UPLOAD_SUFFIXES:
            raise InputError(f"{path.name} is not an .html or .txt file")
        return read_input(path, max_bytes=config.max_input_bytes), None
    if demo_input.source == "url":
        if not config.url_fetch:
            raise InputError("fetching URLs is turned off on this server; paste the page instead")
        url = demo_input.url.strip()
        if not url:
            raise EmptyInputError("enter the URL of a Korean news article first")
        if progress:
            progress("Fetching the page…", 0.0)
        page = fetch_url(url, config.effective_fetch_policy)
        return page.body_for_pipeline(), page.url
    text = demo_input.text
    if not text.strip():
        raise EmptyInputError("paste a Korean news article (text or HTML) first, or load the example below")
    if len(text) > config.max_input_chars:
        raise InputTooLargeError(
            f"the pasted text has {len(text):,} characters; this demo accepts up to {config.max_input_chars:,}"
        )
    return text, None


def summarize_input(
    demo_input: DemoInput,
    settings: Settings,
    config: DemoConfig,
    pipelines: SharedPipelines,
    progress: ProgressCallback | None = None,
) -> ArticleResult:
    """Read the input, get the shared pipeline for these settings and run it. Raises SummarizerError."""
    raw, url = read_demo_input(demo_input, config, progress)
    pipeline = pipelines.get(settings, progress)
    return pipeline.run(raw, url=url, progress=progress)


def error_message(exc: BaseException) -> str:
    """A one-line message for the UI: the SummarizerError's own text, with a hint where one helps."""
    if isinstance(exc, NotKoreanError):
        reason = str(exc).split(";", 1)[0]  # drop the CLI's --force hint; the UI has its own switch
        return f"{reason[:1].upper()}{reason[1:]}. This demo translates Korean news; tick “{FORCE_LABEL}” under Advanced to try anyway."
    if isinstance(exc, ModelError):
        return f"Model not available: {exc}"
    if isinstance(exc, SummarizerError):
        text = str(exc)
        return text[:1].upper() + text[1:]
    # Anything else is a bug: say so in one line, keep the traceback in the server log.
    return f"Something went wrong on the server ({type(exc).__name__}). The details are in the server log."


# --------------------------------------------------------------------------- rendering (pure, no gradio)


def esc(value: object) -> str:
    """HTML-escape any value (quotes included) — the only way article text reaches the page."""
    return html.escape("" if value is None else str(value), quote=True)


def safe_href(url: str | None) -> str | None:
    """The URL if it is an absolute http(s) link (escaped for an attribute), else None (e.g. javascript:)."""
    if not url:
        return None
    stripped = url.strip()
    if stripped.lower().startswith(("http://", "https://")) and not any(c.isspace() for c in stripped):
        return esc(stripped)
    return None


def download_link(text: str, filename: str, mime: str, label: str) -> str:
    """A link that saves `text` as a file, built client-side from a data: URL (percent-encoded, so inert)."""
    href = f"data:{mime};charset=utf-8,{quote(text, safe='')}"
    return f'<a class="ks-download" href="{href}" download="{esc(filename)}">{esc(label)}</a>'


def render_status_ok(result: ArticleResult, elapsed_s: float) -> str:
    paragraphs = len(result.paragraphs_ko)
    noun = "paragraph" if paragraphs == 1 else "paragraphs"
    downloads = download_link(result.to_markdown(), "article-en.md", "text/markdown", "Markdown") + download_link(
        result.to_json(indent=2), "article-en.json", "application/json", "JSON"
    )
    return (
        '<div class="ks-status ks-ok" role="status">'
        f"<span>✓ Translated {paragraphs} {noun} and summarized in {elapsed_s:.1f} s on <code>{esc(result.device)}</code>.</span>"
        f'<span class="ks-downloads">Download {downloads}</span></div>'
    )


def render_status_error(message: str) -> str:
    return f'<div class="ks-status ks-error" role="alert"><strong>Cannot summarize:</strong> {esc(message)}</div>'


def render_status_idle(url_fetch: bool) -> str:
    sources = "Paste a page, upload a file or give a URL" if url_fetch else "Paste a page or upload a file"
    return f'<div class="ks-status ks-idle">{sources}, then press <b>Summarize &amp; translate</b>.</div>'


def render_overview_placeholder() -> str:
    return (
        '<div class="ks-overview ks-placeholder">'
        '<p class="ks-eyebrow">English summary</p>'
        "<h2>Your English title and summary appear here</h2>"
        "<p>The page is cleaned of menus, ads and captions, translated paragraph by paragraph, then summarized. "
        "Try the bundled example to see it at work.</p></div>"
    )


def _format_date(value: Any) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if hasattr(value, "strftime") else str(value)


def render_metadata(result: ArticleResult) -> str:
    """Outlet, dates, reporters and source URL as a definition list (only the fields the page had)."""
    rows: list[tuple[str, str]] = []
    if result.source:
        rows.append(("Outlet", esc(result.source)))
    if result.published_at:
        published = esc(_format_date(result.published_at))
        if result.updated_at and result.updated_at != result.published_at:
            published += f' <span class="ks-muted">(updated {esc(_format_date(result.updated_at))})</span>'
        rows.append(("Published", published))
    if result.reporters:
        rows.append(("Reporters" if len(result.reporters) > 1 else "Reporter", esc(", ".join(result.reporters))))
    if result.url:
        href = safe_href(result.url)
        shown = esc(result.url)
        link = f'<a href="{href}" target="_blank" rel="noopener noreferrer nofollow">{shown}</a>' if href else shown
        rows.append(("URL", link))
    if not rows:
        return ""
    items = "".join(f"<div><dt>{label}</dt><dd>{value}</dd></div>" for label, value in rows)
    return f'<dl class="ks-meta">{items}</dl>'


def render_overview(result: ArticleResult) -> str:
    """English title (Korean beneath), subtitles, the summary, metadata and warnings."""
    parts = ['<div class="ks-overview">', '<p class="ks-eyebrow">English summary</p>']
    parts.append(f'<h2 class="ks-title-en" lang="en">{esc(result.title_en) or "(untitled)"}</h2>')
    if result.title_ko:
        parts.append(f'<p class="ks-title-ko" lang="ko">{esc(result.title_ko)}</p>')
    if result.subtitles_en or result.subtitles_ko:
        items = []
        for index in range(max(len(result.subtitles_en), len(result.subtitles_ko))):
            en = result.subtitles_en[index] if index < len(result.subtitles_en) else ""
            ko = result.subtitles_ko[index] if index < len(result.subtitles_ko) else ""
            items.append(f'<li><span lang="en">{esc(en)}</span><span class="ks-sub-ko" lang="ko">{esc(ko)}</span></li>')
        parts.append(f'<ul class="ks-subtitles">{"".join(items)}</ul>')
    parts.append(f'<blockquote class="ks-summary" lang="en">{esc(result.summary_en)}</blockquote>')
    parts.append(render_metadata(result))
    if result.warnings:
        warnings = "".join(f"<li>{esc(w)}</li>" for w in result.warnings)
        parts.append(f'<ul class="ks-warnings">{warnings}</ul>')
    parts.append("</div>")
    return "".join(parts)


def render_paragraphs(paragraphs_ko: Iterable[str], paragraphs_en: Iterable[str]) -> str:
    """The article side by side: one table row per paragraph, Korean beside its English translation."""
    korean, english = list(paragraphs_ko), list(paragraphs_en)
    if not korean:
        return ""
    rows = []
    for index in range(max(len(korean), len(english))):
        ko = korean[index] if index < len(korean) else ""
        en = english[index] if index < len(english) else ""
        rows.append(
            f'<tr><td class="ks-n">{index + 1}</td><td class="ks-ko" lang="ko">{esc(ko)}</td>'
            f'<td class="ks-en" lang="en">{esc(en)}</td></tr>'
        )
    return (
        '<div class="ks-article"><h3>Article, paragraph by paragraph</h3><div class="ks-table-wrap">'
        '<table class="ks-paragraphs"><thead><tr><th class="ks-n" scope="col">#</th>'
        '<th scope="col">Korean · 한국어</th><th scope="col">English</th></tr></thead>'
        f'<tbody>{"".join(rows)}</tbody></table></div></div>'
    )


def render_removed(removed: Iterable[RemovedBlock]) -> str:
    """What the cleaner dropped, each block with its reason (long blocks elided)."""
    blocks = list(removed)
    if not blocks:
        return '<p class="ks-muted">The cleaner removed nothing from this page.</p>'
    items = []
    for block in blocks:
        text = " ".join(block.text.split())
        if len(text) > REMOVED_TEXT_LIMIT:
            text = text[: REMOVED_TEXT_LIMIT - 1] + "…"
        items.append(f'<li><span class="ks-reason">{esc(block.reason)}</span><span lang="ko">{esc(text)}</span></li>')
    return f'<ul class="ks-removed">{"".join(items)}</ul>'


def render_details(result: ArticleResult) -> str:
    """Seconds per stage, the device, strategy and the models that did the work."""
    rows = []
    for stage, seconds in result.timings.items():
        css_class = " class='ks-total'" if stage == "total" else ""
        rows.append(f"<tr{css_class}><td>{esc(STAGE_NAMES.get(stage, stage))}</td><td class='ks-num'>{seconds:.2f} s</td></tr>")
    if result.timings and "total" not in result.timings:
        total = sum(result.timings.values())
        rows.append(f"<tr class='ks-total'><td>Total</td><td class='ks-num'>{total:.2f} s</td></tr>")
    timings = f'<table class="ks-timings"><tbody>{"".join(rows)}</tbody></table>' if rows else ""
    models = "".join(
        f"<li><b>{esc(m.task)}</b>: <code>{esc(m.model_id)}</code> <span class='ks-muted'>({esc(m.backend)})</span></li>"
        for m in result.models
    )
    return (
        '<div class="ks-details">'
        f"{timings}"
        f'<ul class="ks-run"><li><b>device</b>: <code>{esc(result.device)}</code></li>'
        f"<li><b>strategy</b>: {esc(result.strategy)}</li>{models}</ul></div>"
    )


def render_result(result: ArticleResult, elapsed_s: float) -> RenderedResult:
    return RenderedResult(
        status=render_status_ok(result, elapsed_s),
        overview=render_overview(result),
        paragraphs=render_paragraphs(result.paragraphs_ko, result.paragraphs_en),
        removed=render_removed(result.removed),
        removed_count=len(result.removed),
        details=render_details(result),
    )


def render_failure(exc: BaseException) -> RenderedResult:
    return RenderedResult(
        status=render_status_error(error_message(exc)),
        overview=render_overview_placeholder(),
        paragraphs="",
        removed="",
        removed_count=0,
        details="",
    )


def run_demo_request(
    demo_input: DemoInput,
    settings: Settings,
    config: DemoConfig,
    pipelines: SharedPipelines,
    progress: ProgressCallback | None = None,
) -> RenderedResult:
    """One button press: summarize and render, or render the error. Never raises."""
    started = time.perf_counter()
    try:
        result = summarize_input(demo_input, settings, config, pipelines, progress)
    except SummarizerError as exc:
        log.info("demo request refused: %s", exc)
        return render_failure(exc)
    except Exception as exc:  # noqa: BLE001 — the UI shows one line; the log keeps the traceback
        log.exception("demo request failed")
        return render_failure(exc)
    return render_result(result, time.perf_counter() - started)


# --------------------------------------------------------------------------- choices for the advanced panel


def concurrency_limit(device: str, requested: int | None, gpu_count: int) -> int:
    """Jobs run at once: 1 on a GPU (one shared pipeline, one device), else the requested CPU limit (≥ 1)."""
    uses_gpu = device.startswith("cuda") or (device == "auto" and gpu_count > 0)
    if uses_gpu:
        return 1
    return max(1, requested or 1)


def _gpu_count() -> int:
    try:
        import torch
    except ImportError:
        return 0
    return torch.cuda.device_count() if torch.cuda.is_available() else 0


def device_choices(configured: str, gpu_count: int) -> list[str]:
    choices = ["auto", "cpu"] + [f"cuda:{i}" for i in range(gpu_count)]
    return choices if configured in choices else [configured, *choices]


def _model_label(model_id: str) -> str:
    path = Path(model_id)
    if path.is_absolute() or model_id.startswith((".", "~")):
        return f"{path.parent.name}/{path.name} (local folder)"
    return model_id


def model_choices(task: str, configured: str) -> list[tuple[str, str]]:
    """(label, model id) for a task: the configured model first, then the registry's models for that task."""
    ids = [configured] + [entry.id for entry in load_registry() if entry.task == task]
    return [(_model_label(model_id), model_id) for model_id in dict.fromkeys(ids)]


def request_settings(
    base: Settings,
    strategy: str | None,
    translation_model: str | None,
    summary_model: str | None,
    device: str | None,
    force: bool | None = None,
) -> Settings:
    """The base settings with the advanced panel's choices applied (ConfigError on invalid values)."""
    return base.replace(
        strategy=strategy or None,
        translation_model=translation_model or None,
        summary_model=summary_model or None,
        device=device or None,
        force=force,
    )


def summary_model_for(base: Settings, strategy: str) -> str:
    """The summary model to preselect when the strategy changes."""
    if strategy == base.strategy:
        return base.resolved_summary_model
    return base.replace(strategy=strategy, summary_model="").resolved_summary_model


# --------------------------------------------------------------------------- the Gradio app

CSS = """
.gradio-container { max-width: 1280px !important; margin: 0 auto !important; }
#ks-header h1 { font-size: 1.9rem; margin: 0.2rem 0 0.1rem; letter-spacing: -0.01em; }
#ks-header p { margin: 0; color: var(--body-text-color-subdued); font-size: 1rem; }
.ks-status { padding: 0.7rem 0.95rem; border-radius: 10px; font-size: 0.95rem; line-height: 1.45; }
.ks-idle { background: var(--background-fill-secondary); color: var(--body-text-color-subdued); }
.ks-ok { background: #ecfdf3; color: #05603a; border: 1px solid #abefc6;
  display: flex; flex-wrap: wrap; gap: 0.3rem 1rem; justify-content: space-between; align-items: baseline; }
.ks-downloads { font-size: 0.88rem; white-space: nowrap; }
.ks-download { margin-left: 0.45rem; font-weight: 600; color: inherit !important; text-decoration: underline; }
.ks-error { background: #fef3f2; color: #912018; border: 1px solid #fecdca; }
.dark .ks-ok { background: #053321; color: #a6f4c5; border-color: #085d3a; }
.dark .ks-error { background: #55160c; color: #fecdca; border-color: #912018; }
.ks-overview { padding: 0.25rem 0.2rem; }
.ks-eyebrow { text-transform: uppercase; letter-spacing: 0.08em; font-size: 0.75rem; font-weight: 600;
  color: var(--color-accent); margin: 0 0 0.35rem; }
.ks-overview h2 { font-size: 1.4rem; line-height: 1.3; margin: 0 0 0.3rem; }
.ks-placeholder h2 { color: var(--body-text-color-subdued); font-weight: 500; }
.ks-placeholder p { color: var(--body-text-color-subdued); }
.ks-title-ko { margin: 0 0 0.6rem; color: var(--body-text-color-subdued); font-size: 1rem; }
.ks-subtitles { margin: 0 0 0.8rem; padding-left: 1.1rem; }
.ks-subtitles li { margin: 0.3rem 0; }
.ks-sub-ko { display: block; font-size: 0.85rem; color: var(--body-text-color-subdued); }
.ks-summary { margin: 0.6rem 0 0.9rem; padding: 0.85rem 1rem; border-left: 4px solid var(--color-accent);
  background: var(--background-fill-secondary); border-radius: 0 10px 10px 0; font-size: 1.05rem; line-height: 1.6; }
.ks-meta { display: grid; grid-template-columns: repeat(auto-fit, minmax(160px, 1fr)); gap: 0.5rem 1.2rem; margin: 0; }
.ks-meta div { min-width: 0; }
.ks-meta dt { font-size: 0.72rem; text-transform: uppercase; letter-spacing: 0.06em; color: var(--body-text-color-subdued); }
.ks-meta dd { margin: 0.1rem 0 0; overflow-wrap: anywhere; }
.ks-warnings { margin: 0.8rem 0 0; padding: 0.6rem 0.8rem 0.6rem 1.8rem; background: #fffaeb; color: #93370d;
  border-radius: 8px; font-size: 0.9rem; }
.ks-muted { color: var(--body-text-color-subdued); }
.ks-article h3 { margin: 0.2rem 0 0.6rem; font-size: 1.1rem; }
.ks-table-wrap { overflow-x: auto; }
.ks-paragraphs { width: 100%; border-collapse: collapse; table-layout: fixed; font-size: 0.97rem; border: none !important; }
.ks-paragraphs th { text-align: left; font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.05em;
  color: var(--body-text-color-subdued); padding: 0.5rem 0.7rem; background: none !important;
  border: none !important; border-bottom: 2px solid var(--border-color-primary) !important; }
.ks-paragraphs td { vertical-align: top; padding: 0.65rem 0.7rem; line-height: 1.65;
  border: none !important; border-bottom: 1px solid var(--border-color-primary) !important; overflow-wrap: anywhere; }
.ks-paragraphs tr, .ks-timings tr, .ks-paragraphs thead, .ks-timings tbody { border: none !important; }
.ks-paragraphs tbody tr:nth-child(even) td { background: var(--background-fill-secondary); }
.ks-paragraphs tbody tr:hover td { background: var(--color-accent-soft) !important; }
.ks-paragraphs .ks-n { width: 2.6rem; color: var(--body-text-color-subdued); text-align: right; }
.ks-paragraphs td.ks-ko { word-break: keep-all; }
.ks-removed { list-style: none; margin: 0; padding: 0; }
.ks-removed li { padding: 0.45rem 0; border-bottom: 1px dashed var(--border-color-primary); font-size: 0.9rem; }
.ks-reason { display: inline-block; margin-right: 0.6rem; padding: 0.05rem 0.5rem; border-radius: 999px;
  font-size: 0.75rem; background: var(--background-fill-secondary); border: 1px solid var(--border-color-primary); }
.ks-timings { border-collapse: collapse; margin-bottom: 0.6rem; min-width: 260px; }
.ks-timings { border: none !important; }
.ks-timings td { padding: 0.3rem 1.2rem 0.3rem 0; border: none !important;
  border-bottom: 1px solid var(--border-color-primary) !important; background: none !important; }
.ks-num { text-align: right; font-variant-numeric: tabular-nums; }
.ks-total td { font-weight: 600; }
.ks-run { margin: 0; padding-left: 1.1rem; }
#ks-run-button { min-height: 48px; font-size: 1.05rem; }
@media (max-width: 640px) {
  /* Phones: stack each Korean paragraph above its translation instead of two thin columns. */
  .ks-paragraphs thead, .ks-paragraphs td.ks-n { display: none; }
  .ks-paragraphs, .ks-paragraphs tbody, .ks-paragraphs tr, .ks-paragraphs td { display: block; width: auto; }
  .ks-paragraphs td.ks-ko { border-bottom: none !important; padding-bottom: 0.25rem; }
  .ks-paragraphs td.ks-en { padding-top: 0.25rem; margin-left: 0.7rem; border-left: 3px solid var(--color-accent-soft) !important; }
  .ks-overview h2 { font-size: 1.25rem; }
}
"""


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

    def on_run(source, text, file_path, url, strategy, translation_model, summary_model, device, force, progress=gr.Progress()):  # noqa: ANN001, B008
        def report(stage: str, fraction: float) -> None:
            progress(min(max(float(fraction), 0.0), 1.0), desc=stage[:1].upper() + stage[1:])

        demo_input = DemoInput(source=source or "paste", text=text or "", file_path=file_path, url=url or "")
        try:
            settings = request_settings(base, strategy, translation_model, summary_model, device, bool(force))
        except SummarizerError as exc:
            rendered = render_failure(exc)
        else:
            rendered = run_demo_request(demo_input, settings, config, pipelines, report)
        label = f"What the cleaner removed ({rendered.removed_count})" if rendered.removed else "What the cleaner removed"
        return (
            rendered.status,
            rendered.overview,
            gr.update(value=rendered.paragraphs, visible=bool(rendered.paragraphs)),
            gr.update(label=label, visible=bool(rendered.removed)),
            rendered.removed,
            gr.update(visible=bool(rendered.details)),
            rendered.details,
        )

    example_text = EXAMPLE_PAGE.read_text(encoding="utf-8") if EXAMPLE_PAGE.is_file() else ""

    with gr.Blocks(title="Korean news → English", analytics_enabled=False) as app:
        source = gr.State("paste")
        with gr.Column(elem_id="ks-header"):
            gr.HTML(
                "<h1>Korean news → English</h1>"
                "<p>Clean a Korean news page, translate it paragraph by paragraph and get a short English summary.</p>"
            )
        with gr.Row(equal_height=False):
            with gr.Column(scale=5, min_width=360):
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
                    with gr.Tab("From URL", id="url", visible=config.url_fetch) as url_tab:
                        url = gr.Textbox(
                            label="Article URL",
                            placeholder="https://www.newspim.com/news/view/…",
                            info="Public http(s) pages only; the page is fetched by this server.",
                            max_lines=1,
                        )
                run = gr.Button("Summarize & translate", variant="primary", elem_id="ks-run-button")
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
                    device = gr.Dropdown(device_choices(base.device, gpu_count), value=base.device, label="Device")
                    force = gr.Checkbox(value=base.force, label=FORCE_LABEL)
            with gr.Column(scale=7, min_width=420):
                status = gr.HTML(render_status_idle(config.url_fetch), elem_id="ks-status")
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
        run_inputs = [source, text, upload, url, strategy, translation_model, summary_model, device, force]
        run_outputs = [status, overview, paragraphs, removed_panel, removed, details_panel, details]
        run.click(on_run, inputs=run_inputs, outputs=run_outputs, show_progress="full")
        url.submit(on_run, inputs=run_inputs, outputs=run_outputs, show_progress="full")

    limit = concurrency_limit(base.device, config.concurrency, gpu_count)
    app.queue(default_concurrency_limit=limit, max_size=config.queue_size)
    return app


def preload_models(config: DemoConfig, pipelines: SharedPipelines | None = None) -> threading.Thread:
    """Load the configured models in a background thread; a failure is logged and shown on first use instead."""
    pipelines = pipelines or SHARED_PIPELINES

    def load() -> None:
        try:
            pipelines.get(config.settings)
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
    """Build and serve the demo. With block=False returns the running app (call .close() to stop it)."""
    app = build_app(config, pipelines)
    if config.preload:
        preload_models(config, pipelines)
    app.launch(
        server_name=host,
        server_port=port,
        share=share,
        prevent_thread_lock=not block,
        max_file_size=config.max_input_bytes,
        show_error=False,
        quiet=not block,
        theme=_theme(),
        css=CSS,
        footer_links=["api", "gradio"],
    )
    return app
