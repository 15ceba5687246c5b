"""MT evaluation harness: translate a shared Korean–English test set and score it with sacreBLEU.

Test sets (under the shared data folder, see /work/shared/data/README.md or `--data`):

    flores200  mt/flores200_devtest: FLORES-200 devtest, 1012 sentences (kor_Hang → eng_Latn)
    ntrex      mt/ntrex128_kor_eng: NTREX-128 news, 1997 sentences (Korean translation → English original)
    jungyeul   mt/jungyeul_korean_english_news_v1: Korean-original news, test split, filtered (below)

The jungyeul test split is noisy, so `clean_jungyeul_pair` repairs or drops pairs before scoring:
  1. repairs CP949 punctuation read as Latin-1 ("¡¯" → "’", "¡°" → "“", "¡±" → "”", "¡¦" → "…");
  2. unescapes HTML entities ("&#8212;" → "—", "&eacute;" → "é");
  3. drops pairs with an empty side, or whose Korean side is not mostly Hangul (glossary lines such as
     "in a row 연속적으로, 일렬로": Latin letters over 30% of the letters);
  4. drops loose alignments: English/Korean length ratio (characters) outside [1.0, 5.0]; the median
     pair is ≈ 2.0, and the pairs outside are truncated sentences or a different sentence altogether.
The report says how many pairs were kept.

Scores are corpus BLEU and chrF with sacreBLEU defaults (13a tokenisation), with their signatures, so
figures are comparable with the OPUS-MT leaderboard (opus-mt-tc-big-ko-en: FLORES-200 27.7 / chrF 0.566).
`score_translation_file` scores stored translations (one per line) with the same settings: on the
leaderboard's NTREX outputs it gives tc-big 26.07 / 54.61 and opus-mt-ko-en 19.42 / 48.01, the published
26.1 / 0.54609 and 19.4 / 0.48008.
"""

from __future__ import annotations

import html
import os
import re
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

from summarizer.errors import ConfigError, InputError
from summarizer.evaluation.data_dir import resolve_data_dir



@dataclass(frozen=True)
class TestsetFiles:
    """Where one test set's aligned source and reference files are, relative to the data folder."""

    folder: str
    source: str
    reference: str
    description: str
    cleaned: bool = False  # apply clean_jungyeul_pair


TESTSETS: dict[str, TestsetFiles] = {
    "flores200": TestsetFiles(
        "mt/flores200_devtest", "kor_Hang.devtest", "eng_Latn.devtest", "FLORES-200 devtest (kor_Hang→eng_Latn)"
    ),
    "ntrex": TestsetFiles(
        "mt/ntrex128_kor_eng",
        "newstest2019-ref.kor.txt",
        "newstest2019-src.eng.txt",
        "NTREX-128 newstest2019 (Korean translation → English original)",
    ),
    "jungyeul": TestsetFiles(
        "mt/jungyeul_korean_english_news_v1",
        "korean-english-park.test.ko",
        "korean-english-park.test.en",
        "jungyeul korean-english-news-v1 test, filtered",
        cleaned=True,
    ),
}


@dataclass(frozen=True)
class ParallelText:
    """Aligned Korean sources and English references of one test set (after filtering and --limit)."""

    name: str
    description: str
    sources: tuple[str, ...]
    references: tuple[str, ...]
    total_pairs: int  # pairs in the files
    dropped_pairs: int  # pairs removed by the filter (jungyeul only)


@dataclass(frozen=True)
class MTScore:
    """One evaluation run: scores, their sacreBLEU signatures, and how it was produced."""

    testset: str
    sentences: int
    bleu: float
    chrf: float
    bleu_signature: str
    chrf_signature: str
    model: str
    backend: str
    family: str
    device: str
    num_beams: int
    seconds: float
    dropped_pairs: int

    @property
    def sentences_per_s(self) -> float:
        return self.sentences / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["sentences_per_s"] = round(self.sentences_per_s, 3)
        return data


# --- data ------------------------------------------------------------------------------------------------


