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
