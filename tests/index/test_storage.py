"""The compact stores behind a snapshot: packed byte sequences and postings give back exactly
what went in."""

from __future__ import annotations

import pickle

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.index.packed import Packed
from tui.index.postings import K1, B, assemble

items = st.lists(st.binary(max_size=3000) | st.sampled_from([b"", b"x" * 70_000]), max_size=60)


@settings(max_examples=60, deadline=None)
@given(items)
def test_packed_items_come_back_as_stored_compressed_or_not(chunks):
    for compress in (False, True):
        packed = pickle.loads(pickle.dumps(Packed.of(chunks, compress=compress), protocol=5))
        assert len(packed) == len(chunks)
        assert [packed[i] for i in range(len(chunks))] == chunks
        # Out of order too: a block other than the last one read.
        assert [packed[i] for i in reversed(range(len(chunks)))] == chunks[::-1]


def test_compressed_packing_of_text_takes_less_room_than_the_text():
    text = [("Der Bundesrat beriet am Montag über das Gesetz zur Rente. " * 20 + str(i)).encode() for i in range(300)]
    packed = Packed.of(text, compress=True)
    assert packed.data.nbytes < sum(map(len, text)) / 3
    assert packed[150] == text[150]


postings = st.lists(st.tuples(st.integers(0, 30), st.integers(0, 99_999), st.integers(1, 70_000)), max_size=200)


@settings(max_examples=60, deadline=None)
@given(postings)
def test_postings_keep_documents_and_score_as_bm25(triples):
    seen = {}
    for t, d, f in triples:  # one posting per (term, document)
        seen[(t, d)] = f
    terms = np.array([t for t, _ in seen], dtype=np.uint32)
    docs = np.array([d for _, d in seen], dtype=np.int32)
    freqs = np.array(list(seen.values()), dtype=np.uint32)
    lengths = np.random.default_rng(1).integers(1, 500, size=100_000).astype(np.uint32)
    p = pickle.loads(pickle.dumps(assemble(terms, docs, freqs, lengths, 31, weighted=True), protocol=5))
    lengths32 = lengths.astype(np.float32)
    norm = K1 * (1 - B + B * lengths32 / max(1.0, float(lengths32.mean())))
    order = np.lexsort((docs, terms))
    assert p.docs.tolist() == docs[order].tolist()
    for t in range(31):
        mine = sorted((d, f) for (tt, d), f in seen.items() if tt == t)
        assert p.docs_of(t).tolist() == [d for d, _ in mine]
        tf32 = np.array([f for _, f in mine], dtype=np.float32)
        expected = p.idf[t] * tf32 * (K1 + 1) / (tf32 + norm[[d for d, _ in mine]])
        assert p.weights_of(t).tolist() == expected.tolist()


texts = st.lists(
    st.lists(
        st.sampled_from(
            "Putin Trump Gipfel Gipfeltreffen Waffenruhe der die in am Alaska Telefonat Telefonate Ukraine Kiew".split()
        ),
        max_size=12,
    ).map(" ".join),
    min_size=1,
    max_size=8,
)


@settings(max_examples=60, deadline=None)
@given(texts, texts, st.data())
def test_postings_of_a_changed_folder_score_as_the_merged_postings(before, fresh, data):
    """An ``Overlay`` (old postings renumbered, some documents gone, and new ones) answers every
    term as the one merged array does: the same documents, scores and document frequencies."""
    from tui.index.postings import Overlay, PostingsBuilder, Vocabulary, merged, text_terms

    vocabulary = Vocabulary()
    build = PostingsBuilder(vocabulary)
    for t in before:
        build.add(t)
    old = build.finish(weighted=True)
    gone = data.draw(st.sets(st.integers(0, len(before) - 1)))
    build = PostingsBuilder(vocabulary)  # the new articles' terms go on from the old ids
    for t in fresh:
        build.add(t)
    new = build.finish(weighted=True)
    kept = [d for d in range(len(before)) if d not in gone]
    # The folder's order: the kept old documents, the new ones put in at drawn places.
    order = [(True, d) for d in kept]
    for k in range(len(fresh)):
        order.insert(data.draw(st.integers(0, len(order))), (False, k))
    final_of_old = np.full(len(before), -1, dtype=np.int64)
    final_of_new = np.zeros(len(fresh), dtype=np.int64)
    lengths = np.zeros(len(order), dtype=np.uint32)
    for i, (is_old, d) in enumerate(order):
        (final_of_old if is_old else final_of_new)[d] = i
        lengths[i] = (old if is_old else new).lengths[d]
    n_terms = len(vocabulary.forms)
    counted = np.zeros(n_terms, dtype=np.int64)
    for d in gone:
        counted[list(text_terms(vocabulary.ids, before[d]))] += 1
    overlay = Overlay(old, new, final_of_old, final_of_new, lengths, n_terms, counted)
    flat = merged(old, new, final_of_old, final_of_new, lengths, n_terms)
    assert overlay.counts().tolist() == flat.counts().tolist()
    assert overlay.idf.tolist() == flat.idf.tolist()
    for t in range(n_terms):
        mine = sorted(zip(overlay.docs_of(t).tolist(), overlay.weights_of(t).tolist()))
        assert mine == sorted(zip(flat.docs_of(t).tolist(), flat.weights_of(t).tolist()))
    # Pickled (into a snapshot), it is the merged postings.
    again = pickle.loads(pickle.dumps(overlay, protocol=5))
    assert type(again) is type(flat) and again.docs.tolist() == flat.docs.tolist()
    assert again.freqs.tolist() == flat.freqs.tolist() and again.offsets.tolist() == flat.offsets.tolist()