def load_testset(name: str, data_dir: str | os.PathLike[str] | None = None, limit: int | None = None) -> ParallelText:
    """Read a test set's aligned lines (the first `limit` pairs after filtering).

    Raises:
        ConfigError: unknown test set name.
        InputError: missing files, or source and reference of different lengths.
    """
    if name not in TESTSETS:
        raise ConfigError(f"unknown test set {name!r}; choose one of: {', '.join(TESTSETS)}")
    files = TESTSETS[name]
    folder = resolve_data_dir(data_dir) / files.folder
    sources = _read_lines(folder / files.source)
    references = _read_lines(folder / files.reference)
    if len(sources) != len(references):
        raise InputError(f"{name}: {len(sources)} source lines but {len(references)} reference lines in {folder}")
    pairs = list(zip(sources, references))
    if files.cleaned:
        kept = [clean_jungyeul_pair(ko, en) for ko, en in pairs]
        cleaned = [pair for pair in kept if pair is not None]
    else:
        cleaned = [(ko.strip(), en.strip()) for ko, en in pairs]
    dropped = len(pairs) - len(cleaned)
    if limit is not None:
        cleaned = cleaned[: max(0, limit)]
    return ParallelText(
        name=name,
        description=files.description,
        sources=tuple(ko for ko, _ in cleaned),
        references=tuple(en for _, en in cleaned),
        total_pairs=len(pairs),
        dropped_pairs=dropped,
    )


def _read_lines(path: Path) -> list[str]:
    if not path.is_file():
        raise InputError(f"test set file not found: {path}")
    return path.read_text(encoding="utf-8").splitlines()


# CP949 symbol rows (lead byte 0xA1-0xA8) decoded as Latin-1: "¡¯" is the bytes A1 AF of "’".
_CP949_PUNCT_MOJIBAKE = re.compile("[\u00a1-\u00a8][\u00a1-\u00fe]")
_HANGUL = re.compile("[\uac00-\ud7a3]")
_LATIN = re.compile("[A-Za-z]")
_MIN_LENGTH_RATIO, _MAX_LENGTH_RATIO = 1.0, 5.0
_MAX_LATIN_SHARE = 0.3


def repair_mojibake(text: str) -> str:
    """Undo CP949 punctuation read as Latin-1 ("¡¯" → "’"); leaves everything else alone."""

    def decode(match: re.Match[str]) -> str:
        try:
            return match.group(0).encode("latin-1").decode("cp949")
        except UnicodeError:
            return match.group(0)

    return _CP949_PUNCT_MOJIBAKE.sub(decode, text)


def clean_jungyeul_pair(korean: str, english: str) -> tuple[str, str] | None:
    """The repaired pair, or None when it should not be scored (see the module docstring)."""
    korean = html.unescape(repair_mojibake(korean)).strip()
    english = html.unescape(repair_mojibake(english)).strip()
    if not korean or not english:
        return None
    hangul = len(_HANGUL.findall(korean))
    latin = len(_LATIN.findall(korean))
    if hangul == 0 or latin > _MAX_LATIN_SHARE * (hangul + latin):
        return None
    ratio = len(english) / len(korean)
    if not _MIN_LENGTH_RATIO <= ratio <= _MAX_LENGTH_RATIO:
        return None
    return korean, english


# --- scoring ---------------------------------------------------------------------------------------------


def score_translations(hypotheses: Sequence[str], references: Sequence[str]) -> tuple[float, float, str, str]:
    """Corpus BLEU and chrF (sacreBLEU defaults) and their signatures."""
    from sacrebleu.metrics import BLEU, CHRF

    if len(hypotheses) != len(references):
        raise ValueError(f"{len(hypotheses)} hypotheses for {len(references)} references")
    bleu, chrf = BLEU(), CHRF()
    bleu_score = bleu.corpus_score(list(hypotheses), [list(references)])
    chrf_score = chrf.corpus_score(list(hypotheses), [list(references)])
    return bleu_score.score, chrf_score.score, str(bleu.get_signature()), str(chrf.get_signature())


