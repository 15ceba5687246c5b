"""Token-budget batching: group inputs of similar length so padding is small and memory bounded."""

from __future__ import annotations

from typing import Callable, Iterator, Sequence

# Batches on CPU: past ~16 rows × 4 beams of long outputs, CTranslate2's growing decoder cache is re-allocated
# (fresh pages, kernel time) every step and throughput falls; GPUs want wide batches.
CPU_DECODING_BUDGET = 16_384
GPU_DECODING_BUDGET = 65_536


def decoding_budget(device: str, setting: int = 0) -> int:
    """The decoding-token budget per batch (see decoding_cost): `setting`, or (0) the one that suits `device`."""
    return setting or (GPU_DECODING_BUDGET if device.startswith("cuda") else CPU_DECODING_BUDGET)


def decoding_cost(num_beams: int, cap_for: Callable[[int], int]) -> Callable[[int], int]:
    """Tokens one row of an `n`-token source holds while decoding: beams × (source + its output cap).

    Memory (and on CPU, speed) follows this, not the source length alone: a beam-4 batch decoding 150-token
    outputs holds ~20× its source tokens.
    """
    return lambda n: max(1, num_beams) * (n + cap_for(n))


def token_budget_batches(
    lengths: Sequence[int],
    max_tokens: int,
    max_batch_size: int = 64,
    row_cost: Callable[[int], int] | None = None,
) -> Iterator[list[int]]:
    """Yield lists of input indices, longest first, each batch within `max_tokens`.

    A batch costs rows × row_cost(its longest input) (default: the input length, i.e. padded source tokens).
    An input over the budget on its own still gets a batch of one (it is never dropped). Every index is
    yielded exactly once.
    """
    cost = row_cost or (lambda n: n)
    order = sorted(range(len(lengths)), key=lambda i: (-lengths[i], i))
    batch: list[int] = []
    per_row = 0
    for index in order:
        own = cost(max(1, lengths[index]))
        candidate = max(per_row, own)
        if batch and (candidate * (len(batch) + 1) > max_tokens or len(batch) >= max_batch_size):
            yield batch
            batch, candidate = [], own
        batch.append(index)
        per_row = candidate
    if batch:
        yield batch


def split_by(batch: list[int], keys: Sequence[int]) -> list[list[int]]:
    """Split one batch of indices into runs that share `keys[index]` (order kept within each run)."""
    groups: dict[int, list[int]] = {}
    for index in batch:
        groups.setdefault(keys[index], []).append(index)
    return list(groups.values())
