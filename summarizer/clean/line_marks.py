"""Line-level passes before the layout pass reads a page: lines a scraper glued together are split, menu rows
glued to a headline cut off (text dumps only), and lines whose kind shows only beside their neighbours are marked
(an outlet logo, a summary box, a bare byline by a timestamp, a caption above a photo credit).
"""

from __future__ import annotations

import re

from summarizer.clean import metadata
from summarizer.clean.classify import MENU_WORDS, LineClass
from summarizer.clean.rules import HANGUL_NAME, SURNAME_NAME, TIMESTAMP_LABELS
from summarizer.clean.vocabulary import PORTALS, SURNAMES

SENTENCE_END = re.compile(r"[.!?。][\"'”’」』)\]]*$")
NAME_WITH_ID = re.compile(r"\([A-Za-z0-9_.\-]{2,20}\)$")  # '이예미(leeym)': a citizen reporter with an id
_MAX_CAPTION = 120  # characters: longer lines above a photo credit are body text, not its caption
_MIN_MENU_PREFIX = 8  # menu words at the start of a line before it counts as a glued menu row
_MAX_LOGO_LINE = 15  # an outlet-shaped line ('전남일보') is the logo only near the top of the page
_MAX_SUMMARY_LINES = 3  # sentences of a portal's automatic summary box
_MIN_COPIED_CHARS = 20  # a summary line shorter than this could be any phrase, not a copied sentence
_SUMMARY_MARKER = re.compile(r"(?:본문\s*)?요약\s*(?:봇|보기)|자동\s*요약|AI\s*요약|세\s*줄\s*요약")
_MAX_SUMMARY_CHARS = 100  # each short; a lead paragraph under the box is longer
_OUTLET_LOGO = re.compile(r"[가-힣A-Za-z0-9]{1,8}(?:일보|신문|뉴스|방송|타임스|미디어|경제|데일리)")
_NEWSCAST = re.compile(r"^(\S+)\s+(?:\d{0,2}\s?(?:뉴스|NEWS|News)\s?\d{0,2}|뉴스데스크|뉴스룸|뉴스투데이|아침뉴스|나이트라인|뉴스광장)$")


def mark_outlet_names(lines: list[str], classes: list[LineClass]) -> str | None:
    """A line that is only an outlet's name ('동아일보' under a Daum headline), or the outlet and a newscast
    ('SBS 8뉴스', 'MBC 뉴스데스크'), is chrome, and a hint of the source: returns the first such outlet (not a portal)."""
    outlet_line: str | None = None
    for i, line in enumerate(lines):
        if classes[i].kind is None and len(line) <= 20:
            newscast = _NEWSCAST.match(line)
            outlet = metadata.canonical_outlet(newscast.group(1) if newscast else line)
            if outlet is None and i < _MAX_LOGO_LINE and _OUTLET_LOGO.fullmatch(line):  # '전남일보': an outlet the table lacks
                classes[i] = LineClass("chrome", "outlet_name")
                outlet_line = outlet_line or line
                continue
            if outlet:
                classes[i] = LineClass("chrome", "outlet_name")
                if outlet not in PORTALS and outlet_line is None:
                    outlet_line = outlet
    return outlet_line


def mark_summary_boxes(lines: list[str], classes: list[LineClass]) -> None:
    """An automatic summary box is not the article: the lines between a '요약' marker and its notice ('…요약한 결과
    입니다'), or up to three short sentences right after the notice."""
    for d, cls in enumerate(classes):
        if cls.rule != "chrome_summary_notice":
            continue
        marker = next((m for m in range(d - 1, max(-1, d - 6), -1) if _SUMMARY_MARKER.fullmatch(lines[m])), None)
        between = [i for i in range(marker + 1, d) if classes[i].kind is None] if marker is not None else []
        if between:  # '요약봇' / the summary / the notice
            for i in between:
                classes[i] = LineClass("chrome", "summary_box")
            continue
        copies = _copied_lines_above(lines, classes, d)
        if copies:  # no marker kept (the box's label was an image or dropped): its sentences repeat the body below
            for i in copies:
                classes[i] = LineClass("chrome", "summary_box")
            continue
        for i in range(d + 1, min(len(lines), d + 1 + _MAX_SUMMARY_LINES)):  # the notice, then the summary
            line = lines[i]
            if classes[i].kind is not None or len(line) > _MAX_SUMMARY_CHARS or not SENTENCE_END.search(line):
                break
            classes[i] = LineClass("chrome", "summary_box")


