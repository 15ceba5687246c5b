"""The one interface every generation backend implements (transformers, CTranslate2)."""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from abc import ABC, abstractmethod
from dataclasses import dataclass, replace
from typing import Any, Callable, Sequence

from summarizer.engines.batching import CPU_DECODING_BUDGET, decoding_cost, split_by, token_budget_batches
from summarizer.engines.contract import DecodingContract
from summarizer.engines.families import FamilySpec
from summarizer.errors import ModelError
from summarizer.types import ModelInfo

log = logging.getLogger(__name__)

Progress = Callable[[int], None]
_ENCODED_MEMO_SIZE = 8192  # texts whose ids an engine keeps: a few batches of articles' sentences


@dataclass(frozen=True)
class GenerationOptions:
    """Decoding settings. Defaults guard against the known Marian/NLLB repetition loops:
    a hard cap on output length relative to the input, and no repeated 4-grams."""

    num_beams: int = 4
    max_length_ratio: float = 1.8  # max new tokens = ratio * input tokens + max_length_slack
    max_length_slack: int = 10
    max_new_tokens: int = 512  # absolute cap
    min_new_tokens: int = 0
    no_repeat_ngram_size: int = 4
    repetition_penalty: float = 1.0
    length_penalty: float = 1.0
    # Decoding tokens a batch may hold: rows × beams × (longest source + its output cap); see batching.py.
    batch_max_tokens: int = CPU_DECODING_BUDGET
    max_batch_size: int = 64
    retry_degenerate: bool = True  # decode a degenerate output again with stricter() settings (translation.py)

    def stricter(self) -> "GenerationOptions":
        """Settings for a retry after degenerate output: forbid shorter repeats, penalise repetition."""
        return replace(
            self,
            no_repeat_ngram_size=3,
            repetition_penalty=max(self.repetition_penalty, 1.3),
            num_beams=max(self.num_beams, 4),
            max_length_ratio=min(self.max_length_ratio, 1.5),
        )

    def max_new_tokens_for(self, input_tokens: int) -> int:
        """Content tokens an output of an `input_tokens`-long source may hold."""
        cap = int(self.max_length_ratio * input_tokens) + self.max_length_slack
        return max(1, min(self.max_new_tokens, cap))

    def min_new_tokens_for(self, input_tokens: int) -> int:
        """Content tokens an output must hold before it may end: chosen per input, at most half its own cap,
        so a short input is never pushed to (or past) its cap by the minimum."""
        cap = self.max_new_tokens_for(input_tokens)
        if self.min_new_tokens >= self.max_new_tokens:  # an exact length was asked for
            return min(self.min_new_tokens, cap)
        return min(self.min_new_tokens, cap // 2)


@dataclass(frozen=True)
class Generation:
    """One generated output with what the degenerate-output guard needs to know."""

    text: str
    num_tokens: int  # generated target tokens (-1 when the backend does not say)
    stopped: bool | None  # True: ended with end-of-sequence; False: cut at the length cap; None: unknown


class Seq2SeqEngine(ABC):
    """A loaded seq2seq model that turns a batch of source texts into target texts.

    Engines own device, dtype and batching: callers hand over any number of texts and get
    the outputs back in the same order.
    """

    info: ModelInfo
    device: str

    @property
    @abstractmethod
    def max_input_tokens(self) -> int:
        """How many source tokens one input may hold (the model's window, special tokens included)."""

    @abstractmethod
    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """Source token counts including special tokens (what counts against the window)."""

    def generate(self, texts: Sequence[str], options: GenerationOptions, progress: Progress | None = None) -> list[str]:
        """Generate one output per input text, in input order, batching internally.

        progress, when given, is called after each batch with the number of inputs done so far.
        """
        return [g.text for g in self.generate_detailed(texts, options, progress)]

    @abstractmethod
    def generate_detailed(
        self, texts: Sequence[str], options: GenerationOptions, progress: Progress | None = None
    ) -> list[Generation]:
        """Like generate(), with token counts and whether each output ended on its own."""


class TokenizerBackedEngine(Seq2SeqEngine):
    """An engine whose source side is a Hugging Face tokenizer and whose decoding follows one DecodingContract.

    Subclasses map one padded batch onto their library (`_run_batch`) and say which exceptions mean
    "out of memory" (`_is_out_of_memory`); framing, caps, minimums, batching, OOM halving, cutting and
    decoding happen here, alike for every backend.
    """

    tokenizer: Any
    spec: FamilySpec
    contract: DecodingContract

    def _init_tokenizer_lock(self) -> None:
        # Fast tokenizers are not safe to share between threads ("Already borrowed"): one call at a time.
        self._tokenizer_lock = threading.Lock()
        # Ids of recently encoded texts: the segmenter counts a sentence's tokens, then generate() needs its ids.
        self._encoded: OrderedDict[str, list[int]] = OrderedDict()

    @property
    def max_input_tokens(self) -> int:
        return self.contract.window

    def encode(self, texts: Sequence[str]) -> list[list[int]]:
        """Framed source ids of each text (the contract's framing), cut to the window; a text encoded
        recently (e.g. counted by the segmenter) is not tokenized again."""
        with self._tokenizer_lock:
            memo = self._encoded
            missing = list(dict.fromkeys(t for t in texts if t not in memo))
            for text, ids in zip(missing, self.contract.encode(self.tokenizer, missing)):
                memo[text] = ids
            encoded = [list(memo[t]) for t in texts]
            for text in texts:
                memo.move_to_end(text)
            while len(memo) > _ENCODED_MEMO_SIZE:
                memo.popitem(last=False)
            return encoded

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        return [len(ids) for ids in self.encode(texts)]

    def generate_detailed(
        self, texts: Sequence[str], options: GenerationOptions, progress: Progress | None = None
    ) -> list[Generation]:
        """Tokenize once, batch longest-first within the decoding budget (one minimum per batch), decode in order."""
        if not texts:
            return []
        encoded = self.encode(texts)
        caps = [options.max_new_tokens_for(len(ids)) for ids in encoded]
        minimums = [options.min_new_tokens_for(len(ids)) for ids in encoded]
        results: list[Generation | None] = [None] * len(texts)
        done = 0
        row_cost = decoding_cost(options.num_beams, options.max_new_tokens_for)
        lengths = [len(ids) for ids in encoded]
        for budget_batch in token_budget_batches(lengths, options.batch_max_tokens, options.max_batch_size, row_cost):
            for batch in split_by(budget_batch, minimums):
                rows = self._run_halving([encoded[i] for i in batch], max(caps[i] for i in batch), minimums[batch[0]], options)
                for index, content in zip(batch, rows):
                    results[index] = self._decode(content, caps[index])
                done += len(batch)
                if progress is not None:
                    progress(done)
        return [r for r in results if r is not None]

    def _run_halving(self, batch: list[list[int]], cap: int, minimum: int, options: GenerationOptions) -> list[list[int]]:
        """Content ids per row; out of memory halves the batch and retries both halves (nothing is dropped)."""
        try:
            return self._run_batch(batch, cap, minimum, options)
        except Exception as exc:
            if not self._is_out_of_memory(exc):
                raise
        # Retried outside the except block, so the failed call's frames (and their tensors) are freed first.
        if len(batch) == 1:
            raise ModelError("out of memory on a single input; use a smaller model, a shorter input or --device cpu")
        log.warning("out of memory on a batch of %d; retrying in halves", len(batch))
        self._free_memory()
        half = len(batch) // 2
        return self._run_halving(batch[:half], cap, minimum, options) + self._run_halving(batch[half:], cap, minimum, options)

    def _decode(self, content: list[int], cap: int) -> Generation:
        ids, stopped = self.contract.cut(content, cap)
        with self._tokenizer_lock:
            text = self.tokenizer.decode(ids, skip_special_tokens=True, clean_up_tokenization_spaces=True)
        return Generation(text=text.strip(), num_tokens=len(ids), stopped=stopped)

    @abstractmethod
    def _run_batch(self, batch: list[list[int]], cap: int, minimum: int, options: GenerationOptions) -> list[list[int]]:
        """Generate for framed source ids: per row, the ids after the target prefix (≤ cap + 1 of them)."""

    @abstractmethod
    def _is_out_of_memory(self, exc: BaseException) -> bool: ...

    def _free_memory(self) -> None:
        """Release cached device memory before a retry (backends with a cache override this)."""
