"""What one button press does (input → shared pipeline → rendered result or one-line error), and the Advanced
panel's choices. No gradio here: layout.py wires these to the page."""

from __future__ import annotations

import logging
import shutil
import tempfile
import threading
import time
import uuid
from collections import OrderedDict
from pathlib import Path

from summarizer.demo.config import FORCE_LABEL, UPLOAD_SUFFIXES, DemoConfig, DemoInput, PipelineFactory, PipelineLike
from summarizer.demo.limits import limit_sentence, refused_upload, size_text
from summarizer.demo.render import RenderedResult, render_failure, render_result
from summarizer.errors import (
    ConfigError,
    DecodeError,
    EmptyInputError,
    InputError,
    InputTooLargeError,
    ModelError,
    NotKoreanError,
    SummarizerError,
)
from summarizer.fetch import fetch_url
from summarizer.registry import load_registry
from summarizer.settings import STRATEGIES, Settings
from summarizer.textio import looks_binary, read_input
from summarizer.types import ArticleResult, ProgressCallback

log = logging.getLogger("summarizer.demo")

DOWNLOAD_DIR = Path(tempfile.gettempdir()) / "summarizer-demo"
DOWNLOAD_KEEP_S = 3600  # result files older than this are removed when new ones are written
_BINARY_SAMPLE = 65536  # what looks_binary reads of a file too large to read whole
MAX_SHARED_PIPELINES = 4  # distinct settings kept at once; the least recently used is dropped beyond that


def _default_pipeline_factory(settings: Settings) -> PipelineLike:
    from summarizer.pipeline import Pipeline

    return Pipeline(settings)


class SharedPipelines:
    """One Pipeline per distinct Settings, created on first use and shared by every session of this process;
    at most `max_pipelines` are kept (least recently used dropped first)."""

    def __init__(self, factory: PipelineFactory | None = None, max_pipelines: int = MAX_SHARED_PIPELINES) -> None:
        if max_pipelines < 1:
            raise ConfigError("the demo must keep at least one pipeline")
        self._factory = factory or _default_pipeline_factory
        self._lock = threading.Lock()
        self._pipelines: OrderedDict[Settings, PipelineLike] = OrderedDict()
        self.max_pipelines = max_pipelines

    def get(self, settings: Settings) -> PipelineLike:
        """The pipeline for these settings (models load on its first run, which reports it as progress)."""
        with self._lock:
            pipeline = self._pipelines.get(settings)
            if pipeline is None:
                pipeline = self._factory(settings)
                self._pipelines[settings] = pipeline
                while len(self._pipelines) > self.max_pipelines:
                    self._pipelines.popitem(last=False)
            self._pipelines.move_to_end(settings)
            return pipeline

    def __len__(self) -> int:
        return len(self._pipelines)

    def preload(self, settings: Settings) -> None:
        """Load the models for these settings now (ModelError when unavailable; nothing cached then)."""
        pipeline = self.get(settings)
        load = getattr(pipeline, "load", None)
        if callable(load):
            try:
                load()
            except SummarizerError:
                with self._lock:
                    self._pipelines.pop(settings, None)
                raise


SHARED_PIPELINES = SharedPipelines()


# --------------------------------------------------------------------------- input → result


def read_demo_input(demo_input: DemoInput, config: DemoConfig, progress: ProgressCallback | None = None) -> tuple[str | bytes, str | None]:
    """The raw page to summarize and its URL (when fetched), from whichever input tab is active.

    Raises:
        InputError: Nothing given, too large, binary or unreadable file, URL fetching off or refused.
    """
    limit = config.input_limit
    if demo_input.source == "upload":
        if not demo_input.file_path:
            if refused := refused_upload(demo_input.refused_upload, limit):
                raise InputTooLargeError(f"the file {refused[0]} ({size_text(refused[1])}) is too large: {limit_sentence(config)}")
            raise EmptyInputError(f"choose an .html or .txt file of up to {size_text(limit)} to upload first")
        return _read_upload(Path(demo_input.file_path), config), None
    if demo_input.source == "url":
        if not config.url_fetch:
            raise InputError("fetching URLs is turned off on this server; paste the page instead")
        url = demo_input.url.strip()
        if not url:
            raise EmptyInputError("enter the URL of a Korean news article first")
        if progress:
            progress("fetching the page", 0.0)
        try:
            page = fetch_url(url, config.effective_fetch_policy)
        except InputTooLargeError:
            if config.fetch_policy is not None:  # an operator's own fetch limit: its message names it
                raise
            raise InputTooLargeError(f"the page at this URL is too large: {limit_sentence(config)}") from None
        return page.body_for_pipeline(), page.url
    text = demo_input.text
    if not text.strip():
        raise EmptyInputError("paste a Korean news article (text or HTML) first, or load the example below")
    if len(text) > limit:
        raise InputTooLargeError(f"the pasted text has {len(text):,} characters: {limit_sentence(config)}")
    return text, None


def _read_upload(path: Path, config: DemoConfig) -> bytes:
    """An uploaded file's bytes; its name is kept as given (file names are case-sensitive)."""
    if path.suffix.lower() not in UPLOAD_SUFFIXES:
        raise InputError(f"the file {path.name} is not an .html or .txt file")
    try:
        data = read_input(path, max_bytes=config.input_limit)
    except InputTooLargeError:
        with path.open("rb") as head:
            if looks_binary(head.read(_BINARY_SAMPLE)):  # a large binary file is binary, not "too long"
                raise DecodeError(f"the file {path.name} looks binary, not text or HTML") from None
        raise InputTooLargeError(f"the file {path.name} is {size_text(path.stat().st_size)}: {limit_sentence(config)}") from None
    if looks_binary(data):
        raise DecodeError(f"the file {path.name} looks binary, not text or HTML")
    return data


