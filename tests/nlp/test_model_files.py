"""The GermEval reader the training uses, and what happens when the model files are absent."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.nlp import ModelMissing, Recognizer
from tui.nlp.germeval import chunks, normalize_tag, read_sentences
from tui.nlp.resources import ALIASES_FILE, CLUSTERS_FILE, MODEL_FILE, NAMES_FILE, STATS_FILE
from tui.nlp.tables import SortedTable


def test_the_model_and_its_lexicon_ship_inside_the_package_and_stay_small():
    files = [MODEL_FILE, NAMES_FILE, CLUSTERS_FILE, STATS_FILE, ALIASES_FILE]
    assert all(f.is_file() for f in files)
    assert sum(f.stat().st_size for f in files) < 15_000_000


def test_a_missing_model_is_a_clear_error_not_a_crash():
    rec = Recognizer(model=Path("/nonexistent/ner.crfsuite"))
    with pytest.raises(ModelMissing, match="python -m tui.nlp.train"):
        rec.recognize("Wladimir Putin sprach.")


def test_deriv_and_part_tags_are_no_entities_and_oth_is_misc():
    assert normalize_tag("B-LOCderiv") == "O" and normalize_tag("B-ORGpart") == "O"
    assert normalize_tag("I-OTH") == "I-MISC" and normalize_tag("B-PER") == "B-PER"
    assert chunks(["B-PER", "I-PER", "O", "I-LOC", "B-LOC"]) == {(0, 2, "PER"), (3, 4, "LOC"), (4, 5, "LOC")}


def test_germeval_train_reads_as_23999_sentences(shared_data):
    sents = list(read_sentences(shared_data / "germeval2014" / "NER-de-train.tsv"))
    assert len(sents) == 23999
    assert all(len(s.words) == len(s.tags) for s in sents)


def test_germeval_dev_reads_as_2200_sentences(shared_data):
    sents = list(read_sentences(shared_data / "germeval2014" / "NER-de-dev.tsv"))
    assert len(sents) == 2200
    assert sum(len(s.words) for s in sents) == 41653
    assert all(len(s.words) == len(s.tags) for s in sents)


def test_a_damaged_model_file_leaves_names_out_with_a_clear_error(tmp_path):
    bad = tmp_path / "ner.crfsuite"
    bad.write_bytes(MODEL_FILE.read_bytes()[:5000])
    with pytest.raises(ModelMissing, match="unusable"):
        Recognizer(model=bad).recognize("Wladimir Putin sprach.")


def test_words_are_found_by_label_as_a_scan_of_the_lexicon_finds_them():
    from tui.nlp import resources

    lex = resources.lexicon()
    for wanted in (lambda labs: "ROLE" in labs, lambda labs: {"PER", "LOC"} <= labs, lambda labs: not labs):
        assert lex.words_with(wanted) == [w for w, labs in lex.labels.items() if wanted(labs)]


def test_phrases_read_lazily_are_those_the_lexicon_groups_by_first_word():
    from tui.nlp import resources
    from tui.nlp.features import Lexicon, Phrases

    lines = ["Weißes Haus", "Rotes Kreuz", "Rotes Meer", "Rotes Kreuz Österreich", "a b c d e f", "Van der Bellen"]
    by_code = {"A": frozenset({"ORG"}), "B": frozenset({"LOC"}), "C": frozenset({"PER"})}
    codes = "BABAAC"
    grouped = Lexicon.with_phrases({}, zip(lines, map(by_code.__getitem__, codes)), {}, {}).phrases
    lazy = Phrases(lines, codes, by_code)
    assert set(lazy) == set(grouped) and all(lazy[k] == grouped[k] for k in grouped)
    assert "a" not in lazy and "Rotes" in lazy and lazy["Rotes"][0][0] == ("Rotes", "Kreuz", "Österreich")
    shipped = resources.lexicon()
    words, labels = shipped.phrases[next(iter(shipped.phrases))][0]
    assert shipped.labels_of(" ".join(words)) == labels and len(words) >= 2


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(st.text(max_size=6), st.integers(0, 99), max_size=40), st.lists(st.text(max_size=6), max_size=20)
)
def test_a_sorted_table_answers_every_lookup_as_the_dict_of_its_entries(entries, probes):
    keys = sorted(entries)
    table = SortedTable(keys, [str(entries[k]) for k in keys], int)
    assert len(table) == len(entries) and list(table) == keys and table.as_dict() == entries
    for k in [*probes, *keys]:
        assert table.get(k) == entries.get(k) and table.get(k, -1) == entries.get(k, -1)
        assert (k in table) == (k in entries)
        if k in entries:
            assert table[k] == entries[k]
        else:
            with pytest.raises(KeyError):
                table[k]


def test_the_shipped_lexicon_answers_the_same_before_and_after_it_settles():
    from tui.nlp.resources import read_lexicon

    lex = read_lexicon()
    assert isinstance(lex.labels, SortedTable) and isinstance(lex.clusters, SortedTable)
    words = [*list(lex.labels)[::997], *list(lex.clusters)[::991], "Putin", "Kreml", "kein Wort", ""]
    before = [(lex.labels.get(w), w in lex.labels, lex.cluster(w)) for w in words]
    lex.settle()
    assert type(lex.labels) is dict and type(lex.clusters) is dict
    assert [(lex.labels.get(w), w in lex.labels, lex.cluster(w)) for w in words] == before


def test_the_lexicon_settles_once_enough_text_is_read_and_not_for_a_few_lines():
    from tui.nlp.ner import SETTLE_AFTER
    from tui.nlp.resources import read_lexicon

    rec = Recognizer(lexicon=read_lexicon())
    rec.tag("Die Nato berät in Brüssel über neue Hilfen.")
    assert isinstance(rec.lexicon.labels, SortedTable)
    rec.expect(SETTLE_AFTER)
    assert type(rec.lexicon.labels) is dict
