"""Sentence splitting (kiwipiepy for Korean) and packing sentences into chunks within a token budget.

Nothing is dropped: every character of the input (whitespace aside) ends up in exactly one chunk,
in order. A sentence longer than the budget is split at clause boundaries, else between words,
else between characters — and the caller is told.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Callable, NamedTuple, Sequence

TokenCounter = Callable[[Sequence[str]], list[int]]

_KIWI = None
_KIWI_LOCK = threading.Lock()
# Clause boundaries: after a comma/semicolon/colon, or after common Korean connective endings.
_CONNECTIVES = ("고", "며", "면서", "지만", "는데", "으나", "하여", "해", "서")
_CLAUSE_END = re.compile(r"(?:(?<=[,;:，、])|" + "|".join(f"(?<={c})" for c in _CONNECTIVES) + r")\s+")
_ENGLISH_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")


@dataclass(frozen=True)
class Chunk:
    """A unit of source text sent to the model: whole sentences of one paragraph, or part of one."""

    paragraph: int  # index of the paragraph it came from
    sentences: tuple[int, ...]  # sentence indices within that paragraph
    text: str
    part: int = 0  # 0 = whole sentence(s); 1, 2, ... = piece of an overlong sentence


@dataclass(frozen=True)
class Segmentation:
    chunks: tuple[Chunk, ...]
    split_sentences: int  # how many sentences exceeded the budget and were split


def _kiwi():
    global _KIWI
    with _KIWI_LOCK:
        if _KIWI is None:
            from kiwipiepy import Kiwi

            _KIWI = Kiwi()
        return _KIWI


def warm_up() -> None:
    """Load Kiwi and run it once (about 2 s on first use, then ~2 ms a paragraph), so the first article does not pay it."""
    _kiwi().split_into_sents("준비.")


def split_sentences(text: str, language: str = "ko") -> list[str]:
    """Sentences of `text`, covering all of it (whitespace between sentences aside)."""
    text = text.strip()
    if not text:
        return []
    if language == "en":
        starts = [0] + [m.end() for m in _ENGLISH_SENTENCE_END.finditer(text)]
    else:
        kiwi = _kiwi()
        with _KIWI_LOCK:  # one shared analyser; its model is loaded once
            found = kiwi.split_into_sents(text, return_tokens=True)
        starts = sorted({0} | {s.start for s in found if 0 < s.start < len(text)})
    bounds = starts + [len(text)]
    pieces = (text[a:b].strip() for a, b in zip(bounds, bounds[1:]))
    sentences = [p for p in pieces if p]
    if language != "en":
        _keep_morphemes(text, bounds, [t for s in found for t in s.tokens])
    return sentences


class Morpheme(NamedTuple):
    """One Kiwi morpheme of a sentence: form, tag, start offset into the sentence, length."""

    form: str
    tag: str
    start: int
    len: int


# The morphemes of recently split sentences, so the fidelity check reads them instead of running Kiwi again.
_MORPHEMES: OrderedDict[str, tuple[Morpheme, ...]] = OrderedDict()
_MORPHEMES_KEPT = 4096


def _keep_morphemes(text: str, bounds: list[int], tokens: Sequence) -> None:
    with _KIWI_LOCK:
        for a, b in zip(bounds, bounds[1:]):
            sentence = text[a:b].strip()
            if sentence:
                offset = a + (len(text[a:b]) - len(text[a:b].lstrip()))
                _MORPHEMES[sentence] = tuple(Morpheme(t.form, t.tag, t.start - offset, t.len) for t in tokens if a <= t.start < b)
                _MORPHEMES.move_to_end(sentence)
        while len(_MORPHEMES) > _MORPHEMES_KEPT:
            _MORPHEMES.popitem(last=False)


def sentence_morphemes(sentence: str) -> tuple[Morpheme, ...] | None:
    """Kiwi's morphemes of `sentence` if split_sentences produced it recently (offsets into it), else None."""
    with _KIWI_LOCK:
        return _MORPHEMES.get(sentence)


