"""Metadata found in page text: reporters, e-mails, dateline, outlet; timestamps are read by dates.py (re-exported here)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

# callers (layout.py, html.py) read timestamps through metadata
from summarizer.clean.dates import (  # noqa: F401
    datetime_from_epoch,
    datetime_from_match,
    labelled_timestamps,
    more_precise,
    parse_datetime,
    parse_timestamps,
    seoul_tz,
    shown_time,
)
from summarizer.clean.rules import BROADCAST_SIGNOFF, CREDITS_BYLINE, EMAIL, HANGUL_NAME, LEAD_PREFIXES, NAMES, PLACE_NAME_EMAIL, ROLE
from summarizer.clean.vocabulary import COMPOUND_SURNAMES, NON_NAME_SUFFIXES, NON_NAMES, OUTLETS, SECTION_WORDS

_EMAIL_RE = re.compile(EMAIL)
_NAMES_ROLE_RE = re.compile(r"(?P<names>" + NAMES + r")\s*(?P<role>" + ROLE + r")")
_ROLE_NAME_RE = re.compile(r"(?:칼럼니스트|기자|에디터|논설위원|기자명|글|By|by)\s*[:：]?\s*(?P<names>" + HANGUL_NAME + r")(?![가-힣])")
# Broadcast sign-off: 'YTN 홍길동[hong@ytn.co.kr]입니다.', 'KBS 뉴스 홍길동입니다.'
_BROADCAST_RE = re.compile(BROADCAST_SIGNOFF)
# '서울-홍길동 hong@rfa.org' (place, name, e-mail) and '취재 홍길동, 김철수 / 촬영 …' (the 취재 names are the reporters)
_PLACE_NAME_EMAIL_RE = re.compile(PLACE_NAME_EMAIL)
_CREDITS_RE = re.compile(CREDITS_BYLINE)
# 'By 존 에드워드': a transliterated foreign name, kept whole (its parts are not Korean names)
_BY_FOREIGN_RE = re.compile(r"^(?:By|by|글)\s*[:：]?\s+(?P<name>[가-힣]{1,5}(?:\s[가-힣]{1,6}){1,2})\s*$")
_NAME_SPLIT_RE = re.compile(r"[\s·,ㆍ]+")
_PREFIX_RES = tuple((rule.name, re.compile(rule.pattern)) for rule in LEAD_PREFIXES)
_ROLE_FULL_RE = re.compile(r"^\s*(?P<names>" + NAMES + r")\s*(?P<role>" + ROLE + r")\s*$")
# Two-syllable words joined by '·' ahead of a name ('순천·광양 구현모 기자') are places, as in a dateline
_PLACE_LIST_RE = re.compile(r"[가-힣]{2}(?:[·ㆍ][가-힣]{2})+")
# Datelines that read like names next to '기자' ('워싱턴 이은건 기자'); Korea's cities are in NON_NAMES or two-syllable lists
PLACE_NAMES = frozenset(
    "워싱턴 베이징 도쿄 뉴욕 파리 런던 베를린 모스크바 브뤼셀 제네바 홍콩 상하이 싱가포르 하노이 방콕 자카르타 뉴델리 카이로 두바이 "
    "시드니 토론토 로마 마드리드 평양 개성 판문점 광양 순천 여수 목포 창원 포항 전주 청주 춘천 원주 강릉 수원 성남 고양 용인 안산 "
    "천안 김해 구미 경주 안동 진주 거제 통영 군산 익산 충주 제천 평택 의정부 파주 김포 양산 무안 나주".split()
)
_OUTLET_SUFFIX_RE = re.compile(r"(?:뉴스|일보|신문|경제|데일리|코리아|타임스|미디어|닷컴|투데이|뉴스24|TV|방송)$")


def emails_in(text: str) -> list[str]:
    """E-mail addresses in text, in order, without duplicates."""
    return _unique(m.group(0).rstrip(".") for m in _EMAIL_RE.finditer(text))


def clean_names(names: str) -> list[str]:
    """Personal names from a byline fragment like '홍길동·김철수' (organisation words dropped)."""
    chunks = names.split()
    if len(chunks) > 1 and _PLACE_LIST_RE.fullmatch(chunks[0]):  # '순천·광양 구현모': the dateline's places, then the name
        names = " ".join(chunks[1:])
    result = []
    for name in _NAME_SPLIT_RE.split(names):
        if is_personal_name(name):
            result.append(name)
    return _unique(result)


def is_personal_name(name: str) -> bool:
    """True for a 2–4 syllable Hangul word that is not an outlet, desk or common label; four syllables only with a
    two-syllable surname ('남궁민수'), since other four-syllable words next to '기자' are outlets ('텐아시아 기자')."""
    if not re.fullmatch(HANGUL_NAME, name) or name in NON_NAMES or name in PLACE_NAMES or canonical_outlet(name):
        return False
    if len(name) == 4 and not name.startswith(COMPOUND_SURNAMES):
        return False
    return not name.endswith(NON_NAME_SUFFIXES)


def reporters_in(line: str) -> list[str]:
    """Reporter names in a byline or sign-off line ('홍길동 기자', '칼럼니스트 박생강', '[매일경제 홍길동 기자]')."""
    names: list[str] = []
    for match in _NAMES_ROLE_RE.finditer(line):
        names += clean_names(match.group("names"))
    if not names:
        for match in _ROLE_NAME_RE.finditer(line):
            names += clean_names(match.group("names"))
    if not names:
        for match in _BROADCAST_RE.finditer(line):
            names += clean_names(match.group("names"))
    for pattern in (_PLACE_NAME_EMAIL_RE, _CREDITS_RE):
        match = pattern.match(line.strip()) if not names else None
        names += clean_names(match.group("names")) if match else []
    if not names:
        foreign = _BY_FOREIGN_RE.match(line.strip())
        names += [foreign.group("name")] if foreign else []
    return _unique(names)


_GLUED_SECTION_RE = re.compile(r"\S\s*[-–—]\s*(?P<section>[가-힣A-Za-z/·]{1,8})$")


def without_glued_section(title: str) -> str:
    """A title whose site suffix was cut, without the section glued before it ('제목-정치ㅣ한국일보' → '제목')."""
    match = _GLUED_SECTION_RE.search(title)
    if match and match.group("section") in SECTION_WORDS:
        return title[: match.start("section")].rstrip(" -–—")
    return title


_COLUMN_PREFIX_RE = re.compile(r"^\s*[\[【<]\s*[^\]】>/]{1,15}/\s*(?P<names>[가-힣]{2,4}(?:\s*[·,]\s*[가-힣]{2,4})*)\s*(?:" + ROLE + r")?\s*[\]】>]")


def columnist_in_title(title: str) -> list[str]:
    """The writer a column's title names in its corner prefix ('[동아광장/문영진]중동의 …' → ['문영진'])."""
    match = _COLUMN_PREFIX_RE.match(title)
    return clean_names(match.group("names")) if match else []


