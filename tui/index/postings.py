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
from collections import Counter
from itertools import chain

import numpy as np

from tui.index.analysis import WORD, fold, parts, stem

K1, B = 1.2, 0.75  # BM25


class Vocabulary(dict):
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
        ids = [self.term_id(stem(word))]
        self._note(ids[0], word)
        for part in parts(word):
            pid = self.term_id(stem(part))
            self._note(pid, part)
            if pid not in ids:
                ids.append(pid)
        self[word] = found = tuple(ids)
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
        return assemble(terms, docs, freqs, lengths, len(self._vocabulary.forms), weighted)


def assemble(terms: np.ndarray, docs: np.ndarray, freqs: np.ndarray, lengths: np.ndarray, n_terms: int,
             weighted: bool, ordered: bool = False) -> Postings:
    """CSR postings from one (term, document, frequency) triple per posting, in any order (or, with
    ``ordered``, already by term, then document), and each document's length in words; with
    ``weighted``, each posting's BM25 weight."""
    order = slice(None) if ordered else np.lexsort((docs, terms))  # by term, then document
    docs = docs[order].astype(np.int32)
    df = np.bincount(terms, minlength=n_terms).astype(np.int32)
    offsets = np.zeros(n_terms + 1, dtype=np.int64)
    np.cumsum(df, out=offsets[1:])
    n = max(1, len(lengths))
    idf = np.log1p((n - df + 0.5) / (df + 0.5)).astype(np.float32)
    weights, tf = None, freqs[order]
    if weighted:
        tf32 = tf.astype(np.float32)
        lengths32 = lengths.astype(np.float32)
        norm = K1 * (1 - B + B * lengths32 / max(1.0, float(lengths32.mean()) if len(lengths32) else 1.0))
        weights = np.repeat(idf, df) * tf32 * (K1 + 1) / (tf32 + norm[docs])
    return Postings(offsets, docs, weights, idf, tf, lengths)


class Postings:
    """Immutable CSR postings; ``weights`` holds each posting's BM25 score (None: presence only).
    ``freqs`` (per posting) and ``lengths`` (per document) are what the scores were made from:
    they let ``tui.index.merge`` combine postings without reading the texts again."""

    def __init__(self, offsets: np.ndarray, docs: np.ndarray, weights: np.ndarray | None,
                 idf: np.ndarray, freqs: np.ndarray, lengths: np.ndarray) -> None:
        self.offsets, self.docs, self.weights, self.idf = offsets, docs, weights, idf
        self.freqs, self.lengths = freqs, lengths
        for a in (offsets, docs, weights, idf, freqs, lengths):
            if a is not None:
                a.flags.writeable = False

    def terms(self) -> np.ndarray:
        """The term of each posting (the CSR rows spelled out)."""
        return np.repeat(np.arange(len(self.offsets) - 1, dtype=np.uint32), np.diff(self.offsets))

    def docs_of(self, tid: int) -> np.ndarray:
        return self.docs[self.offsets[tid] : self.offsets[tid + 1]]

    def weights_of(self, tid: int) -> np.ndarray:
        return self.weights[self.offsets[tid] : self.offsets[tid + 1]]

    def df(self, tid: int) -> int:
        return int(self.offsets[tid + 1] - self.offsets[tid])

    @property
    def nbytes(self) -> int:
        return sum(a.nbytes for a in (self.offsets, self.docs, self.weights, self.idf, self.freqs, self.lengths)
                   if a is not None)


def csr(groups) -> tuple[np.ndarray, np.ndarray]:
    """Lists of ints as (offsets, values): group ``i`` is ``values[offsets[i]:offsets[i + 1]]``.
    Two arrays load from a snapshot at once where a list of lists is made one object at a time."""
    values = array("i")
    offsets = array("q", [0])
    for g in groups:
        values.extend(g)
        offsets.append(len(values))
    return np.frombuffer(offsets, dtype=np.int64).copy(), np.frombuffer(values, dtype=np.int32).copy() \
        if values else np.zeros(0, dtype=np.int32)


def forms_regex(forms: list[list[str]], sequence: list[list[int]]) -> re.Pattern:
    """A pattern for consecutive words, the k-th written as any form of the terms ``sequence[k]``.
    A single step finds every match of those terms, e.g. for highlighting."""
    steps = []
    for tids in sequence:
        alternatives = sorted({f for t in tids for f in forms[t]}, key=lambda f: (-len(f), f))
        steps.append("(?:" + "|".join(map(re.escape, alternatives)) + ")" if alternatives else "(?!)")
    return re.compile(r"(?<![^\W_])" + r"(?:\W|_)+".join(steps) + r"(?![^\W_])")
