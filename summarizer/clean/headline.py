"""Which line of a page's header is its headline: the top of a short block of headline-like lines above the first
timestamp, or — in a text dump — the page title a browser shows on the first line, without its site affix."""

from __future__ import annotations

import re

from summarizer.clean.classify import LineClass, is_headline, is_prose
from summarizer.clean.site_title import clean_title

BULLET = re.compile(r"^[-–—•·▶▷►■□◆◇○●*]+\s*")
_WORD = re.compile(r"\w+")
_MAX_TITLE_BLOCK = 3
_PAGE_TITLE_LINES = 2  # a dump's page title (headline with a site affix) is its first line, after a stray one at most
_MIN_PAGE_TITLE_CHARS = 6  # letters left once the affix is cut: fewer is a site name, not a headline
_MENU_RULES = ("chrome_menu_words", "chrome_breadcrumb")


def comparable(text: str) -> str:
    """Text reduced to its words, for 'is this line the title again?' checks."""
    return "".join(_WORD.findall(BULLET.sub("", text))).casefold()


def page_title_line(lines: list[str], classes: list[LineClass]) -> tuple[int, str] | None:
    """A dump's first line when it is the page title a browser shows, with a site affix ('제목｜조선일보',
    '대전일보 모바일 :: 제목', '제목-정치ㅣ한국일보'): its index and the bare headline; else None."""
    first = next((i for i, c in enumerate(classes[:_PAGE_TITLE_LINES]) if c.kind is None), None)
    if first is None or not is_headline(lines[first]):
        return None
    bare = clean_title(lines[first])
    if comparable(bare) == comparable(lines[first]) or len(comparable(bare)) < _MIN_PAGE_TITLE_CHARS:
        return None
    return first, bare


def page_title_wins(lines: list[str], page_title: tuple[int, str], picked: int | None, candidates: list[int]) -> bool:
    """The page title's headline is the title when no line under it repeats it and the line picked otherwise is
    none, the page title itself, or a sentence (a deck); a headline-like line wins ('사이트 - 슬로건' page titles)."""
    index, bare = page_title
    if any(comparable(lines[i]) == comparable(bare) for i in candidates if i > index):
        return False
    return picked is None or picked == index or is_prose(lines[picked])


def pick_title(lines: list[str], classes: list[LineClass], candidates: list[int], anchor: int, title_hint: str = "") -> int | None:
    """Index of the headline among `candidates` (headline-like content lines): the one equal to `title_hint` when
    given, else the top of the block nearest above `anchor` (the first header timestamp, or the body's start)."""
    if not candidates:
        return None
    if title_hint:
        key = comparable(title_hint)
        return next((i for i in candidates if comparable(lines[i]) == key), None)
    block: list[int] = []
    for i in range(anchor - 1, -1, -1):
        kind = classes[i].kind
        if kind is None:
            if i not in candidates:
                break
            block.append(i)
            if len(block) == _MAX_TITLE_BLOCK:
                break
        elif block and (kind == "end" or classes[i].rule in _MENU_RULES):
            break
    if not block:  # a long deck sentence stopped the walk: the nearest headline above it that is no sentence
        after = [i for i in candidates if i > anchor]
        menu = max((i for i in range(anchor) if classes[i].kind == "end" or classes[i].rule in _MENU_RULES), default=-1)
        above = [i for i in candidates if menu < i < anchor]  # the header under the menus: title on top of decks
        headlines = [i for i in above if not is_prose(lines[i])]
        return after[0] if after else headlines[-1] if headlines else above[0] if above else candidates[-1]
    block.reverse()
    substantial = [i for i in block if len(lines[i]) >= 10 and len(lines[i].split()) >= 2]
    return (substantial or block)[0]