def evaluate_mt(
    model: str,
    testset: str = "flores200",
    data_dir: str | os.PathLike[str] | None = None,
    limit: int | None = None,
    backend: str = "auto",
    device: str = "auto",
    num_beams: int | None = None,
    settings: Any = None,
    progress: Callable[[str], None] | None = None,
) -> tuple[MTScore, list[str]]:
    """Translate a test set with `model` through the project's engine and score it.

    Args:
        model: Hub id or local folder (a CTranslate2 folder or a model with a converted copy works too).
        testset: flores200, ntrex or jungyeul.
        data_dir: Shared data folder (default: $SUMMARIZER_DATA or ../shared/data).
        limit: Score only the first N pairs.
        backend: auto, transformers or ctranslate2.
        device: auto, cpu, cuda or cuda:N.
        num_beams: Beam size (default: the settings' value, 4).
        settings: A Settings to take decoding options from (default: Settings.load()).
        progress: Called with one-line status messages.

    Returns:
        The score and the hypotheses in test set order.
    """
    from summarizer.pipeline import Pipeline
    from summarizer.engines.loader import load_engine
    from summarizer.settings import Settings

    say = progress or (lambda _message: None)
    data = load_testset(testset, data_dir, limit)
    if not data.sources:
        raise InputError(f"{testset}: no sentence pairs to score (limit {limit})")
    base = settings if settings is not None else Settings.load()
    s = base.replace(backend=backend, device=device, num_beams=num_beams, translation_model=model)
    options = Pipeline(s).translation_options  # what `summarizer run` would decode with
    say(f"loading {model} ({s.backend} backend, device {s.device})")
    engine = load_engine(model, "translation", s.device, s.backend)
    say(f"translating {len(data.sources)} sentences of {data.description}")
    started = time.perf_counter()
    hypotheses = engine.generate(list(data.sources), options)
    seconds = time.perf_counter() - started
    bleu, chrf, bleu_sig, chrf_sig = score_translations(hypotheses, data.references)
    score = MTScore(
        testset=testset,
        sentences=len(data.sources),
        bleu=round(bleu, 2),
        chrf=round(chrf, 2),
        bleu_signature=bleu_sig,
        chrf_signature=chrf_sig,
        model=model,
        backend=engine.info.backend,
        family=engine.info.family,
        device=engine.device,
        num_beams=s.num_beams,
        seconds=round(seconds, 3),
        dropped_pairs=data.dropped_pairs,
    )
    return score, hypotheses


def score_translation_file(
    translations: str | os.PathLike[str],
    testset: str = "ntrex",
    data_dir: str | os.PathLike[str] | None = None,
    limit: int | None = None,
) -> MTScore:
    """Score stored translations (UTF-8, one per line, aligned with the test set) like a model run.

    The file must have one line per test set pair (before --limit); for the filtered jungyeul set that is
    one line per kept pair. model names the file and backend is "file".

    Raises:
        InputError: the file is missing, unreadable, or its line count differs from the test set's.
    """
    path = Path(translations)
    if not path.is_file():
        raise InputError(f"translations file not found: {path}")
    try:
        hypotheses = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    except UnicodeDecodeError as error:
        raise InputError(f"{path}: not UTF-8 text ({error.reason} at byte {error.start})") from None
    data = load_testset(testset, data_dir)
    if len(hypotheses) != len(data.references):
        raise InputError(f"{path}: {len(hypotheses)} lines, but test set {testset} has {len(data.references)} pairs")
    references = data.references
    if limit is not None:
        hypotheses, references = hypotheses[: max(0, limit)], references[: max(0, limit)]
    if not hypotheses:
        raise InputError(f"{testset}: no sentence pairs to score (limit {limit})")
    bleu, chrf, bleu_sig, chrf_sig = score_translations(hypotheses, references)
    return MTScore(
        testset=testset,
        sentences=len(hypotheses),
        bleu=round(bleu, 2),
        chrf=round(chrf, 2),
        bleu_signature=bleu_sig,
        chrf_signature=chrf_sig,
        model=str(path),
        backend="file",
        family="file",
        device="none",
        num_beams=0,
        seconds=0.0,
        dropped_pairs=data.dropped_pairs,
    )
