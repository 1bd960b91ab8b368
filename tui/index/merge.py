"""An index for a changed folder without reading the unchanged articles again.

``merge(old, order, new)`` combines the index of the articles that stayed (``old``, built before)
with the index of the new and changed ones (``new``, built with ``vocabulary_of(old)`` so that
their term ids agree) into the index ``Index.build`` would make of all of them in ``order``: the
same postings, BM25 weights over the whole collection, names, dates, sources and facets. It
works on arrays only; that is what makes a live update of a large folder take seconds.

This module knows ``Index``'s fields; a new field there needs its line here (the tests compare
a merged index with a built one field by field).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from tui.index.packed import splice
from tui.index.postings import Overlay, Vocabulary, _renumbered, text_terms
from tui.index.search import Index


def vocabulary_of(index: Index) -> Vocabulary:
    """A vocabulary that goes on from ``index``'s term ids (its word-form cache starts empty)."""
    v = Vocabulary()
    v.ids = dict(index._term_ids)
    v.forms = [list(f) for f in index._forms]
    offsets, ids = index._surface_offsets, index._surface_ids
    v.surfaces = {s: ids[offsets[i] : offsets[i + 1]].tolist() for i, s in enumerate(index._surfaces)}
    return v


def _lookup(values_old: list, values_new: list) -> tuple[list, np.ndarray]:
    """One list of distinct values (old ones keep their ids) and the new ids of ``values_new``."""
    merged = list(values_old)
    position = {v: i for i, v in enumerate(merged)}
    remap = np.zeros(len(values_new) + 1, dtype=np.int32)  # + 1: -1 ("none") stays -1 below
    for i, v in enumerate(values_new):
        if v not in position:
            position[v] = len(merged)
            merged.append(v)
        remap[i] = position[v]
    remap[-1] = -1
    return merged, remap


