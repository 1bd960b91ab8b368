"""TempEval-3 scoring of temporal expressions, shared by the benchmark and the tests.

Mentions are (start, end, type, value) tuples per document. Strict extent
F1 counts equal spans, relaxed extent F1 overlapping ones; value and type F1
count relaxed matches whose value (or type) is also equal.
"""

from __future__ import annotations

import re
from typing import Any


def norm_value(v: str) -> str:
    """ "T20.30" and "T8:30" (as the gold writes some times) compare equal to "T20:30", "T08:30"."""
    return re.sub(r"T(\d{1,2})[.:](\d{2})", lambda m: f"T{int(m[1]):02d}:{m[2]}", v)


def score(gold: list[Any], pred: list[Any]) -> dict[str, float]:
    """TempEval-3 style: strict/relaxed extent F1, value and type F1 over relaxed matches."""
    g_n = sum(len(g) for g in gold)
    p_n = sum(len(p) for p in pred)
    strict = relaxed = value = typ = 0
    for g_doc, p_doc in zip(gold, pred):
        used = set()
        for g in g_doc:
            match = next((i for i, p in enumerate(p_doc) if i not in used and p[0] < g[1] and g[0] < p[1]), None)
            if match is None:
                continue
            used.add(match)
            p = p_doc[match]
            relaxed += 1
            strict += (p[0], p[1]) == (g[0], g[1])
            value += norm_value(p[3]) == norm_value(g[3])
            typ += p[2] == g[2]

    def f1(tp: int) -> float:
        prec = tp / p_n if p_n else 0.0
        rec = tp / g_n if g_n else 0.0
        return 100 * 2 * prec * rec / (prec + rec) if prec + rec else 0.0

    return {"strict": f1(strict), "relaxed": f1(relaxed), "value": f1(value), "type": f1(typ), "gold": g_n, "pred": p_n}
