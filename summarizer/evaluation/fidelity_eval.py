"""Fidelity evaluation: precision and recall of `check_fidelity` flags against hand labels on real MT output,
the share of human pairs flagged, and the check's cost next to the cleaner's.

Data (shared folder, see mt_eval.resolve_data_dir):
    mt/ntrex128_kor_eng/newstest2019-ref.kor.txt   Korean source, 1997 lines
    mt/ntrex128_kor_eng/newstest2019-src.eng.txt   English original (the human pairs)
    mt/opus-mt-outputs/MODEL.ntrex128.output       real outputs of opus-mt-tc-big-ko-en and opus-mt-ko-en
Labels: TSV with columns model, line (1-based), label (error | ok), kinds (comma list), note. Only labelled
lines count: a flagged `error` line is a hit, a flagged `ok` line a false alarm, an unflagged `error` a miss.
"""

from __future__ import annotations

import csv
import json
import os
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence

from summarizer.errors import InputError
from summarizer.evaluation.mt_eval import load_testset, resolve_data_dir
from summarizer.fidelity import FidelityIssue, check_fidelity

MODELS = ("opus-mt-tc-big-ko-en", "opus-mt-ko-en")
OUTPUTS = "mt/opus-mt-outputs"
DEFAULT_LABELS = Path(__file__).resolve().parents[1] / "data" / "fidelity_labels_ntrex.tsv"
LABEL_COLUMNS = ("model", "line", "label", "kinds", "note")


@dataclass(frozen=True)
class Label:
    """One hand label: is this model's translation of this line wrong about a number?"""

    model: str
    line: int
    error: bool
    kinds: tuple[str, ...]
    note: str


@dataclass(frozen=True)
class Finding:
    """A labelled line the check got wrong: a miss (error, not flagged) or a false alarm (ok, flagged)."""

    line: int
    source: str
    translation: str
    label_kinds: tuple[str, ...]
    note: str
    flags: tuple[str, ...]  # "kind: message" of each flag


@dataclass(frozen=True)
class ModelScore:
    """Flags against labels for one model's outputs."""

    model: str
    labelled: int
    hits: int
    false_alarms: int
    misses: int
    flagged_unlabelled: int  # flags on lines without a label (not counted)
    miss_list: tuple[Finding, ...] = ()
    false_alarm_list: tuple[Finding, ...] = ()
    hit_lines: tuple[int, ...] = ()

    def between(self, first: int, last: int) -> tuple[int, int, int]:
        """(hits, false alarms, misses) on lines first..last: a rough held-out view of rules tuned on the labels."""
        inside = lambda line: first <= line <= last  # noqa: E731
        return (
            sum(map(inside, self.hit_lines)),
            sum(inside(f.line) for f in self.false_alarm_list),
            sum(inside(f.line) for f in self.miss_list),
        )

    @property
    def precision(self) -> float:
        flagged = self.hits + self.false_alarms
        return self.hits / flagged if flagged else 1.0

    @property
    def recall(self) -> float:
        errors = self.hits + self.misses
        return self.hits / errors if errors else 1.0


@dataclass(frozen=True)
class FidelityReport:
    """Everything `summarizer eval fidelity` prints."""

    models: tuple[ModelScore, ...]
    human_sentences: int
    human_flagged: tuple[Finding, ...]
    check_ms_per_sentence: float
    speed: dict[str, float] = field(default_factory=dict)

    @property
    def human_flag_rate(self) -> float:
        return len(self.human_flagged) / self.human_sentences if self.human_sentences else 0.0

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for score, entry in zip(self.models, data["models"]):
            entry["precision"], entry["recall"] = round(score.precision, 4), round(score.recall, 4)
        data["human_flag_rate"] = round(self.human_flag_rate, 4)
        return data


def load_labels(path: str | os.PathLike[str] | None = None) -> list[Label]:
    """Read a labels TSV (default: the packaged file).

    Raises:
        InputError: missing file, wrong columns, or a bad model/line/label value (the message names the row).
    """
    labels_path = Path(path) if path is not None else DEFAULT_LABELS
    if not labels_path.is_file():
        raise InputError(f"labels file not found: {labels_path}")
    with labels_path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        if tuple(reader.fieldnames or ()) [: len(LABEL_COLUMNS)] != LABEL_COLUMNS:
            raise InputError(f"{labels_path}: expected columns {', '.join(LABEL_COLUMNS)}, got {reader.fieldnames}")
        labels = []
        for row_number, row in enumerate(reader, start=2):
            model, line, label = row["model"], row["line"] or "", row["label"]
            if model not in MODELS or not line.isdigit() or label not in ("error", "ok"):
                raise InputError(f"{labels_path}:{row_number}: bad row (model {model!r}, line {line!r}, label {label!r})")
            kinds = tuple(k.strip() for k in (row["kinds"] or "").split(",") if k.strip())
            labels.append(Label(model, int(line), label == "error", kinds, row["note"] or ""))
    return labels


