"""The default backend: Hugging Face transformers `generate`, mapped from the shared DecodingContract."""

from __future__ import annotations

import logging
from typing import Any

import torch

from summarizer.engines.base import GenerationOptions, TokenizerBackedEngine
from summarizer.engines.contract import DecodingContract
from summarizer.engines.families import FamilySpec
from summarizer.types import ModelInfo

log = logging.getLogger(__name__)


class TransformersEngine(TokenizerBackedEngine):
    """A loaded AutoModelForSeq2SeqLM + tokenizer on one device (or spread by accelerate's device_map)."""

    def __init__(
        self, model: Any, tokenizer: Any, info: ModelInfo, device: str, spec: FamilySpec, contract: DecodingContract
    ) -> None:
        from transformers import GenerationConfig

        self.model = model
        self.tokenizer = tokenizer
        self.info = info
        self.device = device
        self.spec = spec
        self.contract = contract
        self._init_tokenizer_lock()
        # Only the contract's ids remain as defaults: a checkpoint's own settings (bart-large-cnn's min_length=56,
        # forced_eos_token_id, max_length) cannot leak into generate() and make the backends decode differently.
        model.generation_config = GenerationConfig(
            decoder_start_token_id=contract.decoder_start_id,
            eos_token_id=list(contract.eos_ids),
            pad_token_id=contract.pad_id,
        )

    def _run_batch(self, batch: list[list[int]], cap: int, minimum: int, options: GenerationOptions) -> list[list[int]]:
        contract = self.contract
        longest = max(len(ids) for ids in batch)
        input_ids = torch.full((len(batch), longest), contract.pad_id, dtype=torch.long)
        attention = torch.zeros((len(batch), longest), dtype=torch.long)
        for row, ids in enumerate(batch):
            input_ids[row, : len(ids)] = torch.tensor(ids, dtype=torch.long)
            attention[row, : len(ids)] = 1
        # The decoder starts from its start id plus the forced prefix, exactly as CTranslate2's target_prefix.
        start = [contract.decoder_start_id, *contract.target_prefix_ids]
        decoder_input_ids = torch.tensor([start] * len(batch), dtype=torch.long)
        kwargs: dict[str, Any] = dict(
            num_beams=options.num_beams,
            max_new_tokens=cap + 1,  # room for an end token right after `cap` content tokens
            min_new_tokens=minimum,
            no_repeat_ngram_size=options.no_repeat_ngram_size,
            repetition_penalty=options.repetition_penalty,
            do_sample=False,
        )
        if options.num_beams > 1:
            kwargs.update(length_penalty=options.length_penalty, early_stopping=True)
        device = _input_device(self.model, self.device)
        with torch.inference_mode():
            output = self.model.generate(
                input_ids=input_ids.to(device),
                attention_mask=attention.to(device),
                decoder_input_ids=decoder_input_ids.to(device),
                **kwargs,
            )
        return [row[len(start) :].tolist() for row in output]

    def _is_out_of_memory(self, exc: BaseException) -> bool:
        return isinstance(exc, torch.OutOfMemoryError)

    def _free_memory(self) -> None:
        if torch.cuda.is_available():
            torch.cuda.empty_cache()


def _input_device(model: Any, device: str) -> torch.device:
    # With accelerate's device_map the inputs go where the first (embedding) layer lives.
    if getattr(model, "hf_device_map", None):
        return next(model.parameters()).device
    return torch.device(device)
