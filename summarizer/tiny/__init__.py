"""Tiny, seeded, real-architecture seq2seq checkpoints: the offline stand-ins for tests, CI and smoke runs.

Every checkpoint is a folder that `AutoModelForSeq2SeqLM.from_pretrained(dir)` and
`AutoTokenizer.from_pretrained(dir)` load without the network. Architectures, special-token layouts and
tokenizer classes follow the real hub models of each family; the weights are random (seeded) and the
tokenizers are trained here, in about a second, on `summarizer/data/tiny_corpus.txt`. Their English is
meaningless: they test plumbing (loading, language tokens, batching, conversion), never quality.

Layout: common.py (corpus, SentencePiece, seeded weights, saving), one module per family group
(marian.py, multilingual.py, bart.py, t5.py); this module maps family names to builders.

Public API:
    build_tiny_checkpoints(out_dir, seed=0) -> {"translation": Path, "summarization": Path, ...}
    build_family_checkpoint(family, out_dir, seed=0) -> Path
    build_marian(out_dir, *, d_model, encoder_layers, decoder_layers, heads, ffn_dim, vocab_size, seed, ...)
    OPUS_MT_TC_BIG_KO_EN_DIMS: the real widths and depths of Helsinki-NLP/opus-mt-tc-big-ko-en.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from summarizer.engines.families import LANGUAGE_CODES
from summarizer.errors import ConfigError
from summarizer.tiny.bart import _build_bart, _build_kobart
from summarizer.tiny.common import (
    FAMILIES,
    OPUS_MT_TC_BIG_KO_EN_DIMS,
    TINY_DIMS,
    TINY_MODELS_NOTE,
    TINY_TASK_FAMILIES,
    MarianDims,
    TinyDims,
    _prepare_checkpoint_dir,
    load_tiny_corpus,
)
from summarizer.tiny.marian import _build_tiny_marian, build_marian, marian_parameter_count
from summarizer.tiny.multilingual import _build_m2m100, _build_mbart50, _build_nllb
from summarizer.tiny.t5 import _build_mt5, _build_t5

__all__ = [
    "FAMILIES", "LANGUAGE_CODES", "OPUS_MT_TC_BIG_KO_EN_DIMS", "TINY_DIMS", "TINY_MODELS_NOTE", "TINY_TASK_FAMILIES",
    "MarianDims", "TinyDims", "build_family_checkpoint", "build_marian", "build_tiny_checkpoints",
    "load_tiny_corpus", "marian_parameter_count",
]

_BUILDERS: dict[str, Callable[[Path, int], None]] = {
    "marian": _build_tiny_marian,
    "nllb": _build_nllb,
    "m2m100": _build_m2m100,
    "mbart50": _build_mbart50,
    "bart": _build_bart,
    "t5": _build_t5,
    "mt5": _build_mt5,
    "kobart": _build_kobart,
}


def build_family_checkpoint(family: str, out_dir: str | Path, seed: int = 0) -> Path:
    """Writes one tiny checkpoint of a model family into `out_dir`.

    Args:
        family: One of FAMILIES: marian, nllb, m2m100, mbart50, bart, t5, mt5, kobart.
        out_dir: Folder to write: new, empty, or a tiny checkpoint written before (then it is rebuilt).
        seed: Seed for the random weights; the same seed gives identical weights.

    Returns:
        The checkpoint folder, loadable with AutoModelForSeq2SeqLM / AutoTokenizer `from_pretrained`.

    Raises:
        ConfigError: unknown family, or out_dir is a non-empty folder this module did not write.
    """
    if family not in _BUILDERS:
        raise ConfigError(f"unknown model family {family!r}; choose one of: {', '.join(FAMILIES)}")
    out = _prepare_checkpoint_dir(out_dir, family, seed)
    _BUILDERS[family](out, seed)
    return out


def build_tiny_checkpoints(out_dir: str | Path, seed: int = 0) -> dict[str, Path]:
    """Writes the tiny checkpoints `summarizer models tiny DIR` promises, one folder per task.

    `out_dir/translation` is Marian ko→en and `out_dir/summarization` is BART; `ko-summarization` (KoBART) and
    `cross-lingual` (mT5) are written too so every summary strategy can run offline.

    Args:
        out_dir: Parent folder (created if missing).
        seed: Seed for the random weights.

    Returns:
        Task name → checkpoint folder.

    Raises:
        ConfigError: out_dir is a file, or a task folder in it is non-empty and not a tiny checkpoint.
    """
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise ConfigError(f"{out} is a file, not a folder")
    out.mkdir(parents=True, exist_ok=True)
    return {task: build_family_checkpoint(family, out / task, seed) for task, family in TINY_TASK_FAMILIES.items()}
