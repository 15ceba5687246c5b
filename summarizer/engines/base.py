"""The one interface every generation backend implements (transformers, CTranslate2)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, replace
from typing import Any, Callable, Sequence

from summarizer.engines.families import FamilySpec
from summarizer.types import ModelInfo


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
    batch_max_tokens: int = 4096  # token budget per generate() call (padded input tokens)
    max_batch_size: int = 64

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
        cap = int(self.max_length_ratio * input_tokens) + self.max_length_slack
        return max(1, min(self.max_new_tokens, cap))


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
    def tokenize(self, text: str) -> list[str]:
        """Source-side subword pieces of `text` (no special tokens); used to split overlong input."""

    @abstractmethod
    def detokenize(self, pieces: Sequence[str]) -> str:
        """Inverse of tokenize for a slice of pieces."""

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """Source token counts including special tokens (what counts against the window)."""
        return [len(self.tokenize(t)) + 1 for t in texts]

    @abstractmethod
    def generate(self, texts: Sequence[str], options: GenerationOptions) -> list[str]:
        """Generate one output per input text, in input order, batching internally."""

    def generate_detailed(
        self, texts: Sequence[str], options: GenerationOptions, progress: Callable[[int], None] | None = None
    ) -> list[Generation]:
        """Like generate(), with token counts and whether each output ended on its own.

        `progress`, if given, is called with the number of inputs done after each batch.
        Backends that know more override this; the default cannot tell a cut-off output.
        """
        outputs = [Generation(text=t, num_tokens=-1, stopped=None) for t in self.generate(texts, options)]
        if progress:
            progress(len(outputs))
        return outputs


class TokenizerBackedEngine(Seq2SeqEngine):
    """An engine whose source side is a Hugging Face tokenizer: both backends count and split tokens alike."""

    tokenizer: Any
    spec: FamilySpec

    def tokenize(self, text: str) -> list[str]:
        return self.tokenizer.tokenize(text)

    def detokenize(self, pieces: Sequence[str]) -> str:
        return self.tokenizer.convert_tokens_to_string(list(pieces)).strip()

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        if not texts:
            return []
        encoded = self.tokenizer([self.spec.prefix + t for t in texts], add_special_tokens=True)["input_ids"]
        return [len(ids) for ids in encoded]
