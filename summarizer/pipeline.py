"""Pipeline: clean → split → translate → summarize, for one article or many (batched across articles)."""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass
from itertools import islice
from typing import Any, Iterable, Iterator, Sequence, overload

from summarizer.engines.base import GenerationOptions, Seq2SeqEngine
from summarizer.errors import (
    ConfigError,
    DecodeError,
    EmptyInputError,
    InputError,
    InputTooLargeError,
    NotKoreanError,
    SummarizerError,
)
from summarizer.settings import Settings
from summarizer.textio import hangul_ratio, is_korean, looks_binary
from summarizer.types import Article, ArticleResult, ProgressCallback

RawInput = str | bytes | Article | os.PathLike
# Overall progress shares per stage: loading and cleaning are quick, translation is most of the work.
_TRANSLATE_FROM, _RETRY_FROM, _SUMMARIZE_FROM, _CHECK_FROM = 0.1, 0.7, 0.8, 0.95
MARKUP_ALLOWANCE = 4  # a page may be this many times max_chars before cleaning (markup, menus, bytes per char)


@dataclass(frozen=True)
class _Prepared:
    """An article that passed validation, with its position in the input stream."""

    position: int
    article: Article
    clean_seconds: float


class Pipeline:
    """The whole job behind every door (API, CLI, batch, demo).

    Models load lazily on first use and are shared process-wide (see engines.loader), so creating
    several Pipelines with the same settings costs nothing extra.
    """

    def __init__(self, settings: Settings | None = None, **overrides: Any) -> None:
        base = settings if settings is not None else Settings.load()
        self.settings = base.replace(**overrides) if overrides else base
        self._loaded: set[str] = set()  # models this pipeline has fetched already: progress says "loading" only once
        self._translation_cache: Any = None
        self._cache_lock = threading.Lock()  # batch and demo threads may open the cache at the same moment

    # --- models ---------------------------------------------------------------------------------

    @property
    def device(self) -> str:
        from summarizer.engines.loader import resolve_device

        return resolve_device(self.settings.device)

    @property
    def translator(self) -> Seq2SeqEngine:
        from summarizer.engines.loader import load_engine

        s = self.settings
        return load_engine(s.resolved_translation_model, "translation", s.device, s.backend, s.cpu_threads)

    @property
    def summarizer(self) -> Seq2SeqEngine:
        from summarizer.engines.loader import load_engine

        s = self.settings
        return load_engine(s.resolved_summary_model, s.summary_task, s.device, s.backend, s.cpu_threads)

    @property
    def translation_cache(self):
        """The persistent translation cache of settings.translation_cache (opened once), else this pipeline's
        in-memory one (sentences met in an earlier batch of the run are not translated again)."""
        folder = self.settings.translation_cache
        with self._cache_lock:
            if self._translation_cache is None:
                from summarizer.translation_cache import RecentTranslations, TranslationCache

                self._translation_cache = TranslationCache.open(folder) if folder else RecentTranslations()
        return self._translation_cache

    def load(self) -> "Pipeline":
        """Load both models, the sentence splitter and the translation cache now (otherwise on first use).

        Raises ModelUnavailableError, or ConfigError for a translation cache that cannot be opened.
        """
        from summarizer.segment import warm_up

        _ = self.translator, self.summarizer, self.translation_cache
        warm_up()
        self._loaded |= {"translation", "summary"}
        return self

    @property
    def decoding_budget(self) -> int:
        """Decoding tokens per batch: settings.batch_max_tokens, or (0) the device's default."""
        from summarizer.engines.batching import decoding_budget

        return decoding_budget(self.device, self.settings.batch_max_tokens)

    @property
    def translation_options(self) -> GenerationOptions:
        s = self.settings
        return GenerationOptions(
            num_beams=s.num_beams,
            max_length_ratio=s.max_length_ratio,
            no_repeat_ngram_size=s.no_repeat_ngram_size,
            repetition_penalty=s.repetition_penalty,
            batch_max_tokens=self.decoding_budget,
            retry_degenerate=s.retry_degenerate,
        )

    @property
    def summary_options(self) -> GenerationOptions:
        from summarizer.summarization import summary_options

        s = self.settings
        return summary_options(s.summary_min_tokens, s.summary_max_tokens, s.num_beams, self.decoding_budget, s.retry_degenerate)

    def _strategy(self):
        from summarizer import summarization as strategies

        s = self.settings
        options = self.summary_options
        if s.strategy == "translate-then-summarize":
            return strategies.TranslateThenSummarize(self.summarizer, options)
        if s.strategy == "summarize-then-translate":
            return strategies.SummarizeThenTranslate(self.summarizer, self.translator, options, self.translation_options)
        return strategies.CrossLingual(self.summarizer, options)

    # --- input ----------------------------------------------------------------------------------

    def prepare(self, raw: RawInput, url: str | None = None) -> Article:
        """Clean and validate one input: page text (str), page bytes, a file path (os.PathLike) or an Article.

        Raises InputError subclasses with a one-line reason.
        """
        from summarizer.clean import article_language, clean_article
        from summarizer.clean.detect import page_input

        if not isinstance(raw, Article):
            raw = page_input(raw)
        if not isinstance(raw, (str, bytes, Article)):
            raise InputError(f"cannot summarize {type(raw).__name__!r} input: pass page text, bytes, a Path or an Article")
        if isinstance(raw, Article):
            article = raw
        else:
            if isinstance(raw, bytes) and looks_binary(raw):
                raise DecodeError("input looks binary (not text or HTML)")
            if len(raw) > self.settings.max_chars * MARKUP_ALLOWANCE:
                unit = "byte" if isinstance(raw, bytes) else "character"
                raise InputTooLargeError(
                    f"input is {len(raw):,} {unit}s, over the {self.settings.max_chars * MARKUP_ALLOWANCE:,}-{unit} limit "
                    f"for a page before cleaning ({MARKUP_ALLOWANCE} × max_chars {self.settings.max_chars:,})"
                )
            article = clean_article(raw, url=url, keep=self.settings.keep)
        text = "\n".join((article.title, *article.paragraphs))
        if not article.paragraphs and not self.settings.force and article_language(article) not in ("ko", "unknown"):
            # Short English text has no Korean article body: say it is not Korean, not that it is empty.
            raise NotKoreanError(
                f"text does not look Korean (detected language: {article_language(article)}); use --force / force=True to translate anyway"
            )
        if not article.paragraphs:
            reason = "; ".join(article.warnings) or "the page has no article text"
            raise EmptyInputError(f"no article text found after cleaning ({reason})")
        if len(text) > self.settings.max_chars:
            raise InputTooLargeError(
                f"article is {len(text):,} characters; the limit is {self.settings.max_chars:,} (raise max_chars)"
            )
        if not self.settings.force and article_language(article) != "ko":  # decided once, by the cleaner
            raise NotKoreanError(
                f"text does not look Korean ({hangul_ratio(text):.0%} of letters are Hangul); use --force / force=True to translate anyway"
            )
        return article

    # --- running --------------------------------------------------------------------------------

    def run(self, raw: RawInput, url: str | None = None, progress: ProgressCallback | None = None) -> ArticleResult:
        """Clean, translate and summarize one article."""
        started = time.perf_counter()
        if progress:
            progress("cleaning the page", 0.0)
        article = self.prepare(raw, url=url)
        prepared = [_Prepared(0, article, time.perf_counter() - started)]
        return self._process(prepared, progress)[0]

    def run_many(
        self,
        items: Iterable[RawInput],
        batch_size: int = 8,
        return_errors: bool = False,
        progress: ProgressCallback | None = None,
    ) -> Iterator[ArticleResult | SummarizerError]:
        """Results in input order, translating and summarizing `batch_size` articles per batch.

        With return_errors=True a bad item yields its SummarizerError instead of stopping the run.
        `progress` hears the stages of each batch as they happen (the fraction is per batch).
        """
        if not isinstance(batch_size, int) or batch_size < 1:
            raise ConfigError(f"batch_size must be a whole number of at least 1, not {batch_size!r}")  # as run_batch says
        iterator = iter(items)
        while batch := list(islice(iterator, batch_size)):
            yield from self._run_batch(batch, return_errors, progress)

    def _run_batch(
        self, batch: Sequence[RawInput], return_errors: bool, progress: ProgressCallback | None = None
    ) -> list[ArticleResult | SummarizerError]:
        outcomes: list[ArticleResult | SummarizerError | None] = [None] * len(batch)
        prepared = []
        for position, raw in enumerate(batch):
            started = time.perf_counter()
            try:
                article = self.prepare(raw)
            except SummarizerError as exc:
                if not return_errors:
                    raise
                outcomes[position] = exc
                continue
            prepared.append(_Prepared(position, article, time.perf_counter() - started))
        if prepared:
            for item, result in zip(prepared, self._process(prepared, progress)):
                outcomes[item.position] = result
        return [o for o in outcomes if o is not None]

    def _process(self, prepared: Sequence[_Prepared], progress: ProgressCallback | None) -> list[ArticleResult]:
        """Translate and summarize validated articles together; timings are shared out per article."""
        from summarizer.fidelity.article import check_article
        from summarizer.summarization import SummaryInput
        from summarizer.translation import translate_documents

        articles = [p.article for p in prepared]
        stage: dict[str, float] = {}
        say = progress or (lambda _what, _fraction: None)

        t0 = time.perf_counter()
        # Title and subtitles ride along as paragraphs of their own, then are split back off.
        documents = [(a.title, *a.subtitles, *a.paragraphs) for a in articles]
        s = self.settings
        if "translation" not in self._loaded:
            say(f"loading the translation model ({s.resolved_translation_model})", 0.03)
        translator = self.translator
        if "summary" not in self._loaded:
            say(f"loading the summary model ({s.resolved_summary_model})", 0.06)
        strategy = self._strategy()  # loads the summarizer
        self._loaded |= {"translation", "summary"}
        stage["load"] = time.perf_counter() - t0
        t1 = time.perf_counter()

        def translated(what: str, done: int, total: int) -> None:
            low, high = (_TRANSLATE_FROM, _RETRY_FROM) if what == "translating" else (_RETRY_FROM, _SUMMARIZE_FROM)
            say(f"{what} {done}/{total} sentences", low + (high - low) * done / max(total, 1))

        translations = translate_documents(
            translator, documents, self.translation_options, progress=translated, cache=self.translation_cache
        )
        stage["translate"] = time.perf_counter() - t1

        say("summarizing", _SUMMARIZE_FROM)
        t2 = time.perf_counter()
        summary_inputs = [
            SummaryInput(paragraphs_ko=a.paragraphs, paragraphs_en=tr.paragraphs[1 + len(a.subtitles) :])
            for a, tr in zip(articles, translations)
        ]
        summaries = strategy.summarize(summary_inputs)
        stage["summarize"] = time.perf_counter() - t2
        say("checking numbers", _CHECK_FROM)

        share = 1.0 / len(prepared)
        models = (translator.info, self.summarizer.info)
        results = []
        for item, translation, summary in zip(prepared, translations, summaries):
            a = item.article
            n_sub = len(a.subtitles)
            t3 = time.perf_counter()
            fidelity = check_article(translation.pairs, 1 + n_sub, summary.text, a.paragraphs, translation.paragraphs[1 + n_sub :])
            check_seconds = time.perf_counter() - t3
            timings = {
                "clean": round(item.clean_seconds, 4),
                "load_models": round(stage["load"] * share, 4),
                "translate": round(stage["translate"] * share, 4),
                "summarize": round(stage["summarize"] * share, 4),
                "check": round(check_seconds, 4),
            }
            timings["total"] = round(sum(timings.values()), 4)
            results.append(
                ArticleResult(
                    title_ko=a.title,
                    title_en=translation.paragraphs[0],
                    paragraphs_ko=a.paragraphs,
                    paragraphs_en=translation.paragraphs[1 + n_sub :],
                    summary_en=summary.text,
                    subtitles_ko=a.subtitles,
                    subtitles_en=translation.paragraphs[1 : 1 + n_sub],
                    published_at=a.published_at,
                    updated_at=a.updated_at,
                    reporters=a.reporters,
                    source=a.source,
                    url=a.url,
                    strategy=self.settings.strategy,
                    models=models,
                    device=translator.device,
                    timings=timings,
                    warnings=a.warnings + translation.warnings + summary.warnings,
                    removed=a.removed,
                    fidelity=fidelity,
                )
            )
        say("done", 1.0)
        return results


