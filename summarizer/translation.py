"""Translate documents paragraph by paragraph, batching every sentence of every document together."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Sequence

from summarizer.engines.base import Generation, GenerationOptions, Seq2SeqEngine
from summarizer.guard import degenerate_reason
from summarizer.segment import Chunk, segment_paragraphs
from summarizer.translation_cache import unique_in_order

if TYPE_CHECKING:
    from summarizer.translation_cache import RecentTranslations, TranslationCache

# Called with (pass, chunks done, chunks in that pass), pass = "translating" or "retrying degenerate":
# once at 0, then after each engine batch.
ChunkProgress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class DocumentTranslation:
    """Translated paragraphs (same count and order as the source) and what went wrong on the way."""

    paragraphs: tuple[str, ...]
    warnings: tuple[str, ...]
    # (paragraph index, source chunk, its translation): the sentence alignment, for the fidelity check.
    pairs: tuple[tuple[int, str, str], ...] = ()


def translate_documents(
    engine: Seq2SeqEngine,
    documents: Sequence[Sequence[str]],
    options: GenerationOptions,
    max_sentences_per_chunk: int = 1,
    progress: ChunkProgress | None = None,
    cache: "TranslationCache | RecentTranslations | None" = None,
) -> list[DocumentTranslation]:
    """Translate each document's paragraphs; one output paragraph per input paragraph, in order.

    Sentences of all documents go to the engine together (it sorts them by length and batches by
    tokens); identical chunks are translated once, and with a `cache` (translation_cache.py) chunks
    translated by an earlier run are not translated again. Degenerate outputs are retried once with
    stricter decoding; warnings say so.
    """
    segmentations = [
        segment_paragraphs(doc, engine.count_tokens, engine.max_input_tokens, max_sentences_per_chunk) for doc in documents
    ]
    flat: list[tuple[int, Chunk]] = [(d, chunk) for d, seg in enumerate(segmentations) for chunk in seg.chunks]
    sources = [chunk.text for _, chunk in flat]
    by_text, reason_by_text, bad_texts = _translate_unique(engine, sources, options, progress, cache)

    per_doc: list[list[int]] = [[] for _ in documents]
    for i, (doc_index, _) in enumerate(flat):
        per_doc[doc_index].append(i)
    results = []
    for d, (doc, seg) in enumerate(zip(documents, segmentations)):
        pieces: list[list[str]] = [[] for _ in doc]
        for i in per_doc[d]:
            output = by_text[sources[i]]
            if output.text:
                pieces[flat[i][1].paragraph].append(output.text)
        warnings = []
        if seg.split_sentences:
            warnings.append(
                f"{seg.split_sentences} sentence(s) longer than the translation model's "
                f"{engine.max_input_tokens}-token window were split before translation"
            )
        reasons = [reason_by_text[sources[i]] for i in per_doc[d] if sources[i] in reason_by_text]
        if reasons:
            n_bad = sum(1 for i in per_doc[d] if sources[i] in bad_texts)
            retried = (
                f"were retried with stricter decoding; {n_bad} still look degenerate"
                if options.retry_degenerate
                else "were kept as they are (retry_degenerate is off)"
            )
            warnings.append(
                f"{len(reasons)} of {len(per_doc[d])} translation chunk(s) gave degenerate output (e.g. {reasons[0]}) and {retried}"
            )
        pairs = tuple((flat[i][1].paragraph, sources[i], by_text[sources[i]].text) for i in per_doc[d])
        results.append(DocumentTranslation(tuple(" ".join(p) for p in pieces), tuple(warnings), pairs))
    return results


def _translate_unique(
    engine: Seq2SeqEngine,
    sources: Sequence[str],
    options: GenerationOptions,
    progress: ChunkProgress | None,
    cache: "TranslationCache | RecentTranslations | None",
) -> tuple[dict[str, Generation], dict[str, str], set[str]]:
    """Outputs per distinct source text (cached or generated once), retry reasons and still-degenerate texts."""
    unique = unique_in_order(sources)
    known = cache.lookup(engine, options, unique) if cache is not None else {}
    todo = [s for s in unique if s not in known]
    outputs = engine.generate_detailed(todo, options, progress=_per_batch(progress, "translating", len(todo)))
    retried, still_bad = _retry_degenerate(engine, todo, outputs, options, progress)
    fresh = dict(zip(todo, outputs))
    if cache is not None:
        keep_all = cache.keeps_degenerate
        cache.store(engine, options, {s: g for i, (s, g) in enumerate(fresh.items()) if keep_all or i not in still_bad})
    reason_by_text = {todo[i]: reason for i, reason in retried.items()}
    return {**known, **fresh}, reason_by_text, {todo[i] for i in still_bad}


def _per_batch(progress: ChunkProgress | None, what: str, total: int) -> Callable[[int], None] | None:
    """The engine's per-batch hook for one pass, reporting 0 of `total` right away."""
    if progress is None:
        return None
    progress(what, 0, total)
    return lambda done: progress(what, done, total)


def _retry_degenerate(
    engine: Seq2SeqEngine,
    sources: list[str],
    outputs: list[Generation],
    options: GenerationOptions,
    progress: ChunkProgress | None = None,
) -> tuple[dict[int, str], set[int]]:
    """Retry degenerate outputs in one batch with stricter settings; replace them in `outputs`.

    Returns (index → first reason, for every retried chunk) and the indices still degenerate.
    """
    reasons = {i: r for i, (s, o) in enumerate(zip(sources, outputs)) if (r := degenerate_reason(s, o))}
    if not reasons:
        return {}, set()
    if not options.retry_degenerate:
        return reasons, set(reasons)
    indices = sorted(reasons)
    second = engine.generate_detailed(
        [sources[i] for i in indices], options.stricter(), progress=_per_batch(progress, "retrying degenerate", len(indices))
    )
    still_bad = set()
    for i, output in zip(indices, second):
        if degenerate_reason(sources[i], output) is None:
            outputs[i] = output
        else:
            still_bad.add(i)
            if len(output.text) < len(outputs[i].text):
                outputs[i] = output  # both degenerate: keep the shorter, less runaway one
    return reasons, still_bad
