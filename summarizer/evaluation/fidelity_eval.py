"""Fidelity evaluation: precision and recall of `check_fidelity` flags against hand labels on real MT output,
the share of human pairs flagged, and the check's cost next to the cleaner's (fidelity_speed.py).

Data (shared folder, see mt_eval.resolve_data_dir):
    mt/ntrex128_kor_eng/newstest2019-ref.kor.txt   Korean source, 1997 lines
    mt/ntrex128_kor_eng/newstest2019-src.eng.txt   English original (the human pairs)
    mt/opus-mt-outputs/MODEL.ntrex128.output       real outputs of opus-mt-tc-big-ko-en and opus-mt-ko-en
Labels: TSV with columns model, line (1-based), label (error | ok), kinds (comma list), note. Only labelled
lines count: a flagged `error` line is a hit, a flagged `ok` line a false alarm, an unflagged `error` a miss.
"""

from __future__ import annotations

import csv
import os
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Sequence

from summarizer.errors import InputError
from summarizer.evaluation.fidelity_speed import measure_speed, speed_lines
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
    # FLORES-200 devtest (Korean vs its human English): a second set of human pairs, none of them labelled.
    flores_sentences: int = 0
    flores_flagged: tuple[Finding, ...] = ()

    @property
    def human_flag_rate(self) -> float:
        return len(self.human_flagged) / self.human_sentences if self.human_sentences else 0.0

    @property
    def flores_flag_rate(self) -> float:
        return len(self.flores_flagged) / self.flores_sentences if self.flores_sentences else 0.0

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for score, entry in zip(self.models, data["models"]):
            entry["precision"], entry["recall"] = round(score.precision, 4), round(score.recall, 4)
        data["human_flag_rate"] = round(self.human_flag_rate, 4)
        data["flores_flag_rate"] = round(self.flores_flag_rate, 4)
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


def model_outputs(data: Path, model: str, lines: int) -> list[str]:
    """The stored NTREX translations of `model`, one per source line.

    Raises:
        InputError: the file is missing or has not `lines` lines.
    """
    path = data / OUTPUTS / f"{model}.ntrex128.output"
    if not path.is_file():
        raise InputError(f"model outputs not found: {path}")
    outputs = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    if len(outputs) != lines:
        raise InputError(f"{path}: {len(outputs)} lines for {lines} sources")
    return outputs


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
    outputs = {model: model_outputs(data, model, len(ntrex.sources)) for model in MODELS}
    scores = [score_model(model, ntrex.sources, outputs[model], labels) for model in MODELS]
    started = time.perf_counter()
    human = _human_flags(ntrex.sources, ntrex.references)
    per_sentence_ms = 1000 * (time.perf_counter() - started) / max(1, len(ntrex.sources))
    try:
        flores = load_testset("flores200", data)
    except InputError:  # a data folder without FLORES-200 (the tests' fixture): the report says it was not measured
        flores = None
    flores_flags = _human_flags(flores.sources, flores.references) if flores else ()
    timing = measure_speed(data, ntrex.sources, outputs[MODELS[0]]) if speed else {}
    return FidelityReport(
        tuple(scores), len(ntrex.sources), human, round(per_sentence_ms, 3), timing, len(flores.sources) if flores else 0, flores_flags
    )


def _human_flags(sources: Sequence[str], references: Sequence[str]) -> tuple[Finding, ...]:
    """Flags on (Korean, human English) pairs: each is a false alarm, or an error in the human translation."""
    found = []
    for number, (source, reference) in enumerate(zip(sources, references), start=1):
        issues = check_fidelity(source, reference)
        if issues:
            found.append(Finding(number, source, reference, (), "", _flags(issues)))
    return tuple(found)


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
    lines.append(
        f"human pairs, FLORES-200 devtest: {len(report.flores_flagged)} of {report.flores_sentences} "
        f"sentences flagged ({report.flores_flag_rate:.1%})"
        if report.flores_sentences
        else "human pairs, FLORES-200 devtest: not measured (no mt/flores200_devtest in the data folder)"
    )
    lines.extend(speed_lines(report.speed))
    for s in report.models:
        for title, rows in (("misses", s.miss_list), ("false alarms", s.false_alarm_list)):
            if rows:
                lines.append(f"\n{s.model} {title} ({len(rows)}):")
                lines.extend(_row(f) for f in rows[:details])
    for title, flagged in (("human pairs flagged", report.human_flagged), ("FLORES-200 human pairs flagged", report.flores_flagged)):
        if flagged:
            lines.append(f"\n{title} ({len(flagged)}):")
            lines.extend(_row(f) for f in flagged[:details])
    return "\n".join(lines)


def _row(finding: Finding) -> str:
    label = f" [{','.join(finding.label_kinds)}] {finding.note}" if finding.label_kinds or finding.note else ""
    flags = " | ".join(finding.flags) if finding.flags else "(no flag)"
    return f"  {finding.line:>4}{label} -> {flags}"
