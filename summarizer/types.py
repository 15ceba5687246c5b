"""The small frozen types that cross module boundaries: Article (cleaned page) and ArticleResult."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Callable, Mapping

# The one progress signature every door uses: (what is happening now, overall fraction done in 0..1).
ProgressCallback = Callable[[str, float], None]

from summarizer.fidelity import FidelityIssue, fidelity_line


@dataclass(frozen=True)
class RemovedBlock:
    """A block the cleaner dropped from the page, and why (shown in the demo, useful for debugging)."""

    text: str
    reason: str


@dataclass(frozen=True)
class Article:
    """A cleaned news article: the body paragraphs in order plus the metadata found on the page."""

    title: str = ""
    subtitles: tuple[str, ...] = ()
    paragraphs: tuple[str, ...] = ()
    published_at: datetime | None = None
    updated_at: datetime | None = None
    reporters: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    dateline: str | None = None
    source: str | None = None
    url: str | None = None
    language: str = "unknown"  # "ko", "en", ... or "unknown"
    input_type: str = "text"  # "html" | "text"
    removed: tuple[RemovedBlock, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        """The body as plain text, paragraphs separated by blank lines."""
        return "\n\n".join(self.paragraphs)

    def to_dict(self) -> dict[str, Any]:
        return _jsonable(dataclasses.asdict(self))


@dataclass(frozen=True)
class ModelInfo:
    """Which model did a job: enough to reproduce the run."""

    task: str  # "translation" | "summarization" | "ko-summarization" | "cross-lingual"
    model_id: str  # hub id or local folder
    revision: str | None = None  # commit hash when known
    family: str = "unknown"  # marian | nllb | m2m100 | mbart50 | bart | t5 | mt5 | kobart
    backend: str = "transformers"  # transformers | ctranslate2


@dataclass(frozen=True)
class ArticleResult:
    """Everything the pipeline produced for one article. JSON-safe via to_dict()."""

    title_ko: str
    title_en: str
    paragraphs_ko: tuple[str, ...]
    paragraphs_en: tuple[str, ...]
    summary_en: str
    subtitles_ko: tuple[str, ...] = ()
    subtitles_en: tuple[str, ...] = ()
    published_at: datetime | None = None
    updated_at: datetime | None = None
    reporters: tuple[str, ...] = ()
    source: str | None = None
    url: str | None = None
    strategy: str = "translate-then-summarize"
    models: tuple[ModelInfo, ...] = ()
    device: str = "cpu"
    timings: Mapping[str, float] = field(default_factory=dict)  # seconds per stage
    warnings: tuple[str, ...] = ()
    removed: tuple[RemovedBlock, ...] = ()
    fidelity: tuple[FidelityIssue, ...] = ()  # numbers the translation may have wrong (summarizer.fidelity)

    def to_dict(self) -> dict[str, Any]:
        return _jsonable(dataclasses.asdict(self))

    def to_json(self, **kwargs: Any) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, **kwargs)

    def to_markdown(self) -> str:
        lines = [f"# {self.title_en}", ""]
        if self.title_ko:
            lines += [f"*{self.title_ko}*", ""]
        meta = []
        if self.source:
            meta.append(self.source)
        if self.published_at:
            meta.append(self.published_at.strftime("%Y-%m-%d %H:%M"))
        if self.reporters:
            meta.append(", ".join(self.reporters))
        if self.url:
            meta.append(self.url)
        if meta:
            lines += [" · ".join(meta), ""]
        lines += ["## Summary", "", self.summary_en, "", "## Translation", ""]
        for sub in self.subtitles_en:
            lines += [f"> {sub}", ""]
        for paragraph in self.paragraphs_en:
            lines += [paragraph, ""]
        if self.fidelity:
            lines += ["## Check these numbers", ""] + [f"- {fidelity_line(issue)}" for issue in self.fidelity] + [""]
        if self.warnings:
            lines += ["## Warnings", ""] + [f"- {w}" for w in self.warnings] + [""]
        used = ", ".join(f"{m.task}: {m.model_id} ({m.backend})" for m in self.models)
        lines.append(f"<sub>{used} · device {self.device} · strategy {self.strategy}</sub>")
        return "\n".join(lines).rstrip() + "\n"


def _jsonable(value: Any) -> Any:
    """Turn dataclass dicts into JSON-safe values (datetimes → ISO 8601, tuples → lists)."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value
