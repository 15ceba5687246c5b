"""Whether text is Korean is decided once (textio.is_korean, through the cleaner's Article.language) and every
door uses that decision: the cleaner, the pipeline's check, and articles built by hand."""

from __future__ import annotations

import pytest

from summarizer import Article, Pipeline
from summarizer.clean import article_language, clean_article
from summarizer.errors import NotKoreanError

KOREAN = ("정부는 9일 중소기업 지원을 크게 늘리는 새 경제 정책을 발표했다고 밝혔다. 이번 정책은 내년부터 시행된다.",
          "전문가들은 이번 조치가 경기 회복에 도움이 될 것이라고 평가했다. 다만 재원 마련 방안이 불분명하다는 지적도 나왔다.")


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(translation_model="/nonexistent/translation", summary_model="/nonexistent/summary", device="cpu")


def test_the_pipeline_follows_the_cleaners_decision(pipeline: Pipeline) -> None:
    assert pipeline.prepare("\n\n".join(KOREAN)).language == "ko"
    with pytest.raises(NotKoreanError, match="--force"):  # an Article labelled English is not translated as Korean
        pipeline.prepare(Article(title="제목", paragraphs=KOREAN, language="en"))


def test_an_article_built_by_hand_is_decided_by_the_same_test(pipeline: Pipeline) -> None:
    assert article_language(Article(paragraphs=KOREAN)) == "ko"
    assert pipeline.prepare(Article(paragraphs=KOREAN)).paragraphs == KOREAN
    english = Article(paragraphs=("Seoul stocks rose on Monday as chipmakers gained, and analysts expect more.",))
    assert article_language(english) == "en"
    with pytest.raises(NotKoreanError):
        pipeline.prepare(english)


def test_cleaner_labels_korean_with_latin_names_as_korean() -> None:
    text = KOREAN[0] + " LG전자와 SK하이닉스, AI 반도체 HBM 투자도 늘린다고 밝혔다.\n\n" + KOREAN[1]
    assert clean_article(text).language == "ko"
