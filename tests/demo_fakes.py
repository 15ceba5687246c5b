"""Stand-ins shared by the demo tests: a hostile ArticleResult, an inertness check and a pipeline stand-in."""

from __future__ import annotations

import re
from datetime import datetime

from summarizer.settings import Settings
from summarizer.types import ArticleResult, ModelInfo, RemovedBlock

SCRIPT = "<script>alert(1)</script>"
IMG = '<img src=x onerror="alert(1)">'
SETTINGS = Settings(translation_model="/models/tiny/translation", summary_model="/models/tiny/summarization", device="cpu")


def hostile_result(**changes) -> ArticleResult:
    """An ArticleResult whose every string carries markup that would run if it reached the page unescaped."""
    fields = dict(
        title_ko=f"제목 {SCRIPT}",
        title_en=f"Title {IMG}",
        paragraphs_ko=(f"첫 문단 {SCRIPT}", f"둘째 문단 {IMG}", "셋째 문단"),
        paragraphs_en=(f"First {IMG}", f"Second {SCRIPT}", "Third & last"),
        summary_en=f"Summary {SCRIPT}",
        subtitles_ko=(f"부제 {IMG}",),
        subtitles_en=(f"Subtitle {SCRIPT}",),
        published_at=datetime(2020, 1, 29, 14, 52),
        reporters=(f"박재범 {IMG}",),
        source=f"뉴스핌 {SCRIPT}",
        url='javascript:alert(1)//"><b>x</b>',
        models=(ModelInfo("translation", f"m{SCRIPT}"),),
        device="cpu",
        timings={"clean": 0.01, "translate": 1.5, "summarize": 0.5, "total": 2.01},
        warnings=(f"warn {IMG}",),
        removed=(RemovedBlock(f"ad {SCRIPT}", f"reason {IMG}"),),
    )
    fields.update(changes)
    return ArticleResult(**fields)


def assert_inert(fragment: str) -> None:
    """No tag or attribute from the article survived as markup."""
    assert "<script" not in fragment.lower()
    assert "<img" not in fragment.lower()
    assert "onerror=" not in fragment.lower().replace("onerror=&quot;", "")
    assert "javascript:" not in re.findall(r'href="([^"]*)"', fragment).__str__()


class StandIn:
    """A pipeline stand-in: returns a fixed result or raises a fixed error, recording what it was given."""

    def __init__(self, result: ArticleResult | None = None, error: BaseException | None = None) -> None:
        self.result, self.error, self.calls = result, error, []

    def run(self, raw, url=None, progress=None):  # noqa: ANN001
        self.calls.append((raw, url))
        if progress:
            progress("translating", 0.5)
        if self.error:
            raise self.error
        return self.result
