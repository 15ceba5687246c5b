"""Korean news pages → clean article → English translation and summary.

Public API (heavy imports happen on first use, so `import summarizer` stays fast):

    clean_article(raw, url=None) -> Article
    Pipeline(settings).run(raw, progress=None) -> ArticleResult   (raw: page text, bytes, a Path or an Article)
    Pipeline(settings).run_many(iterable) -> Iterator[ArticleResult]
    translate(list_of_korean_texts) -> list[str]
    summarize(text) -> str
    check_fidelity(korean, english) -> list[FidelityIssue]   (numbers the English gets wrong)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from summarizer.errors import (
    ConfigError,
    DecodeError,
    EmptyInputError,
    InputError,
    InputTooLargeError,
    MissingDependencyError,
    ModelError,
    ModelUnavailableError,
    NotKoreanError,
    SummarizerError,
)
from summarizer.fidelity import FidelityIssue, check_fidelity
from summarizer.settings import Settings
from summarizer.types import Article, ArticleResult, ModelInfo, ProgressCallback, RemovedBlock

__version__ = "0.1.0"

__all__ = [
    "Article",
    "ArticleResult",
    "ConfigError",
    "DecodeError",
    "EmptyInputError",
    "FidelityIssue",
    "InputError",
    "InputTooLargeError",
    "MissingDependencyError",
    "ModelError",
    "ModelInfo",
    "ModelUnavailableError",
    "NotKoreanError",
    "Pipeline",
    "ProgressCallback",
    "RemovedBlock",
    "Settings",
    "SummarizerError",
    "check_fidelity",
    "clean_article",
    "summarize",
    "translate",
]

if TYPE_CHECKING:
    from summarizer.clean import clean_article
    from summarizer.pipeline import Pipeline, summarize, translate


def __getattr__(name: str) -> Any:
    # Lazy: `summarizer clean` and `--help` must not pay for torch/transformers imports.
    if name == "clean_article":
        from summarizer.clean import clean_article

        return clean_article
    if name in ("Pipeline", "translate", "summarize"):
        from summarizer import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'summarizer' has no attribute {name!r}")
