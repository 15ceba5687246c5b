"""A deterministic stand-in engine for testing the logic around models (retries, map-reduce, order)."""

from __future__ import annotations

from typing import Callable, Sequence

from summarizer.engines.base import Generation, GenerationOptions, Seq2SeqEngine
from summarizer.types import ModelInfo


class ScriptedEngine(Seq2SeqEngine):
    """Answers each input with `respond(text, options)`; counts tokens as whitespace words + 1."""

    def __init__(self, respond: Callable[[str, GenerationOptions], str], window: int = 512, task: str = "translation"):
        self.respond = respond
        self.window = window
        self.info = ModelInfo(task=task, model_id="scripted", family="scripted")
        self.device = "cpu"
        self.calls: list[list[str]] = []

    @property
    def max_input_tokens(self) -> int:
        return self.window

    def tokenize(self, text: str) -> list[str]:
        return text.split()

    def detokenize(self, pieces: Sequence[str]) -> str:
        return " ".join(pieces)

    def generate(self, texts, options):
        return [g.text for g in self.generate_detailed(texts, options)]

    def generate_detailed(self, texts, options, progress=None):
        self.calls.append(list(texts))
        outputs = [Generation(self.respond(t, options), len(t.split()), True) for t in texts]
        if progress:
            progress(len(outputs))
        return outputs
