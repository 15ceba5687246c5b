"""A persistent translation cache: (model, decoding options, source chunk) → generated output, in SQLite.

    cache = TranslationCache.open("~/.cache/summarizer/translations")   # or --cache DIR / SUMMARIZER_TRANSLATION_CACHE
    translate_documents(engine, documents, options, cache=cache)

Reruns, the demo and overlapping dumps (the same wire story on several portals, boilerplate sentences)
then skip work already done. Safe for several processes at once (SQLite WAL, busy timeout); bounded:
past `max_entries` the least recently written entries are dropped.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
import weakref
from collections import OrderedDict
from dataclasses import asdict
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from summarizer.engines.base import Generation, GenerationOptions, Seq2SeqEngine
from summarizer.errors import ConfigError

DB_NAME = "translations.sqlite3"
DEFAULT_MAX_ENTRIES = 500_000
# Options that decide how work is batched, not what comes out: left out of the key.
_BATCHING_FIELDS = ("batch_max_tokens", "max_batch_size")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS translations (
    key TEXT PRIMARY KEY,
    text TEXT NOT NULL,
    num_tokens INTEGER NOT NULL,
    stopped INTEGER
)
"""


class TranslationCache:
    """Outputs of earlier generate calls, keyed by a digest of model identity, options and source text."""

    keeps_degenerate = False  # a later run may decode those better: not kept on disk

    def __init__(self, path: Path, max_entries: int = DEFAULT_MAX_ENTRIES) -> None:
        if max_entries < 1:
            raise ConfigError("the translation cache must hold at least one entry")
        self.path = path
        self.max_entries = max_entries
        self._lock = threading.Lock()  # one connection, shared by the threads of this process
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(str(path), timeout=30.0, check_same_thread=False, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute(_SCHEMA)
        except (OSError, sqlite3.Error) as exc:
            raise ConfigError(f"cannot open the translation cache {path}: {exc}") from None
        self.hits = 0
        self.misses = 0

    @classmethod
    def open(cls, folder: str | Path, max_entries: int = DEFAULT_MAX_ENTRIES) -> "TranslationCache":
        """The cache in `folder` (created when missing)."""
        folder = Path(folder).expanduser()
        if folder.exists() and not folder.is_dir():
            raise ConfigError(f"translation cache {folder} is not a folder")
        return cls(folder / DB_NAME, max_entries)

    def lookup(self, engine: Seq2SeqEngine, options: GenerationOptions, sources: Sequence[str]) -> dict[str, Generation]:
        """Cached outputs for those of `sources` already translated with this engine and options."""
        keys = {entry_key(engine, options, s): s for s in sources}
        found: dict[str, Generation] = {}
        with self._lock:
            items = list(keys)
            for start in range(0, len(items), 500):  # SQLite's limit on bound variables
                part = items[start : start + 500]
                rows = self._db.execute(
                    f"SELECT key, text, num_tokens, stopped FROM translations WHERE key IN ({','.join('?' * len(part))})",
                    part,
                ).fetchall()
                for key, text, num_tokens, stopped in rows:
                    found[keys[key]] = Generation(text, num_tokens, None if stopped is None else bool(stopped))
        self.hits += len(found)
        self.misses += len(keys) - len(found)
        return found

    def store(self, engine: Seq2SeqEngine, options: GenerationOptions, outputs: Mapping[str, Generation]) -> None:
        """Remember outputs (source text → generation); drop the oldest entries past max_entries."""
        rows = [
            (entry_key(engine, options, s), g.text, g.num_tokens, None if g.stopped is None else int(g.stopped))
            for s, g in outputs.items()
        ]
        if not rows:
            return
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.executemany("INSERT OR REPLACE INTO translations VALUES (?, ?, ?, ?)", rows)
                excess = self._db.execute("SELECT COUNT(*) FROM translations").fetchone()[0] - self.max_entries
                if excess > 0:
                    self._db.execute(
                        "DELETE FROM translations WHERE rowid IN (SELECT rowid FROM translations ORDER BY rowid LIMIT ?)",
                        (excess,),
                    )
                self._db.execute("COMMIT")
            except sqlite3.Error:
                self._db.execute("ROLLBACK")
                raise

    def __len__(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM translations").fetchone()[0])

    def close(self) -> None:
        with self._lock:
            self._db.close()


def entry_key(engine: Seq2SeqEngine, options: GenerationOptions, source: str) -> str:
    """Digest of what decides an output: the model's identity, the decoding options and the source text."""
    decoding = {k: v for k, v in sorted(asdict(options).items()) if k not in _BATCHING_FIELDS}
    return hashlib.sha256(f"{model_identity(engine)}\0{decoding}\0{source}".encode()).hexdigest()


_IDENTITIES: "weakref.WeakKeyDictionary[Seq2SeqEngine, str]" = weakref.WeakKeyDictionary()


def model_identity(engine: Seq2SeqEngine) -> str:
    """Model id, revision, backend and compute type, plus the digest of the weights in use
    (conversion_cache.source_key: the hub snapshot or the local folder's contents)."""
    from summarizer.engines.conversion_cache import source_key
    from summarizer.errors import SummarizerError

    known = _IDENTITIES.get(engine)
    if known is not None:
        return known
    info = engine.info
    try:
        weights = source_key(info.model_id)[0]  # an updated hub model or rebuilt folder must not reuse old outputs
    except (SummarizerError, ValueError):  # not a model id at all (an engine built in code): its id is all there is
        weights = ""
    parts = [info.model_id, info.revision or "", info.backend, info.task, str(getattr(engine, "compute_type", "")), weights]
    identity = "\0".join(parts)
    _IDENTITIES[engine] = identity
    return identity


class RecentTranslations:
    """The same interface in memory, for one process's run: a sentence met in an earlier batch of this run is not
    translated again (and copies get the very same output). Keeps degenerate outputs too: decoding the same
    input with the same settings in this run would give them again. Bounded, least recently used dropped."""

    keeps_degenerate = True

    def __init__(self, max_entries: int = 50_000) -> None:
        self.max_entries = max_entries
        self._entries: OrderedDict[str, Generation] = OrderedDict()
        self._lock = threading.Lock()  # the demo's worker threads share one pipeline
        self.hits = 0
        self.misses = 0

    def lookup(self, engine: Seq2SeqEngine, options: GenerationOptions, sources: Sequence[str]) -> dict[str, Generation]:
        found: dict[str, Generation] = {}
        with self._lock:
            for source in sources:
                key = entry_key(engine, options, source)
                if key in self._entries:
                    self._entries.move_to_end(key)
                    found[source] = self._entries[key]
            self.hits += len(found)
            self.misses += len(sources) - len(found)
        return found

    def store(self, engine: Seq2SeqEngine, options: GenerationOptions, outputs: Mapping[str, Generation]) -> None:
        with self._lock:
            for source, generation in outputs.items():
                self._entries[entry_key(engine, options, source)] = generation
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)


def unique_in_order(texts: Iterable[str]) -> list[str]:
    """Each distinct text once, in first-seen order."""
    return list(dict.fromkeys(texts))
