"""Find the article in a list of page lines: header (title, subtitles), body, sign-off footer, and the tail after it.

Shared by both paths: text dumps give every line of the page; the HTML path gives the lines trafilatura kept.
The signals are general ones — the rule table (rules.py), where prose starts, timestamps, a dateline/byline on
the lead paragraph, sign-offs and end-of-article markers — not per-outlet templates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, time

from summarizer.clean import metadata
from summarizer.clean.classify import CONTENT, LineClass, classify_line, is_headline, is_prose, looks_like_teaser
from summarizer.clean.line_marks import (NAME_WITH_ID, SENTENCE_END, mark_bare_bylines, mark_captions_above_credits, mark_outlet_names,
                                         mark_summary_boxes, split_glued_metadata, strip_menu_prefixes)
from summarizer.clean.rules import TRAILING_SIGNOFF
from summarizer.clean.headline import BULLET, comparable, page_title_line, page_title_wins, pick_title
from summarizer.types import RemovedBlock

# Kinds that may sit between the end of the body and the tail (sign-off, copyright, send time, promos).
_FOOTER_KINDS = frozenset({"signoff", "byline", "copyright", "timestamp", "chrome", "caption", "credit"})
_MAX_DECK_LINES = 3  # subtitle lines under a headline; a longer run above the prose is part of the article
_MIN_SHORT_SENTENCE = 10  # characters of the one sentence a short text dump may hold
_MIN_TERSE_BODY = 100  # characters of text without any sentence that still count as a body (HTML path)
_PRINT_RANK = 5
_BODY_STAMP_PENALTY = 10
_MIDNIGHT = time(0, 0)
_MIN_FOOTER_BODY = 200  # characters of prose above a sign-off that make the timestamp under it a footer stamp
_MAX_BOX_LINES = 8  # headline lines of a related-articles box set inside the body
_TRAILING_SIGNOFF = re.compile(TRAILING_SIGNOFF)


@dataclass
class PageParts:
    """What the layout pass found; turned into an Article by the caller."""

    title: str = ""
    subtitles: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    removed: list[RemovedBlock] = field(default_factory=list)
    published_at: datetime | None = None
    updated_at: datetime | None = None
    reporters: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    dateline: str | None = None
    source: str | None = None
    warnings: list[str] = field(default_factory=list)

    def drop(self, text: str, reason: str) -> None:
        self.removed.append(RemovedBlock(text=text, reason=reason))


class PageLayout:
    """One pass over the lines of a page. mode='text' for full-page dumps, 'html' for trafilatura's main text."""

    def __init__(self, lines: list[str], mode: str = "text", title_hint: str = "", kinds: frozenset[str] | None = None,
                 keep: frozenset[str] = frozenset(), captions: frozenset[str] = frozenset()) -> None:
        self.lines, self._menu_prefixes = strip_menu_prefixes(split_glued_metadata(lines)) if mode == "text" else (list(lines), [])
        self.mode = mode
        self.title_hint = title_hint.strip()
        self.keep = keep  # in-article kinds left in the body (keep.py); their metadata is still read
        self._kept: set[int] = set()  # indexes into parts.paragraphs of the lines kept that way
        self.classes: list[LineClass] = [classify_line(line) for line in self.lines]
        self.generic = kinds is not None  # a page in another language: no Korean news layout to find
        if kinds is not None:  # only these rule kinds apply (pages in other languages get a safe subset)
            self.classes = [c if c.kind in kinds or c.kind is None else CONTENT for c in self.classes]
        self._outlet_line = mark_outlet_names(self.lines, self.classes)  # an outlet's name alone on a line (logo text)
        mark_captions_above_credits(self.lines, self.classes)
        mark_bare_bylines(self.lines, self.classes)
        mark_summary_boxes(self.lines, self.classes)
        for i, line in enumerate(self.lines):  # caption texts the HTML path found in caption markup
            if line in captions:
                self.classes[i] = LineClass("caption", "caption_markup")
        self.parts = PageParts()
        self.parts.removed += [RemovedBlock(prefix, "chrome (menu words before the text)") for prefix in self._menu_prefixes]
        self._lead_reporters: tuple[str, ...] = ()
        self._published: list[tuple[int, int, datetime]] = []  # (rank, line, value): the best-ranked one is published_at
        self._in_footer = False  # reading the sign-off footer (its timestamps count fully)
        self._header_stamp = self._find_header_stamp()
        self._page_title = page_title_line(self.lines, self.classes) if mode == "text" and not self.title_hint else None

    def run(self) -> PageParts:
        start = self._body_start()
        if start is None:
            self.parts.warnings.append("no article body found: no paragraph of prose in the page")
            self._read_header(len(self.lines))
        else:
            if self.mode == "html":
                start = self._list_above_prose(start)
            self._read_header(start)
            self._read_body(start)
        self.parts.source = self.parts.source or self._outlet_line
        if self._published:
            self.parts.published_at = min(self._published, key=lambda stamp: stamp[:2])[2]
        self.parts.published_at = self.parts.published_at or self.parts.updated_at  # only '업데이트 …' on the page
        return self.parts

    def _find_header_stamp(self) -> int | None:
        """The first timestamp line, unless it sits in the article's footer (then it says nothing of where the body
        starts): near the foot of the page, or right under prose closed by a sign-off ('홍길동 기자 …' then '입력 …')."""
        first = next((i for i, c in enumerate(self.classes) if c.kind == "timestamp"), None)
        if first is None or first > 0.7 * len(self.lines):
            return None
        above = [i for i in range(max(0, first - 3), first) if self.classes[i].kind in ("signoff", "copyright")]
        prose = [self.lines[i] for i in range(above[0]) if self.classes[i].kind is None and is_prose(self.lines[i])] if above else []
        if len(prose) >= 2 and sum(map(len, prose)) >= _MIN_FOOTER_BODY:  # a body, not a headline, sits above the sign-off
            return None
        return first

    # --- where the body starts -------------------------------------------------------------------------
    def _body_start(self) -> int | None:
        lines, classes = self.lines, self.classes
        content = [i for i, c in enumerate(classes) if c.kind is None]
        if not content:
            return None
        if self.mode == "html" and self.generic:  # not Korean news: trafilatura's main text is the article, all of it
            return content[0]
        if self.mode == "html":  # trafilatura already found the main text: start at its first paragraph
            for i in content:
                line = lines[i]
                prefix = metadata.split_lead_prefix(line)
                if prefix and len(prefix.rest) >= 15:
                    return i
                if is_prose(line) or len(line) > 150:
                    return self._extend_up(i)
            # No sentence anywhere: a few link labels ('홈정치') are navigation, a longer text is a terse article.
            return content[0] if sum(len(lines[i]) for i in content) >= _MIN_TERSE_BODY else None
        prose_start = self._prose_start(content)
        for i in content:
            prefix = metadata.split_lead_prefix(lines[i])
            if prefix is None or len(prefix.rest) < 15 or looks_like_teaser(lines[i]):
                continue
            if prose_start is None or i <= prose_start or not self._ends_between(prose_start, i):
                return i
            break
        if prose_start is not None:
            return self._extend_up(prose_start)
        # No run of prose: a page of one or two sentences is a short article, not a title with nothing under it.
        return next((i for i in content if SENTENCE_END.search(lines[i]) and len(lines[i]) >= _MIN_SHORT_SENTENCE), None)

    def _list_above_prose(self, start: int) -> int:
        """HTML path: more than three short content lines right above the first prose line are no deck but part of
        the article (a list, FAQ headings): the body starts at the first of them. The title, if there, stays out."""
        title_key = comparable(self.title_hint)
        run: list[int] = []
        for i in range(start - 1, -1, -1):
            if self.classes[i].kind is not None or (title_key and comparable(self.lines[i]) == title_key):
                break
            run.append(i)
        return run[-1] if len(run) > _MAX_DECK_LINES else start

    def _extend_up(self, start: int) -> int:
        """Take in short sentences right above the first prose line ('인류의 소망담아.'): a terse lead, not a deck."""
        stamp = self._header_stamp if self._header_stamp is not None and self._header_stamp < start else -1
        first, i = start, start - 1
        while i > stamp:
            kind = self.classes[i].kind
            if kind is None and SENTENCE_END.search(self.lines[i]) and len(self.lines[i]) >= 5:
                first = i
            elif kind not in ("caption", "credit"):  # photos may sit between those sentences and the prose
                break
            i -= 1
        return first

    def _prose_start(self, content: list[int]) -> int | None:
        first_stamp = self._header_stamp
        origins = [first_stamp + 1, 0] if first_stamp is not None else [0]
        for origin in origins:
            candidates = [i for i in content if i >= origin]
            for pos, i in enumerate(candidates):
                line = self.lines[i]
                if not is_prose(line):
                    continue
                following = candidates[pos + 1: pos + 3]
                if len(line) >= 50 or any(is_prose(self.lines[j]) for j in following):
                    return i
        return None

    def _ends_between(self, first: int, last: int) -> bool:
        return any(self.classes[k].kind in ("end", "copyright", "signoff") for k in range(first, last))

    # --- header: title, subtitles, timestamps, bylines -----------------------------------------------------
    def _read_header(self, start: int) -> int | None:
        lines, classes, parts = self.lines, self.classes, self.parts
        candidates = [i for i in range(start) if classes[i].kind is None and is_headline(lines[i])]
        stamp = self._header_stamp
        anchor = stamp if stamp is not None and stamp < start else start
        title_index = pick_title(self.lines, self.classes, candidates, anchor, self.title_hint)
        page_title = self._page_title if self._page_title and self._page_title[0] < start else None
        if page_title and page_title_wins(self.lines, page_title, title_index, candidates):
            title_index = page_title[0]  # the headline shows only in the page title: the lines under it are decks
        if self.title_hint:
            parts.title = self.title_hint
        elif page_title and title_index == page_title[0]:
            parts.title = page_title[1]
        elif title_index is not None:
            parts.title = BULLET.sub("", lines[title_index]).strip()
        title_key = comparable(parts.title)
        for i in range(start):
            line, kind = lines[i], classes[i].kind
            if kind is not None:
                self._read_metadata(i)
                parts.drop(line, f"{kind} ({classes[i].rule})")
            elif i == title_index and not self.title_hint:
                continue
            elif title_key and comparable(line) == title_key:
                parts.drop(line, "title repeated")
            elif i in candidates and (title_index is None or i > title_index):
                parts.subtitles.append(BULLET.sub("", line).strip())
            else:
                parts.drop(line, "page header (before the title)" if title_index is not None and i < title_index else "page header")
        return title_index

    # --- body and what follows it --------------------------------------------------------------------------
    def _read_body(self, start: int) -> None:
        lines, classes, parts = self.lines, self.classes, self.parts
        title_key = comparable(parts.title)
        end_reason: str | None = None
        i = start
        while i < len(lines):
            line, cls = lines[i], classes[i]
            kind = cls.kind
            if kind is None:
                if i == start:
                    line = self._strip_lead_prefix(line)
                elif parts.paragraphs and self._is_other_story(line):
                    end_reason = "another story's dateline/byline"
                    break
                if title_key and comparable(line) == title_key:
                    parts.drop(line, "title repeated")
                elif line:
                    parts.paragraphs.append(line)
            elif kind == "end":
                resume = self._inline_box_end(i)
                if resume is not None:
                    parts.drop("\n".join(lines[i:resume]), f"related-articles box inside the body ({cls.rule})")
                    i = resume
                    continue
                end_reason = f"end of article marker ({cls.rule})"
                break
            else:
                self._read_metadata(i)
                self._drop_or_keep(i)
                if kind in ("signoff", "copyright") and parts.paragraphs:
                    i = self._read_footer(i + 1)
                    end_reason = f"after the {kind} line"
                    break
            i += 1
        if self.mode == "text":
            self._drop_trailing_non_prose()
        self._strip_trailing_signoff()
        if i < len(lines):
            tail = lines[i:]
            parts.drop("\n".join(tail), f"after the end of the article: {end_reason or 'end'} ({len(tail)} lines)")

    def _inline_box_end(self, i: int) -> int | None:
        """Where the body resumes after a related-articles box set inside it ('[관련기사]', two headlines, then more of
        the article), or None when the marker ends the article. Inside means: only short headline lines, then prose,
        and a sign-off further down before any other end marker — this article's reporter's, when the header named one."""
        lines, classes, reporters = self.lines, self.classes, set(self.parts.reporters)
        j = i + 1
        while j < len(lines) and j - i <= _MAX_BOX_LINES and classes[j].kind is None and not is_prose(lines[j]):
            j += 1
        if j == i + 1 or j >= len(lines) or classes[j].kind is not None or not is_prose(lines[j]):
            return None
        for k in range(j, len(lines)):
            if classes[k].kind == "end":
                return None
            if classes[k].kind == "signoff" and (not reporters or reporters & set(metadata.reporters_in(lines[k]))):
                return j
        return None

    def _read_footer(self, i: int) -> int:
        """Sign-off, copyright, send-time lines right after the body: read for metadata, then the tail begins."""
        self._in_footer = True
        while i < len(self.lines) and self.classes[i].kind in _FOOTER_KINDS:
            self._read_metadata(i)
            self._drop_or_keep(i)
            i += 1
        return i

    def _drop_or_keep(self, i: int) -> None:
        """A classified line inside the article: into `removed` with its reason, or into the body when kept."""
        cls = self.classes[i]
        if cls.kind in self.keep:
            self._kept.add(len(self.parts.paragraphs))
            self.parts.paragraphs.append(self.lines[i])
        else:
            self.parts.drop(self.lines[i], f"{cls.kind} ({cls.rule})")

    def _drop_trailing_non_prose(self) -> None:
        """Short non-prose lines at the end of a dump's body are links; kept furniture stays where it is."""
        paragraphs, i = self.parts.paragraphs, len(self.parts.paragraphs) - 1
        while i > 0 and (i in self._kept or (not is_prose(paragraphs[i]) and len(paragraphs[i]) <= 80
                                               and not SENTENCE_END.search(paragraphs[i]))):
            if i not in self._kept:
                self.parts.drop(paragraphs.pop(i), "trailing non-prose line after the body (likely links)")
                self._kept = {k - 1 if k > i else k for k in self._kept}
            i -= 1

    def _strip_trailing_signoff(self) -> None:
        """'… 첫번째 태풍이다. KBS 뉴스 홍길동입니다.': the broadcaster's sign-off leaves the last paragraph for metadata."""
        paragraphs = self.parts.paragraphs
        last = max((i for i in range(len(paragraphs)) if i not in self._kept), default=None)
        match = _TRAILING_SIGNOFF.search(paragraphs[last]) if last is not None else None
        if match is None:
            return
        signoff = match.group(0).strip()
        if "signoff" not in self.keep:
            paragraphs[last] = paragraphs[last][: match.start()].rstrip()
            self.parts.drop(signoff, "signoff (trailing_broadcast_signoff)")
        self.parts.reporters = metadata.unique(self.parts.reporters + metadata.reporters_in(signoff))
        self.parts.emails = metadata.unique(self.parts.emails + metadata.emails_in(signoff))

    def _strip_lead_prefix(self, line: str) -> str:
        prefix = metadata.split_lead_prefix(line)
        if prefix is None:
            return line
        parts = self.parts
        if "byline" not in self.keep:
            parts.drop(prefix.text, f"dateline/byline of the lead ({prefix.rule})")
        parts.dateline = parts.dateline or prefix.dateline
        parts.source = parts.source or prefix.outlet
        self._lead_reporters = prefix.reporters
        parts.reporters = metadata.unique(list(prefix.reporters) + parts.reporters)
        parts.emails = metadata.unique(parts.emails + metadata.emails_in(prefix.text))
        return line if "byline" in self.keep else prefix.rest

    def _is_other_story(self, line: str) -> bool:
        if looks_like_teaser(line):
            return True
        prefix = metadata.split_lead_prefix(line)
        return bool(prefix and prefix.reporters and self._lead_reporters and not set(prefix.reporters) & set(self._lead_reporters))

    def _read_metadata(self, i: int) -> None:
        line, kind, parts = self.lines[i], self.classes[i].kind, self.parts
        if kind == "timestamp":
            labelled = bool(metadata.labelled_timestamps(line))
            for role, value in metadata.parse_timestamps(line):
                if role == "updated":
                    parts.updated_at = parts.updated_at or value
                else:  # a labelled time beats a bare date ('2018년 01월 14일(일)' under the masthead); print dates come last
                    date_only = value.time() == _MIDNIGHT
                    if role == "print":  # '게재 2018-01-27 08:25:40' with its time is when it went online
                        rank = _PRINT_RANK if date_only else 1
                    else:
                        rank = (0 if labelled else 3) + date_only
                    if parts.paragraphs and not self._in_footer:  # a date line amid the body text is weak evidence
                        rank += _BODY_STAMP_PENALTY
                    self._published.append((rank, i, value))
            # '홍길동 기자 | 기사입력 …': a byline sharing the timestamp's line
            parts.reporters = metadata.unique(parts.reporters + metadata.reporters_in(line))
            parts.emails = metadata.unique(parts.emails + metadata.emails_in(line))
        elif kind in ("signoff", "byline"):
            names = [NAME_WITH_ID.sub("", line)] if self.classes[i].rule == "byline_bare_name" else metadata.reporters_in(line)
            parts.reporters = metadata.unique(parts.reporters + names)
            parts.emails = metadata.unique(parts.emails + metadata.emails_in(line))
            parts.source = parts.source or _signoff_outlet(line)
        elif kind == "caption":
            if self._lead_reporters or not parts.paragraphs:
                parts.emails = metadata.unique(parts.emails + _own_emails(line, parts.reporters))
        elif kind == "copyright":
            parts.source = parts.source or metadata.outlet_in_text(line)


def _signoff_outlet(line: str) -> str | None:
    if line.startswith(("[", "(", "【", "◎")):
        return metadata.outlet_in_text(line)
    return None


def _own_emails(line: str, reporters: list[str]) -> list[str]:
    """E-mails in a photo caption credited to this article's reporters (not to a wire photographer)."""
    if not reporters or not any(name in line for name in reporters):
        return []
    return metadata.emails_in(line)


def lay_out(lines: list[str], mode: str = "text", title_hint: str = "", kinds: frozenset[str] | None = None,
            keep: frozenset[str] = frozenset(), captions: frozenset[str] = frozenset()) -> PageParts:
    """Run the layout pass over normalised lines (see PageLayout)."""
    return PageLayout(lines, mode=mode, title_hint=title_hint, kinds=kinds, keep=keep, captions=captions).run()
