"""Compact storage behind ``Index``: the vocabulary and postings in flat numpy arrays.

Building costs one regex pass and one ``Counter`` per text; every word form
is stemmed once for the whole corpus (``Vocabulary``). Postings are kept in
CSR layout — for term ``t`` the documents ``docs[offsets[t]:offsets[t+1]]``
in increasing order — with the BM25 weight of each posting precomputed, so
a query only adds up slices of arrays. Word positions are not stored: a
phrase is checked against the candidate texts with a regular expression
made of the word forms its terms were seen in (``forms``), which is also
what highlights matches.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from itertools import chain
from typing import Any

import numpy as np

from tui.index.analysis import WORD, fold, parts, stem

K1, B = 1.2, 0.75  # BM25


class Vocabulary(dict[str, tuple[int, ...]]):
    """Word form as written -> ids of its terms (a compound's own term, then its parts')."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: dict[str, int] = {}  # term -> id
        self.forms: list[list[str]] = []  # id -> forms as written that give the term
        self.surfaces: dict[str, list[int]] = {}  # folded unstemmed form -> term ids, for prefixes

    def term_id(self, term: str) -> int:
        tid = self.ids.get(term)
        if tid is None:
            tid = self.ids[term] = len(self.forms)
            self.forms.append([])
        return tid

    def _note(self, tid: int, form: str) -> None:
        forms = self.forms[tid]
        if form not in forms:
            forms.append(form)
        ids = self.surfaces.setdefault(fold(form), [])
        if tid not in ids:
            ids.append(tid)

    def __missing__(self, word: str) -> tuple[int, ...]:
        ids: list[int] = []
        for form, term in word_terms(word):
            tid = self.term_id(term)
            self._note(tid, form)
            if tid not in ids:
                ids.append(tid)
        self[word] = found = tuple(ids)
        return found

    @property
    def n_terms(self) -> int:
        return len(self.forms)

    def tables(self) -> tuple[dict[str, int], list[list[str]], list[str], np.ndarray, np.ndarray]:
        """What ``tui.index.parts.Words`` keeps: term ids, forms by term id, the folded forms in
        order, and the term ids of each as (offsets, ids)."""
        surfaces = sorted(self.surfaces)
        offsets, ids = csr(self.surfaces[s] for s in surfaces)
        return self.ids, self.forms, surfaces, offsets, ids


