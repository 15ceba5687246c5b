"""What the demo is served with (DemoConfig) and what a user gives it (DemoInput)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from summarizer.fetch import FetchPolicy
from summarizer.settings import Settings
from summarizer.types import ArticleResult, ProgressCallback

EXAMPLE_PAGE = Path(__file__).resolve().parents[2] / "examples" / "newspim_gwangju_ai_2020.txt"
UPLOAD_SUFFIXES = (".html", ".htm", ".xhtml", ".txt")
SOURCES = ("paste", "upload", "url")
FORCE_LABEL = "Translate even if it does not look Korean"
# A request body may hold the paste JSON-escaped (up to 6 bytes a character) plus the other fields.
_BODY_BYTES_PER_CHAR, _BODY_OVERHEAD = 6, 1 << 20


class PipelineLike(Protocol):
    """What the demo needs from summarizer.pipeline.Pipeline (lets tests pass a stand-in)."""

    def run(self, raw: Any, url: str | None = None, progress: ProgressCallback | None = None) -> ArticleResult: ...


PipelineFactory = Callable[[Settings], PipelineLike]


@dataclass(frozen=True)
class DemoConfig:
    """How the demo is served.

    Attributes:
        settings: Models, strategy and device, from Settings.load() like the CLI (SUMMARIZER_* env vars).
        max_input_chars: Longest page accepted (pasted characters or uploaded/fetched bytes); None or more than
            the pipeline accepts (4 × settings.max_chars) means the pipeline's limit.
        concurrency: Jobs run at once on CPU (None → 1). On a GPU it is always 1 per device.
        queue_size: Requests that may wait in the queue before new ones are turned away.
        url_fetch: Whether the "From URL" tab is offered and served.
        fetch_policy: Limits for URL fetching (the size limit follows the input limit when left at default).
        preload: Load the configured models in the background at launch, so the first user does not wait.
    """

    settings: Settings = field(default_factory=Settings)
    max_input_chars: int | None = None
    concurrency: int | None = None
    queue_size: int = 32
    url_fetch: bool = True
    fetch_policy: FetchPolicy | None = None
    preload: bool = True

    @property
    def input_limit(self) -> int:
        """Longest page the demo takes: characters pasted, or bytes uploaded or fetched."""
        from summarizer.pipeline import MARKUP_ALLOWANCE

        pipeline_limit = self.settings.max_chars * MARKUP_ALLOWANCE
        return min(self.max_input_chars or pipeline_limit, pipeline_limit)

    @property
    def max_request_bytes(self) -> int:
        """Largest request body the server reads: an allowed paste in any JSON encoding, and no more."""
        return self.input_limit * _BODY_BYTES_PER_CHAR + _BODY_OVERHEAD

    @property
    def effective_fetch_policy(self) -> FetchPolicy:
        return self.fetch_policy or FetchPolicy(max_bytes=self.input_limit)


@dataclass(frozen=True)
class DemoInput:
    """What the user gave: which tab was active and the value of each input."""

    source: str = "paste"  # one of SOURCES
    text: str = ""
    file_path: str | None = None
    url: str = ""
    refused_upload: str = ""  # the page's note (JSON) on a file the browser refused for its size; see demo/limits.py