@dataclass(frozen=True)
class LeadPrefix:
    """A dateline/byline at the start of a paragraph and what it says."""

    rule: str
    text: str  # the prefix as written
    rest: str  # the paragraph without it
    dateline: str | None
    outlet: str | None
    reporters: tuple[str, ...]


def split_lead_prefix(line: str) -> LeadPrefix | None:
    """Split '(서울=연합뉴스) 홍길동 기자 = 본문' into the prefix's metadata and the body text."""
    head = line[:120]
    for name, pattern in _PREFIX_RES:
        match = pattern.match(head)
        if not match or not match.group(0).strip():
            continue
        groups = match.groupdict()
        dateline, outlet, reporters = groups.get("place"), groups.get("outlet"), []
        if groups.get("names"):
            reporters = clean_names(groups["names"])
        if name == "dateline_outlet_byline":
            left, right = groups["left"].strip(), groups["right"].strip()
            role_match = _ROLE_FULL_RE.match(right)
            if role_match:  # '[OSEN=홍길동 기자]', '(워싱턴=홍길동 특파원)': names on the right
                reporters = clean_names(role_match.group("names")) + reporters
                if is_outlet_name(left) or not re.search("[가-힣]", left):
                    outlet = left
                else:
                    dateline = left
            elif is_outlet_name(left):
                outlet = left
            else:
                dateline, outlet = left, right
        if name == "outlet_only_bracket" and not is_outlet_name(outlet or ""):
            continue
        if name == "byline_equals" and not reporters:
            continue
        return LeadPrefix(
            rule=name,
            text=match.group(0).strip(),
            rest=line[match.end():].strip(),
            dateline=dateline or None,
            outlet=canonical_outlet(outlet) or (outlet.strip() if outlet else None),
            reporters=tuple(_unique(reporters)),
        )
    return None


@lru_cache(maxsize=1)
def _outlet_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for name, aliases, _domains in OUTLETS:
        for alias in (name, *aliases):
            index[alias.casefold().replace(" ", "")] = name
    return index


def canonical_outlet(text: str | None) -> str | None:
    """The canonical name of an outlet written as text ('연합', 'Yonhap' → '연합뉴스'), else None."""
    if not text:
        return None
    return _outlet_index().get(text.casefold().replace(" ", ""))


def is_outlet_name(text: str) -> bool:
    """A known outlet, or a name shaped like one ('…뉴스', '…일보', '…경제')."""
    text = text.strip()
    return bool(canonical_outlet(text)) or bool(_OUTLET_SUFFIX_RE.search(text))


def outlet_in_text(text: str) -> str | None:
    """The first known outlet named in text (copyright lines: 'ⓒ 한겨레신문 : 무단전재…' → '한겨레')."""
    folded = text.casefold().replace(" ", "")
    best: tuple[int, int, str] | None = None
    for alias, name in _outlet_index().items():
        if len(alias) < 2 or alias in ("연합", "헤럴드", "경향", "한경", "매경"):
            continue
        pos = folded.find(alias)
        if pos >= 0 and (best is None or (pos, -len(alias)) < (best[0], best[1])):
            best = (pos, -len(alias), name)
    return best[2] if best else None


def outlet_from_url(url: str | None) -> str | None:
    """The outlet owning the URL's domain (news.naver.com → 네이버 뉴스), else None."""
    if not url:
        return None
    host = (urlsplit(url if "//" in url else "//" + url).hostname or "").lower()
    matches = [(len(d), name) for name, _aliases, domains in OUTLETS for d in domains if host == d or host.endswith("." + d)]
    return max(matches)[1] if matches else None  # the most specific domain wins (jtbc.joins.com over joins.com)


def _unique(items) -> list[str]:  # type: ignore[no-untyped-def]
    seen: dict[str, None] = {}
    for item in items:
        if item and item not in seen:
            seen[item] = None
    return list(seen)


unique = _unique