class Continued(Vocabulary):
    """A vocabulary that goes on from an index's tables (``Vocabulary.tables``), which it never
    changes: the terms, forms and folded forms it adds are kept apart and joined in by
    ``tables``. (A copy of the index's vocabulary, made to index one new file, would take a
    second at a million terms.) ``ids``, ``forms`` and ``surfaces`` hold what is added: terms
    from ``n_base`` on, and for a folded form the term ids its row gains."""

    def __init__(
        self,
        ids: dict[str, int],
        forms: list[list[str]],
        surfaces: list[str],
        offsets: np.ndarray,
        surface_ids: np.ndarray,
    ) -> None:
        super().__init__()
        self._base = (ids, forms, surfaces, offsets, surface_ids)
        self.n_base = len(forms)
        self._changed: dict[int, list[str]] = {}  # base term id -> its forms, copied when one is added

    @property
    def n_terms(self) -> int:
        return self.n_base + len(self.forms)

    def term_id(self, term: str) -> int:
        tid = self._base[0].get(term)
        if tid is None:
            tid = self.ids.get(term)
            if tid is None:
                tid = self.ids[term] = self.n_terms
                self.forms.append([])
        return tid

    def _base_row(self, surface: str) -> list[int]:
        _, _, surfaces, offsets, surface_ids = self._base
        i = bisect_left(surfaces, surface)
        if i < len(surfaces) and surfaces[i] == surface:
            return surface_ids[offsets[i] : offsets[i + 1]].tolist()  # type: ignore[no-any-return]
        return []

    def _note(self, tid: int, form: str) -> None:
        if tid >= self.n_base:
            forms = self.forms[tid - self.n_base]
        else:
            forms = self._changed.get(tid) or self._base[1][tid]
            if form not in forms and tid not in self._changed:
                forms = self._changed[tid] = list(forms)
        if form not in forms:
            forms.append(form)
        surface = fold(form)
        ids = self.surfaces.get(surface)
        if ids is None:
            ids = self.surfaces[surface] = []
        if tid not in ids and tid not in self._base_row(surface):
            ids.append(tid)

    def tables(self) -> tuple[dict[str, int], list[list[str]], list[str], np.ndarray, np.ndarray]:
        ids, forms, surfaces, offsets, surface_ids = self._base
        if self.ids:
            ids = ids | self.ids
        if self.forms or self._changed:
            forms = [*forms, *self.forms]
            for tid, changed in self._changed.items():
                forms[tid] = changed
        added = sorted((s, extra) for s, extra in self.surfaces.items() if extra)
        if not added:
            return ids, forms, surfaces, offsets, surface_ids
        # The rows are joined as arrays: a row that gains ids gets them at its end, a new folded
        # form a row of its own in its place; insertions at one place keep their (sorted) order.
        at = [bisect_left(surfaces, s) for s, _ in added]
        known = [i < len(surfaces) and surfaces[i] == s for i, (s, _) in zip(at, added)]
        flat_at = [int(offsets[i + 1] if k else offsets[i]) for i, k in zip(at, known)]
        values = [v for _, extra in added for v in extra]
        merged_ids = np.insert(
            surface_ids, np.repeat(flat_at, [len(e) for _, e in added]), np.asarray(values, dtype=surface_ids.dtype)
        )
        lengths = np.diff(offsets).astype(np.int64)
        grown = [(i, len(e)) for i, k, (_, e) in zip(at, known, added) if k]
        if grown:
            np.add.at(lengths, [i for i, _ in grown], [n for _, n in grown])
        fresh = [(i, s, len(e)) for i, k, (s, e) in zip(at, known, added) if not k]
        lengths = np.insert(lengths, [i for i, _, _ in fresh], [n for _, _, n in fresh])
        merged_offsets = narrow(np.concatenate([np.zeros(1, dtype=np.int64), np.cumsum(lengths)]))
        merged_surfaces: list[str] = []
        start = 0
        for i, s, _ in fresh:
            merged_surfaces += surfaces[start:i]
            merged_surfaces.append(s)
            start = i
        merged_surfaces += surfaces[start:]
        return ids, forms, merged_surfaces, merged_offsets, merged_ids


def word_terms(word: str) -> list[tuple[str, str]]:
    """(form, term) of what a word form is indexed under: itself, then a compound's parts."""
    return [(word, stem(word)), *((part, stem(part)) for part in parts(word))]


def text_terms(term_ids: dict[str, int], text: str) -> set[int]:
    """The ids of the terms a text was indexed under (``PostingsBuilder.add``), given the
    vocabulary's term ids."""
    found: set[int] = set()
    for word in set(WORD.findall(text)):
        found.update(term_ids[t] for _, t in word_terms(word) if t in term_ids)
    return found


class PostingsBuilder:
    """Collects (term, document, frequency) triples, one document at a time, in document order."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self._vocabulary = vocabulary
        self._terms = array("I")
        self._freqs = array("I")
        self._per_doc = array("I")
        self._lengths = array("I")

    def add(self, text: str) -> None:
        words = WORD.findall(text)
        counts = Counter(chain.from_iterable(map(self._vocabulary.__getitem__, words)))
        self._terms.extend(counts.keys())
        self._freqs.extend(counts.values())
        self._per_doc.append(len(counts))
        self._lengths.append(len(words))

    def finish(self, weighted: bool) -> Postings:
        terms = np.frombuffer(self._terms, dtype=np.uint32) if self._terms else np.zeros(0, np.uint32)
        per_doc = np.asarray(self._per_doc, dtype=np.int64)
        docs = np.repeat(np.arange(len(per_doc), dtype=np.int32), per_doc)
        freqs = np.frombuffer(self._freqs, dtype=np.uint32).copy() if self._freqs else np.zeros(0, np.uint32)
        lengths = np.asarray(self._lengths, dtype=np.uint32)
        self._terms = self._freqs = array("I")
        return assemble(terms, docs, freqs, lengths, self._vocabulary.n_terms, weighted)


def assemble(
    terms: np.ndarray,
    docs: np.ndarray,
    freqs: np.ndarray,
    lengths: np.ndarray,
    n_terms: int,
    weighted: bool,
    ordered: bool = False,
) -> Postings:
    """CSR postings from one (term, document, frequency) triple per posting, in any order (or, with
    ``ordered``, already by term, then document), and each document's length in words; with
    ``weighted``, each posting's BM25 weight."""
    order = slice(None) if ordered else np.lexsort((docs, terms))  # by term, then document
    docs = docs[order].astype(np.int32)
    df = np.bincount(terms, minlength=n_terms).astype(np.int32)
    offsets = np.zeros(n_terms + 1, dtype=np.int64)
    np.cumsum(df, out=offsets[1:])
    tf = freqs[order]
    # Most frequencies fit two bytes: a snapshot keeps a quarter of what four would take.
    tf = tf.astype(np.uint16 if not len(tf) or int(tf.max()) <= 0xFFFF else np.uint32)
    return Postings(narrow(offsets), docs, tf, lengths, weighted)


