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
