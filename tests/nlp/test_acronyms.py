"""Abbreviations in capitals that no list and no large corpus knows are organisations."""

from __future__ import annotations

import pytest

from tui.nlp import recognize
from tui.nlp.acronyms import unknown_acronyms
from tui.nlp.features import Lexicon

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