class Postings:
    """Immutable CSR postings. With ``weighted``, ``weights_of`` gives each posting's BM25 score,
    worked out from ``freqs`` (per posting) and ``lengths`` (per document) when a query asks:
    a posting keeps two or four bytes instead of eight, and only the postings a query touches
    are scored. The same two arrays let ``Index.merge`` (``tui.index.parts``) combine postings without reading the
    texts again."""

    def __init__(
        self, offsets: np.ndarray, docs: np.ndarray, freqs: np.ndarray, lengths: np.ndarray, weighted: bool
    ) -> None:
        self.offsets = offsets
        self.freqs, self.lengths, self.weighted = freqs, lengths, weighted
        # Each term's documents as gaps from the one before (the first from 0): in a folder of
        # fewer than 65,536 articles, and in most larger ones, they fit two bytes.
        gaps = docs.astype(np.int64)
        if len(gaps):
            gaps[1:] -= docs[:-1]
            firsts = offsets[:-1][np.diff(offsets) > 0]
            gaps[firsts] = docs[firsts]
        self.gaps = gaps.astype(np.uint16 if not len(gaps) or int(gaps.max()) <= 0xFFFF else np.uint32)
        for a in (offsets, self.gaps, freqs, lengths):
            a.flags.writeable = False
        self._norm: np.ndarray | None = None
        self._idf: np.ndarray | None = None

    @property
    def idf(self) -> np.ndarray:
        """Each term's inverse document frequency (BM25's, never below zero)."""
        idf = self._idf
        if idf is None:
            idf = self._idf = _idf(self.counts(), len(self.lengths))
        return idf

    @property
    def docs(self) -> np.ndarray:
        """The document of each posting, by term, then document."""
        if not len(self.gaps):
            return np.zeros(0, dtype=np.int32)
        total = np.cumsum(self.gaps, dtype=np.int64)
        df = np.diff(self.offsets)
        starts = self.offsets[:-1][df > 0]
        before = np.where(starts > 0, total[np.maximum(starts - 1, 0)], 0)
        docs: np.ndarray = (total - np.repeat(before, df[df > 0])).astype(np.int32)
        return docs

    def __getstate__(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k not in ("_norm", "_idf")}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state, _norm=None, _idf=None)

    def terms(self) -> np.ndarray:
        """The term of each posting (the CSR rows spelled out)."""
        return np.repeat(np.arange(len(self.offsets) - 1, dtype=np.uint32), np.diff(self.offsets))

    def docs_of(self, tid: int) -> np.ndarray:
        return np.cumsum(self.gaps[self.offsets[tid] : self.offsets[tid + 1]], dtype=np.int32)

    def weights_of(self, tid: int) -> np.ndarray:
        """The BM25 score of each of the term's postings (Okapi: k1 1.2, b 0.75)."""
        return self.scored(tid)[1]

    def scored(self, tid: int) -> tuple[np.ndarray, np.ndarray]:
        """The term's documents and the BM25 score of each (``docs_of`` and ``weights_of``)."""
        if self._norm is None:
            self._norm = _length_norm(self.lengths)
        a, b = self.offsets[tid], self.offsets[tid + 1]
        docs = np.cumsum(self.gaps[a:b], dtype=np.int32)
        return docs, _bm25(self.idf[tid], self.freqs[a:b], self._norm[docs])

    def dfs(self, tids: np.ndarray) -> np.ndarray:
        """The document frequency of each of ``tids``."""
        dfs: np.ndarray = self.offsets[tids + 1] - self.offsets[tids]
        return dfs

    def counts(self) -> np.ndarray:
        """Every term's document frequency."""
        return np.diff(self.offsets)

    @property
    def nbytes(self) -> int:
        return sum(a.nbytes for a in (self.offsets, self.gaps, self.freqs, self.lengths))


