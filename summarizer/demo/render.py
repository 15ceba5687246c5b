"""Rendering results as HTML fragments (pure, no gradio). Every article string is escaped on the way out,
so a page carrying `<script>` or `onerror=` is shown as text and runs nothing."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from summarizer.types import ArticleResult, RemovedBlock

REMOVED_TEXT_LIMIT = 280  # characters of each removed block shown; the rest is elided
FIDELITY_HINT = "check these numbers"
STAGE_NAMES = {
    "clean": "Clean the page",
    "load_models": "Load models",
    "translate": "Translate",
    "summarize": "Summarize",
    "total": "Total",
}


@dataclass(frozen=True)
class RenderedResult:
    """HTML fragments for each output area (every article string already escaped)."""

    status: str
    overview: str
    paragraphs: str
    removed: str
    removed_count: int
    details: str


def esc(value: object) -> str:
    """HTML-escape any value (quotes included) — the only way article text reaches the page."""
    return html.escape("" if value is None else str(value), quote=True)


def safe_href(url: str | None) -> str | None:
    """The URL if it is an absolute http(s) link (escaped for an attribute), else None (e.g. javascript:)."""
    if not url:
        return None
    stripped = url.strip()
    if stripped.lower().startswith(("http://", "https://")) and not any(c.isspace() for c in stripped):
        return esc(stripped)
    return None


def render_status_ok(result: ArticleResult, elapsed_s: float) -> str:
    """The success line; the Markdown and JSON downloads sit beside it as file buttons."""
    paragraphs = len(result.paragraphs_ko)
    noun = "paragraph" if paragraphs == 1 else "paragraphs"
    flagged = len(fidelity_issues(result))
    check = f' <span class="ks-check-count">{flagged} number(s) to check below.</span>' if flagged else ""
    return (
        '<div class="ks-status ks-ok" role="status">'
        f"<span>✓ Translated {paragraphs} {noun} and summarized in {elapsed_s:.1f} s on <code>{esc(result.device)}</code>.{check}</span></div>"
    )


def fidelity_issues(result: Any) -> tuple[Any, ...]:
    """The result's number-fidelity flags (summarizer.fidelity.FidelityIssue), or () before that field exists."""
    return tuple(getattr(result, "fidelity", ()) or ())


def _mark(text: str, fragments: Iterable[str]) -> str:
    """`text` escaped, with each non-empty fragment found in it wrapped in <mark> (escaped too)."""
    wanted = sorted({f for f in fragments if f and f in text}, key=len, reverse=True)
    if not wanted:
        return esc(text)
    pattern = re.compile("|".join(re.escape(f) for f in wanted))
    out, last = [], 0
    for match in pattern.finditer(text):
        out.append(esc(text[last : match.start()]))
        out.append(f'<mark class="ks-check">{esc(match.group(0))}</mark>')
        last = match.end()
    out.append(esc(text[last:]))
    return "".join(out)


def _fidelity_note(issues: Sequence[Any]) -> str:
    # One line per issue: messages have semicolons of their own ("29일 = the 29th; the English does not have it").
    items = "<br>".join(esc(getattr(issue, "message", "")) for issue in issues)
    return f'<div class="ks-fidelity" role="note">⚠ {FIDELITY_HINT}: {items}</div>'


def render_status_error(message: str) -> str:
    return f'<div class="ks-status ks-error" role="alert"><strong>Cannot summarize:</strong> {esc(message)}</div>'


def render_status_idle(url_fetch: bool) -> str:
    sources = "Paste a page, upload a file or give a URL" if url_fetch else "Paste a page or upload a file"
    return f'<div class="ks-status ks-idle">{sources}, then press <b>Summarize &amp; translate</b>.</div>'


def render_overview_placeholder() -> str:
    return (
        '<div class="ks-overview ks-placeholder">'
        '<p class="ks-eyebrow">English summary</p>'
        "<h2>Your English title and summary appear here</h2>"
        "<p>The page is cleaned of menus, ads and captions, translated paragraph by paragraph, then summarized. "
        "Try the bundled example to see it at work.</p></div>"
    )


