"""The machine's ceiling for the glue script's work: the same job written by hand by a CTranslate2 expert.

Same pages, same extraction (trafilatura), same units (one translation per paragraph, one summary per
article over the joined English truncated to 1024 tokens), same beams and the same forced output lengths as
glue_script.py, but on the int8 conversions with hand-tuned batches: the paragraphs of every page together,
then the summaries together, each in `translate_batch` calls over rows of similar length caps. Nothing of this project runs on the clock, so
glue time ÷ this time is the most any tool can gain over the glue script on this machine, and the project's
own figure reads against it. Run in its own process: `python -m summarizer.bench.expert_pipeline SPEC_JSON`.
"""

from __future__ import annotations

import itertools
import json
import sys
import time
from pathlib import Path
from typing import Any, Sequence

TRANSLATE_BATCH = 32  # paragraphs per batch: best of 8, 16, 32 measured on this machine (57-62 s, close)
SUMMARY_BATCH = 8  # beam-4 bart-large rows: best of 2, 4, 8 (55, 41, 37 s for 8 summaries)


def main(spec: dict[str, Any]) -> dict[str, Any]:
    import ctranslate2
    import trafilatura
    from transformers import AutoTokenizer

    started = time.perf_counter()
    device = "cuda" if spec.get("device", "cpu").startswith("cuda") else "cpu"
    compute_type = "int8" if device == "cpu" else "int8_float16"
    tr_tok = AutoTokenizer.from_pretrained(spec["translator"], trust_remote_code=False)
    su_tok = AutoTokenizer.from_pretrained(spec["summarizer"], trust_remote_code=False)
    translator = ctranslate2.Translator(spec["translator_ct2"], device=device, compute_type=compute_type)
    summarizer = ctranslate2.Translator(spec["summarizer_ct2"], device=device, compute_type=compute_type)
    loaded = time.perf_counter()
    beams, ratio = spec["beams"], spec.get("length_ratio", 1.8)

    pages = sorted(Path(spec["pages"]).glob("*.html"))
    paragraphs = [[p for p in (trafilatura.extract(page.read_text(encoding="utf-8")) or "").split("\n") if p.strip()] for page in pages]
    flat = [p for article in paragraphs for p in article]
    sources = _tokens(tr_tok, flat, 512)
    english, tr_tokens = _decode_forced(
        translator, tr_tok, sources, [int(ratio * len(s)) + 10 for s in sources], beams, TRANSLATE_BATCH, prefix=None
    )
    ends = list(itertools.accumulate(len(article) for article in paragraphs))
    per_article = [english[end - len(article) : end] for article, end in zip(paragraphs, ends)]
    sources = _tokens(su_tok, [" ".join(article) for article in per_article], 1024)
    bos = su_tok.convert_ids_to_tokens(su_tok.bos_token_id)  # bart-large-cnn forces <s> first (forced_bos_token_id)
    summaries, su_tokens = _decode_forced(
        summarizer, su_tok, sources, [min(160, len(s) + 20) for s in sources], beams, SUMMARY_BATCH, prefix=bos,
        no_repeat_ngram_size=_generation_setting(spec["summarizer"], "no_repeat_ngram_size"),
    )  # fmt: skip
    with open(spec["out"], "w", encoding="utf-8") as out:
        for page, article, summary in zip(pages, per_article, summaries):
            out.write(json.dumps({"id": page.stem, "paragraphs_en": article, "summary_en": summary}, ensure_ascii=False) + "\n")
    return {
        "load_s": loaded - started, "run_s": time.perf_counter() - loaded, "target_tokens": tr_tokens + su_tokens,
        "detail": f"hand-written CTranslate2 {compute_type}: translate_batch of {TRANSLATE_BATCH} paragraphs, "
                  f"summaries {SUMMARY_BATCH} at a time, same units and forced lengths as the glue script",
    }  # fmt: skip


def _tokens(tokenizer: Any, texts: Sequence[str], limit: int) -> list[list[str]]:
    ids = tokenizer(list(texts), truncation=True, max_length=limit)["input_ids"]
    return [tokenizer.convert_ids_to_tokens(row) for row in ids]


def _decode_forced(
    model: Any, tokenizer: Any, sources: list[list[str]], caps: list[int], beams: int, batch: int,
    prefix: str | None, no_repeat_ngram_size: int = 0,
) -> tuple[list[str], int]:
    """Each source decoded to its cap (batches of similar caps, each to its longest cap, then cut), as the glue
    script's min = max lengths; returns the texts and the tokens decoded."""
    texts: list[str] = [""] * len(sources)
    decoded = 0
    for rows in _cap_batches(caps, batch):
        cap = max(caps[i] for i in rows)  # a forced <s> prefix is one of these steps, as in the glue script's cap
        results = model.translate_batch(
            [sources[i] for i in rows], beam_size=beams, max_batch_size=batch, min_decoding_length=cap,
            max_decoding_length=cap, no_repeat_ngram_size=no_repeat_ngram_size,
            target_prefix=[[prefix] for _ in rows] if prefix else None,
        )  # fmt: skip
        for i, result in zip(rows, results):
            tokens = result.hypotheses[0][: caps[i]]
            texts[i] = tokenizer.decode(tokenizer.convert_tokens_to_ids(tokens), skip_special_tokens=True)
        decoded += cap * len(rows)  # steps past a row's own cap are spent too
    return texts, decoded


def _cap_batches(caps: list[int], size: int) -> list[list[int]]:
    """Indices sorted by cap, in batches of at most `size` whose caps differ by at most 5 % (+1): random weights
    never stop early, so each row runs to its batch's longest cap and a wider spread is wasted work."""
    batches: list[list[int]] = []
    for i in sorted(range(len(caps)), key=caps.__getitem__):
        if batches and len(batches[-1]) < size and caps[i] <= caps[batches[-1][0]] * 1.05 + 1:
            batches[-1].append(i)
        else:
            batches.append([i])
    return batches


def _generation_setting(model: str, key: str) -> int:
    path = Path(model) / "generation_config.json"
    return int(json.loads(path.read_text(encoding="utf-8")).get(key) or 0) if path.is_file() else 0


if __name__ == "__main__":
    from summarizer.bench.machine import peak_rss_mb

    result = main(json.loads(sys.argv[1]))
    print(json.dumps({**result, "peak_rss_mb": peak_rss_mb()}))