def _idf(df: np.ndarray, n_docs: int) -> np.ndarray:
    df = df.astype(np.int32)
    n = max(1, n_docs)
    return np.log1p((n - df + 0.5) / (df + 0.5)).astype(np.float32)


def _length_norm(lengths: np.ndarray) -> np.ndarray:
    lengths32 = lengths.astype(np.float32)
    avg = max(1.0, float(lengths32.mean()) if len(lengths32) else 1.0)
    return K1 * (1 - B + B * lengths32 / avg)


def _bm25(idf: np.float32, freqs: np.ndarray, norm: np.ndarray) -> np.ndarray:
    tf32 = freqs.astype(np.float32)
    scores: np.ndarray = idf * tf32 * (K1 + 1) / (tf32 + norm)
    return scores


class Overlay:
    """The postings of a changed folder, not yet merged into one array: ``old``'s postings with
    their documents renumbered (``final_of_old``, -1 for those that went) and ``new``'s
    (``final_of_new``). A query reads both; scores are those of the merged postings (the same
    document frequencies, lengths and arithmetic), so a start after a change need not copy and
    re-sort ten million postings before the folder is searchable. Pickled (into a snapshot, in
    the background), it is merged first: a snapshot holds ``Postings`` only."""

    def __init__(
        self,
        old: Postings,
        new: Postings,
        final_of_old: np.ndarray,
        final_of_new: np.ndarray,
        lengths: np.ndarray,
        n_terms: int,
        gone: np.ndarray,
    ) -> None:
        self.old, self.new = old, new
        self.final_of_old, self.final_of_new = final_of_old, final_of_new
        self.lengths, self.weighted, self.n_terms = lengths, old.weighted, n_terms
        df = np.zeros(n_terms, dtype=np.int64)
        df[: len(old.offsets) - 1] += old.counts()
        df[: len(new.offsets) - 1] += new.counts()
        df[: len(gone)] -= gone  # postings of the old documents that went, by term
        self._df = df
        self._idf: np.ndarray | None = None
        self._norm: np.ndarray | None = None
        self._flat: Postings | None = None

    def __reduce_ex__(self, protocol: object) -> tuple[Any, ...]:
        return _restore, (self.flat().__getstate__(),)

    def flat(self) -> Postings:
        """The same postings in one array (what ``Index.build`` would have made)."""
        if self._flat is None:
            self._flat = merged(self.old, self.new, self.final_of_old, self.final_of_new, self.lengths, self.n_terms)
        return self._flat

    @property
    def idf(self) -> np.ndarray:
        if self._idf is None:
            self._idf = _idf(self._df, len(self.lengths))
        return self._idf

    def counts(self) -> np.ndarray:
        return self._df

    def dfs(self, tids: np.ndarray) -> np.ndarray:
        dfs: np.ndarray = self._df[tids]
        return dfs

    def _parts(self, tid: int) -> tuple[np.ndarray, np.ndarray]:
        docs, freqs = [], []
        for p, final in ((self.old, self.final_of_old), (self.new, self.final_of_new)):
            if tid < len(p.offsets) - 1:
                a, b = p.offsets[tid], p.offsets[tid + 1]
                mine = final[p.docs_of(tid)]
                kept = mine >= 0
                docs.append(mine[kept].astype(np.int32))
                freqs.append(p.freqs[a:b][kept])
        if not docs:
            return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.uint32)
        return np.concatenate(docs), np.concatenate(freqs)

    def docs_of(self, tid: int) -> np.ndarray:
        return self._parts(tid)[0]

    def weights_of(self, tid: int) -> np.ndarray:
        return self.scored(tid)[1]

    def scored(self, tid: int) -> tuple[np.ndarray, np.ndarray]:
        if self._norm is None:
            self._norm = _length_norm(self.lengths)
        docs, freqs = self._parts(tid)
        return docs, _bm25(self.idf[tid], freqs, self._norm[docs])

    # What a further merge (a live folder's next change) reads: the merged arrays.
    @property
    def offsets(self) -> np.ndarray:
        return self.flat().offsets

    @property
    def freqs(self) -> np.ndarray:
        return self.flat().freqs

    @property
    def docs(self) -> np.ndarray:
        return self.flat().docs

    def terms(self) -> np.ndarray:
        return self.flat().terms()

    @property
    def nbytes(self) -> int:
        return self.old.nbytes + self.new.nbytes


