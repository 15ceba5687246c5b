"""A page title's site affixes: '제목 - 매일경제', '제목-정치ㅣ한국일보', '대전일보 모바일 :: 제목' → the bare headline, and
the outlet such an affix names. Used by the HTML path (<title>, og:title) and by text dumps whose first line is the
page title as a browser shows it."""

from __future__ import annotations

import re

from summarizer.clean import metadata
from summarizer.clean.classify import is_menu_line
from summarizer.clean.json_fields import comparable

_TITLE_SPLIT = re.compile(r"\s+[|\-–—:·<>]\s+|\s*::\s*|\s*ㅣ\s*|\s*｜\s*")  # ㅣ/｜ split even unspaced ('제목-정치ㅣ한국일보')
_TITLE_SPLIT_KEEP = re.compile("(" + _TITLE_SPLIT.pattern + ")")
_BRAND_SEPARATORS = frozenset({"|", "ㅣ", "｜", "::", "<"})


def clean_title(title: str, site_names: tuple[str, ...] = ()) -> str:
    """A page title without its site-name suffix or prefix ('제목 - Entermedia', '제목 < 사회 < 기사본문 - 뉴스핌' → '제목');
    separators inside the headline stay ('A - 내무 장관', '리빙스턴 1 - 0 레인저스')."""
    title = " ".join(title.split())
    tokens = _TITLE_SPLIT_KEEP.split(title)  # piece, separator, piece, …
    pieces, separators = tokens[0::2], tokens[1::2]
    if len(pieces) <= 1:
        return title
    sites = {comparable(s) for s in site_names if s}

    def is_site(piece: str) -> bool:
        piece = piece.strip()
        return not piece or comparable(piece) in sites or bool(metadata.canonical_outlet(piece)) or _is_site_like(piece) or is_menu_line(piece)

    def is_brand_suffix(index: int) -> bool:  # '… | 스포츠서울': a short name after a bar is the site, whatever it is
        piece = pieces[index].strip()
        return separators[index - 1].strip() in _BRAND_SEPARATORS and len(piece) <= 15 and len(piece.split()) <= 2

    first, last = 0, len(pieces) - 1
    while last > first and (is_site(pieces[last]) or (last == len(pieces) - 1 and is_brand_suffix(last))):
        last -= 1
    while first < last and is_site(pieces[first]):
        first += 1
    kept = "".join(pieces[i] + (separators[i] if i < last else "") for i in range(first, last + 1)).strip()
    if kept and last < len(pieces) - 1:
        kept = metadata.without_glued_section(kept)
    return kept or title


def title_pieces(title: str) -> list[str]:
    """A page title split at its site-affix separators ('제목 - 뉴스포털7' → ['제목', '뉴스포털7'])."""
    return [p.strip() for p in _TITLE_SPLIT.split(" ".join(title.split())) if p.strip()]


def outlet_in_title(title: str) -> str | None:
    """The outlet named by a title's site suffix ('제목 - 매일경제' → '매일경제'), when it is a known outlet."""
    pieces = title_pieces(title)
    return next((metadata.canonical_outlet(p) for p in pieces[1:] if metadata.canonical_outlet(p)), None)


def _is_site_like(piece: str) -> bool:
    return bool(re.fullmatch(r"[A-Za-z0-9.\- ]{2,24}|[가-힣A-Za-z0-9 ]{0,10}(?:뉴스|일보|신문|기사본문|미디어)(?:\s*(?:모바일|mobile|Mobile|M))?", piece))
