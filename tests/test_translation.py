"""Translation of documents: structure kept, everything batched together, degenerate output retried."""

from __future__ import annotations

from fakes import ScriptedEngine

from summarizer.engines.base import GenerationOptions
from summarizer.translation import translate_documents

OPTIONS = GenerationOptions(num_beams=1)


def tagged(text, options):
    return f"<{text}>"


def test_paragraph_count_and_order_preserved_across_documents():
    engine = ScriptedEngine(tagged)
    docs = [["제목", "첫 문장. 둘째 문장.", "", "셋째."], ["다른 기사."]]
    out = translate_documents(engine, docs, OPTIONS)
    assert [len(d.paragraphs) for d in out] == [4, 1]
    assert out[0].paragraphs == ("<제목>", "<첫 문장.> <둘째 문장.>", "", "<셋째.>")
    assert out[1].paragraphs == ("<다른 기사.>",)
    assert len(engine.calls) == 1  # every sentence of every document in one call
    assert out[0].warnings == ()


def test_overlong_sentence_is_split_and_reported():
    engine = ScriptedEngine(tagged, window=8)
    sentence = " ".join(f"단어{i}" for i in range(30)) + "."
    out = translate_documents(engine, [[sentence]], OPTIONS)
    assert out[0].paragraphs[0].count("<") > 1
    assert "split before translation" in out[0].warnings[0]
    # nothing lost
    assert all(f"단어{i}" in out[0].paragraphs[0] for i in range(30))


def test_degenerate_output_is_retried_with_stricter_settings():
    def loops_unless_strict(text, options):
        if "반복" in text and options.no_repeat_ngram_size != 3:
            return "the city of the city of the city of the city"
        return f"<{text}>"

    engine = ScriptedEngine(loops_unless_strict)
    out = translate_documents(engine, [["반복되는 문장.", "정상 문장."]], OPTIONS)
    assert out[0].paragraphs == ("<반복되는 문장.>", "<정상 문장.>")
    assert len(engine.calls) == 2 and engine.calls[1] == ["반복되는 문장."]
    assert "1 of 2 translation chunk(s) gave degenerate output" in out[0].warnings[0]
    assert "0 still look degenerate" in out[0].warnings[0]


def test_still_degenerate_after_retry_is_reported():
    engine = ScriptedEngine(lambda t, o: "again " * 50)
    out = translate_documents(engine, [["문장."]], OPTIONS)
    assert "1 still look degenerate" in out[0].warnings[0]


def test_identical_chunks_are_translated_once_and_shared():
    engine = ScriptedEngine(tagged)
    wire = "연합뉴스 기자가 전했다."
    docs = [[wire, "첫 기사."], ["둘째 기사.", wire], [wire]]
    out = translate_documents(engine, docs, OPTIONS)
    sent = [text for call in engine.calls for text in call]
    assert sent.count(wire) == 1 and len(sent) == 3
    assert out[0].paragraphs == (f"<{wire}>", "<첫 기사.>")
    assert out[1].paragraphs == ("<둘째 기사.>", f"<{wire}>")
    assert out[2].paragraphs == (f"<{wire}>",)


def test_persistent_cache_skips_chunks_translated_before(tmp_path):
    from summarizer.translation_cache import TranslationCache

    cache = TranslationCache.open(tmp_path / "cache")
    first = ScriptedEngine(tagged)
    translate_documents(first, [["첫 문장. 둘째 문장."]], OPTIONS, cache=cache)
    assert len(cache) == 2
    again = ScriptedEngine(lambda text, options: f"new {text}")
    out = translate_documents(again, [["첫 문장. 둘째 문장.", "셋째."]], OPTIONS, cache=cache)
    assert out[0].paragraphs == ("<첫 문장.> <둘째 문장.>", "new 셋째.")
    assert again.calls == [["셋째."]]
    # Other decoding options are other entries.
    other = ScriptedEngine(tagged)
    translate_documents(other, [["가."]], GenerationOptions(num_beams=2), cache=cache)
    assert other.calls == [["가."]]


