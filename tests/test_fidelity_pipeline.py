"""The fidelity check inside Pipeline.run: per translated sentence, summary vs body, JSON and markdown."""

from __future__ import annotations

import json

import pytest

from fakes import ScriptedEngine
from summarizer import Article, Pipeline

# A translator that gets one number wrong (649 → 669 million) and translates the rest faithfully.
TRANSLATIONS = {
    "기금 규모가 커졌다": "The fund grew",
    "약 6억 4900만 명이 영향을 받았다.": "About 669 million people were affected.",
    "행사에는 700여 명이 참석했다.": "More than 700 people attended.",
}


def _translate(text, _options):
    return TRANSLATIONS.get(text.strip(), "It happened.")


@pytest.fixture
def scripted_pipeline(monkeypatch):
    translator = ScriptedEngine(_translate)
    summarizer = ScriptedEngine(lambda _text, _options: "About 669 million people were affected; 900 attended.", task="summarization")
    monkeypatch.setattr(Pipeline, "translator", property(lambda self: translator))
    monkeypatch.setattr(Pipeline, "summarizer", property(lambda self: summarizer))
    return Pipeline(device="cpu", num_beams=1)


def test_run_flags_the_wrong_sentence_and_the_summary(scripted_pipeline):
    article = Article(
        title="기금 규모가 커졌다",
        paragraphs=("행사에는 700여 명이 참석했다.", "약 6억 4900만 명이 영향을 받았다."),
        language="ko",
    )
    result = scripted_pipeline.run(article)
    body = [issue for issue in result.fidelity if issue.where == "body"]
    assert [(i.kind, i.paragraph) for i in body] == [("value", 1)]
    assert "649 million" in body[0].message and body[0].source == "약 6억 4900만 명이 영향을 받았다."
    assert body[0].translation == "About 669 million people were affected."
    # The summary's 669 million is in the (wrong) English body, but 900 is nowhere in the article.
    summary = [issue for issue in result.fidelity if issue.where == "summary"]
    assert [i.kind for i in summary] == ["addition"] and "900" in summary[0].message
    assert "check" in result.timings

    data = json.loads(result.to_json())
    assert data["fidelity"][0]["kind"] == "value" and data["fidelity"][0]["paragraph"] == 1
    markdown = result.to_markdown()
    assert "## Check these numbers" in markdown and "paragraph 2 · value: 6억 4900만 명 = 649 million" in markdown


def test_faithful_translation_has_no_section(scripted_pipeline):
    result = scripted_pipeline.run(Article(title="기금 규모가 커졌다", paragraphs=("행사에는 700여 명이 참석했다.",), language="ko"))
    assert [i.where for i in result.fidelity] == ["summary", "summary"]  # the scripted summary's 669 million and 900
    clean = result.__class__(**{**result.__dict__, "fidelity": ()})
    assert "Check these numbers" not in clean.to_markdown()
