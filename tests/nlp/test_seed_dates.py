"""Dates in the five seed articles against the hand-written gold."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import SEEDS
from tui.corpus import load_corpus
from tui.nlp.dates import find_dates
from tui.nlp.scoring import score

GOLD = Path(__file__).with_name("seed_dates.tsv")


def test_seed_dates_match_the_gold_annotation():
    articles, _ = load_corpus([str(SEEDS)])
    gold: dict[str, list] = {a.id: [] for a in articles}
    texts = {a.id: a.text for a in articles}
    pos: dict[str, int] = {}
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        article, mention, typ, value = line.split("\t")
        start = texts[article].find(mention, pos.get(article, 0))
        assert start >= 0, f"gold {mention!r} not found in order in {article}"
        pos[article] = start + len(mention)
        gold[article].append((start, start + len(mention), typ, value))
    found = [
        [(t.start, t.end, t.type, t.value) for t in find_dates(a.text, a.published.value if a.published else None)]
        for a in articles
    ]
    s = score([gold[a.id] for a in articles], found)
    assert s["gold"] >= 30
    assert s["relaxed"] >= 90 and s["value"] >= 90 and s["strict"] >= 85, s