def _format_date(value: Any) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if hasattr(value, "strftime") else str(value)


def render_metadata(result: ArticleResult) -> str:
    """Outlet, dates, reporters and source URL as a definition list (only the fields the page had)."""
    rows: list[tuple[str, str]] = []
    if result.source:
        rows.append(("Outlet", esc(result.source)))
    if result.published_at:
        published = esc(_format_date(result.published_at))
        if result.updated_at and result.updated_at != result.published_at:
            published += f' <span class="ks-muted">(updated {esc(_format_date(result.updated_at))})</span>'
        rows.append(("Published", published))
    if result.reporters:
        rows.append(("Reporters" if len(result.reporters) > 1 else "Reporter", esc(", ".join(result.reporters))))
    if result.url:
        href = safe_href(result.url)
        shown = esc(result.url)
        link = f'<a href="{href}" target="_blank" rel="noopener noreferrer nofollow">{shown}</a>' if href else shown
        rows.append(("URL", link))
    if not rows:
        return ""
    items = "".join(f"<div><dt>{label}</dt><dd>{value}</dd></div>" for label, value in rows)
    return f'<dl class="ks-meta">{items}</dl>'


def render_overview(result: ArticleResult) -> str:
    """English title (Korean beneath), subtitles, the summary, metadata and warnings."""
    parts = ['<div class="ks-overview">', '<p class="ks-eyebrow">English summary</p>']
    parts.append(f'<h2 class="ks-title-en" lang="en">{esc(result.title_en) or "(untitled)"}</h2>')
    if result.title_ko:
        parts.append(f'<p class="ks-title-ko" lang="ko">{esc(result.title_ko)}</p>')
    if result.subtitles_en or result.subtitles_ko:
        items = []
        for index in range(max(len(result.subtitles_en), len(result.subtitles_ko))):
            en = result.subtitles_en[index] if index < len(result.subtitles_en) else ""
            ko = result.subtitles_ko[index] if index < len(result.subtitles_ko) else ""
            items.append(f'<li><span lang="en">{esc(en)}</span><span class="ks-sub-ko" lang="ko">{esc(ko)}</span></li>')
        parts.append(f'<ul class="ks-subtitles">{"".join(items)}</ul>')
    parts.append(f'<blockquote class="ks-summary" lang="en">{esc(result.summary_en)}</blockquote>')
    parts.append(render_metadata(result))
    if result.warnings:
        warnings = "".join(f"<li>{esc(w)}</li>" for w in result.warnings)
        parts.append(f'<ul class="ks-warnings">{warnings}</ul>')
    outside_body = [i for i in fidelity_issues(result) if getattr(i, "where", "body") != "body"]
    if outside_body:
        items = "".join(
            f"<li><b>{esc(getattr(i, 'where', ''))}</b>: {esc(getattr(i, 'message', ''))} "
            f'<span lang="ko">{esc(getattr(i, "source", ""))}</span></li>'
            for i in outside_body
        )
        parts.append(f'<ul class="ks-fidelity-list" role="note"><li>⚠ {FIDELITY_HINT}:</li>{items}</ul>')
    parts.append("</div>")
    return "".join(parts)