def test_persistent_cache_is_bounded_and_shared_between_connections(tmp_path):
    from summarizer.translation_cache import TranslationCache

    writer = TranslationCache.open(tmp_path, max_entries=3)
    translate_documents(ScriptedEngine(tagged), [["하나.", "둘.", "셋.", "넷.", "다섯."]], OPTIONS, cache=writer)
    assert len(writer) == 3
    reader = TranslationCache.open(tmp_path, max_entries=3)  # a second process sees the same entries
    engine = ScriptedEngine(tagged)
    translate_documents(engine, [["다섯.", "하나."]], OPTIONS, cache=reader)
    assert engine.calls == [["하나."]]  # the oldest entry was dropped, the newest kept


def test_persistent_cache_misses_after_a_hub_model_update(tmp_path, monkeypatch):
    """Same hub id and no revision given: a new snapshot in the Hugging Face cache is a new model, not old outputs."""
    import huggingface_hub.constants

    from summarizer.translation_cache import TranslationCache

    hub = tmp_path / "hub"
    repo = hub / "models--org--ko-en"
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_CACHE", str(hub))

    def publish(revision: str) -> ScriptedEngine:
        (repo / "snapshots" / revision).mkdir(parents=True)
        (repo / "snapshots" / revision / "config.json").write_text("{}")
        (repo / "refs").mkdir(exist_ok=True)
        (repo / "refs" / "main").write_text(revision)
        engine = ScriptedEngine(tagged)
        engine.info = engine.info.__class__(task="translation", model_id="org/ko-en", family="scripted")
        return engine

    cache = TranslationCache.open(tmp_path / "cache")
    translate_documents(publish("a" * 40), [["첫 문장."]], OPTIONS, cache=cache)
    updated = publish("b" * 40)
    translate_documents(updated, [["첫 문장."]], OPTIONS, cache=cache)
    assert updated.calls == [["첫 문장."]]


def test_retry_off_keeps_degenerate_output_and_says_so():
    from dataclasses import replace

    engine = ScriptedEngine(lambda t, o: "again " * 50)
    out = translate_documents(engine, [["문장."]], replace(OPTIONS, retry_degenerate=False))
    assert len(engine.calls) == 1  # no second pass
    assert out[0].paragraphs == ("again " * 50,)
    assert "kept as they are (retry_degenerate is off)" in out[0].warnings[0]


def test_retry_setting_reaches_the_translation_options():
    from summarizer.pipeline import Pipeline
    from summarizer.settings import Settings

    assert Pipeline(Settings.load(env={})).translation_options.retry_degenerate is True
    off = Settings.load(env={"SUMMARIZER_RETRY_DEGENERATE": "false"})
    assert Pipeline(off).translation_options.retry_degenerate is False


def test_a_run_translates_a_sentence_once_across_batches_degenerate_or_not():
    # Within a run (the pipeline's in-memory cache), batch 2 reuses batch 1's outputs: copies get the same English.
    from summarizer.translation_cache import RecentTranslations

    engine = ScriptedEngine(lambda t, o: "again " * 50 if "반복" in t else f"<{t}>")
    memo = RecentTranslations()
    first = translate_documents(engine, [["같은 문장.", "반복 문장."]], OPTIONS, cache=memo)
    calls = len(engine.calls)
    second = translate_documents(engine, [["같은 문장.", "반복 문장.", "새 문장."]], OPTIONS, cache=memo)
    assert [c for c in engine.calls[calls:]] == [["새 문장."]]  # neither the good nor the degenerate one again
    assert second[0].paragraphs[:2] == first[0].paragraphs


def test_the_in_memory_cache_is_bounded():
    from summarizer.translation_cache import RecentTranslations

    engine = ScriptedEngine(lambda t, o: f"<{t}>")
    memo = RecentTranslations(max_entries=2)
    translate_documents(engine, [["하나.", "둘.", "셋."]], OPTIONS, cache=memo)
    assert len(memo.lookup(engine, OPTIONS, ["하나.", "둘.", "셋."])) == 2


def test_a_pipeline_without_a_cache_folder_keeps_translations_in_memory():
    from summarizer.pipeline import Pipeline
    from summarizer.settings import Settings
    from summarizer.translation_cache import RecentTranslations

    pipe = Pipeline(Settings.load(env={}))
    assert isinstance(pipe.translation_cache, RecentTranslations) and pipe.translation_cache is pipe.translation_cache
