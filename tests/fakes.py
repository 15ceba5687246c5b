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

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        return [len(t.split()) + 1 for t in texts]

    def generate_detailed(self, texts, options, progress=None):
        self.calls.append(list(texts))
        outputs = [Generation(self.respond(t, options), len(t.split()), True) for t in texts]
        if progress is not None and texts:
            progress(len(texts))
        return outputs