def summarize_input(
    demo_input: DemoInput,
    settings: Settings,
    config: DemoConfig,
    pipelines: SharedPipelines,
    progress: ProgressCallback | None = None,
) -> ArticleResult:
    """Read the input, get the shared pipeline for these settings and run it. Raises SummarizerError."""
    raw, url = read_demo_input(demo_input, config, progress)
    try:
        return pipelines.get(settings).run(raw, url=url, progress=progress)
    except InputTooLargeError:  # the pipeline's message names max_chars, which a demo user cannot change
        raise InputTooLargeError(f"the article is too long once cleaned: {limit_sentence(config)}") from None


def _capitalized(text: str) -> str:
    """`text` with its first letter capitalised, unless it starts with a name (a file, a URL) that must stay as given."""
    first = text.split(" ", 1)[0]
    return text[:1].upper() + text[1:] if first.isalpha() and first.islower() else text


def error_message(exc: BaseException) -> str:
    """A one-line message for the UI: the SummarizerError's own text, with a hint where one helps."""
    if isinstance(exc, NotKoreanError):
        reason = str(exc).split(";", 1)[0]  # drop the CLI's --force hint; the UI has its own switch
        return f"{_capitalized(reason)}. This demo translates Korean news; tick “{FORCE_LABEL}” under Advanced to try anyway."
    if isinstance(exc, ModelError):
        text = str(exc)
        # "Model not available: model … is not available" said it twice: prefix only messages that do not name it.
        return _capitalized(text) if text.lower().startswith("model") else f"Model not available: {text}"
    if isinstance(exc, SummarizerError):
        return _capitalized(str(exc))
    # Anything else is a bug: say so in one line, keep the traceback in the server log.
    return f"Something went wrong on the server ({type(exc).__name__}). The details are in the server log."


def run_demo_request(
    demo_input: DemoInput,
    settings: Settings,
    config: DemoConfig,
    pipelines: SharedPipelines,
    progress: ProgressCallback | None = None,
) -> tuple[RenderedResult, ArticleResult | None]:
    """One button press: summarize and render, or render the error. Never raises.

    Returns the rendered areas and the result (None on failure) for the downloads.
    """
    started = time.perf_counter()
    try:
        result = summarize_input(demo_input, settings, config, pipelines, progress)
    except SummarizerError as exc:
        log.info("demo request refused: %s", exc)
        return render_failure(error_message(exc)), None
    except Exception as exc:  # noqa: BLE001 — the UI shows one line; the log keeps the traceback
        log.exception("demo request failed")
        return render_failure(error_message(exc)), None
    return render_result(result, time.perf_counter() - started), result


def write_downloads(result: ArticleResult, folder: Path = DOWNLOAD_DIR) -> tuple[Path, Path]:
    """The result as article-en.md and article-en.json in a fresh folder (old folders are pruned)."""
    folder.mkdir(parents=True, exist_ok=True)
    cutoff = time.time() - DOWNLOAD_KEEP_S
    for old in folder.iterdir():
        if old.is_dir() and old.stat().st_mtime < cutoff:
            shutil.rmtree(old, ignore_errors=True)
    target = folder / uuid.uuid4().hex
    target.mkdir()
    markdown, data = target / "article-en.md", target / "article-en.json"
    markdown.write_text(result.to_markdown(), encoding="utf-8")
    data.write_text(result.to_json(indent=2), encoding="utf-8")
    return markdown, data


# --------------------------------------------------------------------------- choices for the advanced panel


def _uses_gpu(device: str, gpu_count: int) -> bool:
    return device.startswith("cuda") or (device == "auto" and gpu_count > 0)


def concurrency_limit(device: str, requested: int | None, gpu_count: int) -> int:
    """Jobs run at once: 1 on a GPU (one shared pipeline, one device), else the requested CPU limit (≥ 1)."""
    return 1 if _uses_gpu(device, gpu_count) else max(1, requested or 1)


def device_choices(configured: str, gpu_count: int, concurrency: int = 1) -> list[str]:
    """Devices a request may pick. With several jobs at once (CPU only), no GPU is offered: one job per GPU."""
    if concurrency > 1:
        return ["cpu"] if configured in ("cpu", "auto") else [configured]
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


def offered_models(base: Settings) -> set[str]:
    """Every model id the Advanced panel can offer: the server's own models and the registry's, for each strategy."""
    offered = {model_id for _label, model_id in model_choices("translation", base.resolved_translation_model)}
    for strategy in STRATEGIES:
        task = base.replace(strategy=strategy).summary_task
        offered |= {model_id for _label, model_id in model_choices(task, summary_model_for(base, strategy))}
    return offered


def request_settings(
    base: Settings,
    strategy: str | None,
    translation_model: str | None,
    summary_model: str | None,
    device: str | None,
    force: bool | None = None,
    allowed_devices: list[str] | None = None,
) -> Settings:
    """The base settings with the advanced panel's choices applied (ConfigError on invalid values).

    `allowed_devices`: the devices the panel offered; a request naming another (a crafted request) is refused.
    Models are limited to offered_models(base), so a request cannot make the server fetch or open any other.
    """
    if device and allowed_devices is not None and device not in allowed_devices:
        raise ConfigError(f"device {device!r} is not offered on this server (choose one of {', '.join(allowed_devices)})")
    chosen = [m for m in (translation_model, summary_model) if m]
    if chosen and (unknown := [m for m in chosen if m not in offered_models(base)]):
        raise ConfigError(f"model {unknown[0]!r} is not offered on this server (choose one from the Advanced panel)")
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
