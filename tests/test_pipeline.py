"""The Pipeline on tiny checkpoints: structure, batching across articles, errors, result shape."""

from __future__ import annotations

import json

import pytest

from summarizer import Article, ArticleResult, Pipeline
from summarizer.errors import ConfigError, EmptyInputError, InputError, InputTooLargeError, NotKoreanError

SHORT = """[서울=뉴스핌] 홍길동 기자 = 광주광역시는 29일 인공지능 중심도시 비전을 선포했다.

이용섭 시장은 "인공지능 광주시대를 여는 원년"이라고 말했다. 행사에는 700여 명이 참석했다.

시는 20대 중점과제를 제시했다.
"""


@pytest.fixture(scope="module")
def pipeline(tiny_models):
    return Pipeline(
        translation_model=str(tiny_models / "translation"),
        summary_model=str(tiny_models / "summarization"),
        device="cpu",
        num_beams=1,
    )


def test_run_keeps_paragraph_structure(pipeline):
    article = Article(title="광주시 AI 비전 선포", paragraphs=("첫 문단이다.", "둘째 문단이다. 문장이 둘이다.", "셋째."), language="ko")
    result = pipeline.run(article)
    assert isinstance(result, ArticleResult)
    assert result.paragraphs_ko == article.paragraphs
    assert len(result.paragraphs_en) == 3 and all(result.paragraphs_en)
    assert result.title_en and result.summary_en
    assert result.device == "cpu"
    assert [m.task for m in result.models] == ["translation", "summarization"]
    assert set(result.timings) >= {"clean", "translate", "summarize", "total"}


def test_run_many_equals_run_and_keeps_order(pipeline):
    texts = [SHORT, SHORT.replace("광주광역시는", "서울시는"), SHORT.replace("700여", "300여")]
    batched = list(pipeline.run_many(texts, batch_size=3))
    single = [pipeline.run(t) for t in texts]
    assert [r.paragraphs_en for r in batched] == [r.paragraphs_en for r in single]
    assert [r.paragraphs_ko for r in batched] == [r.paragraphs_ko for r in single]
    assert batched[1].paragraphs_ko[0].startswith("서울시는")


@pytest.mark.parametrize("size", [0, -1, 2.5])
def test_run_many_refuses_a_batch_size_below_one(pipeline, size):
    # Found by a user test: 0 and -1 were quietly run as 1, while run_batch refuses 0.
    with pytest.raises(ConfigError, match="batch_size must be a whole number of at least 1"):
        next(pipeline.run_many(["본문입니다."], batch_size=size))


def test_run_many_reports_bad_items_in_place(pipeline):
    items = [SHORT, "", "This is an English text about the weather. " * 3, SHORT]
    outcomes = list(pipeline.run_many(items, batch_size=4, return_errors=True))
    assert [type(o).__name__ for o in outcomes] == ["ArticleResult", "EmptyInputError", "NotKoreanError", "ArticleResult"]
    with pytest.raises(EmptyInputError):
        list(pipeline.run_many(items, batch_size=4))


def test_not_korean_is_refused_unless_forced(pipeline):
    english = "Seoul's stock market rose on Monday as chipmakers gained.\n\nAnalysts expect more gains."
    with pytest.raises(NotKoreanError, match="--force"):
        pipeline.run(english)
    forced = Pipeline(pipeline.settings, force=True).run(english)
    assert len(forced.paragraphs_en) == 2


def test_oversized_article_is_refused_not_truncated(pipeline):
    small = Pipeline(pipeline.settings, max_chars=100)
    with pytest.raises(InputTooLargeError, match="limit"):
        small.run("가나다라 " * 100)


def test_result_json_shape(pipeline):
    data = json.loads(pipeline.run(SHORT).to_json())
    for key in ("title_ko", "title_en", "paragraphs_ko", "paragraphs_en", "summary_en", "published_at", "reporters",
                "source", "url", "models", "device", "timings", "warnings", "removed", "strategy"):
        assert key in data
    assert data["reporters"] == ["홍길동"]
    assert data["models"][0]["model_id"].endswith("translation")
    assert isinstance(data["paragraphs_en"], list)
    assert all(set(r) == {"text", "reason"} for r in data["removed"])