# --- module-level conveniences ----------------------------------------------------------------------

_DEFAULT_PIPELINES: dict[Settings, Pipeline] = {}


def _pipeline(settings: Settings | None) -> Pipeline:
    settings = settings or Settings.load()
    if settings not in _DEFAULT_PIPELINES:
        _DEFAULT_PIPELINES[settings] = Pipeline(settings)
    return _DEFAULT_PIPELINES[settings]


@overload
def translate(texts: str, settings: Settings | None = None) -> str: ...
@overload
def translate(texts: Sequence[str], settings: Settings | None = None) -> list[str]: ...
def translate(texts, settings=None):
    """Translate Korean text(s) to English; a str gives a str, a list gives a list of the same length.

    Lines (paragraphs) inside each text are kept as lines in the translation.
    """
    single = isinstance(texts, str)
    items = [texts] if single else list(texts)
    pipe = _pipeline(settings)
    documents = [text.split("\n") for text in items]
    from summarizer.translation import translate_documents

    out = ["\n".join(t.paragraphs) for t in translate_documents(pipe.translator, documents, pipe.translation_options)]
    return out[0] if single else out


def summarize(text: str, settings: Settings | None = None) -> str:
    """An English summary of `text`: Korean text goes through the configured strategy (translated
    first when the strategy needs it); English text goes straight to the English summarizer."""
    from summarizer import summarization as strategies

    pipe = _pipeline(settings)
    s = pipe.settings
    paragraphs = tuple(p for p in text.split("\n") if p.strip())
    if is_korean(text):
        return pipe.run(Article(title="", paragraphs=paragraphs, language="ko")).summary_en
    engine = pipe.summarizer  # translate-then-summarize: English already; cross-lingual: any language in
    if s.strategy == "summarize-then-translate":
        raise ConfigError("English text needs an English summarizer: use --strategy translate-then-summarize or cross-lingual")
    return strategies.summarize_many(engine, [paragraphs], "en", pipe.summary_options)[0][0]
