"""Abbreviations: those in capitals that no list and no large corpus knows are organisations,
and so are both forms of a definition where one is."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.nlp import recognize
from tui.nlp.acronyms import unknown_acronyms
from tui.nlp.aliases import defined_organisations
from tui.nlp.features import Lexicon
from tui.nlp.spans import Span

# "DNA" and "achtung" are known to the large corpus (a word cluster), "Wien" to the name lists.
LEXICON = Lexicon.from_names({"Wien": {"LOC"}}, clusters={"DNA": (5, -12), "achtung": (7, -14)})


def orgs(sentence: str) -> list[str]:
    words = sentence.split()
    return [" ".join(words[a:b]) for a, b, label in unknown_acronyms(words, [], LEXICON) if label == "ORG"]


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("Die Kommission QXVZ legte ihren Bericht vor .", ["QXVZ"]),
        ("laut dem Fonds ( ZWTF ) und der ÖVQG", ["ZWTF", "ÖVQG"]),
        ("Das Labor untersuchte die DNA der Proben .", []),  # the large corpus knows it
        ("ACHTUNG : Der Sturm kommt .", []),  # a word in capitals
        ("WIEN – Der Sturm kommt .", []),  # a name in capitals
        ("Gold : Dilschod Nasarow ( UZB ) 78,55", []),  # a country's code
        ("Der Roboter XR4 und das Modell A4", []),  # with digits: products
        ("Es ist EU-weit so , sagt die UN", []),  # shorter than three letters
        ("QXVZ WARNT VOR NEUEM STURM", []),  # a headline in capitals
    ],
)
def test_an_abbreviation_that_nothing_knows_is_an_organisation(sentence, found):
    assert orgs(sentence) == found


def test_an_abbreviation_inside_a_name_stays_the_names():
    words = "Die QXVZ Holding wächst".split()
    assert unknown_acronyms(words, [(1, 3, "ORG")], LEXICON) == [(1, 3, "ORG")]


def test_the_recognizer_finds_an_unknown_abbreviation_as_an_organisation():
    spans = recognize("Die Untersuchungskommission QXVZ legte am Montag ihren Bericht vor.")
    assert ("QXVZ", "ORG") in [(s.text, s.label) for s in spans]


def _spans(text: str, tagged: list[tuple[str, str]]) -> list[Span]:
    return sorted((Span(text.index(w), text.index(w) + len(w), label, w) for w, label in tagged), key=lambda s: s.start)


@pytest.mark.parametrize(
    ("text", "tagged", "found"),
    [
        # The abbreviation is an organisation: so is what it stands for, over the mentions inside it.
        (
            "Das sagte der Zorblat Council on Quenix (ZCQ) am Montag.",
            [("ZCQ", "ORG")],
            [("Zorblat Council on Quenix", "ORG"), ("ZCQ", "ORG")],
        ),
        (
            "Das Bündnis Zukunft Quenixland (BZQ) tritt an.",
            [("Quenixland", "LOC"), ("BZQ", "ORG")],
            [("Bündnis Zukunft Quenixland", "ORG"), ("BZQ", "ORG")],
        ),
        # The long form is an organisation: so is its abbreviation.
        (
            "Die Verkehrsbetriebe Quenix-Holstein AG (VQH) fahren.",
            [("Verkehrsbetriebe Quenix-Holstein AG", "ORG")],
            [("Verkehrsbetriebe Quenix-Holstein AG", "ORG"), ("VQH", "ORG")],
        ),
        # Not over a person inside the long form, nor from an abbreviation that is no organisation.
        (
            "Die Hans Zorblat Stiftung (HZS) hilft.",
            [("Hans Zorblat", "PER"), ("HZS", "ORG")],
            [("Hans Zorblat", "PER"), ("HZS", "ORG")],
        ),
        ("Der Zorblat Quenix Pakt (ZQP) gilt.", [("ZQP", "MISC")], [("ZQP", "MISC")]),
        (
            "Laut Kurt Quenix (CDU) nicht.",
            [("Kurt Quenix", "PER"), ("CDU", "ORG")],
            [("Kurt Quenix", "PER"), ("CDU", "ORG")],
        ),
    ],
)
def test_both_forms_of_a_definition_are_organisations_where_one_is(text, tagged, found):
    assert [(s.text, s.label) for s in defined_organisations(text, _spans(text, tagged))] == found


_PIECES = st.sampled_from(
    ["Der", "Zorblat", "Council", "on", "Quenix", "(", ")", "ZCQ", "QXVZ", "AG", "und", ",", ".", "(ZCQ)", "Bündnis"]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_PIECES, max_size=20), st.data())
def test_definitions_keep_mentions_sorted_apart_and_true_to_the_text(pieces, data):
    text = " ".join(pieces)
    # Any sorted, non-overlapping mentions on word boundaries, with any labels.
    bounds, at = [], 0
    for p in pieces:
        bounds.append((at, at + len(p)))
        at += len(p) + 1
    picked = sorted(data.draw(st.sets(st.integers(0, max(0, len(bounds) - 1)), max_size=4))) if bounds else []
    labels = data.draw(st.lists(st.sampled_from(["ORG", "PER", "LOC"]), min_size=len(picked), max_size=len(picked)))
    spans = [Span(bounds[i][0], bounds[i][1], lab, text[bounds[i][0] : bounds[i][1]]) for i, lab in zip(picked, labels)]
    got = defined_organisations(text, spans)
    assert all(s.text == text[s.start : s.end] for s in got)
    assert all(a.end <= b.start for a, b in zip(got, got[1:]))
    assert {(s.start, s.end) for s in spans if s.label == "PER"} <= {(s.start, s.end) for s in got}


@settings(max_examples=150, deadline=None)
@given(st.lists(_PIECES, max_size=20))
def test_unknown_abbreviations_add_single_words_outside_the_chunks(words):
    chunks = [(0, 1, "LOC")] if words else []
    got = unknown_acronyms(words, chunks, LEXICON)
    assert set(chunks) <= set(got)
    assert all(b - a == 1 and label == "ORG" for a, b, label in set(got) - set(chunks))
    assert all(x[1] <= y[0] for x, y in zip(got, got[1:]))