def _copied_lines_above(lines: list[str], classes: list[LineClass], notice: int) -> list[int]:
    """Content lines right above a summary notice whose words all come again in one line further down the page."""
    below = [" ".join(lines[j].split()) for j in range(notice + 1, len(lines)) if classes[j].kind is None]
    copies = []
    for i in range(notice - 1, max(-1, notice - 1 - _MAX_SUMMARY_LINES), -1):
        text = " ".join(lines[i].split())
        if classes[i].kind is not None or len(text) < _MIN_COPIED_CHARS or not any(text in line for line in below):
            break
        copies.append(i)
    return copies


def mark_bare_bylines(lines: list[str], classes: list[LineClass]) -> None:
    """A three-syllable name (common surname first) alone on a line right above or below a timestamp ('오지예' over
    '2019.8.13 오후 3:11') is the byline."""
    for i, line in enumerate(lines):
        name = NAME_WITH_ID.sub("", line)  # '이예미(leeym)': a citizen reporter with an id
        if classes[i].kind is None and len(name) == 3 and name[0] in SURNAMES and metadata.is_personal_name(name):
            near = [j for j in (i - 1, i + 1) if 0 <= j < len(lines)]
            if any(classes[j].kind == "timestamp" for j in near):
                classes[i] = LineClass("byline", "byline_bare_name")


def mark_captions_above_credits(lines: list[str], classes: list[LineClass]) -> None:
    """A short line right above a bare photo credit ('게티이미지뱅크', '/사진=서울경제') is that photo's caption."""
    for i in range(1, len(lines)):
        if classes[i].kind == "credit" and classes[i].rule != "credit_broadcast_crew" and classes[i - 1].kind is None and len(lines[i - 1]) <= _MAX_CAPTION:
            classes[i - 1] = LineClass("caption", "caption_above_credit")


_GLUED_METADATA = re.compile(
    r"^(?P<head>\S.{6,}?)\s+(?:(?P<name>" + SURNAME_NAME + r")\s+(?=[\[【]))?(?P<meta>(?:[\[【][^\]】]{2,12}[\]】]\s*)?"
    r"(?:" + HANGUL_NAME + r"(?:\s*[·,]\s*" + HANGUL_NAME + r")*\s*(?:기자|특파원|에디터|논설위원|객원기자|인턴기자)\s+)?"
    r"(?:" + "|".join(map(re.escape, sorted(TIMESTAMP_LABELS, key=len, reverse=True))) + r")\s*[:：]?\s*(?:19|20)\d{2}\s*[.\-/년].*)$"
)


_BYLINE_HEAD = re.compile(r"[|ㅣ@]|(?:기자|특파원|에디터|논설위원)\s*[,·]?$")


def split_glued_metadata(lines: list[str]) -> list[str]:
    """'제목 [중앙일보] 입력 2017.10.11 19:10', '제목 홍길동 기자 입력2024.08.10 13:19': a scraper put the headline, the
    byline and the timestamp on one line; they become separate lines (headline, name, metadata)."""
    out: list[str] = []
    for line in lines:
        match = _GLUED_METADATA.match(line) if len(line) <= 250 else None
        # a headline in front, not a sentence or a byline segment ('홍길동 기자, 김철수 기자 입력 …', '홍길동 기자 | e-mail | 승인 …')
        if match is None or SENTENCE_END.search(match.group("head")) or _BYLINE_HEAD.search(match.group("head")):
            out.append(line)
            continue
        out += [part for part in (match.group("head"), match.group("name"), match.group("meta")) if part]
    return out


def strip_menu_prefixes(lines: list[str]) -> tuple[list[str], list[str]]:
    """'경향신문 메뉴 검색 정치 경제 사회 … 北 "美 …"': a menu row glued to the headline by a scraper is cut off.

    Returns (lines without those prefixes, the prefixes cut). Eight menu words or outlet names in a row at the start
    of a line that goes on with other words make the cut; a body sentence does not open with eight menu words.
    Text dumps only: trafilatura's lines (HTML path) carry no menus.
    """
    out, cut = [], []
    for line in lines:
        tokens = line.split(" ")
        n = 0
        while n < len(tokens) and (tokens[n] in MENU_WORDS or metadata.canonical_outlet(tokens[n])):
            n += 1
        rest = tokens[n:]
        if n >= _MIN_MENU_PREFIX and len(rest) >= 2 and len(" ".join(rest)) >= 8:  # a menu row ending in '전남일보TV' stays whole
            cut.append(" ".join(tokens[:n]))
            line = " ".join(tokens[n:])
        out.append(line)
    return out, cut
