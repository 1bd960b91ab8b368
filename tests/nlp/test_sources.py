"""The training command's name lists: what the shipped lexicon learns from public packages."""

from __future__ import annotations

import pytest

from tui.nlp.train import without_common_companies


def test_companies_are_listed_with_and_without_their_legal_form():
    pytest.importorskip("pytickersymbols")
    from tui.nlp.sources import company_names

    names = company_names()
    assert {"Netflix", "Zalando", "Deutsche Post", "Geberit AG", "Geberit", "Nestlé", "Nestle"} <= names.keys()
    assert all(labels == {"COMPANY"} for labels in names.values())
    assert {"Roche Holding AG", "Roche"} <= names.keys()  # "Holding" and "AG" both go
    assert not any(name.endswith(")") for name in names)  # "Viasat (American company)"


def test_a_company_whose_name_is_a_common_word_is_no_company_in_the_lexicon():
    names = {
        "Netflix": frozenset({"COMPANY"}),
        "Post": frozenset({"COMPANY", "NOUN"}),
        "Target": frozenset({"COMPANY"}),
        "Deutsche Post": frozenset({"COMPANY"}),
    }
    clusters = {"target": (12, -9), "netflix": (40, -17)}
    got = without_common_companies(names, clusters)
    assert got["Netflix"] == {"COMPANY"} and got["Deutsche Post"] == {"COMPANY"}
    assert got["Post"] == {"NOUN"} and got["Target"] == frozenset()
