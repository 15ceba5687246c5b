"""The one decoding contract both backends apply: source framing, target prefix, end ids, length limits.

Resolved once at load from the tokenizer, config.json and generation_config.json (`resolve_contract`),
stored beside a CTranslate2 conversion (`to_dict`/`from_dict`), and mapped by each backend onto its own
call. Counting rule shared by both backends:

    cap       = content tokens an output may hold (GenerationOptions.max_new_tokens_for(source length))
    min       = content tokens it must hold before it may end (GenerationOptions.min_new_tokens_for)
    content   = generated tokens after the decoder start and the forced target prefix, before the end token
    decoding  = up to cap + 1 steps after the prefix, so an end token right after `cap` content tokens still
                counts as a natural stop; `cut` then keeps ≤ cap content tokens and says why it stopped.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Mapping, Sequence

from summarizer.engines.families import FamilySpec
from summarizer.errors import ModelUnavailableError

# Models whose config claims a huge window still get this cap (memory and quality both degrade past it).
WINDOW_CAP = 1024
# Families built on BART whose source is framed <s> … </s> even when the tokenizer adds nothing (KoBART).
_BART_FRAMED = ("bart", "kobart", "mbart")


@dataclass(frozen=True)
class DecodingContract:
    """How a model's inputs are framed and its outputs end, in token ids (the same for both backends)."""

    source_prefix_ids: tuple[int, ...]  # before the text: <s> (BART), the source language code (NLLB, mBART-50)
    source_suffix_ids: tuple[int, ...]  # after the text: </s>
    target_prefix_ids: tuple[int, ...]  # forced first target tokens (target language, BART's <s>); never output
    decoder_start_id: int
    eos_ids: tuple[int, ...]
    pad_id: int
    text_prefix: str  # prepended to each text before tokenizing ("summarize: ", bart-large-cnn's " ")
    window: int  # source tokens one input may hold, framing included

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "DecodingContract":
        tuples = ("source_prefix_ids", "source_suffix_ids", "target_prefix_ids", "eos_ids")
        return cls(**{k: tuple(v) if k in tuples else v for k, v in data.items() if k in cls.__dataclass_fields__})

    def encode(self, tokenizer: Any, texts: Sequence[str]) -> list[list[int]]:
        """Framed source ids per text, cut to the window. Special-token strings in the text stay text."""
        if not texts:
            return []
        bare = tokenizer(
            [self.text_prefix + t for t in texts], add_special_tokens=False, split_special_tokens=True
        )["input_ids"]
        room = max(1, self.window - len(self.source_prefix_ids) - len(self.source_suffix_ids))
        return [[*self.source_prefix_ids, *ids[:room], *self.source_suffix_ids] for ids in bare]

    def cut(self, content_ids: Sequence[int], cap: int) -> tuple[list[int], bool]:
        """Content ids (prefix already dropped) → (ids kept, stopped on an end token within the cap)."""
        eos_at = next((i for i, token in enumerate(content_ids) if token in self.eos_ids), None)
        if eos_at is not None and eos_at <= cap:
            return list(content_ids[:eos_at]), True
        return list(content_ids[:cap]), False


def resolve_contract(
    tokenizer: Any, config: Mapping[str, Any], generation: Mapping[str, Any], spec: FamilySpec
) -> DecodingContract:
    """The contract for a loaded tokenizer and the model's config/generation config (as dicts).

    Raises:
        ModelUnavailableError: a multilingual model whose tokenizer lacks its language codes, or a model
            whose files name no end token.
    """
    if spec.src_lang and hasattr(tokenizer, "src_lang"):
        tokenizer.src_lang = spec.src_lang
    prefix, suffix = _tokenizer_framing(tokenizer)
    bos, eos = _first_set(generation.get("bos_token_id"), config.get("bos_token_id")), _end_ids(tokenizer, config, generation)
    if not eos:
        raise ModelUnavailableError("the model's files name no end-of-sequence token (eos_token_id)")
    if not prefix and not suffix and spec.family in _BART_FRAMED and isinstance(bos, int):
        # KoBART's tokenizer adds nothing, but the model was trained on <s> … </s> (finding 1).
        prefix, suffix = (bos,), (eos[0],)
    target_prefix: tuple[int, ...] = ()
    if spec.src_lang:
        source_id = language_token_id(tokenizer, spec.src_lang)
        if source_id is None or source_id not in prefix + suffix:
            raise ModelUnavailableError(
                f"the tokenizer does not know source language code {spec.src_lang!r}: "
                "its files lack the language codes (tokenizer.json / sentencepiece model missing?)"
            )
    if spec.tgt_lang:
        target_id = language_token_id(tokenizer, spec.tgt_lang)
        if target_id is None:
            raise ModelUnavailableError(f"the tokenizer does not know target language code {spec.tgt_lang!r}")
        target_prefix = (target_id,)
    elif isinstance(generation.get("forced_bos_token_id"), int):
        target_prefix = (generation["forced_bos_token_id"],)
    start = _first_set(generation.get("decoder_start_token_id"), config.get("decoder_start_token_id"))
    pad = _first_set(tokenizer.pad_token_id, config.get("pad_token_id"), generation.get("pad_token_id"))
    text_prefix = spec.prefix or (config.get("prefix") or "")
    return DecodingContract(
        source_prefix_ids=tuple(prefix),
        source_suffix_ids=tuple(suffix),
        target_prefix_ids=target_prefix,
        decoder_start_id=int(start if start is not None else (pad if pad is not None else eos[0])),
        eos_ids=eos,
        pad_id=int(pad if pad is not None else eos[0]),
        text_prefix=text_prefix,
        window=input_window(config, tokenizer),
    )


def language_token_id(tokenizer: Any, code: str) -> int | None:
    """The id of a language code token; M2M100 names "en" as "__en__" (its plain "en" is a subword)."""
    unknown = tokenizer.unk_token_id
    for token in (f"__{code}__", code):
        token_id = tokenizer.convert_tokens_to_ids(token)
        if isinstance(token_id, int) and token_id != unknown:
            return token_id
    return None


def input_window(config: Mapping[str, Any], tokenizer: Any) -> int:
    """Source tokens one input may hold: the model's positions, the tokenizer's limit, at most WINDOW_CAP."""
    limits = [
        config.get("max_position_embeddings"),
        config.get("n_positions"),
        tokenizer.model_max_length if tokenizer.model_max_length < 100_000 else None,
    ]
    known = [int(x) for x in limits if x]
    return min(known + [WINDOW_CAP]) if known else 512


def _tokenizer_framing(tokenizer: Any) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The ids the tokenizer itself puts before and after a text."""
    bare = tokenizer("a b", add_special_tokens=False)["input_ids"]
    full = tokenizer("a b", add_special_tokens=True)["input_ids"]
    for start in range(len(full) - len(bare) + 1):
        if full[start : start + len(bare)] == bare:
            return tuple(full[:start]), tuple(full[start + len(bare) :])
    return (), ()


def _end_ids(tokenizer: Any, config: Mapping[str, Any], generation: Mapping[str, Any]) -> tuple[int, ...]:
    # `is not None`, never `or`: Marian fine-tunes use id 0 as </s>.
    value = _first_set(generation.get("eos_token_id"), config.get("eos_token_id"), tokenizer.eos_token_id)
    if value is None:
        return ()
    return tuple(int(v) for v in value) if isinstance(value, (list, tuple)) else (int(value),)


def _first_set(*values: Any) -> Any:
    return next((v for v in values if v is not None), None)