def _names(old: Index, new: Index, final_of_old: np.ndarray, final_of_new: np.ndarray,
           n: int) -> tuple[dict[str, int], np.ndarray, np.ndarray]:
    """The name table (key -> row; each row's documents, in order) of both indexes: old rows
    first, in their order, then the keys only ``new`` has; rows left without documents go.
    Worked on as arrays: a row is touched one by one only where ``new`` adds to it."""
    keys = dict(old._name_rows)
    for key in new._name_rows:
        keys.setdefault(key, len(keys))

    def postings(index: Index, final: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(row in ``keys``, document now) of each posting of ``index`` that stays."""
        offsets = index._name_offsets
        row_of = np.repeat(np.arange(len(offsets) - 1, dtype=np.int64), np.diff(offsets))
        if index is not old:  # new's rows are numbered by new's own table
            renumber = np.zeros(len(offsets) - 1, dtype=np.int64)
            for key, row in index._name_rows.items():
                renumber[row] = keys[key]
            row_of = renumber[row_of]
        docs = final[index._name_docs] if len(index._name_docs) else np.zeros(0, dtype=np.int64)
        kept = docs >= 0
        return row_of[kept], docs[kept]

    old_rows, old_docs = postings(old, final_of_old)
    new_rows, new_docs = postings(new, final_of_new)
    # Both by row, then document (the documents kept the folder's order): the few new postings
    # go in where they belong.
    key_old, key_new = old_rows * (n + 1) + old_docs, new_rows * (n + 1) + new_docs
    if np.all(key_old[1:] > key_old[:-1]):
        order = np.argsort(key_new, kind="stable")
        at = np.searchsorted(key_old, key_new[order])
        rows, docs = np.insert(old_rows, at, new_rows[order]), np.insert(old_docs, at, new_docs[order])
    else:
        rows, docs = np.concatenate([old_rows, new_rows]), np.concatenate([old_docs, new_docs])
        order = np.lexsort((docs, rows))
        rows, docs = rows[order], docs[order]
    counts = np.bincount(rows, minlength=len(keys))
    alive = counts > 0
    offsets = np.zeros(int(alive.sum()) + 1, dtype=np.int64)
    np.cumsum(counts[alive], out=offsets[1:])
    number = np.cumsum(alive) - 1
    table = {key: int(number[row]) for key, row in keys.items() if alive[row]}
    return table, offsets, docs.astype(np.int32)


def merge(old: Index, order: Sequence[tuple[bool, int]], new: Index) -> Index:
    """The index of the articles ``order`` lists: article ``i`` is ``old``'s document
    ``order[i][1]`` when ``order[i][0]`` is True, else ``new``'s (which was built with
    ``vocabulary_of(old)``). The articles' texts are not read (they stay packed)."""
    n = len(order)
    from_old = np.array([o for o, _ in order], dtype=bool)
    source = np.array([d for _, d in order], dtype=np.int64)
    final_of_old = np.full(len(old), -1, dtype=np.int64)
    final_of_new = np.full(len(new), -1, dtype=np.int64)
    final_of_old[source[from_old]] = np.flatnonzero(from_old)
    final_of_new[source[~from_old]] = np.flatnonzero(~from_old)
    idx = Index()
    idx._ids = [(old._ids if o else new._ids)[d] for o, d in order]
    idx._titles = [(old._titles if o else new._titles)[d] for o, d in order]
    idx._texts = splice(old._texts, new._texts, from_old, source)
    n_terms = len(new._forms)  # the vocabulary went on from old's, so it holds every term

    def per_doc(old_values: np.ndarray, new_values: np.ndarray) -> np.ndarray:
        out = np.zeros(n, dtype=old_values.dtype if len(old_values) else new_values.dtype)
        out[from_old] = old_values[source[from_old]]
        out[~from_old] = new_values[source[~from_old]]
        return out

    # The postings stay in two parts until a snapshot is written (``Overlay``); each term's
    # document frequency is that of the merged postings: the terms of the articles that went
    # are counted off, from their texts and titles.
    gone = np.flatnonzero(final_of_old < 0).tolist()
    for name, words in (("_text", old._texts), ("_title", old._titles)):
        o, w = getattr(old, name), getattr(new, name)
        if isinstance(o, Overlay):  # a live folder's second change: the first is merged now
            o = o.flat()
        counted = np.zeros(n_terms, dtype=np.int64)
        for d in gone:
            counted[list(text_terms(old._term_ids, words[d] or ""))] += 1
        setattr(idx, name, Overlay(o, w, final_of_old, final_of_new, per_doc(o.lengths, w.lengths), n_terms,
                                   counted))
    idx._term_ids, idx._forms = new._term_ids, new._forms
    idx._surfaces = new._surfaces
    idx._surface_offsets, idx._surface_ids = new._surface_offsets, new._surface_ids

    idx._name_rows, idx._name_offsets, idx._name_docs = _names(old, new, final_of_old, final_of_new, n)

    idx._keys, key_ids = _lookup(old._keys, new._keys)
    idx._months, month_ids = _lookup(old._months, new._months)
    idx._sources, source_ids = _lookup(old._sources, new._sources)

    def mentions(doc_field: str, fields: Sequence[tuple[str, np.ndarray | None]]) -> None:
        kept, old_docs = _renumbered(getattr(old, doc_field), final_of_old)
        setattr(idx, doc_field, np.concatenate([old_docs, final_of_new[getattr(new, doc_field)]]).astype(np.int32))
        for name, remap in fields:
            new_values = getattr(new, name)
            if remap is not None:
                new_values = remap[new_values]
            setattr(idx, name, np.concatenate([getattr(old, name)[kept], new_values]).astype(np.int32))

    mentions("_ent_doc", [("_ent_key", key_ids)])
    mentions("_span_doc", [("_span_lo", None), ("_span_hi", None)])
    mentions("_ment_doc", [("_ment_month", month_ids)])
    idx._pub_day = per_doc(old._pub_day, new._pub_day)
    idx._pub_month = per_doc(old._pub_month, month_ids[new._pub_month])
    idx._source_of = per_doc(old._source_of, source_ids[new._source_of])
    idx._position = {a: i for i, a in enumerate(idx._ids)}
    idx._id_rank = np.zeros(n, dtype=np.int64)
    idx._id_rank[sorted(range(n), key=idx._ids.__getitem__)] = np.arange(n)
    return idx


__all__ = ["merge", "vocabulary_of"]
