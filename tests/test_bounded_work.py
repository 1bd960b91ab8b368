"""Every stage of one file's analysis takes time roughly linear in its input, whatever its shape.

Work is compared at n and 8n by ratio, so the check holds on a noisy machine: a linear stage
takes about 8 times as long, a quadratic one 64 times. Stages too quick to time reliably at
8n are let through. ``bench/bench_hostile.py`` prints the throughput of each shape at 2 MB.
"""

from __future__ import annotations

import pytest

from tests.shapes import SHAPES, shape, stages

SMALL = 24_000
RATIO = 20  # 8 for linear work, 64 for quadratic: well between, for noise and n log n
# Seconds at 8n (192 KB) below which a stage counts as bounded whatever its ratio: 0.25 s is
# still 0.77 MB/s, and a stage that does next to nothing at n (a run too long to be a name)
# has no meaningful ratio.
FLOOR = 0.25


def _fastest(text: str, runs: int) -> dict[str, float]:
    best: dict[str, float] = {}
    for _ in range(runs):
        for stage, seconds in stages(text).items():
            best[stage] = min(seconds, best.get(stage, seconds))
    return best


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_every_stage_is_linear_in_the_size_of_a_hostile_file(name):
    small = _fastest(shape(name, SMALL), runs=3)
    large = _fastest(shape(name, 8 * SMALL), runs=1)
    slow = {
        stage: f"{small[stage]:.3f} s -> {large[stage]:.3f} s"
        for stage in large
        if large[stage] > max(FLOOR, RATIO * small[stage])
    }
    assert not slow, f"{name}: work grows faster than the input at 8x the size: {slow}"


def test_a_name_found_in_a_sentence_without_punctuation_costs_its_own_length():
    """The case that took hours: one "sentence" of repeated capitalised words, tagged as one name."""
    from tui.nlp.entities import annotate

    text = " ".join(["Wort"] * 20_000)
    names = annotate([text]).mentions[0]
    assert all(len(s.text) <= 160 for s in names)


def test_shapes_are_the_size_asked_for():
    for name in SHAPES:
        text = shape(name, 80_000)
        assert 60_000 <= len(text.encode()) <= 100_000, name
