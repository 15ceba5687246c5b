"""Summaries of any length: chunked within the window and merged, never truncated."""

from __future__ import annotations

from dataclasses import replace

from fakes import ScriptedEngine

from summarizer.summarization import summarize_many, summary_options

OPTIONS = summary_options(5, 60)


def first_words(text, options):
    """A 'summary' keeping the first three words of the input."""
    return " ".join(text.split()[:3])


def test_short_text_is_summarized_in_one_call():
    engine = ScriptedEngine(first_words, window=100, task="summarization")
    [(summary, warnings)] = summarize_many(engine, [["One two three four. Five six."]], "en", OPTIONS)
    assert summary == "One two three"
    assert warnings == ()


def test_long_text_is_chunked_and_every_chunk_is_read():
    engine = ScriptedEngine(first_words, window=40, task="summarization")
    sentences = [f"Sentence{i} has several words in it." for i in range(40)]
    [(summary, warnings)] = summarize_many(engine, [sentences], "en", OPTIONS)
    first_round = engine.calls[0]
    assert len(first_round) > 1
    seen = " ".join(first_round)
    assert all(f"Sentence{i}" in seen for i in range(40))  # no sentence was cut off
    assert summary and "chunks and merged" in warnings[0]
    assert len(engine.calls) >= 2  # partial summaries were summarized again


def test_many_documents_share_each_round():
    engine = ScriptedEngine(first_words, window=100, task="summarization")
    results = summarize_many(engine, [["A b c d."], [], ["E f g h."]], "en", OPTIONS)
    assert [r[0] for r in results] == ["A b c", "", "E f g"]
    assert len(engine.calls) == 1


def test_english_text_uses_the_configured_models_whatever_the_strategy(tiny_models):
    # Finding 7: summarize(english) used to load the registry's default English summarizer for the strategies
    # that start from Korean (offline: "not in the local cache"), ignoring the configured models.
    import pytest

    from summarizer.errors import ConfigError
    from summarizer.pipeline import summarize
    from summarizer.settings import Settings

    settings = Settings(
        translation_model=str(tiny_models / "translation"),
        summary_model=str(tiny_models / "cross-lingual"),
        strategy="cross-lingual",
        device="cpu",
        backend="transformers",
        num_beams=1,
    )
    english = "The city unveiled its artificial intelligence plan on Tuesday. The mayor presented it himself."
    assert isinstance(summarize(english, settings), str)
    korean_only = settings.replace(strategy="summarize-then-translate", summary_model=str(tiny_models / "ko-summarization"))
    with pytest.raises(ConfigError, match="English summarizer"):
        summarize(english, korean_only)


def test_a_looping_summary_is_generated_again_with_stricter_settings():
    def loops_unless_strict(text, options):
        return "the report the report the report the report" if options.repetition_penalty == 1.0 else "A sane summary."

    engine = ScriptedEngine(loops_unless_strict, window=100, task="summarization")
    [(summary, warnings)] = summarize_many(engine, [["One two three four. Five six."]], "en", OPTIONS)
    assert summary == "A sane summary."
    assert len(engine.calls) == 2 and engine.calls[1] == engine.calls[0]
    assert "repetition loop ('the report')" in warnings[0] and "generated again" in warnings[0]


def test_a_looping_summary_is_kept_once_when_retry_is_off():
    engine = ScriptedEngine(lambda text, options: "the report the report the report the report", window=100, task="summarization")
    [(summary, warnings)] = summarize_many(engine, [["One two three four. Five six."]], "en", replace(OPTIONS, retry_degenerate=False))
    assert summary == "the report the report the report the report" and len(engine.calls) == 1
    assert "was kept (retry_degenerate is off)" in warnings[0]


def test_a_sane_summary_is_not_generated_twice():
    engine = ScriptedEngine(first_words, window=100, task="summarization")
    summarize_many(engine, [["One two three four. Five six."], ["Seven eight nine ten."]], "en", OPTIONS)
    assert len(engine.calls) == 1
