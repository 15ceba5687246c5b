"""The models the benches measure: random-weight stand-ins with the real architectures, built once, offline.

* opus-mt-tc-big-ko-en (the default translator): summarizer.tiny.build_marian with its real dimensions;
* bart-large-cnn (the default summarizer): the real config and tokenizer from the shared data's
  model-configs/ folder, random seeded weights.

Speed depends on shapes, not on weight values, so figures transfer to the real models; outputs are meaningless.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Callable

from summarizer.bench.report import BenchConfig

STAND_IN_NOTE = (
    "random-weight stand-in for Helsinki-NLP/opus-mt-tc-big-ko-en: real architecture (6+6 layers, d_model 1024, "
    "16 heads, FFN 4096, vocabulary width 32001), SentencePiece vocabulary shrunk to a few thousand pieces "
    "trained on a bundled sample (filler rows keep the real width); outputs are meaningless"
)
_STAMP_FILE = "bench_checkpoint.json"


def prepare_checkpoint(config: BenchConfig, work_dir: Path, say: Callable[[str], None]) -> tuple[str, str]:
    """The model to measure: `config.model`, or the opus-mt-tc-big-ko-en stand-in (built once, then reused)."""
    if config.model:
        return config.model, "user-supplied model"
    from summarizer.tiny import OPUS_MT_TC_BIG_KO_EN_DIMS, build_marian

    dims = OPUS_MT_TC_BIG_KO_EN_DIMS.as_kwargs()
    stamp = {"dims": dims, "seed": config.seed, "format": 1}
    folder = work_dir / f"opus-mt-tc-big-ko-en-random-seed{config.seed}"
    stamp_file = folder / _STAMP_FILE
    if not (stamp_file.is_file() and json.loads(stamp_file.read_text(encoding="utf-8")) == stamp):
        say(f"building the opus-mt-tc-big-ko-en stand-in in {folder} (once)")
        if folder.exists():
            shutil.rmtree(folder)  # an older stand-in's conversion must not outlive it
        build_marian(folder, **dims, seed=config.seed)
        stamp_file.write_text(json.dumps(stamp) + "\n", encoding="utf-8")
    return str(folder), STAND_IN_NOTE


def prepare_conversion(checkpoint: str, work_dir: Path, say: Callable[[str], None], own_checkpoint: bool) -> str:
    """An int8 CTranslate2 copy of the checkpoint: the one the loader would pick up, else one made for the bench.

    The stand-in gets its copy where the loader looks (inside its folder); a user's model folder is left
    untouched and converted into work_dir instead.
    """
    from summarizer.convert import convert_model
    from summarizer.engines.ctranslate2_engine import (
        default_converted_dir,
        find_converted,
        read_conversion_info,
        sanitize_model_id,
    )

    existing = find_converted(checkpoint, "int8")
    if existing is not None:
        return str(existing)
    if own_checkpoint:
        out = default_converted_dir(checkpoint, "int8")
    else:
        out = work_dir / "ct2" / f"{sanitize_model_id(Path(checkpoint).name or checkpoint)}-int8"
        if (out / "model.bin").is_file() and read_conversion_info(out).get("model_id") == checkpoint:
            return str(out)
    say(f"converting {checkpoint} to CTranslate2 int8 in {out}")
    return str(convert_model(checkpoint, out, quantization="int8", force=True))


def default_work_dir() -> Path:
    from summarizer.engines.ctranslate2_engine import cache_root

    return cache_root() / "bench"



def build_bart_large_cnn_standin(config_dir: Path, work_dir: Path, seed: int = 0, say: Callable[[str], None] = lambda _m: None) -> Path:
    """facebook/bart-large-cnn with random weights: its config.json, generation config and tokenizer (built once)."""
    stamp = {"source": str(config_dir), "seed": seed, "format": 1}
    folder = work_dir / f"bart-large-cnn-random-seed{seed}"
    stamp_file = folder / _STAMP_FILE
    if stamp_file.is_file() and json.loads(stamp_file.read_text(encoding="utf-8")) == stamp:
        return folder
    if not (config_dir / "config.json").is_file():
        from summarizer.errors import InputError

        raise InputError(f"no bart-large-cnn config in {config_dir} (the shared data's model-configs/bart-large-cnn)")
    import torch
    from transformers import AutoTokenizer, BartConfig, BartForConditionalGeneration, GenerationConfig

    say(f"building the bart-large-cnn stand-in in {folder} (once)")
    if folder.exists():
        shutil.rmtree(folder)
    torch.manual_seed(seed)
    config = BartConfig.from_pretrained(str(config_dir), trust_remote_code=False)
    model = BartForConditionalGeneration(config).eval()
    model.generation_config = GenerationConfig.from_pretrained(str(config_dir), trust_remote_code=False)
    tokenizer = AutoTokenizer.from_pretrained(str(config_dir), trust_remote_code=False)
    model.save_pretrained(str(folder))
    tokenizer.save_pretrained(str(folder))
    stamp_file.write_text(json.dumps(stamp) + "\n", encoding="utf-8")
    return folder
