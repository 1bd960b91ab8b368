"""The timeline's rows: a heading for each month (or year) and its entries under it, in order."""

from __future__ import annotations

import numpy as np
import pytest

from tests.conftest import SEEDS
from tui.app.widgets.timeline import heading_of, rows_of
from tui.index.library import load_library


@pytest.fixture(scope="module")
def library():
    return load_library([str(SEEDS)], limit_mb=5)


@pytest.mark.parametrize("query", ["", "Putin", "Selenskyj", "date:2025-08", "nichtimkorpus"])
def test_rows_are_each_period_heading_then_its_entries_in_timeline_order(library, query):
    positions = library.timeline_positions(library.select(query).positions)
    expected: list[tuple[str, object]] = []
    current = None
    for i in positions.tolist():
        e = library.timeline[i]
        period = str(e.date.year) if e.granularity == "year" else f"{e.date.year}-{e.date.month:02d}"
        if period != current:
            expected.append(("heading", period))
            current = period
        expected.append(("entry", i))
    rows = rows_of(library, positions)
    got = [("heading", heading_of(-1 - r)) if r < 0 else ("entry", r) for r in rows.tolist()]
    assert got == expected
    assert rows.dtype == np.int64
