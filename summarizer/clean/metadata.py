"""Metadata found in page text: timestamps → datetimes (Asia/Seoul when no zone), reporters, e-mails, dateline, outlet."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from urllib.parse import urlsplit

from summarizer.clean.rules import (
    BROADCAST_SIGNOFF,
    COMPOUND_SURNAMES,
    CREDITS_BYLINE,
    DATE,
    EMAIL,
    HANGUL_NAME,
    LEAD_PREFIXES,
    NAMES,
    NON_NAME_SUFFIXES,
    NON_NAMES,
    OUTLETS,
    PLACE_NAME_EMAIL,
    PRINT_LABELS,
    ROLE,
    SECTION_WORDS,
    SHORT_DATE,
    TIMESTAMP_LABELS,
    UPDATED_LABELS,
)


@lru_cache(maxsize=1)
def seoul_tz() -> tzinfo:
    """Asia/Seoul from the tz database, or a fixed +09:00 (Korea has had no DST since 1988) when it is missing."""
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo("Asia/Seoul")
    except Exception:  # noqa: BLE001 — no tzdata on this machine
        return timezone(timedelta(hours=9), "KST")


_DATE_RE = re.compile(DATE)
_MIDNIGHT = datetime.min.time()
_LABELS = sorted(TIMESTAMP_LABELS, key=len, reverse=True)
_UPDATED = frozenset(label.replace(" ", "") for label in UPDATED_LABELS)
_PRINT = frozenset(PRINT_LABELS)
_SHORT_DATE_RE = re.compile(SHORT_DATE)
_UPDATED_BEFORE_RE = re.compile(r"(?:" + "|".join(re.escape(x) for x in UPDATED_LABELS) + r")\s*[:：]?\s*$")
_LABELLED_RE = re.compile(
    r"(?P<label>" + "|".join(re.escape(x) for x in _LABELS) + r")\s*(?:일시|시간|일자|일)?\s*[:：]?\s*" + DATE
)
_TRAILING_RE = re.compile(DATE + r"\s*(?P<label>송고|입력|등록|최종\s*수정|수정|게재)")
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


def datetime_from_match(match: re.Match[str], prefix: str = "") -> datetime | None:
    """Build a Seoul-time datetime from a DATE match (group names optionally prefixed); None if out of range."""
    groups = match.groupdict()

    def group(name: str) -> str | None:
        return groups.get(name)

    try:
        year, month, day = int(group(prefix + "y")), int(group(prefix + "m")), int(group(prefix + "d"))
        hour = int(group(prefix + "H") or 0)
        minute = int(group(prefix + "M") or 0)
        second = int(group(prefix + "S") or 0)
        ampm = (group(prefix + "ampm") or "").lower()
        if ampm in ("오후", "pm") and hour < 12:
            hour += 12
        elif ampm in ("오전", "am") and hour == 12:
            hour = 0
        return datetime(year, month, day, hour, minute, second, tzinfo=seoul_tz())
    except (TypeError, ValueError):
        return None


def parse_datetime(text: str) -> datetime | None:
    """The first date (with time when given) in text, e.g. '2020년01월29일 14:52' or ISO 8601 with a zone."""
    text = text.strip()
    iso = _parse_iso(text)
    if iso is not None:
        return iso
    match = _DATE_RE.search(text)
    if match:
        return datetime_from_match(match)
    return _parse_english(text) if _ENGLISH_DATE_RE.search(text) else None


# 'Wed, 14 Sep 2016 01:39:59 GMT', 'September 14, 2016 10:39 AM', '14 Sep 2016': a month name next to a year
_ENGLISH_DATE_RE = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\b.{0,12}\b(?:19|20)\d{2}\b|"
                              r"\b(?:19|20)\d{2}\b.{0,6}\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)", re.I)


def _parse_english(text: str) -> datetime | None:
    """RFC 2822 (RSS pubDate, HTTP) first, then dateutil for other English forms; Seoul time when no zone is given."""
    from email.utils import parsedate_to_datetime

    value: datetime | None
    try:
        value = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        value = None
    if value is None:
        import warnings

        from dateutil import parser as date_parser

        try:
            with warnings.catch_warnings():  # an unknown zone name ('IST') is read as local time, which we then set
                warnings.simplefilter("ignore")
                value = date_parser.parse(text[:80], fuzzy=True)
        except (ValueError, OverflowError, TypeError):
            return None
    if not 1970 <= value.year <= 2100:
        return None
    return value.replace(tzinfo=seoul_tz()) if value.tzinfo is None else value.astimezone(seoul_tz())


def datetime_from_epoch(seconds: float) -> datetime | None:
    """Seoul time of a Unix timestamp in seconds or milliseconds (app states store both); None outside 1990–2100."""
    if seconds > 1e11:  # milliseconds
        seconds /= 1000
    if not 631152000 <= seconds <= 4102444800:
        return None
    return datetime.fromtimestamp(seconds, tz=seoul_tz())


def _parse_iso(text: str) -> datetime | None:
    if re.fullmatch(r"\d{14}", text):  # 20160601145200 (Daum og:regDate)
        text = f"{text[:4]}-{text[4:6]}-{text[6:8]}T{text[8:10]}:{text[10:12]}:{text[12:14]}"
    if not re.match(r"\d{4}-\d{2}-\d{2}T\d", text):
        return None
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if value.tzinfo is None:
        return value.replace(tzinfo=seoul_tz())
    return value.astimezone(seoul_tz())


def more_precise(known: datetime | None, found: datetime | None) -> datetime | None:
    """`found` when nothing is known, or when it gives the time of day that a date-only `known` lacks (same day)."""
    if known is None:
        return found
    if found is not None and known.time() == _MIDNIGHT and found.time() != _MIDNIGHT and found.date() == known.date():
        return found
    return known


_TIME_ELEMENTS_XPATH = ("//time | //*[not(self::script or self::style)][contains(@class, 'date') or contains(@class, 'time') "
                        "or contains(@id, 'date') or contains(@id, 'time')]")
_MAX_TIME_ELEMENTS = 30


def shown_time(tree, day: datetime) -> datetime | None:  # type: ignore[no-untyped-def]
    """The time of `day` written in a date/time element of the page ('<span class="date">2016-08-09 16:52:59</span>',
    '<time datetime="…">'), for pages whose metas give only the day."""
    for count, element in enumerate(tree.xpath(_TIME_ELEMENTS_XPATH)):
        if count >= _MAX_TIME_ELEMENTS:
            break
        for text in (element.get("datetime") or "", " ".join(" ".join(element.itertext()).split())[:100]):
            value = parse_datetime(text) if text else None
            if value is not None and value.date() == day.date() and value.time() != _MIDNIGHT:
                return value
    return None


def parse_timestamps(line: str) -> list[tuple[str, datetime]]:
    """('published' | 'updated' | 'print', datetime) for each timestamp in a timestamp line; an unlabelled date is
    'published' (also before a labelled update: '2019년 12월 31일 16시 28분 KST | 업데이트됨 …'), a two-digit year
    ('16.01.18 20:47') is 20yy."""
    found = labelled_timestamps(line)
    if found and all(role == "updated" for role, _ in found):
        first_label = _LABELLED_RE.search(line) or _TRAILING_RE.search(line)
        unlabelled = parse_datetime(line[: first_label.start()]) if first_label else None
        if unlabelled is not None:
            found.insert(0, ("published", unlabelled))
    if not found:
        for match in _SHORT_DATE_RE.finditer(line):
            value = _short_year_datetime(match)
            if value is not None:
                found.append(("updated" if _UPDATED_BEFORE_RE.search(line[: match.start()]) else "published", value))
    if not found:
        value = parse_datetime(line)
        if value is not None:
            found.append(("published", value))
    return found


def _short_year_datetime(match: re.Match[str]) -> datetime | None:
    """'16.01.18 20:47' → 2016; years 70–99 are 19yy (a news page's two-digit year is this century or the last)."""
    year = int(match.group("y"))
    try:
        return datetime(year + (1900 if year >= 70 else 2000), int(match.group("m")), int(match.group("d")),
                        int(match.group("H")), int(match.group("M")), tzinfo=seoul_tz())
    except ValueError:
        return None


def labelled_timestamps(line: str) -> list[tuple[str, datetime]]:
    """('published' | 'updated' | 'print', datetime) for each labelled timestamp ('입력 2020.01.29 14:52', '… 송고');
    'print' is the print edition's date ('게재 일자 : …'), worth less than an online publication time."""
    found: list[tuple[str, datetime]] = []
    for match in _LABELLED_RE.finditer(line):
        value = datetime_from_match(match)
        if value is not None:
            label = match.group("label").replace(" ", "")
            role = "updated" if label in _UPDATED else "print" if label in _PRINT else "published"
            found.append((role, value))
    if not found:
        for match in _TRAILING_RE.finditer(line):
            value = datetime_from_match(match)
            if value is not None:
                found.append(("updated" if match.group("label").endswith("수정") else "published", value))
    return found


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
