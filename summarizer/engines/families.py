"""What differs between seq2seq families: language tokens, input prefixes, tokenizer quirks."""

from __future__ import annotations

from dataclasses import dataclass

from summarizer.registry import RegistryEntry

# Source/target language codes per family when translating Korean → English.
LANGUAGE_CODES: dict[str, tuple[str, str]] = {
    "nllb": ("kor_Hang", "eng_Latn"),
    "m2m100": ("ko", "en"),
    "mbart50": ("ko_KR", "en_XX"),
}
# Task prefixes for T5-style models trained with them (mT5 crossSum and KoBART take raw text).
_T5_PREFIXES = {"summarization": "summarize: ", "translation": "translate Korean to English: "}


@dataclass(frozen=True)
class FamilySpec:
    """How to drive one model: its family, language codes (multilingual models) and input prefix."""

    family: str
    src_lang: str | None = None
    tgt_lang: str | None = None
    prefix: str = ""


def detect_family(model_type: str, tokenizer_class: str) -> str:
    """Family name from config.model_type and the tokenizer class name."""
    tokenizer_class = tokenizer_class.lower()
    if model_type == "m2m_100":
        return "nllb" if "nllb" in tokenizer_class else "m2m100"
    if model_type == "mbart":
        return "mbart50" if "mbart50" in tokenizer_class or "mbart" in tokenizer_class else "mbart"
    if model_type == "bart" and "bart" not in tokenizer_class and "roberta" not in tokenizer_class and "gpt2" not in tokenizer_class:
        return "kobart"  # BART weights with a SentencePiece-style fast tokenizer (gogamza/kobart-*)
    return model_type


def family_spec(family: str, task: str, entry: RegistryEntry | None) -> FamilySpec:
    """Combine family defaults with what the registry says about a known model id."""
    src, tgt = LANGUAGE_CODES.get(family, (None, None))
    prefix = ""
    if family == "t5":
        prefix = _T5_PREFIXES.get(task, "")
    if entry is not None:
        src = entry.src_lang or src
        tgt = entry.tgt_lang or tgt
        prefix = entry.prefix or prefix
    return FamilySpec(family=family, src_lang=src, tgt_lang=tgt, prefix=prefix)


# The task a family is driven as when nothing else says (models check, conversion check).
_FAMILY_TASKS = {"bart": "summarization", "pegasus": "summarization", "t5": "summarization",
                 "kobart": "ko-summarization", "mt5": "cross-lingual"}


def default_task(family: str) -> str:
    """The task a model of `family` most likely serves here: translation unless it is a summarizer family."""
    return _FAMILY_TASKS.get(family, "translation")
