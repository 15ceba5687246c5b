"""The default backend: Hugging Face transformers `generate`, batched by token budget."""

from __future__ import annotations

import logging
from typing import Any, Callable, Sequence

import torch

from summarizer.engines.base import Generation, GenerationOptions, TokenizerBackedEngine
from summarizer.engines.batching import token_budget_batches
from summarizer.engines.families import FamilySpec
from summarizer.types import ModelInfo

log = logging.getLogger(__name__)

# Models whose config claims a huge window still get this cap (memory and quality both degrade past it).
_WINDOW_CAP = 1024


class TransformersEngine(TokenizerBackedEngine):
    """A loaded AutoModelForSeq2SeqLM + tokenizer on one device (or spread by accelerate's device_map)."""

    def __init__(self, model: Any, tokenizer: Any, info: ModelInfo, device: str, spec: FamilySpec) -> None:
        self.model = model
        self.tokenizer = tokenizer
        self.info = info
        self.device = device
        self.spec = spec
        if spec.src_lang and hasattr(tokenizer, "src_lang"):
            tokenizer.src_lang = spec.src_lang
        self._forced_bos = self._target_language_token_id()
        self._eos_id = model.generation_config.eos_token_id or tokenizer.eos_token_id
        self._pad_id = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else 0
        self._forces_eos = model.generation_config.forced_eos_token_id is not None

    # --- tokens -------------------------------------------------------------------------------------

    @property
    def max_input_tokens(self) -> int:
        config = self.model.config
        limits = [
            getattr(config, "max_position_embeddings", None),
            getattr(config, "n_positions", None),
            self.tokenizer.model_max_length if self.tokenizer.model_max_length < 100_000 else None,
        ]
        known = [int(x) for x in limits if x]
        return min(known + [_WINDOW_CAP]) if known else 512

    # --- generation ---------------------------------------------------------------------------------

    def generate(self, texts: Sequence[str], options: GenerationOptions) -> list[str]:
        return [g.text for g in self.generate_detailed(texts, options)]

    def generate_detailed(
        self, texts: Sequence[str], options: GenerationOptions, progress: Callable[[int], None] | None = None
    ) -> list[Generation]:
        """Tokenize once, batch longest-first within the token budget, decode back in input order.

        `progress`, if given, is called with the number of inputs done after each batch.
        """
        if not texts:
            return []
        window = self.max_input_tokens
        # Tokenize once up front (off the generate loop); callers split overlong input before this,
        # so truncation here only guards the model's position table and is reported by the caller.
        encoded = self.tokenizer(
            [self.spec.prefix + t for t in texts], add_special_tokens=True, truncation=True, max_length=window
        )["input_ids"]
        lengths = [len(ids) for ids in encoded]
        results: list[Generation | None] = [None] * len(texts)
        done = 0
        for batch in token_budget_batches(lengths, options.batch_max_tokens, options.max_batch_size):
            for index, generation in zip(batch, self._generate_batch([encoded[i] for i in batch], options)):
                results[index] = generation
            done += len(batch)
            if progress:
                progress(done)
        return [r for r in results if r is not None]

    def _generate_batch(self, batch_ids: list[list[int]], options: GenerationOptions) -> list[Generation]:
        try:
            return self._generate_padded(batch_ids, options)
        except torch.OutOfMemoryError:
            if len(batch_ids) == 1:
                raise
            # Out of GPU memory: halve the batch and retry both halves; nothing is dropped.
            log.warning("out of memory on a batch of %d; retrying in halves", len(batch_ids))
            if torch.cuda.is_available():
                torch.cuda.empty_cache()
            half = len(batch_ids) // 2
            return self._generate_batch(batch_ids[:half], options) + self._generate_batch(batch_ids[half:], options)

    def _generate_padded(self, batch_ids: list[list[int]], options: GenerationOptions) -> list[Generation]:
        longest = max(len(ids) for ids in batch_ids)
        input_ids = torch.full((len(batch_ids), longest), self._pad_id, dtype=torch.long)
        attention = torch.zeros((len(batch_ids), longest), dtype=torch.long)
        for row, ids in enumerate(batch_ids):
            input_ids[row, : len(ids)] = torch.tensor(ids, dtype=torch.long)
            attention[row, : len(ids)] = 1
        # Each input keeps its own length cap; the batch runs to the largest and outputs are cut back,
        # so batched greedy output equals one-at-a-time output.
        caps = [options.max_new_tokens_for(len(ids)) for ids in batch_ids]
        # Every decoding setting explicit, so a checkpoint's generation_config (e.g. bart-large-cnn's
        # min_length=56) cannot override GenerationOptions and both backends decode alike.
        kwargs: dict[str, Any] = dict(
            num_beams=options.num_beams,
            max_new_tokens=max(caps),
            min_length=0,
            no_repeat_ngram_size=options.no_repeat_ngram_size,
            repetition_penalty=options.repetition_penalty,
            do_sample=False,
        )
        if options.num_beams > 1:
            kwargs.update(length_penalty=options.length_penalty, early_stopping=True)
        if options.min_new_tokens:
            kwargs["min_new_tokens"] = min(options.min_new_tokens, max(caps))
        if self._forced_bos is not None:
            kwargs["forced_bos_token_id"] = self._forced_bos
        device = _input_device(self.model, self.device)
        with torch.inference_mode():
            output = self.model.generate(
                input_ids=input_ids.to(device), attention_mask=attention.to(device), **kwargs
            )
        return [self._decode(row.tolist(), cap) for row, cap in zip(output, caps)]

    def _decode(self, ids: list[int], cap: int) -> Generation:
        ids = ids[1:]  # generate() output always begins with the decoder start token
        if self._forced_bos is not None and ids and ids[0] == self._forced_bos:
            ids = ids[1:]
            cap -= 1
        # With forced_eos_token_id (Marian, BART) the last slot under the cap is always EOS.
        content_limit = cap - 1 if self._forces_eos else cap
        eos_ids = self._eos_id if isinstance(self._eos_id, list) else [self._eos_id]
        eos_at = next((i for i, token in enumerate(ids) if token in eos_ids), None)
        if eos_at is not None and eos_at < content_limit:
            ids, stopped = ids[:eos_at], True
        else:
            end = len(ids) if eos_at is None else eos_at
            stopped = eos_at is None and end < content_limit  # a stop other than the cap
            ids = ids[: min(end, content_limit)]
        text = self.tokenizer.decode(ids, skip_special_tokens=True, clean_up_tokenization_spaces=True)
        return Generation(text=text.strip(), num_tokens=len(ids), stopped=stopped)

    def _target_language_token_id(self) -> int | None:
        lang = self.spec.tgt_lang
        if not lang:
            return None
        get_lang_id = getattr(self.tokenizer, "get_lang_id", None)
        if callable(get_lang_id):  # M2M100 names its language tokens "__en__"; "en" is an ordinary piece
            try:
                return int(get_lang_id(lang))
            except (KeyError, ValueError):
                pass
        token_id = self.tokenizer.convert_tokens_to_ids(lang)
        if token_id is None or token_id == self.tokenizer.unk_token_id:
            return None
        return int(token_id)


def _input_device(model: Any, device: str) -> torch.device:
    # With accelerate's device_map the inputs go where the first (embedding) layer lives.
    if getattr(model, "hf_device_map", None):
        return next(model.parameters()).device
    return torch.device(device)
