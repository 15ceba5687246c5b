"""Which in-article furniture the cleaner may keep in the body: `clean_article(raw, keep=...)`, `--keep`.

By default the body is prose only (the example page's gold): the lead's dateline/byline, photo captions and
credits, the reporter's sign-off and the copyright notice are metadata or removed. Extraction benchmarks such as
ScrapingHub's count them as article text, and newsrooms republishing a translation may want the credit lines;
`keep` leaves the chosen kinds in `Article.paragraphs`, in page order, while their metadata is still read.
Only lines inside the article are kept (from its first body paragraph to its sign-off/copyright footer);
menus, timestamps and everything after the end of the article are never kept.
"""

from __future__ import annotations

from typing import Iterable

from summarizer.errors import ConfigError

# Kind → what it keeps; the kinds are the rule kinds of rules.py, plus 'byline' for the lead's prefix.
KEEPABLE_KINDS: dict[str, str] = {
    "byline": "the dateline/byline prefix of the lead ('[광주=뉴스핌] 박재범 기자 ='), and bylines inside the body",
    "caption": "photo captions inside the body",
    "credit": "photo credits ('[사진=JTBC]', '게티이미지뱅크')",
    "signoff": "the reporter's sign-off line ('홍길동 기자 hong@yna.co.kr')",
    "copyright": "the copyright notice at the foot of the article",
}
ALL = "all"  # every kind above: what extraction benchmarks call the article body
BENCHMARK_KEEP = frozenset(KEEPABLE_KINDS)


def parse_keep(value: str | Iterable[str] | None) -> frozenset[str]:
    """'caption,copyright', ['caption', 'copyright'], 'all' or '' → the set of kinds to keep.

    Raises:
        ConfigError: a name that is not one of KEEPABLE_KINDS (one line, listing the valid ones).
    """
    if not value:
        return frozenset()
    if isinstance(value, (bytes, bytearray)):
        value = value.decode("utf-8", "replace")
    items = value.split(",") if isinstance(value, str) else [part for item in value for part in str(item).split(",")]
    names = {item.strip().lower() for item in items if item.strip()}
    unknown = sorted(names - BENCHMARK_KEEP - {ALL})
    if unknown:
        raise ConfigError(f"cannot keep {', '.join(map(repr, unknown))}; choose from: {', '.join(KEEPABLE_KINDS)} or {ALL}")
    return BENCHMARK_KEEP if ALL in names else frozenset(names)