def pack_sentences(lengths: Sequence[int], budget: int, max_sentences: int = 0) -> list[list[int]]:
    """Group consecutive sentence indices so each group's token total stays within `budget`.

    Order is kept and every index appears exactly once; a sentence over the budget stands alone.
    `max_sentences` > 0 caps the sentences per group.
    """
    groups: list[list[int]] = []
    current: list[int] = []
    total = 0
    for index, length in enumerate(lengths):
        too_long = current and total + length > budget
        too_many = max_sentences > 0 and len(current) >= max_sentences
        if too_long or too_many:
            groups.append(current)
            current, total = [], 0
        current.append(index)
        total += length
    if current:
        groups.append(current)
    return groups


def split_overlong(sentence: str, budget: int, count_tokens: TokenCounter, length: int | None = None) -> list[str]:
    """Split one sentence into pieces of at most `budget` tokens: clauses, then words, then characters.

    `length`: the sentence's token count when the caller already has it (saves tokenizing it again).
    """
    if (length if length is not None else count_tokens([sentence])[0]) <= budget:
        return [sentence]
    for splitter in (_split_clauses, str.split):
        units = [u for u in splitter(sentence) if u]
        if len(units) > 1:
            return _pack_units(units, budget, count_tokens)
    # One unbroken run of characters (a URL, a hash): cut it in halves until pieces fit.
    middle = len(sentence) // 2
    return split_overlong(sentence[:middle], budget, count_tokens) + split_overlong(sentence[middle:], budget, count_tokens)


def _split_clauses(sentence: str) -> list[str]:
    return [c.strip() for c in _CLAUSE_END.split(sentence)]


def _pack_units(units: list[str], budget: int, count_tokens: TokenCounter) -> list[str]:
    """Join consecutive units with spaces while they fit; an oversized unit is split further.

    Every unit is tokenized once (one batched call) and pieces are sized by adding the counts, so a
    run-on sentence costs linear, not quadratic, tokenizing; each piece is then checked once, and the
    rare one a join pushed over the budget is halved.
    """
    overhead = count_tokens([""])[0]  # special tokens (and any task prefix) every count includes
    lengths = count_tokens(units)
    groups: list[list[str]] = []
    current: list[str] = []
    total = overhead
    for unit, length in zip(units, lengths):
        if length > budget:
            if current:
                groups.append(current)
            groups.extend([piece] for piece in split_overlong(unit, budget, count_tokens, length))
            current, total = [], overhead
            continue
        if current and total + length - overhead > budget:
            groups.append(current)
            current, total = [], overhead
        current.append(unit)
        total += length - overhead
    if current:
        groups.append(current)
    return _fit_groups(groups, budget, count_tokens)


def _fit_groups(groups: list[list[str]], budget: int, count_tokens: TokenCounter) -> list[str]:
    """Join each group; halve (and recheck) a group of several units whose joined text is over budget."""
    texts = [" ".join(g) for g in groups]
    pieces: list[str] = []
    for group, text, length in zip(groups, texts, count_tokens(texts)):
        if length <= budget or len(group) == 1:
            pieces.append(text)
        else:
            half = len(group) // 2
            pieces.extend(_fit_groups([group[:half], group[half:]], budget, count_tokens))
    return pieces


def segment_paragraphs(
    paragraphs: Sequence[str],
    count_tokens: TokenCounter,
    budget: int,
    max_sentences: int = 1,
    language: str = "ko",
) -> Segmentation:
    """Split paragraphs into sentences and pack them into chunks that fit the model's window.

    Chunks never cross a paragraph boundary, so translations can be put back paragraph by paragraph.
    """
    chunks: list[Chunk] = []
    split_count = 0
    for p_index, paragraph in enumerate(paragraphs):
        sentences = split_sentences(paragraph, language)
        if not sentences:
            continue
        lengths = count_tokens(sentences)
        for group in pack_sentences(lengths, budget, max_sentences):
            if len(group) == 1 and lengths[group[0]] > budget:
                pieces = split_overlong(sentences[group[0]], budget, count_tokens, lengths[group[0]])
                split_count += 1
                chunks.extend(Chunk(p_index, (group[0],), piece, part=i + 1) for i, piece in enumerate(pieces))
            else:
                chunks.append(Chunk(p_index, tuple(group), " ".join(sentences[i] for i in group)))
    return Segmentation(chunks=tuple(chunks), split_sentences=split_count)
