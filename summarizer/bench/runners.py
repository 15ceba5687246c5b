"""One runner per measured backend: load, translate N sentences to exactly `new_tokens` tokens, describe."""

from __future__ import annotations

import gc
import os
from pathlib import Path
from typing import Any, Sequence

from summarizer.bench.report import BackendJob


class _NaiveRunner:
    """transformers as most scripts use it: one sentence per generate() call."""

    def __init__(self, job: BackendJob) -> None:
        self.job = job
        self.model: Any = None
        self.tokenizer: Any = None

    def load(self) -> None:
        import torch
        from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

        if self.job.config.threads:
            torch.set_num_threads(self.job.config.threads)
        self.tokenizer = AutoTokenizer.from_pretrained(self.job.checkpoint, trust_remote_code=False)
        model = AutoModelForSeq2SeqLM.from_pretrained(self.job.checkpoint, trust_remote_code=False)
        self.model = model.to(self.job.device).eval()
        _disable_forced_eos(self.model)  # this runner's own copy, not the loader's shared one

    def translate(self, sentences: Sequence[str], new_tokens: int) -> list[int]:
        lengths = []
        for sentence in sentences:
            inputs = self.tokenizer(sentence, return_tensors="pt").to(self.job.device)
            output = self.model.generate(
                **inputs,
                num_beams=self.job.config.num_beams,
                do_sample=False,
                min_new_tokens=new_tokens,
                max_new_tokens=new_tokens,
            )
            self.tokenizer.decode(output[0], skip_special_tokens=True)
            lengths.append(int(output.shape[1]) - 1)  # minus the decoder start token
        return lengths

    def detail(self) -> str:
        import torch

        return f"fp32, one sentence per generate(), {torch.get_num_threads()} torch threads"

    def close(self) -> None:
        self.model = None
        gc.collect()


class _EngineRunner:
    """This project's engines: the loader's TransformersEngine, or CTranslate2Engine on the int8 copy."""

    def __init__(self, job: BackendJob) -> None:
        self.job = job
        self.engine: Any = None

    def load(self) -> None:
        if self.job.backend == "transformers":
            import torch

            from summarizer.engines.loader import load_engine

            if self.job.config.threads:
                torch.set_num_threads(self.job.config.threads)
            # The decoding contract (engines/contract.py) makes min = max = N give N content tokens on both backends.
            self.engine = load_engine(self.job.checkpoint, "translation", self.job.device, "transformers")
        else:
            from summarizer.engines.ctranslate2_engine import load_ctranslate2_engine
            from summarizer.types import ModelInfo

            info = ModelInfo(task="translation", model_id=self.job.checkpoint, backend="ctranslate2")
            compute_type = "int8" if self.job.device == "cpu" else "int8_float16"
            converted = Path(self.job.converted or "")
            self.engine = load_ctranslate2_engine(converted, info, self.job.device, compute_type, self.job.config.threads)

    def translate(self, sentences: Sequence[str], new_tokens: int) -> list[int]:
        from summarizer.engines.base import GenerationOptions

        options = GenerationOptions(
            num_beams=self.job.config.num_beams,
            max_new_tokens=new_tokens,
            min_new_tokens=new_tokens,
            max_length_ratio=float(new_tokens),  # never let the ratio cap cut below N
            max_length_slack=new_tokens,
            no_repeat_ngram_size=0,
            batch_max_tokens=self._budget(),
            max_batch_size=self.job.config.max_batch_size,
        )
        return [g.num_tokens for g in self.engine.generate_detailed(list(sentences), options)]

    def _budget(self) -> int:
        from summarizer.engines.batching import decoding_budget

        return decoding_budget(self.job.device, self.job.config.batch_max_tokens)

    def detail(self) -> str:
        c = self.job.config
        batching = f"length-sorted batches ≤ {self._budget()} decoding tokens / {c.max_batch_size} sentences"
        if self.job.backend == "transformers":
            import torch

            dtype = str(next(self.engine.model.parameters()).dtype).replace("torch.", "")
            return f"{dtype}, {batching}, inference_mode, {torch.get_num_threads()} torch threads"
        runtime = self.engine.runtime
        return f"{runtime.compute_type}, {batching}, {runtime.intra_threads} intra threads, 1 inter thread"

    def close(self) -> None:
        from summarizer.engines.loader import clear_cache

        self.engine = None
        clear_cache()
        gc.collect()