def _restore(state: dict[str, Any]) -> Postings:
    postings = Postings.__new__(Postings)
    postings.__setstate__(state)
    return postings


def _renumbered(old_docs: np.ndarray, final_of_old: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(kept, their new numbers) for an array of old document numbers."""
    mapped = final_of_old[old_docs] if len(old_docs) else np.zeros(0, dtype=np.int64)
    kept = mapped >= 0
    return kept, mapped[kept]


def merged(
    old: Postings | Overlay,
    new: Postings,
    final_of_old: np.ndarray,
    final_of_new: np.ndarray,
    lengths: np.ndarray,
    n_terms: int,
) -> Postings:
    """``old``'s and ``new``'s postings in one array, documents renumbered (-1: gone)."""
    kept, old_docs = _renumbered(old.docs, final_of_old)
    old_terms, new_terms, new_docs = old.terms()[kept], new.terms(), final_of_new[new.docs]
    # The old postings are by term, then document, and stay so when the articles kept their order
    # (the folder's): the few new ones, sorted, then go in where they belong, which costs a copy
    # of the arrays instead of sorting millions of postings again.
    key_old = old_terms.astype(np.int64) * len(lengths) + old_docs
    key_new = new_terms.astype(np.int64) * len(lengths) + new_docs
    old_freqs = old.freqs[kept].astype(np.uint32)
    if np.all(key_old[1:] > key_old[:-1]):
        order = np.argsort(key_new, kind="stable")  # the fresh articles need not be in folder order
        at = np.searchsorted(key_old, key_new[order])
        return assemble(
            np.insert(old_terms, at, new_terms[order]),
            np.insert(old_docs, at, new_docs[order]),
            np.insert(old_freqs, at, new.freqs[order]),
            lengths,
            n_terms,
            old.weighted,
            ordered=True,
        )
    terms = np.concatenate([old_terms, new_terms])
    docs = np.concatenate([old_docs, new_docs])
    freqs = np.concatenate([old_freqs, new.freqs])
    return assemble(terms, docs, freqs, lengths, n_terms, old.weighted)


def csr(groups: Iterable[Iterable[int]]) -> tuple[np.ndarray, np.ndarray]:
    """Lists of ints as (offsets, values): group ``i`` is ``values[offsets[i]:offsets[i + 1]]``.
    Two arrays load from a snapshot at once where a list of lists is made one object at a time."""
    values = array("i")
    offsets = array("q", [0])
    for g in groups:
        values.extend(g)
        offsets.append(len(values))
    return narrow(np.frombuffer(offsets, dtype=np.int64)), np.frombuffer(
        values, dtype=np.int32
    ).copy() if values else np.zeros(0, dtype=np.int32)


def narrow(offsets: np.ndarray) -> np.ndarray:
    """Offsets as 32-bit integers where they fit (half the room in a snapshot), else 64-bit."""
    return offsets.astype(np.int32 if not len(offsets) or int(offsets[-1]) < 2**31 else np.int64)


def forms_regex(forms: list[list[str]], sequence: list[list[int]]) -> re.Pattern[str]:
    """A pattern for consecutive words, the k-th written as any form of the terms ``sequence[k]``.
    A single step finds every match of those terms, e.g. for highlighting."""
    steps = []
    for tids in sequence:
        alternatives = sorted({f for t in tids for f in forms[t]}, key=lambda f: (-len(f), f))
        steps.append("(?:" + "|".join(map(re.escape, alternatives)) + ")" if alternatives else "(?!)")
    return re.compile(r"(?<![^\W_])" + r"(?:\W|_)+".join(steps) + r"(?![^\W_])")
