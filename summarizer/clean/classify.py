"""Line-level signals: normalise text into lines, classify each line with the rule table, tell prose from headlines."""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.clean.metadata import canonical_outlet
from summarizer.clean.rules import LINE_RULES, TEASER_BYLINE
from summarizer.clean.vocabulary import CHROME_WORDS, SECTION_WORDS

_COMPILED = tuple((rule, re.compile(rule.pattern)) for rule in LINE_RULES)
_MAX_RULE_LEN = max(rule.max_len for rule in LINE_RULES)
MENU_WORDS = CHROME_WORDS | SECTION_WORDS
_MENU_SPLIT = re.compile(r"[\s|·ㆍ/>›»,:\-–—()\[\]<>]+")
_COUNT = re.compile(r"^\(?[\d,.]+[)+]?$|^[\d,.]+\s*(?:개|명|회|건)$")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u3000\ufeff]+")
_TEASER_RE = re.compile(TEASER_BYLINE)
# Sentence ends: terminal punctuation, optionally followed by closing quotes/brackets.
_PROSE_END = re.compile(r"[.!?。…][\"'”’」』)\]]*$")
_KO_FINAL_END = re.compile(r"(?:다|요|죠|니다)[\"'”’」』)\]]*$")
_LETTER = re.compile(r"[^\W\d_]")
# A line that only continues the previous one (split around a link: "엔터미디어(", "www.x.co.kr", "), 무단…"): it starts
# with closing punctuation, or the previous line ends with an opening bracket. A bare domain after a complete line
# (a reader app's "joongang.co.kr" under the headline) stays its own line.
_CONTINUATION = re.compile(r"^[),.;:\]」』”’]")


@dataclass(frozen=True)
class LineClass:
    """What a line is: kind None means content (body, title, subtitle candidates); rule names the table entry."""

    kind: str | None
    rule: str | None = None


CONTENT = LineClass(None)


def normalise_lines(text: str) -> list[str]:
    """Non-empty lines with spaces collapsed; lines split around links are joined back."""
    lines: list[str] = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = _SPACES.sub(" ", raw).strip()
        if not line:
            continue
        if lines and (_CONTINUATION.match(line) or lines[-1].endswith(("(", "[", "<"))):
            joiner = "" if line[0] in "),.;:]" or lines[-1].endswith(("(", "[", "<")) else " "
            lines[-1] = lines[-1] + joiner + line
        else:
            lines.append(line)
    return lines


def classify_line(line: str) -> LineClass:
    """Classify one normalised line with LINE_RULES, then the menu-word check; CONTENT when nothing matches."""
    length = len(line)
    if length <= _MAX_RULE_LEN:
        for rule, pattern in _COMPILED:
            if length <= rule.max_len and pattern.search(line):
                return LineClass(rule.kind, rule.name)
    if length <= 80 and is_menu_line(line):
        return LineClass("chrome", "chrome_menu_words")
    return CONTENT


def is_menu_line(line: str) -> bool:
    """True when the line is made of menu/button/section words or outlet names (counts allowed), like
    '전국 광주·전남', '연합뉴스 언론사 구독하기', '페이스북(으)로 기사보내기'."""
    items = [item.strip() for item in line.split("|") if item.strip()]
    if len(items) >= 5 and all(len(item) <= 10 for item in items) and sum(any(c.isdigit() for c in item) for item in items) <= 1:
        return True  # '홈 | 정치 | 경제 | … | 동영상' (a table row of figures, '| 수출 | 5,424 | 5,125 |', is data)
    tokens = [t for t in _MENU_SPLIT.split(line.replace("(으)로", " ")) if t and not _COUNT.match(t)]
    if not tokens:
        return True
    known = sum(1 for t in tokens if t in MENU_WORDS or canonical_outlet(t))
    return known == len(tokens) or (len(tokens) >= 4 and known >= 0.75 * len(tokens))


def is_prose(line: str) -> bool:
    """A sentence-like line: long enough and ending like a sentence (Korean or Latin script)."""
    if len(line) < 20:
        return False
    if _PROSE_END.search(line):
        return len(line) >= 25 or len(line.split()) >= 5
    return len(line) >= 80 and bool(_KO_FINAL_END.search(line))


def is_headline(line: str) -> bool:
    """A title/subtitle-like line: short, with letters, and not a full paragraph of prose."""
    if not 4 <= len(line) <= 150 or len(_LETTER.findall(line)) < 3:
        return False
    return not (len(line) > 60 and is_prose(line))


def looks_like_teaser(line: str) -> bool:
    """A headline followed by another story's dateline and byline ('… [서울=뉴스핌] 유신모 기자 = …')."""
    return bool(_TEASER_RE.search(line[:200]))