def _disable_forced_eos(model: Any) -> None:
    # Marian forces </s> at the length cap; CTranslate2 does not. Without it every backend emits N real tokens.
    model.generation_config.forced_eos_token_id = None


def quiet_libraries() -> None:
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    try:
        from transformers.utils import logging as hf_logging

        hf_logging.set_verbosity_error()
        hf_logging.disable_progress_bar()
    except ImportError:
        pass


class _ExpertRunner:
    """What a CTranslate2 expert writes by hand: tokenize, one `translate_batch` over every sentence with
    the best of a few batch sizes (CTranslate2 sorts by length and rebatches itself), detokenize."""

    _BATCH_SIZES = (16, 32, 64)

    def __init__(self, job: BackendJob) -> None:
        self.job = job
        self.translator: Any = None
        self.tokenizer: Any = None
        self.best: int | None = None

    def load(self) -> None:
        import ctranslate2
        from transformers import AutoTokenizer

        folder = Path(self.job.converted or "")
        tokenizer_dir = folder / "tokenizer" if (folder / "tokenizer").is_dir() else folder
        self.tokenizer = AutoTokenizer.from_pretrained(str(tokenizer_dir), trust_remote_code=False)
        from summarizer.engines.ctranslate2_engine import usable_cpu_cores

        device = "cuda" if self.job.device.startswith("cuda") else "cpu"
        threads = self.job.config.threads or usable_cpu_cores()
        compute_type = "int8" if device == "cpu" else "int8_float16"
        self.translator = ctranslate2.Translator(str(folder), device=device, compute_type=compute_type, intra_threads=threads, inter_threads=1)

    def calibrate(self, sentences: Sequence[str], new_tokens: int) -> None:
        """Off the clock: time each batch size once on the real sentences and keep the fastest."""
        import time

        timings = []
        for size in self._BATCH_SIZES:
            started = time.perf_counter()
            self._run(sentences, new_tokens, size)
            timings.append((time.perf_counter() - started, size))
        self.best = min(timings)[1]

    def translate(self, sentences: Sequence[str], new_tokens: int) -> list[int]:
        return self._run(sentences, new_tokens, self.best or self._BATCH_SIZES[-1])

    def _run(self, sentences: Sequence[str], new_tokens: int, batch_size: int) -> list[int]:
        sources = [self.tokenizer.convert_ids_to_tokens(ids) for ids in self.tokenizer(list(sentences))["input_ids"]]
        results = self.translator.translate_batch(
            sources,
            beam_size=self.job.config.num_beams,
            max_batch_size=batch_size,
            batch_type="examples",
            min_decoding_length=new_tokens,
            max_decoding_length=new_tokens,
            no_repeat_ngram_size=0,
        )
        hypotheses = [r.hypotheses[0] for r in results]
        self.tokenizer.batch_decode([self.tokenizer.convert_tokens_to_ids(h) for h in hypotheses], skip_special_tokens=True)
        return [len(h) for h in hypotheses]

    def detail(self) -> str:
        return f"hand-written translate_batch, int8, max_batch_size {self.best} (best of {self._BATCH_SIZES}), length-sorted by CTranslate2"

    def close(self) -> None:
        self.translator = None
        gc.collect()


RUNNERS = {"naive": _NaiveRunner, "transformers": _EngineRunner, "ctranslate2": _EngineRunner, "expert": _ExpertRunner}
