"""A CRFsuite model read into arrays, and Viterbi decoding of many sentences at once.

The tagger's model is trained by CRFsuite (``tui.nlp.train``); tagging with it here instead of
through ``pycrfsuite.Tagger`` lets the features be weighed once per word form rather than
once per token: a token's score for each label is the sum of a few cached vectors (its own
word's, its neighbours'), and the best label sequence of every sentence of a text is found
in one pass over positions for all of them together. The scores are CRFsuite's: the same
weights (read exactly, as doubles, from the model file), the same first-order transitions,
and the same tie-break (the first label wins).

The model file is CRFsuite's "lCRF"/"FOMC" format: a header of offsets, the label and attribute
names in two CQDB string tables, and the features as (type, source, destination, weight)
records, type 0 being an attribute's weight for a label and type 1 a transition.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from tui.nlp.features import Featurizer

_HEADER = struct.Struct("<4sI4sIIIIIIIII")
_CQDB_HEADER = struct.Struct("<4sIIIII")
_FEATURE = np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("weight", "<f8")])


class ModelError(ValueError):
    """The file is no CRFsuite model this reader understands."""


@dataclass(frozen=True)
class Model:
    labels: tuple[str, ...]
    attributes: dict[str, int]  # attribute name -> row of ``state``
    # (attributes + 1, labels): an attribute's weight for each label; the last row, all zero,
    # stands for an attribute the model does not know.
    state: np.ndarray
    transition: np.ndarray  # (labels, labels): from the row's label to the column's

    @classmethod
    def read(cls, path: Path) -> Model:
        try:
            return cls._read(path, path.read_bytes())
        except (struct.error, ValueError, IndexError) as exc:  # truncated or damaged
            if isinstance(exc, ModelError):
                raise
            raise ModelError(f"{path.name}: damaged CRFsuite model ({exc})") from None

    @classmethod
    def _read(cls, path: Path, data: bytes) -> Model:
        if len(data) < _HEADER.size:
            raise ModelError(f"{path.name}: too short for a CRFsuite model")
        (
            magic,
            size,
            kind,
            _version,
            _n_features,
            n_labels,
            n_attrs,
            off_features,
            off_labels,
            off_attrs,
            _off_labelrefs,
            _off_attrrefs,
        ) = _HEADER.unpack_from(data)
        if magic != b"lCRF" or kind != b"FOMC" or size > len(data):
            raise ModelError(f"{path.name}: not a CRFsuite first-order model")
        labels = _strings(data, off_labels, n_labels)
        attrs = _strings(data, off_attrs, n_attrs)
        if data[off_features : off_features + 4] != b"FEAT":
            raise ModelError(f"{path.name}: no feature table")
        count = struct.unpack_from("<I", data, off_features + 8)[0]  # (the header's count is not kept)
        if off_features + 12 + count * _FEATURE.itemsize > len(data):
            raise ModelError(f"{path.name}: the feature table runs past the end")
        feats = np.frombuffer(data, dtype=_FEATURE, count=count, offset=off_features + 12)
        state = np.zeros((n_attrs + 1, n_labels), dtype=np.float64)
        transition = np.zeros((n_labels, n_labels), dtype=np.float64)
        kinds = feats["type"]
        s = feats[kinds == 0]
        # CRFsuite adds up every feature of an attribute and label: so does this.
        np.add.at(state, (s["src"].astype(np.int64), s["dst"].astype(np.int64)), s["weight"])
        t = feats[kinds == 1]
        np.add.at(transition, (t["src"].astype(np.int64), t["dst"].astype(np.int64)), t["weight"])
        return cls(tuple(labels), {a: i for i, a in enumerate(attrs)}, state, transition)

    def weigh(self, attributes: Iterable[str]) -> np.ndarray:
        """The summed weights of ``attributes`` for each label (unknown ones weigh nothing)."""
        index = self.attributes
        rows = [r for r in map(index.get, attributes) if r is not None]
        if not rows:
            return np.zeros(len(self.labels))
        total: np.ndarray = self.state[rows].sum(axis=0)
        return total


def _strings(data: bytes, at: int, count: int) -> list[str]:
    """The ``count`` strings of the CQDB table at ``at``, by id (through its backward array)."""
    chunk, _size, _flag, order, bwd_size, bwd_offset = _CQDB_HEADER.unpack_from(data, at)
    if chunk != b"CQDB" or order != 0x62445371 or bwd_size < count or not bwd_offset:
        raise ModelError("damaged string table in the model")
    offsets = np.frombuffer(data, dtype="<u4", count=count, offset=at + bwd_offset)
    out = []
    for off in offsets.tolist():
        p = at + off
        size = struct.unpack_from("<I", data, p + 4)[0]
        out.append(data[p + 8 : p + 8 + size - 1].decode("utf-8", "surrogateescape"))
    return out


def viterbi(emissions: np.ndarray, lengths: np.ndarray, transition: np.ndarray) -> np.ndarray:
    """The best label of each position of each sequence: ``emissions`` is (sequences, longest,
    labels), row ``k`` holding ``lengths[k]`` positions (the rest is padding). Returns label
    indices of the same (sequences, longest) shape; padding gets -1. One step per position for
    all sequences together; of equal scores the first label wins, as in CRFsuite."""
    n, longest, n_labels = emissions.shape
    out = np.full((n, longest), -1, dtype=np.int64)
    if not n or not longest:
        return out
    back = np.zeros((longest, n, n_labels), dtype=np.intp)
    history = np.empty((longest, n, n_labels))
    score = history[0] = emissions[:, 0, :]
    for t in range(1, longest):
        cand = score[:, :, None] + transition  # [k, i, j]: from label i to label j
        back[t] = cand.argmax(axis=1)
        score = history[t] = cand.max(axis=1) + emissions[:, t, :]
    rows = np.arange(n)
    ends = np.maximum(lengths, 1) - 1
    last = history[ends, rows].argmax(axis=1)
    y = np.zeros(n, dtype=np.intp)
    for t in range(longest - 1, -1, -1):
        ending = ends == t
        y[ending] = last[ending]
        active = lengths > t
        out[active, t] = y[active]
        if t:
            y = np.where(active, back[t, rows, y], y)
    return out


_GROUP = 64  # sentences decoded together


class Scorer:
    """Each token's score for each label, as CRFsuite would add up the attributes that
    ``Featurizer.sentence`` gives it (a test holds the two together): the weighed sum of the
    word's own attributes (or those it has first in a sentence) and of its neighbours'
    (-2, -1 before a capitalised word or not, +1, +2), of lexicon phrases, and of "EOS" at
    a sentence's end. The seven sums of a word form are worked out once and kept."""

    _ROLES = 7  # own, first, -1, -1 before a capital, +1, -2, +2

    def __init__(self, featurizer: Featurizer, model: Model, limit: int = 100_000) -> None:
        self.featurizer, self.model, self.limit = featurizer, model, limit
        self._eos = model.weigh(("EOS",))
        self._reset()

    def _reset(self) -> None:
        self._ids: dict[str, int] = {}
        self._vectors = np.zeros((1024, self._ROLES, len(self.model.labels)))
        self._capital = np.zeros(1024, dtype=bool)

    def _add(self, words: list[str]) -> None:
        """Work out and keep the seven sums of each of ``words`` (forms not seen before)."""
        k = len(self._ids)
        size = len(self._capital)
        while size < k + len(words):
            size *= 2
        if size > len(self._capital):
            grown = np.zeros((size, *self._vectors.shape[1:]))
            grown[:k] = self._vectors[:k]
            capital = np.zeros(size, dtype=bool)
            capital[:k] = self._capital[:k]
            self._vectors, self._capital = grown, capital
        fz, row = self.featurizer, self.model.attributes.get
        table = self.model.state
        zero = repeat(len(table) - 1)  # an attribute the model does not know weighs nothing
        # Every attribute of every role of every word, as rows of the weight table, in one list;
        # then one sum per (word, role) over its slice (an empty one holds the zero row).
        # A word's attributes first in a sentence are its own and a few more, and before a
        # capital those as a neighbour at -1 and one more: only the extra ones are looked up.
        rows: list[int] = []
        bounds: list[int] = []
        for w in words:
            own = fz.own(w)
            m1, m1_cap, p1, m2, p2 = fz.context(w)
            for attrs in (own, fz.first(w)[len(own) :], m1, m1_cap[len(m1) :], p1, m2, p2):
                bounds.append(len(rows))
                rows.extend(map(row, attrs, zero))
                if not attrs:
                    rows.append(len(table) - 1)
        sums = np.add.reduceat(table[rows], bounds, axis=0).reshape(len(words), self._ROLES, -1)
        sums[:, 1] += sums[:, 0]
        sums[:, 3] += sums[:, 2]
        self._vectors[k : k + len(words)] = sums
        self._capital[k : k + len(words)] = [w[:1].isupper() for w in words]
        self._ids.update(zip(words, range(k, k + len(words))))

    def __len__(self) -> int:
        return len(self._ids)

    def known(self, limit: int) -> tuple[list[str], np.ndarray]:
        """The first ``limit`` word forms whose sums are worked out (the first met, so mostly
        the commonest) and their sums, for ``seed``."""
        forms = list(self._ids)[:limit]
        return forms, self._vectors[: len(forms)].copy()

    def seed(self, forms: list[str], vectors: np.ndarray) -> None:
        """Takes the sums of ``forms`` (``known`` of a scorer with this model and featurizer)
        instead of working them out: the same scores, without the cost of a form's first sight."""
        if vectors.shape != (len(forms), self._ROLES, len(self.model.labels)):
            raise ValueError("the sums do not fit this model")
        self._reset()
        size = len(self._capital)
        while size < len(forms):
            size *= 2
        self._vectors = np.zeros((size, *self._vectors.shape[1:]))
        self._vectors[: len(forms)] = vectors
        self._capital = np.zeros(size, dtype=bool)
        self._capital[: len(forms)] = [w[:1].isupper() for w in forms]
        self._ids = {w: k for k, w in enumerate(forms)}

    def emissions(self, parts: list[Any]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """For sequences of words ``parts``: the scores of all their tokens, one after the other
        (tokens, labels), each token's position in its part, and each part's length."""
        ids_of = self._ids
        new = list(dict.fromkeys(w for part in parts for w in part if w not in ids_of))
        if new:
            if len(ids_of) + len(new) > self.limit:  # a long run meets ever new forms: start afresh
                self._reset()
                ids_of = self._ids
                new = list(dict.fromkeys(w for part in parts for w in part))
            self._add(new)
        ids = np.fromiter((ids_of[w] for part in parts for w in part), dtype=np.int64)
        lengths = np.fromiter(map(len, parts), dtype=np.int64, count=len(parts))
        n = len(ids)
        starts = np.zeros(len(parts), dtype=np.int64)
        np.cumsum(lengths[:-1], out=starts[1:])
        pos = np.arange(n) - np.repeat(starts, lengths)
        rest = np.repeat(lengths, lengths) - pos - 1
        v = self._vectors
        scores = v[ids, 0]
        first = pos == 0
        scores[first] = v[ids[first], 1]
        j = np.flatnonzero(pos >= 1)
        scores[j] += np.where(self._capital[ids[j]][:, None], v[ids[j - 1], 3], v[ids[j - 1], 2])
        j = np.flatnonzero(rest >= 1)
        scores[j] += v[ids[j + 1], 4]
        j = np.flatnonzero(rest >= 2)
        scores[j] += v[ids[j + 2], 6]
        scores[rest == 0] += self._eos
        j = np.flatnonzero(pos >= 2)
        scores[j] += v[ids[j - 2], 5]
        if self.featurizer.lexicon.phrases:
            for k, part in enumerate(parts):
                for i, attrs in self.featurizer.phrase_features(part).items():
                    scores[starts[k] + i] += self.model.weigh(attrs)
        return scores, pos, lengths

    def labels(self, parts: list[Any]) -> list[list[str]]:
        """The best label sequence of each part of words, as CRFsuite's tagger gives it."""
        if not parts:
            return []
        scores, pos, lengths = self.emissions(parts)
        starts = np.zeros(len(parts), dtype=np.int64)
        np.cumsum(lengths[:-1], out=starts[1:])
        names = self.model.labels
        out: list[list[str]] = [[] for _ in parts]
        # Decoded in groups of parts of about the same length: a short sentence padded to the
        # longest of hundreds would cost as much as the longest.
        order = np.argsort(lengths, kind="stable")
        for g in range(0, len(order), _GROUP):
            group = order[g : g + _GROUP]
            m = lengths[group]
            padded = np.zeros((len(group), int(m.max()), len(names)))
            row = np.repeat(np.arange(len(group)), m)
            at = np.repeat(starts[group], m) + (np.arange(int(m.sum())) - np.repeat(np.cumsum(m) - m, m))
            padded[row, pos[at]] = scores[at]
            for k, tags in zip(group.tolist(), viterbi(padded, m, self.model.transition).tolist()):
                out[k] = [names[y] for y in tags[: lengths[k]]]
        return out


__all__ = ["Model", "ModelError", "Scorer", "viterbi"]
