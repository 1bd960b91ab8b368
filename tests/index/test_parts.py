"""Every part of the index merges into what a build of the same articles would make, field by
field: a field added to a part and forgotten by its ``merge`` fails here.

Numbers that only name things (term ids, entity and month numbers, name rows) depend on the order
things were first seen, which differs between a merge and a build; the fields are compared
through what they say (which documents hold which term, name, month...). A merge keeps the terms
and word forms of articles that went (unused, no document holds them); where that is so, the
merged side may hold more, never less or other.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import SEEDS
from tui.index import parts
from tui.index.library import load_library
from tui.index.postings import Overlay, Postings
from tui.index.search import PARTS, Index


def _postings(p: Postings | Overlay, terms: list[str]) -> tuple:
    flat = p.flat() if isinstance(p, Overlay) else p
    docs, freqs, offsets = flat.docs.tolist(), flat.freqs.tolist(), flat.offsets.tolist()
    by_term = {
        terms[t]: list(zip(docs[offsets[t] : offsets[t + 1]], freqs[offsets[t] : offsets[t + 1]], strict=True))
        for t in range(len(offsets) - 1)
        if offsets[t + 1] > offsets[t]
    }
    return by_term, flat.lengths.tolist(), flat.weighted


def _terms(w: parts.Words) -> list[str]:
    terms = [""] * len(w.forms)
    for term, tid in w.term_ids.items():
        terms[tid] = term
    return terms


def _used(w: parts.Words) -> set[int]:
    return {t for p in (w.text, w.title) for t in np.flatnonzero(p.counts()).tolist()}


def _surfaces(w: parts.Words) -> dict[str, set[str]]:
    terms, used = _terms(w), _used(w)
    out = {}
    for i, s in enumerate(w.surfaces):
        found = {terms[t] for t in w.surface_ids[w.surface_offsets[i] : w.surface_offsets[i + 1]].tolist() if t in used}
        if found:
            out[s] = found
    return out


def _names(n: parts.Names) -> dict[str, list[int]]:
    return {key: n.docs[n.offsets[row] : n.offsets[row + 1]].tolist() for key, row in n.rows.items()}


# (part, fields read) -> what they say, and whether the merge may say more (history it keeps).
VIEWS: dict[tuple[type, tuple[str, ...]], tuple[Callable, bool]] = {
    (parts.Documents, ("ids", "titles", "position")): (lambda d: (d.ids, d.titles, d.position), False),
    (parts.Documents, ("texts",)): (lambda d: list(d.texts), False),
    (parts.Documents, ("id_rank",)): (lambda d: d.id_rank.tolist(), False),
    (parts.Words, ("text", "term_ids", "forms")): (lambda w: _postings(w.text, _terms(w)), False),
    (parts.Words, ("title", "term_ids", "forms")): (lambda w: _postings(w.title, _terms(w)), False),
    (parts.Words, ("term_ids", "forms")): (
        lambda w: {(t, f) for t, tid in w.term_ids.items() if tid in _used(w) for f in w.forms[tid]},
        True,
    ),
    (parts.Words, ("surfaces", "surface_offsets", "surface_ids", "term_ids", "forms")): (
        lambda w: {(s, t) for s, ts in _surfaces(w).items() for t in ts},
        True,
    ),
    (parts.Names, ("rows", "offsets", "docs")): (_names, False),
    (parts.Names, ("keys", "ent_doc", "ent_key")): (
        lambda n: sorted((d, n.keys[k]) for d, k in zip(n.ent_doc.tolist(), n.ent_key.tolist(), strict=True)),
        False,
    ),
    (parts.DateSpans, ("span_doc", "span_lo", "span_hi")): (
        lambda s: sorted(zip(s.span_doc.tolist(), s.span_lo.tolist(), s.span_hi.tolist(), strict=True)),
        False,
    ),
    (parts.DateSpans, ("months", "ment_doc", "ment_month")): (
        lambda s: sorted((d, s.months[m]) for d, m in zip(s.ment_doc.tolist(), s.ment_month.tolist(), strict=True)),
        False,
    ),
    (parts.Columns, ("pub_day",)): (lambda c: c.pub_day.tolist(), False),
    (parts.Columns, ("published",)): (lambda c: list(c.published), False),
    (parts.Columns, ("months", "pub_month")): (
        lambda c: [c.months[m] if m >= 0 else None for m in c.pub_month.tolist()],
        False,
    ),
    (parts.Columns, ("sources", "source_of")): (
        lambda c: [c.sources[s] if s >= 0 else None for s in c.source_of.tolist()],
        False,
    ),
}


def test_every_field_of_every_part_is_compared():
    for name in PARTS:
        part = Index.__dataclass_fields__[name].type
        cls = getattr(parts, part) if isinstance(part, str) else part
        covered = {f for (c, fields) in VIEWS if c is cls for f in fields}
        assert covered == {f.name for f in dataclasses.fields(cls)}, f"{cls.__name__}: give the new field a view"


@pytest.fixture(scope="module")
def seeds():
    lib = load_library([str(SEEDS)], limit_mb=5)
    return list(lib.articles), [list(e) for e in lib.entities], [list(d) for d in lib.dates]


def _changed(article, k: int):
    return dataclasses.replace(
        article,
        id=f"neu-{k}.txt",
        path=f"neu-{k}.txt",
        title=f"Neu {k}: {article.title}",
        text=article.text[: len(article.text) // 2] + " Windräder in Aachen.",
        source=None if k % 2 else "Neue Quelle",
    )


def _assert_same(merged: Index, built: Index) -> None:
    for name in PARTS:
        m, b = getattr(merged, name), getattr(built, name)
        for (cls, fields), (view, keeps_more) in VIEWS.items():
            if cls is type(m):
                got, want = view(m), view(b)
                if keeps_more:
                    assert got >= want, (name, fields)
                else:
                    assert got == want, (name, fields)


@settings(max_examples=25, deadline=None)
@given(st.data())
def test_a_merged_index_equals_one_built_of_the_same_articles(seeds, data):
    articles, entities, dates = seeds
    n = len(articles)
    kept = data.draw(st.lists(st.sampled_from(range(n)), unique=True, max_size=n), label="kept old articles")
    fresh = data.draw(st.lists(st.sampled_from(range(n)), max_size=4), label="new articles, made from")
    new = [(_changed(articles[k], i), entities[k], dates[k]) for i, k in enumerate(fresh)]
    order = [(True, k) for k in kept] + [(False, i) for i in range(len(new))]
    order = data.draw(st.permutations(order), label="order")
    old = Index.build(articles, entities, dates)
    added = Index.build(
        [a for a, _, _ in new], [e for _, e, _ in new], [d for _, _, d in new], vocabulary=old.words.vocabulary()
    )
    merged = old.merge(order, added)
    pick = [(articles[k], entities[k], dates[k]) if o else new[k] for o, k in order]
    built = Index.build([a for a, _, _ in pick], [e for _, e, _ in pick], [d for _, _, d in pick])
    _assert_same(merged, built)
    # A second change merges into the first merge (its postings still an overlay).
    again = merged.merge(
        [(True, k) for k in range(len(order))][::-1], Index.build([], vocabulary=merged.words.vocabulary())
    )
    _assert_same(
        again, Index.build([a for a, _, _ in pick][::-1], [e for _, e, _ in pick][::-1], [d for _, _, d in pick][::-1])
    )


_WORDS = st.lists(
    st.sampled_from(["Haus", "haus", "Häuser", "Windrad", "Windräder", "Rad", "Räder", "Aachen", "AACHEN", "Kreml"])
    | st.text("abcäöüABß", min_size=1, max_size=7),
    max_size=12,
)


@settings(max_examples=100, deadline=None)
@given(st.lists(_WORDS, max_size=4), st.lists(_WORDS, max_size=4))
def test_a_vocabulary_that_goes_on_from_an_index_gives_the_tables_one_vocabulary_of_both_gives(before, after):
    from tui.index.postings import PostingsBuilder, Vocabulary

    def fed(vocabulary, texts):
        builder = PostingsBuilder(vocabulary)
        for words in texts:
            builder.add(" ".join(words))
        return vocabulary

    base = fed(Vocabulary(), before)
    tables = [list(t) if isinstance(t, list) else t for t in base.tables()]
    base_forms = [list(f) for f in tables[1]]
    words = parts.Words(None, None, *tables)  # type: ignore[arg-type]
    continued = fed(words.vocabulary(), after).tables()
    whole = fed(Vocabulary(), [*before, *after]).tables()
    assert continued[0] == whole[0] and continued[1] == whole[1] and continued[2] == whole[2]
    assert np.array_equal(continued[3], whole[3]) and np.array_equal(continued[4], whole[4])
    assert [list(f) for f in words.forms] == base_forms  # the index's own tables are left alone


@settings(max_examples=25, deadline=None)
@given(st.data())
def test_the_terms_of_articles_that_went_are_counted_the_same_from_their_texts_and_from_the_postings(seeds, data):
    articles, entities, dates = seeds
    old = Index.build(articles, entities, dates)
    kept = data.draw(st.lists(st.sampled_from(range(len(articles))), unique=True), label="kept")
    plan = parts.Plan.of([(True, k) for k in kept], old.docs, 0)
    words = old.words
    for which, postings in ((0, words.text), (1, words.title)):
        by_text = parts.counted_off(postings, plan, which, words.term_ids, len(words.forms), by_text=True)
        by_postings = parts.counted_off(postings, plan, which, words.term_ids, len(words.forms), by_text=False)
        assert by_text.tolist() == by_postings.tolist()
        assert int(by_text.sum()) == sum(
            len(postings.docs_of(t)[np.isin(postings.docs_of(t), plan.gone)]) for t in range(len(words.forms))
        )