def score_model(model: str, sources: Sequence[str], translations: Sequence[str], labels: Sequence[Label]) -> ModelScore:
    """Compare the check's flags on each line with the labels of `model`."""
    by_line = {label.line: label for label in labels if label.model == model}
    unlabelled = 0
    hits: list[int] = []
    misses, alarms = [], []
    for number, (source, translation) in enumerate(zip(sources, translations), start=1):
        issues = check_fidelity(source, translation)
        label = by_line.get(number)
        if label is None:
            unlabelled += bool(issues)
            continue
        finding = Finding(number, source, translation, label.kinds, label.note, _flags(issues))
        if label.error and issues:
            hits.append(number)
        elif label.error:
            misses.append(finding)
        elif issues:
            alarms.append(finding)
    return ModelScore(model, len(by_line), len(hits), len(alarms), len(misses), unlabelled, tuple(misses), tuple(alarms), tuple(hits))


def _flags(issues: Sequence[FidelityIssue]) -> tuple[str, ...]:
    return tuple(f"{issue.kind}: {issue.message}" for issue in issues)


def run_fidelity_evaluation(
    data_dir: str | os.PathLike[str] | None = None,
    labels_path: str | os.PathLike[str] | None = None,
    speed: bool = True,
) -> FidelityReport:
    """Score both models' NTREX outputs against the labels, flag the human pairs, and time the check."""
    data = resolve_data_dir(data_dir)
    ntrex = load_testset("ntrex", data)
    labels = load_labels(labels_path)
    scores = []
    for model in MODELS:
        path = data / OUTPUTS / f"{model}.ntrex128.output"
        if not path.is_file():
            raise InputError(f"model outputs not found: {path}")
        outputs = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
        if len(outputs) != len(ntrex.sources):
            raise InputError(f"{path}: {len(outputs)} lines for {len(ntrex.sources)} sources")
        scores.append(score_model(model, ntrex.sources, outputs, labels))
    started = time.perf_counter()
    human = []
    for number, (source, reference) in enumerate(zip(ntrex.sources, ntrex.references), start=1):
        issues = check_fidelity(source, reference)
        if issues:
            human.append(Finding(number, source, reference, (), "", _flags(issues)))
    per_sentence_ms = 1000 * (time.perf_counter() - started) / max(1, len(ntrex.sources))
    timing = measure_speed(data) if speed else {}
    return FidelityReport(tuple(scores), len(ntrex.sources), tuple(human), round(per_sentence_ms, 3), timing)


SPEED_GROUPS = {"example page": "example", "sci-news-sum-kr-50": "articles", "korean HTML pages": "html"}


