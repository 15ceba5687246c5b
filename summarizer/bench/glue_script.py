"""The glue script a user writes without this project: trafilatura + transformers, one article at a time.

For each page: trafilatura extracts the text, each paragraph is translated with one `generate` call,
the joined English is summarised with one more; fp32, no batching. The end-to-end bench runs it in its
own process (`python -m summarizer.bench.glue_script SPEC_JSON`) and compares it with `summarizer batch`.

Output lengths: random-weight stand-ins rarely emit </s>, so each side runs to its length caps; here the
caps are the project's formulas (translation length_ratio × source + 10 tokens, summary min(160, source + 20))
forced as min = max, so both sides generate about the same number of tokens (the project a little more: it
translates sentence by sentence, each with its own +10 allowance).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def main(spec: dict) -> dict:
    import torch
    import trafilatura
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    started = time.perf_counter()
    tr_tok = AutoTokenizer.from_pretrained(spec["translator"], trust_remote_code=False)
    device = spec.get("device", "cpu")
    tr_model = AutoModelForSeq2SeqLM.from_pretrained(spec["translator"], trust_remote_code=False).to(device).eval()
    su_tok = AutoTokenizer.from_pretrained(spec["summarizer"], trust_remote_code=False)
    su_model = AutoModelForSeq2SeqLM.from_pretrained(spec["summarizer"], trust_remote_code=False).to(device).eval()
    loaded = time.perf_counter()
    beams = spec["beams"]
    tokens = 0
    with open(spec["out"], "w", encoding="utf-8") as out, torch.inference_mode():
        for page in sorted(Path(spec["pages"]).glob("*.html")):
            text = trafilatura.extract(page.read_text(encoding="utf-8")) or ""
            english = []
            for paragraph in [p for p in text.split("\n") if p.strip()]:
                inputs = tr_tok(paragraph, return_tensors="pt", truncation=True, max_length=512).to(device)
                cap = int(spec.get("length_ratio", 1.8) * inputs["input_ids"].shape[1]) + 10
                output = tr_model.generate(**inputs, num_beams=beams, min_new_tokens=cap, max_new_tokens=cap)
                tokens += int(output.shape[1]) - 1
                english.append(tr_tok.decode(output[0], skip_special_tokens=True))
            inputs = su_tok(" ".join(english), return_tensors="pt", truncation=True, max_length=1024).to(device)
            cap = min(160, inputs["input_ids"].shape[1] + 20)
            output = su_model.generate(**inputs, num_beams=beams, min_new_tokens=cap, max_new_tokens=cap)
            tokens += int(output.shape[1]) - 1
            summary = su_tok.decode(output[0], skip_special_tokens=True)
            out.write(json.dumps({"id": page.stem, "paragraphs_en": english, "summary_en": summary}) + "\n")
    return {"load_s": loaded - started, "run_s": time.perf_counter() - loaded, "target_tokens": tokens}


if __name__ == "__main__":
    from summarizer.bench.machine import peak_rss_mb

    result = main(json.loads(sys.argv[1]))
    print(json.dumps({**result, "peak_rss_mb": peak_rss_mb()}))