@pytest.mark.parametrize("strategy,folder", [("summarize-then-translate", "ko-summarization"), ("cross-lingual", "cross-lingual")])
def test_other_strategies(pipeline, tiny_models, strategy, folder):
    other = Pipeline(pipeline.settings, strategy=strategy, summary_model=str(tiny_models / folder))
    result = other.run(SHORT)
    assert result.strategy == strategy
    assert result.summary_en
    assert result.models[1].task == {"summarize-then-translate": "ko-summarization", "cross-lingual": "cross-lingual"}[strategy]


def test_module_level_translate_keeps_shape(pipeline):
    from summarizer import translate

    assert isinstance(translate("안녕하세요.", settings=pipeline.settings), str)
    out = translate(["첫째 줄.\n둘째 줄.", "셋째."], settings=pipeline.settings)
    assert len(out) == 2 and out[0].count("\n") == 1


# --- API pitfalls a newcomer meets first ---------------------------------------------------------


def test_a_path_is_read_and_a_path_given_as_text_is_named(pipeline, tmp_path):
    page = tmp_path / "page.html"
    page.write_text(SHORT, encoding="utf-8")
    assert pipeline.run(page).paragraphs_ko == pipeline.run(SHORT).paragraphs_ko  # os.PathLike is read
    with pytest.raises(InputError, match=r"looks like a file name.*Path\('page.html'\)"):
        pipeline.run("page.html")
    with pytest.raises(InputError, match="file not found"):
        pipeline.run(tmp_path / "missing.html")
    with pytest.raises(InputError, match="cannot summarize 'int' input"):
        pipeline.run(5)


def test_short_english_is_not_korean_rather_than_empty(pipeline):
    with pytest.raises(NotKoreanError):
        pipeline.run("Hello world, this is a short English sentence.")


def test_a_bodiless_english_title_names_the_detected_language(pipeline):
    title_only = Article(title="Stocks rally as the central bank holds rates steady", paragraphs=())
    with pytest.raises(NotKoreanError, match=r"detected language: en\)"):  # computed, not Article.language ("unknown")
        pipeline.prepare(title_only)


def test_error_classes_are_exported_from_the_package():
    import summarizer
    from summarizer import errors

    for name in ("SummarizerError", "InputError", "EmptyInputError", "NotKoreanError", "InputTooLargeError",
                 "DecodeError", "ModelError", "ModelUnavailableError", "ConfigError", "MissingDependencyError"):
        assert getattr(summarizer, name) is getattr(errors, name)
        assert name in summarizer.__all__


def test_large_binary_bytes_are_binary_not_too_long(pipeline):
    from summarizer.errors import DecodeError

    with pytest.raises(DecodeError, match="binary"):
        pipeline.prepare(bytes(range(256)) * 12_000)  # 3 MB
    with pytest.raises(InputTooLargeError, match="900,000 characters, over the 800,000-character limit"):
        pipeline.prepare("가" * 900_000)


def test_load_readies_the_sentence_splitter(tiny_models, monkeypatch):
    # Kiwi's first use costs ~2 s; load() pays it, so a demo's first article (or a timed batch) does not.
    from summarizer import segment
    from summarizer.pipeline import Pipeline
    from summarizer.settings import Settings

    monkeypatch.setattr(segment, "_KIWI", None)
    settings = Settings.load({"translation_model": str(tiny_models / "translation"),
                              "summary_model": str(tiny_models / "summarization"), "device": "cpu"})  # fmt: skip
    Pipeline(settings).load()
    assert segment._KIWI is not None


def test_retry_degenerate_off_reaches_the_summaries_too(tiny_models):
    # The setting used to reach translation only: looping summaries were still generated twice.
    from summarizer.pipeline import Pipeline
    from summarizer.settings import Settings

    def pipeline(retry: bool) -> Pipeline:
        return Pipeline(Settings.load({"translation_model": str(tiny_models / "translation"), "retry_degenerate": retry,
                                       "summary_model": str(tiny_models / "summarization"), "device": "cpu"}))  # fmt: skip

    assert pipeline(True).summary_options.retry_degenerate and pipeline(True).translation_options.retry_degenerate
    assert not pipeline(False).summary_options.retry_degenerate and not pipeline(False).translation_options.retry_degenerate
