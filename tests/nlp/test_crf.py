"""Chronik applies the CRFsuite model itself (``tui.nlp.crf``): it must label every sentence as
CRFsuite's own tagger does, and refuse a file that is no model."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.nlp import resources
from tui.nlp.crf import Model, ModelError, Scorer, viterbi
from tui.nlp.features import Featurizer

pycrfsuite = pytest.importorskip("pycrfsuite")

SENTENCES = [
    "Bundeskanzler Friedrich Merz traf am Montag in Berlin den französischen Präsidenten Emmanuel Macron .",
    "Die Nato berät in Brüssel über neue Hilfen .",
    "Laut dem Internationalen Währungsfonds ( IWF ) wächst die Wirtschaft in Österreich kaum .",
    "Das Gesetz soll 2026 in Kraft treten , sagte die Sprecherin des Weißen Hauses .",
    "Ist das so ?",
    "der FC Bayern München gewann gegen Borussia Dortmund mit 3:1 .",
    "Alexander Van der Bellen und Ursula von der Leyen sprachen über die Europäische Union .",
    "Die Vereinten Nationen , die UNO , tagen in New York City .",
]


@pytest.fixture(scope="module")
def tagger():
    t = pycrfsuite.Tagger()
    t.open(str(resources.MODEL_FILE))
    return t


@pytest.fixture(scope="module")
def scorer():
    return Scorer(Featurizer(resources.lexicon()), resources.crf_model())


def test_labels_are_those_of_crfsuites_own_tagger(tagger, scorer):
    sentences = [s.split() for s in SENTENCES]
    fz = scorer.featurizer
    assert scorer.labels(sentences) == [tagger.tag(fz.sentence(w)) for w in sentences]
    # One at a time, and again with every form already known, gives the same.
    for words in sentences:
        assert scorer.labels([words]) == [tagger.tag(fz.sentence(words))]


words = st.sampled_from(
    "der die das Merz Berlin Nato in am . , ( ) Kraft treten Van von Bellen Leyen UNO sagte 2025 "
    "Müller Hamburger SV Bayern FC Union EU-Kommission Wirtschaft Ist Jetzt Mutter Deutsch".split()
)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.lists(words, min_size=1, max_size=25), min_size=1, max_size=6))
def test_any_sentences_are_labelled_as_crfsuite_labels_them(tagger, scorer, sentences):
    fz = scorer.featurizer
    assert scorer.labels(sentences) == [tagger.tag(fz.sentence(w)) for w in sentences]


def test_the_emission_of_a_token_is_the_weight_of_the_attributes_the_featurizer_gives_it(scorer):
    # The scorer mirrors ``Featurizer.sentence``'s layout of neighbours; this holds them together.
    words = SENTENCES[0].split()
    scores, pos, lengths = scorer.emissions([words])
    expected = np.array([scorer.model.weigh(attrs) for attrs in scorer.featurizer.sentence(words)])
    assert np.allclose(scores, expected, rtol=0, atol=1e-9)
    assert pos.tolist() == list(range(len(words))) and lengths.tolist() == [len(words)]


def test_a_cache_that_starts_afresh_labels_as_before(tagger):
    small = Scorer(Featurizer(resources.lexicon()), resources.crf_model(), limit=30)
    for text in SENTENCES * 2:
        words = text.split()
        assert small.labels([words]) == [tagger.tag(small.featurizer.sentence(words))]


def test_viterbi_finds_the_best_path_of_sequences_of_any_length():
    rng = np.random.default_rng(7)
    transition = rng.normal(size=(3, 3))
    lengths = np.array([1, 4, 2, 0])
    emissions = rng.normal(size=(4, 4, 3))
    out = viterbi(emissions, lengths, transition)
    for k, m in enumerate(lengths.tolist()):
        if not m:
            assert (out[k] == -1).all()
            continue
        best = max(
            itertools.product(range(3), repeat=m),
            key=lambda ys: (
                sum(emissions[k, t, y] for t, y in enumerate(ys)) + sum(transition[a, b] for a, b in zip(ys, ys[1:]))
            ),
        )
        assert out[k, :m].tolist() == list(best)
        assert (out[k, m:] == -1).all()


def test_a_file_that_is_no_model_is_refused(tmp_path):
    whole = resources.MODEL_FILE.read_bytes()
    for content in (
        b"",
        b"lCRF" + b"\0" * 60,
        b"not a model at all, just text" * 3,
        whole[: len(whole) // 2],
        whole[:200],
    ):
        path = tmp_path / "bad.crfsuite"
        path.write_bytes(content)
        with pytest.raises(ModelError):
            Model.read(path)


def test_a_scorer_seeded_with_the_sums_of_another_scores_exactly_as_one_that_works_them_out(scorer):
    parts = [s.split() for s in SENTENCES]
    source = Scorer(Featurizer(resources.lexicon()), resources.crf_model())
    source.emissions(parts[:4])  # the forms of half the sentences are known
    forms, sums = source.known(100)
    seeded = Scorer(Featurizer(resources.lexicon()), resources.crf_model())
    seeded.seed(forms, sums)
    assert len(seeded) == len(forms) and set(forms) <= {w for p in parts[:4] for w in p}
    fresh = Scorer(Featurizer(resources.lexicon()), resources.crf_model())
    for a, b in zip(seeded.emissions(parts), fresh.emissions(parts), strict=True):
        assert np.array_equal(a, b)
    assert seeded.labels(parts) == fresh.labels(parts)
    with pytest.raises(ValueError):  # sums made for another model are refused
        seeded.seed(forms, sums[:, :, :-1])
