"""The two LCS implementations (plain Python for small work, numba for large) give identical hits."""

import numpy as np
import pytest

from summarizer.evaluation.encoding import Encoder
from summarizer.evaluation.lcs import LcsCounter


@pytest.mark.parametrize("weight", [None, 1.2])
@pytest.mark.parametrize("seed", range(12))
def test_python_and_compiled_loops_agree(seed, weight):
    rng = np.random.default_rng(seed)
    words = [f"w{i}" for i in range(12)]

    def sentences(count):
        return [[words[k] for k in rng.integers(0, len(words), rng.integers(0, 15))] for _ in range(count)]

    model, peer = sentences(rng.integers(1, 5)), sentences(rng.integers(1, 5))
    encoder = Encoder()
    model_flat, peer_flat = encoder.flat(model), encoder.flat(peer)
    model_counts = encoder.counts([t for s in model for t in s])
    peer_counts = encoder.counts([t for s in peer for t in s])
    python = LcsCounter(python_cells=10**9).union_hits(model_flat, peer_flat, model_counts, peer_counts, weight=weight)
    compiled = LcsCounter(python_cells=0).union_hits(model_flat, peer_flat, model_counts, peer_counts, weight=weight)
    assert python == compiled
    a, b = model_flat[0], peer_flat[0]
    assert LcsCounter(python_cells=10**9).lcs_length(a, b) == LcsCounter(python_cells=0).lcs_length(a, b)
