"""Sentence splitting and chunking: nothing dropped, duplicated or reordered; budgets respected."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.segment import pack_sentences, segment_paragraphs, split_overlong, split_sentences


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def char_tokens(texts):
    """A stand-in tokenizer: one token per two characters, plus an end-of-sequence token."""
    return [len(t) // 2 + 1 for t in texts]


def test_split_sentences_korean_keeps_every_character():
    text = "광주광역시는 29일 비전을 선포했다. 이용섭 시장은 \"원년이 될 것\"이라고 밝혔다! 정말일까? 그렇다."
    sentences = split_sentences(text)
    assert len(sentences) == 4
    assert sentences[0] == "광주광역시는 29일 비전을 선포했다."
    assert _squash("".join(sentences)) == _squash(text)


def test_split_sentences_english():
    text = 'The city said so. "It is a first," he said. Prices rose 3.5 percent in 2020. Done!'
    assert split_sentences(text, "en") == [
        "The city said so.",
        '"It is a first," he said.',
        "Prices rose 3.5 percent in 2020.",
        "Done!",
    ]


def test_split_sentences_empty():
    assert split_sentences("   \n ") == []


def test_split_overlong_prefers_clause_boundaries():
    sentence = "광주시는 인공지능 중심도시를 선포했고, 사업단을 출범시켰으며, 20대 과제를 발표했다."
    pieces = split_overlong(sentence, budget=16, count_tokens=char_tokens)
    assert len(pieces) > 1
    assert all(char_tokens([p])[0] <= 16 for p in pieces)
    assert pieces[0].endswith("선포했고,")
    assert _squash("".join(pieces)) == _squash(sentence)


def test_split_overlong_breaks_unspaced_runs():
    sentence = "가" * 200
    pieces = split_overlong(sentence, budget=10, count_tokens=char_tokens)
    assert all(char_tokens([p])[0] <= 10 for p in pieces)
    assert "".join(pieces) == sentence


@given(st.lists(st.integers(min_value=0, max_value=60), max_size=40), st.integers(min_value=1, max_value=80), st.integers(0, 4))
def test_pack_sentences_is_an_ordered_partition(lengths, budget, max_sentences):
    groups = pack_sentences(lengths, budget, max_sentences)
    assert [i for g in groups for i in g] == list(range(len(lengths)))
    for group in groups:
        assert len(group) == 1 or sum(lengths[i] for i in group) <= budget
        assert max_sentences == 0 or len(group) <= max_sentences


_HANGUL_WORD = st.text(alphabet=st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3), min_size=1, max_size=12)
_WORD = st.one_of(_HANGUL_WORD, st.sampled_from(["AI", "2020년", "(사진)", "\"인공지능\"", "△", "…", "3.5%"]))
_SENTENCE = st.builds(
    lambda words, end: " ".join(words) + end,
    st.lists(_WORD, min_size=1, max_size=60),  # up to ~700 characters: longer than the budgets below
    st.sampled_from([".", "다.", "?", "!", "", ","]),
)
_PARAGRAPH = st.builds(" ".join, st.lists(_SENTENCE, min_size=1, max_size=6))


@settings(max_examples=60, deadline=None)
@given(st.lists(_PARAGRAPH, min_size=1, max_size=5), st.integers(min_value=8, max_value=120), st.integers(0, 3))
def test_chunking_never_drops_duplicates_or_reorders(paragraphs, budget, max_sentences):
    segmentation = segment_paragraphs(paragraphs, char_tokens, budget, max_sentences)
    for p_index, paragraph in enumerate(paragraphs):
        chunks = [c for c in segmentation.chunks if c.paragraph == p_index]
        # Every character of the paragraph, in order, exactly once.
        assert _squash("".join(c.text for c in chunks)) == _squash(paragraph)
        for chunk in chunks:
            assert char_tokens([chunk.text])[0] <= budget
    order = [(c.paragraph, c.sentences[0], c.part) for c in segmentation.chunks]
    assert order == sorted(order)
    assert len(set(order)) == len(order)


def test_run_on_sentence_costs_linear_tokenizing():
    """A 2,000-word run-on sentence: each unit is tokenized about once, not once per growing candidate."""
    seen: list[int] = []

    def counting_tokens(texts):
        seen.extend(len(t) for t in texts)
        return char_tokens(texts)

    sentence = " ".join(f"단어{i % 10}" for i in range(2000))
    pieces = split_overlong(sentence, budget=40, count_tokens=counting_tokens)
    assert all(char_tokens([p])[0] <= 40 for p in pieces)
    assert " ".join(pieces) == sentence
    # Characters tokenized stay within a small multiple of the sentence (the old packer: hundreds of times).
    assert sum(seen) < 4 * len(sentence)


@given(st.lists(st.text(alphabet="가나다 ab,.", min_size=1, max_size=30), min_size=1, max_size=30), st.integers(6, 40))
@settings(max_examples=60, deadline=None)
def test_split_overlong_pieces_fit_and_keep_every_character(words, budget):
    def joined_costs_more(texts):  # a tokenizer whose joins can cost extra tokens: the recheck must catch it
        return [len(t) // 2 + t.count(" ") + 1 for t in texts]

    sentence = " ".join(w.strip() for w in words if w.strip())
    if not sentence:
        return
    pieces = split_overlong(sentence, budget, joined_costs_more)
    assert _squash("".join(pieces)) == _squash(sentence)
    assert all(joined_costs_more([p])[0] <= budget or " " not in p for p in pieces)
