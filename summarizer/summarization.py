"""English summaries by three strategies behind one interface.

- translate-then-summarize: English summarizer on the English translation (default)
- summarize-then-translate: Korean summarizer, then the translator
- cross-lingual: one model straight from Korean to an English summary

Inputs longer than the summarizer's window are summarized in chunks and the partial summaries are
summarized again (map-reduce): never truncated.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Sequence

from summarizer.engines.base import GenerationOptions, Seq2SeqEngine
from summarizer.engines.batching import CPU_DECODING_BUDGET
from summarizer.guard import repeated_ngram
from summarizer.segment import pack_sentences, split_overlong, split_sentences
from summarizer.translation import translate_documents

_MAX_REDUCE_ROUNDS = 3


@dataclass(frozen=True)
class SummaryInput:
    """What a strategy may read: the Korean article and (when already made) its English translation."""

    paragraphs_ko: tuple[str, ...]
    paragraphs_en: tuple[str, ...] = ()


@dataclass(frozen=True)
class SummaryOutput:
    text: str
    warnings: tuple[str, ...] = ()


def summary_options(
    min_tokens: int, max_tokens: int, num_beams: int = 4, batch_max_tokens: int = CPU_DECODING_BUDGET,
    retry_degenerate: bool = True,
) -> GenerationOptions:
    """Decoding settings for summaries: the CNN/DailyMail-style defaults, length from settings.

    The length cap also follows the input (+20 tokens) so a one-line article gets a short summary.
    `batch_max_tokens`: the decoding budget per batch (engines/batching.py); `retry_degenerate`: generate a
    looping summary again with stricter settings.
    """
    return GenerationOptions(
        num_beams=num_beams,
        max_new_tokens=max_tokens,
        min_new_tokens=min_tokens,
        max_length_ratio=1.0,
        max_length_slack=20,
        no_repeat_ngram_size=3,
        length_penalty=2.0,
        batch_max_tokens=batch_max_tokens,
        max_batch_size=16,
        retry_degenerate=retry_degenerate,
    )


class SummaryStrategy(ABC):
    """Turns a batch of articles into English summaries."""

    name: str
    needs_translation_first: bool

    @abstractmethod
    def summarize(self, inputs: Sequence[SummaryInput]) -> list[SummaryOutput]: ...


class TranslateThenSummarize(SummaryStrategy):
    name = "translate-then-summarize"
    needs_translation_first = True

    def __init__(self, summarizer: Seq2SeqEngine, options: GenerationOptions) -> None:
        self.summarizer, self.options = summarizer, options

    def summarize(self, inputs: Sequence[SummaryInput]) -> list[SummaryOutput]:
        texts = summarize_many(self.summarizer, [i.paragraphs_en for i in inputs], "en", self.options)
        return [SummaryOutput(*t) for t in texts]


class SummarizeThenTranslate(SummaryStrategy):
    name = "summarize-then-translate"
    needs_translation_first = False

    def __init__(
        self, summarizer: Seq2SeqEngine, translator: Seq2SeqEngine, options: GenerationOptions, translation: GenerationOptions
    ) -> None:
        self.summarizer, self.translator = summarizer, translator
        self.options, self.translation = options, translation

    def summarize(self, inputs: Sequence[SummaryInput]) -> list[SummaryOutput]:
        korean = summarize_many(self.summarizer, [i.paragraphs_ko for i in inputs], "ko", self.options)
        english = translate_documents(self.translator, [[text] for text, _ in korean], self.translation)
        return [
            SummaryOutput(en.paragraphs[0], warnings + en.warnings) for (_, warnings), en in zip(korean, english)
        ]


class CrossLingual(SummaryStrategy):
    name = "cross-lingual"
    needs_translation_first = False

    def __init__(self, summarizer: Seq2SeqEngine, options: GenerationOptions) -> None:
        self.summarizer, self.options = summarizer, options

    def summarize(self, inputs: Sequence[SummaryInput]) -> list[SummaryOutput]:
        texts = summarize_many(self.summarizer, [i.paragraphs_ko for i in inputs], "ko", self.options)
        return [SummaryOutput(*t) for t in texts]


def summarize_many(
    engine: Seq2SeqEngine, documents: Sequence[Sequence[str]], language: str, options: GenerationOptions
) -> list[tuple[str, tuple[str, ...]]]:
    """Summarize documents of any length, all in one batch per round.

    Round 1 summarizes every chunk of every document; a document with several chunks has its
    partial summaries merged and summarized again, until one summary is left. Nothing is cut.
    """
    budget = max(32, engine.max_input_tokens - 8)
    # Partial summaries of a cross-lingual model are already English.
    later_language = "en" if language == "en" or engine.info.task == "cross-lingual" else language
    pending = {
        d: chunk_for_window(engine, [p for p in doc if p], language, budget) for d, doc in enumerate(documents)
    }
    results: dict[int, tuple[str, tuple[str, ...]]] = {d: ("", ()) for d, chunks in pending.items() if not chunks}
    warnings = {
        d: (f"text longer than the summarizer's {engine.max_input_tokens}-token window: summarized in {len(c)} chunks and merged",)
        for d, c in pending.items()
        if len(c) > 1
    }
    pending = {d: c for d, c in pending.items() if c}
    for _ in range(_MAX_REDUCE_ROUNDS):
        if not pending:
            break
        flat = [(d, chunk) for d, chunks in pending.items() for chunk in chunks]
        outputs, looped = _generate_guarded(engine, [chunk for _, chunk in flat], options)
        for (d, _), loop in zip(flat, looped):
            if loop:
                again = "was generated again with stricter decoding" if options.retry_degenerate else "was kept (retry_degenerate is off)"
                note = f"the summary fell into a repetition loop ({loop!r}) and {again}"
                warnings[d] = warnings.get(d, ()) + (note,)
        partials: dict[int, list[str]] = {}
        for (d, _), output in zip(flat, outputs):
            partials.setdefault(d, []).append(output)
        pending = {}
        for d, parts in partials.items():
            if len(parts) == 1:
                results[d] = (parts[0], warnings.get(d, ()))
            else:
                pending[d] = chunk_for_window(engine, [" ".join(p for p in parts if p)], later_language, budget)
    for d, chunks in pending.items():
        note = "summaries of chunks still exceed the window after several rounds; all are kept"
        results[d] = (" ".join(chunks), warnings.get(d, ()) + (note,))
    return [results[d] for d in range(len(documents))]


def _generate_guarded(engine: Seq2SeqEngine, texts: list[str], options: GenerationOptions) -> tuple[list[str], list[str | None]]:
    """Outputs, and per output the loop it fell into first (None when sane): looping outputs are generated
    again once with stricter() settings, and the retry is kept unless it loops as well and is longer."""
    outputs = engine.generate(texts, options)
    looped = [repeated_ngram(o) for o in outputs]
    redo = [i for i, loop in enumerate(looped) if loop]
    if redo and options.retry_degenerate:
        for i, again in zip(redo, engine.generate([texts[i] for i in redo], options.stricter())):
            if repeated_ngram(again) is None or len(again) < len(outputs[i]):
                outputs[i] = again
    return outputs, looped


def chunk_for_window(engine: Seq2SeqEngine, paragraphs: Sequence[str], language: str, budget: int) -> list[str]:
    """Pack whole sentences (across paragraphs) into texts of at most `budget` tokens."""
    sentences = [s for p in paragraphs for s in split_sentences(p, language)]
    pieces: list[str] = []
    for sentence, length in zip(sentences, engine.count_tokens(sentences)):
        pieces.extend(split_overlong(sentence, budget, engine.count_tokens) if length > budget else [sentence])
    lengths = engine.count_tokens(pieces)
    return [" ".join(pieces[i] for i in group) for group in pack_sentences(lengths, budget)]
