"""How the training command splits its data into jackknife folds."""

from __future__ import annotations

from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from tui.nlp.train import FOLDS, partition


def test_the_default_partition_takes_every_fifth_sentence():
    assert partition(12) == [i % FOLDS for i in range(12)]


@given(st.integers(min_value=0, max_value=3000), st.integers(min_value=0, max_value=2**31))
def test_every_partition_splits_the_sentences_into_equal_folds_the_same_way_each_time(n, seed):
    folds = partition(n, seed)
    assert folds == partition(n, seed)
    sizes = Counter(folds)
    assert set(sizes) <= set(range(FOLDS)) and sum(sizes.values()) == n
    assert max(sizes.values(), default=0) - min(sizes.values(), default=0) <= 1 or len(sizes) < FOLDS


def test_another_seed_gives_another_partition():
    assert partition(1000, 1) != partition(1000, 2) != partition(1000)
