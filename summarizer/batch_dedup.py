"""Identical article bodies in a dump are translated and summarised once; each record still gets its own result.

News dumps repeat themselves: the same wire story on several portals. Two articles with the same title,
subtitles and paragraphs share one translation and summary; what differs per page (url, dates,
reporters, source, cleaning warnings, removed blocks) stays each record's own.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections import OrderedDict
from typing import Callable, Sequence, Union

from summarizer.types import Article, ArticleResult

Outcome = Union[ArticleResult, BaseException]
DEFAULT_MAX_ENTRIES = 10_000


def body_key(article: Article) -> str:
    """Digest of what the models see: title, subtitles and paragraphs."""
    parts = (article.title, "\x1e".join(article.subtitles), "\x1e".join(article.paragraphs))
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


class ResultMemo:
    """Results of bodies already processed in this run (bounded: oldest forgotten first)."""

    def __init__(self, max_entries: int = DEFAULT_MAX_ENTRIES) -> None:
        self.max_entries = max_entries
        self._entries: OrderedDict[str, tuple[Article, ArticleResult]] = OrderedDict()
        self.reused = 0

    def get(self, key: str) -> tuple[Article, ArticleResult] | None:
        entry = self._entries.get(key)
        if entry is not None:
            self._entries.move_to_end(key)
        return entry

    def put(self, key: str, article: Article, result: ArticleResult) -> None:
        self._entries[key] = (article, result)
        self._entries.move_to_end(key)
        while len(self._entries) > self.max_entries:
            self._entries.popitem(last=False)


def run_unique(
    articles: Sequence[Article], run: Callable[[list[Article]], list[Outcome]], memo: ResultMemo | None = None
) -> list[Outcome]:
    """`run` on each distinct body once (and not at all for bodies in `memo`); one outcome per article, in order."""
    memo = memo if memo is not None else ResultMemo()
    keys = [body_key(a) for a in articles]
    todo: dict[str, int] = {}
    for i, key in enumerate(keys):
        if key not in todo and memo.get(key) is None:
            todo[key] = i
    computed = dict(zip(todo, run([articles[i] for i in todo.values()]))) if todo else {}
    for key, i in todo.items():
        if isinstance(computed[key], ArticleResult):
            memo.put(key, articles[i], computed[key])
    outcomes: list[Outcome] = []
    for i, (article, key) in enumerate(zip(articles, keys)):
        if todo.get(key) == i:
            outcomes.append(computed[key])
        elif key in computed and not isinstance(computed[key], ArticleResult):
            outcomes.append(computed[key])  # the same body failed: the same error
        else:
            first, result = memo.get(key) or (articles[todo[key]], computed[key])
            memo.reused += 1
            outcomes.append(reuse_result(result, first, article))
    return outcomes


def reuse_result(result: ArticleResult, first: Article, article: Article) -> ArticleResult:
    """`result` (made for `first`) as the result of `article`, whose body is the same: its own metadata."""
    model_warnings = result.warnings[len(first.warnings) :]  # warnings after the cleaner's came from the models
    timings = {key: 0.0 for key in result.timings}
    return dataclasses.replace(
        result,
        published_at=article.published_at,
        updated_at=article.updated_at,
        reporters=article.reporters,
        source=article.source,
        url=article.url,
        warnings=article.warnings + model_warnings,
        removed=article.removed,
        timings=timings,
    )
