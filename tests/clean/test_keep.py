"""`keep`: in-article furniture (byline, caption, credit, sign-off, copyright) left in the body on request."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from summarizer.clean import KEEPABLE_KINDS, clean_article
from summarizer.clean.keep import BENCHMARK_KEEP, parse_keep
from summarizer.errors import ConfigError
from summarizer.evaluation.clean_eval import benchmark_text, project_convention_gold, token_prf
from summarizer.settings import Settings
from summarizer.types import Article

from .fixture_files import fixture_pages


def test_parse_keep_accepts_lists_commas_and_all() -> None:
    assert parse_keep(None) == parse_keep("") == parse_keep(()) == frozenset()
    assert parse_keep("Caption, copyright") == parse_keep(["caption", "copyright"]) == {"caption", "copyright"}
    assert parse_keep(["signoff,credit"]) == {"signoff", "credit"}
    assert parse_keep("all") == BENCHMARK_KEEP == set(KEEPABLE_KINDS)


def test_parse_keep_refuses_unknown_kinds_in_one_line() -> None:
    with pytest.raises(ConfigError, match="cannot keep 'menus'; choose from: byline, caption") as caught:
        parse_keep("caption,menus")
    assert "\n" not in str(caught.value)
    with pytest.raises(ConfigError):
        clean_article("본문입니다. 충분히 긴 문장이 여기에 있다고 가정한다.", keep=["timestamp"])


def _metadata(article: Article) -> tuple[Any, ...]:
    return (article.title, article.subtitles, article.published_at, article.updated_at, article.reporters,
            article.emails, article.dateline, article.source, article.language)


@pytest.mark.parametrize(
    "kind,expected",
    [
        ("byline", "[광주=뉴스핌] 박재범 기자 = 광주광역시는 29일 오후"),
        ("caption", "[광주=뉴스핌] 박재범 기자 = AI 광주시대 비전목표"),
        ("signoff", "jb5459@newspim.com"),
    ],
)
def test_each_kind_on_the_example_page_keeps_only_its_lines(example_page: tuple[bytes, dict[str, Any]], kind: str, expected: str) -> None:
    raw, _ = example_page
    default, kept = clean_article(raw), clean_article(raw, keep=kind)
    assert _metadata(kept) == _metadata(default)  # metadata is read from kept lines all the same
    added = [p for p in kept.paragraphs if p not in default.paragraphs]
    assert len(added) == 1 and added[0].startswith(expected)
    assert not any(block.text == added[0] or added[0].startswith(block.text) for block in kept.removed if block.reason.startswith(kind))
    assert len(kept.removed) == len(default.removed) - 1


def test_signoff_and_caption_sit_where_the_page_has_them(example_page: tuple[bytes, dict[str, Any]]) -> None:
    kept = clean_article(example_page[0], keep="caption,signoff")
    assert kept.paragraphs[-1] == "jb5459@newspim.com"  # after the last body paragraph, before the tail
    caption = next(i for i, p in enumerate(kept.paragraphs) if "[사진=광주광역시]" in p)
    assert 0 < caption < len(kept.paragraphs) - 1
    assert not any("베스트 기사" in p or "Top으로" in p for p in kept.paragraphs)  # the tail is never kept


def _without_added_lines(kept: Article, default: Article) -> list[str]:
    """kept's paragraphs minus the lines default removed as furniture, the lead's prefix cut back off."""
    furniture = Counter(b.text for b in default.removed if b.reason.split(" ")[0] in KEEPABLE_KINDS)
    prefixes = [b.text for b in default.removed if b.reason.startswith("dateline/byline of the lead")]
    suffixes = [b.text for b in default.removed if b.reason == "signoff (trailing_broadcast_signoff)"]
    out: list[str] = []
    for paragraph in kept.paragraphs:
        if furniture[paragraph] > 0:
            furniture[paragraph] -= 1
        elif not out and prefixes and paragraph.startswith(prefixes[0]):
            out.append(paragraph[len(prefixes[0]):].lstrip())
        else:
            out.append(paragraph)
    if suffixes and out and out[-1].endswith(suffixes[0]):
        out[-1] = out[-1][: -len(suffixes[0])].rstrip()
    return out


def _assert_keep_all_only_adds_furniture(raw: bytes) -> None:
    default, kept = clean_article(raw), clean_article(raw, keep="all")
    assert _metadata(kept) == _metadata(default)
    assert _without_added_lines(kept, default) == list(default.paragraphs)
    assert not Counter(b.text for b in kept.removed) - Counter(b.text for b in default.removed)  # removes nothing new


@pytest.mark.parametrize("page", fixture_pages("dumps") + fixture_pages("html") + fixture_pages("heldout"), ids=lambda p: p.stem)
def test_keep_all_only_adds_furniture_and_never_changes_the_prose(page: Path) -> None:
    _assert_keep_all_only_adds_furniture(page.read_bytes())


def test_keep_all_only_adds_furniture_on_the_blind_sets(blind_sets: dict[str, Path]) -> None:
    from summarizer.evaluation.clean_eval import pages_with_gold

    pages = [page for folder in blind_sets.values() for page in pages_with_gold(folder)]
    assert pages
    for page in pages:
        try:
            _assert_keep_all_only_adds_furniture(page.read_bytes())
        except AssertionError as exc:
            raise AssertionError(f"{page.name}: {exc}") from None


def test_html_caption_markup_stays_in_the_body_when_captions_are_kept() -> None:
    body = "".join(f"<p>본문의 {n}번째 문단은 충분히 긴 한국어 문장으로 이루어져 있으며 마침표로 끝난다.</p>" for n in range(1, 5))
    page = (
        "<html lang='ko'><head><title>연구진, 새 배터리 개발</title></head><body><article>"
        f"{body[:len(body) // 2]}<figure><img src='a.jpg'><figcaption>연구진이 실험 결과를 설명하고 있다.</figcaption></figure>"
        f"{body[len(body) // 2:]}</article></body></html>"
    )
    default, kept = clean_article(page), clean_article(page, keep="caption")
    assert "연구진이 실험 결과를 설명하고 있다." not in default.paragraphs
    assert any(b.text == "연구진이 실험 결과를 설명하고 있다." for b in default.removed)
    assert "연구진이 실험 결과를 설명하고 있다." in " ".join(kept.paragraphs)
    assert [p for p in kept.paragraphs if "문단" in p] == list(default.paragraphs)


def test_korean_benchmark_pages_meet_both_conventions(shared_data: Path, fixtures_dir: Path) -> None:
    """The issue's target: F1 ≥ 0.99 on the benchmark's two Korean pages, each gold read in its own convention."""
    import json

    folder = shared_data / "extraction" / "korean_pages"
    pages = sorted(folder.glob("*.html"))
    assert len(pages) == 2
    for page in pages:
        stem = page.name[: -len(".html")]
        gold = (folder / f"{stem}.gold.txt").read_text(encoding="utf-8")
        url = (folder / f"{stem}.url").read_text().strip()
        convention = json.loads((fixtures_dir / "korean_pages" / f"{stem}.convention.json").read_text(encoding="utf-8"))
        assert token_prf(benchmark_text(clean_article(page.read_bytes(), url=url, keep="all")), gold).f1 >= 0.99
        assert token_prf(benchmark_text(clean_article(page.read_bytes(), url=url)), project_convention_gold(gold, convention)).f1 >= 0.99


def test_settings_read_keep_from_env_and_config(tmp_path: Path) -> None:
    assert Settings.load(env={}, config_file=None).keep == ()
    assert Settings.load(env={"SUMMARIZER_KEEP": "copyright, caption"}).keep == ("caption", "copyright")
    config = tmp_path / "config.toml"
    config.write_text('[summarizer]\nkeep = ["signoff"]\n')
    assert Settings.load(env={}, config_file=config).keep == ("signoff",)
    assert Settings.load({"keep": ("all",)}, env={}).keep == tuple(sorted(KEEPABLE_KINDS))
    with pytest.raises(ConfigError, match="cannot keep 'ads'"):
        Settings.load(env={"SUMMARIZER_KEEP": "ads"})


def test_pipeline_prepare_cleans_with_the_settings_keep(example_page: tuple[bytes, dict[str, Any]]) -> None:
    from summarizer.pipeline import Pipeline

    article = Pipeline(Settings(keep=("signoff",))).prepare(example_page[0])  # prepare only cleans: no model is loaded
    assert article.paragraphs[-1] == "jb5459@newspim.com"


def test_parse_keep_refuses_unknown_kinds_next_to_all_and_reads_bytes() -> None:
    with pytest.raises(ConfigError, match="cannot keep 'bogus'"):
        parse_keep("all,bogus")
    assert parse_keep(b"caption") == {"caption"}


def test_kept_captions_of_one_figure_keep_their_order() -> None:
    body = "".join(f"<p>본문의 {n}번째 문단은 충분히 긴 한국어 문장으로 이루어져 있으며 마침표로 끝난다.</p>" for n in range(1, 5))
    page = (
        "<html lang='ko'><head><title>연구진, 새 배터리 개발</title></head><body><article>" + body[: len(body) // 2]
        + "<figure><img src='a.jpg'><figcaption>첫째 설명 문장이다.</figcaption><figcaption>둘째 설명 문장이다.</figcaption></figure>"
        + body[len(body) // 2:] + "</article></body></html>"
    )
    text = " ".join(clean_article(page, keep="caption").paragraphs)
    assert text.index("첫째 설명") < text.index("둘째 설명")


def test_a_caption_kept_from_a_one_cell_photo_table_is_a_plain_line_not_a_table_row() -> None:
    body = [f"본문의 {n}번째 문단은 충분히 긴 한국어 문장으로 이루어져 있으며 마침표로 끝난다." for n in range(1, 5)]
    caption = "연구진이 실험 결과를 설명하고 있다. (사진=한빛뉴스)"
    page = ("<html lang='ko'><head><title>연구진, 새 배터리 개발</title></head><body><div class='article'>"
            + "<br><br>".join(body[:2]) + f"<table><tr><td><img src='a.jpg'><p class='caption'>{caption}</p></td></tr></table>"
            + "<br><br>".join(body[2:]) + "</div></body></html>")
    default, kept = clean_article(page), clean_article(page, keep="caption")
    assert list(default.paragraphs) == body and caption in [b.text for b in default.removed]
    assert list(kept.paragraphs) == [*body[:2], caption, *body[2:]]
