from hypothesis import given
from hypothesis import strategies as st

from summarizer.engines.batching import decoding_cost, decoding_budget, token_budget_batches


@given(st.lists(st.integers(min_value=0, max_value=300), max_size=80), st.integers(16, 2000), st.integers(1, 16))
def test_every_index_once_within_budget(lengths, max_tokens, max_batch):
    batches = list(token_budget_batches(lengths, max_tokens, max_batch))
    flat = [i for b in batches for i in b]
    assert sorted(flat) == list(range(len(lengths)))
    for batch in batches:
        assert len(batch) <= max_batch
        padded = len(batch) * max(max(1, lengths[i]) for i in batch)
        assert len(batch) == 1 or padded <= max_tokens


def test_longest_first():
    batches = list(token_budget_batches([5, 50, 20, 49], max_tokens=100))
    assert batches[0] == [1, 3]
    assert [i for b in batches for i in b] == [1, 3, 2, 0]


@given(
    st.lists(st.integers(min_value=1, max_value=300), max_size=60),
    st.integers(1, 8),
    st.floats(0.5, 2.5),
    st.integers(64, 40_000),
)
def test_decoding_cost_bounds_every_batch(lengths, beams, ratio, budget):
    # What a batch holds while decoding: rows × beams × (longest source + its output cap), not source tokens alone.
    cap = lambda n: int(ratio * n) + 10  # noqa: E731
    cost = decoding_cost(beams, cap)
    batches = list(token_budget_batches(lengths, budget, 64, cost))
    assert sorted(i for b in batches for i in b) == list(range(len(lengths)))
    for batch in batches:
        assert len(batch) == 1 or len(batch) * beams * (max(lengths[i] for i in batch) + cap(max(lengths[i] for i in batch))) <= budget


def test_beams_and_output_length_shrink_the_batch():
    lengths = [40] * 64
    wide = list(token_budget_batches(lengths, 16_384, 64))  # source tokens only: 64 rows fit
    beams4 = list(token_budget_batches(lengths, 16_384, 64, decoding_cost(4, lambda n: 2 * n)))
    assert len(wide) == 1
    assert max(map(len, beams4)) == 16_384 // (4 * (40 + 80)) == 34


def test_default_budget_follows_the_device():
    assert decoding_budget("cpu") < decoding_budget("cuda") == decoding_budget("cuda:1")
