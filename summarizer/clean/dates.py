"""Timestamps on news pages → datetimes in Seoul time (Asia/Seoul when no zone is given): Korean and ISO forms,
labelled stamps ('입력 2020.01.29 14:52'), two-digit years, RFC 2822 / English dates, epoch numbers, times shown in
a page's date elements."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone, tzinfo
from functools import lru_cache

from summarizer.clean.rules import DATE, PRINT_LABELS, SHORT_DATE, TIMESTAMP_LABELS, UPDATED_LABELS


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