def speed_pages(data: Path) -> dict[str, list[str]]:
    """Korean pages to time, by group: the example page (a text dump), the 50 sci-news-sum-kr-50 articles
    (title, blank line, one sentence per line, as a dump of the page text would have them) and the
    benchmark's two Korean HTML pages."""
    groups: dict[str, list[str]] = {}
    example = data / "seed" / "newspim_gwangju_ai_2020.txt"
    if example.is_file():
        groups["example page"] = [example.read_text(encoding="utf-8")]
    articles = []
    for path in sorted((data / "summarization" / "sci-news-sum-kr-50" / "data").glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        sentences = [f"{s.rstrip('.')}." for s in record.get("sentences", []) if s.strip()]
        articles.append(f"{record.get('title', '')}\n\n" + "\n".join(sentences))
    if articles:
        groups["sci-news-sum-kr-50"] = articles
    html = sorted((data / "extraction" / "korean_pages").glob("*.html"))
    if html:  # pages as scraped (HTML): what the cleaner usually gets
        groups["korean HTML pages"] = [page.read_text(encoding="utf-8") for page in html]
    return groups


def measure_speed(data: Path, repeats: int = 3) -> dict[str, float]:
    """Per article: cleaning time, and the check over the cleaned article's sentences as the pipeline runs it
    (the segmenter has split them and kept Kiwi's morphemes; each sentence is checked against itself, which
    reads both sides of every number). Best of `repeats` runs; times in milliseconds."""
    from summarizer.clean import clean_article
    from summarizer.segment import sentence_morphemes, split_sentences

    timing: dict[str, float] = {}
    total_clean = total_check = 0.0
    for group, pages in speed_pages(data).items():
        clean_ms = check_ms = split_ms = 0.0
        sentences = 0
        for raw in pages:
            clean_article(raw)  # warm caches (trafilatura, Kiwi) before timing
            clean_ms += _best_ms(lambda: clean_article(raw), repeats)
            article = clean_article(raw)
            started = time.perf_counter()  # the segmenter's work, done before the check in the pipeline
            page = [s for paragraph in article.paragraphs for s in split_sentences(paragraph)]
            split_ms += 1000 * (time.perf_counter() - started)
            check_ms += _best_ms(lambda: [check_fidelity(s, s, sentence_morphemes(s)) for s in page], repeats)
            sentences += len(page)
        count = len(pages)
        key = SPEED_GROUPS[group]
        timing.update({
            f"{key}_pages": float(count),
            f"{key}_sentences_per_page": round(sentences / count, 1),
            f"{key}_clean_ms_per_page": round(clean_ms / count, 3),
            f"{key}_split_ms_per_page": round(split_ms / count, 3),
            f"{key}_check_ms_per_page": round(check_ms / count, 3),
            f"{key}_check_share_of_clean": round(check_ms / clean_ms, 4) if clean_ms else 0.0,
        })
        total_clean, total_check = total_clean + clean_ms, total_check + check_ms
    if total_clean:
        timing["check_share_of_clean"] = round(total_check / total_clean, 4)
    return timing


def _best_ms(run: Callable[[], object], repeats: int) -> float:
    best = float("inf")
    for _ in range(max(1, repeats)):
        started = time.perf_counter()
        run()
        best = min(best, 1000 * (time.perf_counter() - started))
    return best


def format_report(report: FidelityReport, details: int = 50) -> str:
    """The table, then misses, false alarms and human-pair flags (at most `details` rows each)."""
    lines = ["model                  labelled  hits  false alarms  misses  precision  recall"]
    for s in report.models:
        lines.append(f"{s.model:<22} {s.labelled:>8} {s.hits:>5} {s.false_alarms:>13} {s.misses:>7} {s.precision:>10.3f} {s.recall:>7.3f}")
    for s in report.models:
        for first, last in ((1, 1000), (1001, report.human_sentences)):
            hits, alarms, misses = s.between(first, last)
            precision = hits / (hits + alarms) if hits + alarms else 1.0
            recall = hits / (hits + misses) if hits + misses else 1.0
            lines.append(f"  {s.model} lines {first}-{last}: {hits} hits, {alarms} false alarms, {misses} misses, precision {precision:.3f}, recall {recall:.3f}")
    lines.append(
        f"human pairs: {len(report.human_flagged)} of {report.human_sentences} sentences flagged "
        f"({report.human_flag_rate:.1%}); check {report.check_ms_per_sentence:.2f} ms per sentence pair"
    )
    sp = report.speed
    for name, key in SPEED_GROUPS.items():
        if f"{key}_pages" in sp:
            lines.append(
                f"speed, {name}: {sp[f'{key}_check_ms_per_page']:.2f} ms to check vs {sp[f'{key}_clean_ms_per_page']:.1f} ms "
                f"to clean per article ({sp[f'{key}_check_share_of_clean']:.1%} of cleaning; "
                f"{sp[f'{key}_sentences_per_page']:.0f} sentences/article, {sp[f'{key}_pages']:.0f} article(s); "
                f"the segmenter's Kiwi split, reused by the check: {sp[f'{key}_split_ms_per_page']:.1f} ms)"
            )
    for s in report.models:
        for title, rows in (("misses", s.miss_list), ("false alarms", s.false_alarm_list)):
            if rows:
                lines.append(f"\n{s.model} {title} ({len(rows)}):")
                lines.extend(_row(f) for f in rows[:details])
    if report.human_flagged:
        lines.append(f"\nhuman pairs flagged ({len(report.human_flagged)}):")
        lines.extend(_row(f) for f in report.human_flagged[:details])
    return "\n".join(lines)


def _row(finding: Finding) -> str:
    label = f" [{','.join(finding.label_kinds)}] {finding.note}" if finding.label_kinds or finding.note else ""
    flags = " | ".join(finding.flags) if finding.flags else "(no flag)"
    return f"  {finding.line:>4}{label} -> {flags}"
