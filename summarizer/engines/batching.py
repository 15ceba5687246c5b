"""Token-budget batching: group inputs of similar length so padding is small and memory bounded."""

from __future__ import annotations

from typing import Iterator, Sequence


def token_budget_batches(lengths: Sequence[int], max_tokens: int, max_batch_size: int = 64) -> Iterator[list[int]]:
    """Yield lists of input indices, longest first, each batch within `max_tokens` padded tokens.

    Padded tokens = batch size × longest input in the batch. An input longer than the budget on its
    own still gets a batch of one (it is never dropped). Every index is yielded exactly once.
    """
    order = sorted(range(len(lengths)), key=lambda i: (-lengths[i], i))
    batch: list[int] = []
    longest = 0
    for index in order:
        length = max(1, lengths[index])
        candidate_longest = max(longest, length)
        if batch and (candidate_longest * (len(batch) + 1) > max_tokens or len(batch) >= max_batch_size):
            yield batch
            batch, candidate_longest = [], length
        batch.append(index)
        longest = candidate_longest
    if batch:
        yield batch


def split_by(batch: list[int], keys: Sequence[int]) -> list[list[int]]:
    """Split one batch of indices into runs that share `keys[index]` (order kept within each run)."""
    groups: dict[int, list[int]] = {}
    for index in batch:
        groups.setdefault(keys[index], []).append(index)
    return list(groups.values())
