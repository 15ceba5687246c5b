"""What `summarizer models check ID|DIR` reports: how the project will drive a model, and what is wrong with it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from summarizer.errors import SummarizerError


@dataclass(frozen=True)
class ModelReport:
    """One model as the project sees it after loading it (lines ready to print) and the problems found."""

    model: str
    family: str = "unknown"
    task: str = ""
    lines: tuple[tuple[str, str], ...] = ()
    problems: tuple[str, ...] = field(default_factory=tuple)


def check_model(model: str, task: str | None = None, device: str = "auto") -> ModelReport:
    """Load `model` (offline settings honoured) with transformers, and its CTranslate2 conversion when one exists.

    Args:
        model: Hub id (in the local cache, or downloadable) or a local folder.
        task: translation | summarization | ko-summarization | cross-lingual; None: guessed from the family.
        device: Where to load it.

    Returns:
        A report; `problems` is empty when the model is usable.
    """
    from summarizer.engines import loader
    from summarizer.engines.families import default_task, detect_family

    try:
        source = loader.locate_model(model)
        family = _peek_family(source.local_dir) if source.local_dir else "unknown"
        task = task or default_task(family)
        engine = loader.load_engine(model, task, device, "transformers")
    except SummarizerError as exc:
        return ModelReport(model=model, task=task or "", problems=(str(exc),))
    lines = _describe(engine)
    problems: list[str] = []
    lines.extend(_ctranslate2_lines(model, task, loader.resolve_device(device), problems))
    return ModelReport(model, engine.info.family, task, tuple(lines), tuple(problems))


def _ctranslate2_lines(model: str, task: str, device: str, problems: list[str]) -> list[tuple[str, str]]:
    """The conversion `--backend auto` would run (by hand, else the automatic one in the cache) and the backend
    it picks; a conversion that does not load and decode is a problem."""
    import json

    from summarizer.convert import verify_conversion
    from summarizer.engines import conversion_cache
    from summarizer.engines.ctranslate2_engine import find_converted

    converted, how = find_converted(model), "made by summarizer models convert"
    key, files = conversion_cache.source_key(model)
    if converted is None and files is not None:
        try:
            model_type = str(json.loads((files / "config.json").read_text(encoding="utf-8")).get("model_type", ""))
        except (OSError, ValueError):
            model_type = ""
        quantization = conversion_cache.auto_quantization(device, model_type)
        cached = conversion_cache.cached_conversion_dir(model, key, quantization)
        failed = cached.with_name(cached.name + ".failed")
        if (cached / "model.bin").is_file():
            converted, how = cached, f"automatic {quantization} conversion in the cache"
        elif failed.is_file():
            note = failed.read_text(encoding="utf-8").strip()
            return [("ctranslate2", f"the automatic conversion failed earlier: {note} (delete {failed} to try again)"),
                    ("backend auto", "transformers")]
    if converted is None:
        return [("ctranslate2", f"no conversion yet: --backend auto makes one on first use (or: summarizer models convert {model})"),
                ("backend auto", "ctranslate2, after that one-time conversion")]
    try:
        verify_conversion(converted, task=task, device=device)
    except SummarizerError as exc:
        problems.append(str(exc))
        return [("ctranslate2", f"{converted} ({how}; does not load)"), ("backend auto", "transformers")]
    return [("ctranslate2", f"{converted} ({how}; loads and decodes)"), ("backend auto", "ctranslate2")]


def _peek_family(folder: Path) -> str:
    """Family from config.json and the tokenizer's class ("unknown" when either cannot be read)."""
    from transformers import AutoConfig, AutoTokenizer

    from summarizer.engines.families import detect_family

    try:
        config = AutoConfig.from_pretrained(str(folder), local_files_only=True, trust_remote_code=False)
        tokenizer = AutoTokenizer.from_pretrained(str(folder), local_files_only=True, trust_remote_code=False)
    except (OSError, ValueError, KeyError, TypeError):
        return "unknown"  # the load that follows names the problem
    return detect_family(config.model_type, type(tokenizer).__name__)


def _options_for(task: str):
    """The decoding settings the pipeline uses for `task` under the current settings (env, config file)."""
    from summarizer.pipeline import Pipeline

    pipe = Pipeline()
    return pipe.translation_options if task == "translation" else pipe.summary_options


def _describe(engine) -> list[tuple[str, str]]:
    tokenizer, contract = engine.tokenizer, engine.contract

    def names(ids) -> str:
        return " ".join(f"{tokenizer.convert_ids_to_tokens(int(i))}({i})" for i in ids) or "-"

    specials = {k: getattr(tokenizer, f"{k}_token_id", None) for k in ("bos", "eos", "pad", "unk")}
    options = _options_for(engine.info.task)
    lines = [
        ("family", f"{engine.info.family} (task {engine.info.task}; checked on {engine.info.backend})"),
        ("languages", f"source {engine.spec.src_lang or '-'}, target {engine.spec.tgt_lang or '-'}"),
        ("special tokens", ", ".join(f"{k} {names([v]) if v is not None else 'none'}" for k, v in specials.items())),
        ("source framing", f"{names(contract.source_prefix_ids)} … {names(contract.source_suffix_ids)}"
         + (f", text prefix {contract.text_prefix!r}" if contract.text_prefix else "")),
        ("target", f"decoder start {names([contract.decoder_start_id])}, forced prefix {names(contract.target_prefix_ids)}, "
         f"ends on {names(contract.eos_ids)}"),
        ("window", f"{contract.window} source tokens"),
        ("generation", f"beams {options.num_beams}, new tokens ≥ min({options.min_new_tokens}, cap/2) and ≤ cap = "
         f"min({options.max_new_tokens}, {options.max_length_ratio}×input+{options.max_length_slack}), "
         f"no-repeat {options.no_repeat_ngram_size}-grams, length penalty {options.length_penalty} "
         "(the checkpoint's generation_config is not used)"),
    ]
    if all(v is None for v in specials.values()):
        lines.append(("note", "the tokenizer names no special tokens; framing and end ids come from config.json"))
    return lines
