"""Every entry of the pattern tables matches its example and not its counter-example."""

from __future__ import annotations

import re

import pytest

from summarizer.clean import rules, vocabulary
from summarizer.clean.classify import classify_line
from summarizer.clean.metadata import canonical_outlet, outlet_from_url, split_lead_prefix


@pytest.mark.parametrize("rule", rules.LINE_RULES, ids=lambda r: r.name)
def test_line_rule_matches_its_example_and_not_its_counter(rule: rules.LineRule) -> None:
    pattern = re.compile(rule.pattern)
    assert len(rule.example) <= rule.max_len and pattern.search(rule.example), rule.example
    assert not (len(rule.counter) <= rule.max_len and pattern.search(rule.counter)), rule.counter


@pytest.mark.parametrize("rule", rules.LINE_RULES, ids=lambda r: r.name)
def test_line_rule_decides_the_class_of_its_examples(rule: rules.LineRule) -> None:
    # Order matters in the table: the example must end up with the rule's kind, the counter must not.
    assert classify_line(rule.example).kind == rule.kind
    assert classify_line(rule.counter).kind != rule.kind


def test_line_rule_names_are_unique_and_kinds_known() -> None:
    names = [r.name for r in rules.LINE_RULES]
    assert len(names) == len(set(names))
    assert {r.kind for r in rules.LINE_RULES} <= {"chrome", "timestamp", "caption", "credit", "copyright", "signoff", "byline", "end"}


@pytest.mark.parametrize("rule", rules.LEAD_PREFIXES, ids=lambda r: r.name)
def test_lead_prefix_rule_splits_its_example_only(rule: rules.PrefixRule) -> None:
    found = split_lead_prefix(rule.example)
    assert found is not None and found.rule == rule.name
    assert found.rest and found.rest in rule.example and not found.rest.startswith(("=", "]", ")"))
    other = split_lead_prefix(rule.counter)
    assert other is None or other.rule != rule.name


@pytest.mark.parametrize("word", sorted(vocabulary.CHROME_WORDS | vocabulary.SECTION_WORDS))
def test_menu_and_button_words_alone_are_page_chrome(word: str) -> None:
    assert classify_line(word).kind in ("chrome", "end")


@pytest.mark.parametrize("entry", vocabulary.OUTLETS, ids=lambda e: e[0])
def test_outlet_table_resolves_names_aliases_and_domains(entry: tuple[str, tuple[str, ...], tuple[str, ...]]) -> None:
    name, aliases, domains = entry
    for alias in (name, *aliases):
        assert canonical_outlet(alias) == name
    for domain in domains:
        assert outlet_from_url(f"https://{domain}/view/123") == name


def test_teaser_pattern_needs_a_headline_before_the_dateline() -> None:
    teaser = re.compile(rules.TEASER_BYLINE)
    assert teaser.search("외교부 1차관 인사 충격파 [서울=뉴스핌] 유신모 외교전문기자 = 국장급에서")
    assert not teaser.search("9년 만이다. 컨퍼런스 모습 (서울=연합뉴스) 윤동진 기자 = 3일 오전")


def test_html_xpaths_are_valid() -> None:
    from lxml import etree

    etree.XPath(rules.HTML_CAPTION_XPATH)
    etree.XPath(rules.HTML_BYLINE_XPATH)
