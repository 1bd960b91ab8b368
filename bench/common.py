"""Shared by the benchmarks: the 10kGNAD test articles and percentiles."""

from __future__ import annotations

import csv
from pathlib import Path


def gnad_rows(data: Path) -> list[tuple[str, str]]:
    """(category, text) of every article in ``data/10kgnad/test.csv``."""
    with open(data / "10kgnad" / "test.csv", encoding="utf-8", newline="") as fh:
        return [(row[0], row[1]) for row in csv.reader(fh, delimiter=";", quotechar="'") if len(row) >= 2]


def p95(xs: list[float]) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(0.95 * (len(xs) - 1))))]
