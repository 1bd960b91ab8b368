"""Entities in the five seed articles: the hand-written gold, and the cases the issue names."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from tests.conftest import SEEDS
from tui.corpus import load_corpus
from tui.nlp import annotate

GOLD = Path(__file__).with_name("seed_entities.tsv")


@cache
def corpus():
    articles, _ = load_corpus([str(SEEDS)])
    return articles, annotate([a.text for a in articles])


def mentions_of(article_prefix: str):
    articles, ann = corpus()
    for a, spans in zip(articles, ann.mentions):
        if a.id.startswith(article_prefix):
            return a, spans
    raise AssertionError(f"no seed {article_prefix}")


def gold_spans() -> set[tuple[str, int, int, str]]:
    """Gold mentions located in the text: each is searched after the previous one."""
    articles, _ = corpus()
    texts = {a.id: a.text for a in articles}
    pos: dict[str, int] = {}
    out = set()
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        article, mention, label = line.split("\t")
        text = texts[article]
        while True:
            start = text.find(mention, pos.get(article, 0))
            assert start >= 0, f"gold mention {mention!r} not found in order in {article}"
            end = start + len(mention)
            # Whole words only: "Russland" is not the start of "Russlands".
            if (start == 0 or not text[start - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
                break
            pos[article] = start + 1
        pos[article] = end
        out.add((article, start, end, label))
    return out


def test_seed_entities_match_the_gold_annotation_at_f1_095_or_better():
    gold = gold_spans()
    articles, ann = corpus()
    found = {(a.id, s.start, s.end, s.label) for a, spans in zip(articles, ann.mentions) for s in spans}
    tp = len(gold & found)
    precision, recall = tp / len(found), tp / len(gold)
    f1 = 2 * precision * recall / (precision + recall)
    missed = sorted(gold - found)[:10]
    spurious = sorted(found - gold)[:10]
    assert len(gold) > 200
    assert f1 >= 0.95, f"F1 {f1:.3f} (P {precision:.3f} R {recall:.3f}); missed {missed}; spurious {spurious}"


def labels_of(text: str) -> set[str]:
    _, ann = corpus()
    return {s.label for spans in ann.mentions for s in spans if s.text == text}


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("Dmitri Peskow", "PER"),
        ("Kreml", "ORG"),
        ("Nato", "ORG"),
        ("Sotschi", "LOC"),
        ("Anchorage", "LOC"),
        ("Weißen Haus", "ORG"),
        ("Weißen Hauses", "ORG"),
        ("Wolodymyr Selenskyj", "PER"),
        ("Moskau", "LOC"),
    ],
)
def test_named_seed_entities_get_their_label(name, label):
    assert labels_of(name) == {label}


def test_truth_social_is_not_a_person():
    _, ann = corpus()
    assert not any("Truth" in s.text and s.label == "PER" for spans in ann.mentions for s in spans)


def test_compounds_with_a_name_are_not_location_spans():
    _, ann = corpus()
    for spans in ann.mentions:
        for s in spans:
            assert "Ukraine-Krieg" not in s.text and "Nato-Beitritt" not in s.text


def test_role_nouns_stay_outside_the_name():
    _, ann = corpus()
    texts = {s.text for spans in ann.mentions for s in spans}
    assert {"Dmitri Peskow", "Marco Rubio", "Donald Trump", "Wladimir Putin"} <= texts
    assert not any(t.startswith(("Kremlsprecher", "Kremlchef", "Außenminister", "US-Präsident")) for t in texts)


def test_selenskij_and_selenskyj_share_one_key():
    _, ann = corpus()
    keys = {s.key for spans in ann.mentions for s in spans if "Selensk" in s.text}
    assert len(keys) == 1
    entity = ann.entities[keys.pop()]
    assert {"Selenskyj", "Wladimir Selenskij", "Wolodymyr Selenskyj"} <= set(entity.aliases)


def test_bare_surnames_and_role_prefixed_names_join_the_full_name():
    _, ann = corpus()
    putin = {s.key for spans in ann.mentions for s in spans if s.text in ("Putin", "Putins", "Wladimir Putin")}
    trump = {s.key for spans in ann.mentions for s in spans if s.text in ("Trump", "Trumps", "Donald Trump")}
    assert putin == {"Wladimir Putin"}
    assert trump == {"Donald Trump"}
    entity = ann.entities["Wladimir Putin"]
    assert entity.mentions == sum(entity.aliases.values()) and entity.aliases["Putin"] > 10


def test_melania_trump_stays_apart_from_donald_trump():
    _, ann = corpus()
    melania = {s.key for spans in ann.mentions for s in spans if s.text == "Melania Trump"}
    assert melania and "Donald Trump" not in melania


def test_inflected_forms_of_one_name_share_a_key():
    _, ann = corpus()
    keys = {s.key for spans in ann.mentions for s in spans if s.text.startswith("Weiße")}
    assert len(keys) == 1
    assert {"Weißen Haus", "Weißen Hauses"} <= set(ann.entities[keys.pop()].aliases)
    assert {s.key for spans in ann.mentions for s in spans if s.text in ("Russland", "Russlands")} == {"Russland"}


def test_mentions_are_sorted_non_overlapping_exact_offsets():
    articles, ann = corpus()
    for a, spans in zip(articles, ann.mentions):
        assert spans == sorted(spans, key=lambda s: s.start)
        for s, nxt in zip(spans, spans[1:]):
            assert s.end <= nxt.start
        for s in spans:
            assert a.text[s.start : s.end] == s.text and s.key in ann.entities