def render_paragraphs(paragraphs_ko: Iterable[str], paragraphs_en: Iterable[str], fidelity: Iterable[Any] = ()) -> str:
    """The article side by side: one table row per paragraph, Korean beside its English translation.

    Body fidelity issues (where == "body", paragraph = row index) mark their Korean sentence and add the
    message beside it ("check these numbers").
    """
    korean, english = list(paragraphs_ko), list(paragraphs_en)
    if not korean:
        return ""
    by_row: dict[int, list[Any]] = {}
    for issue in fidelity:
        if getattr(issue, "where", "body") == "body" and isinstance(getattr(issue, "paragraph", None), int):
            by_row.setdefault(issue.paragraph, []).append(issue)
    rows = []
    for index in range(max(len(korean), len(english))):
        ko = korean[index] if index < len(korean) else ""
        en = english[index] if index < len(english) else ""
        issues = by_row.get(index, [])
        ko_html = _mark(ko, (getattr(i, "source", "") for i in issues)) + (_fidelity_note(issues) if issues else "")
        en_html = _mark(en, (getattr(i, "translation", "") for i in issues))
        flagged = ' class="ks-flagged"' if issues else ""
        rows.append(
            f'<tr{flagged}><td class="ks-n">{index + 1}</td><td class="ks-ko" lang="ko">{ko_html}</td>'
            f'<td class="ks-en" lang="en">{en_html}</td></tr>'
        )
    return (
        '<div class="ks-article"><h3>Article, paragraph by paragraph</h3><div class="ks-table-wrap">'
        '<table class="ks-paragraphs"><thead><tr><th class="ks-n" scope="col">#</th>'
        '<th scope="col">Korean · 한국어</th><th scope="col">English</th></tr></thead>'
        f'<tbody>{"".join(rows)}</tbody></table></div></div>'
    )


def render_removed(removed: Iterable[RemovedBlock]) -> str:
    """What the cleaner dropped, each block with its reason (long blocks elided)."""
    blocks = list(removed)
    if not blocks:
        return '<p class="ks-muted">The cleaner removed nothing from this page.</p>'
    items = []
    for block in blocks:
        text = " ".join(block.text.split())
        if len(text) > REMOVED_TEXT_LIMIT:
            text = text[: REMOVED_TEXT_LIMIT - 1] + "…"
        items.append(f'<li><span class="ks-reason">{esc(block.reason)}</span><span lang="ko">{esc(text)}</span></li>')
    return f'<ul class="ks-removed">{"".join(items)}</ul>'


def render_details(result: ArticleResult) -> str:
    """Seconds per stage, the device, strategy and the models that did the work."""
    rows = []
    for stage, seconds in result.timings.items():
        css_class = " class='ks-total'" if stage == "total" else ""
        rows.append(f"<tr{css_class}><td>{esc(STAGE_NAMES.get(stage, stage))}</td><td class='ks-num'>{seconds:.2f} s</td></tr>")
    if result.timings and "total" not in result.timings:
        total = sum(result.timings.values())
        rows.append(f"<tr class='ks-total'><td>Total</td><td class='ks-num'>{total:.2f} s</td></tr>")
    timings = f'<table class="ks-timings"><tbody>{"".join(rows)}</tbody></table>' if rows else ""
    models = "".join(
        f"<li><b>{esc(m.task)}</b>: <code>{esc(m.model_id)}</code> <span class='ks-muted'>({esc(m.backend)})</span></li>"
        for m in result.models
    )
    return (
        '<div class="ks-details">'
        f"{timings}"
        f'<ul class="ks-run"><li><b>device</b>: <code>{esc(result.device)}</code></li>'
        f"<li><b>strategy</b>: {esc(result.strategy)}</li>{models}</ul></div>"
    )


def render_result(result: ArticleResult, elapsed_s: float) -> RenderedResult:
    return RenderedResult(
        status=render_status_ok(result, elapsed_s),
        overview=render_overview(result),
        paragraphs=render_paragraphs(result.paragraphs_ko, result.paragraphs_en, fidelity_issues(result)),
        removed=render_removed(result.removed),
        removed_count=len(result.removed),
        details=render_details(result),
    )


def render_failure(message: str) -> RenderedResult:
    """Every area reset, with `message` (one line, escaped here) in the status."""
    return RenderedResult(
        status=render_status_error(message),
        overview=render_overview_placeholder(),
        paragraphs="",
        removed="",
        removed_count=0,
        details="",
    )
