from hypothesis import given
from hypothesis import strategies as st

from summarizer.engines.batching import token_budget_batches


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
