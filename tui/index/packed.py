"""Sequences kept as bytes in one flat buffer and decoded item by item on first use.

A library loaded from a snapshot (``tui.index.snapshot``) holds its articles, their
annotations and the timeline this way: the buffers are views of the memory-mapped snapshot
file, so opening a folder of 50,000 articles costs no decoding of what nobody looks at, and
the text sits once in the page cache instead of again in every layer that reads it.
A ``Packed`` pickles as two numpy arrays, which a pickle of protocol 5 can carry out of band.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Generic, TypeVar

import numpy as np

T = TypeVar("T")


class Packed:
    """Byte strings, item ``i`` being ``data[offsets[i]:offsets[i + 1]]``."""

    def __init__(self, offsets: np.ndarray, data: np.ndarray) -> None:
        self.offsets, self.data = offsets, data

    @classmethod
    def of(cls, items: Iterable[bytes]) -> Packed:
        chunks = list(items)
        offsets = np.zeros(len(chunks) + 1, dtype=np.int64)
        np.cumsum([len(c) for c in chunks], out=offsets[1:])
        return cls(offsets, np.frombuffer(b"".join(chunks), dtype=np.uint8))

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def __getitem__(self, i: int) -> bytes:
        o = self.offsets
        return self.data[o[i] : o[i + 1]].tobytes()


class Lazy(Sequence, Generic[T]):
    """Items of a ``Packed`` decoded with ``decode`` when first asked for; ``keep`` holds the
    decoded items (for objects asked for again and again), otherwise each access decodes anew
    (for article texts, which would otherwise sit in memory twice)."""

    def __init__(self, packed: Packed, decode: Callable[[bytes], T], keep: bool = True) -> None:
        self.packed, self.decode, self.keep = packed, decode, keep
        self._items: list[T | None] | None = [None] * len(packed) if keep else None

    def __reduce__(self):
        return (type(self), (self.packed, self.decode, self.keep))

    def __len__(self) -> int:
        return len(self.packed)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        if self._items is None:
            return self._load(i)
        item = self._items[i]
        if item is None:
            item = self._items[i] = self._load(i)
        return item

    def _load(self, i: int) -> T:
        return self.decode(self.packed[i])

    def __iter__(self) -> Iterator[T]:
        return (self[i] for i in range(len(self)))


class Spliced(Sequence, Generic[T]):
    """Items taken from other sequences without decoding them: item ``i`` is
    ``parts[which[i]][where[i]]`` (a folder's articles after a change: the unchanged ones
    still packed in the snapshot, the new ones in a list)."""

    def __init__(self, parts: list[Sequence[T]], which: np.ndarray, where: np.ndarray) -> None:
        self.parts, self.which, self.where = parts, which, where

    def __len__(self) -> int:
        return len(self.which)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        return self.parts[self.which[i]][self.where[i]]

    def __iter__(self) -> Iterator[T]:
        parts = self.parts
        return (parts[k][j] for k, j in zip(self.which.tolist(), self.where.tolist()))


def splice(old: Sequence[T], new: Sequence[T], from_old: np.ndarray, source: np.ndarray) -> Spliced[T]:
    """Item ``i`` is ``old[source[i]]`` where ``from_old[i]``, else ``new[source[i]]``. A spliced
    ``old`` is looked through, so that splicing again and again stays one level deep."""
    if isinstance(old, Spliced):
        parts = [*old.parts, new]
        which = np.full(len(source), len(old.parts), dtype=np.int32)
        where = source.astype(np.int64, copy=True)
        which[from_old] = old.which[source[from_old]]
        where[from_old] = old.where[source[from_old]]
    else:
        parts = [old, new]
        which = np.where(from_old, 0, 1).astype(np.int32)
        where = source.astype(np.int64, copy=True)
    # Parts no item is taken from any more are let go (their memory with them).
    used = np.unique(which)
    if len(used) < len(parts):
        renumber = np.full(len(parts), -1, dtype=np.int32)
        renumber[used] = np.arange(len(used), dtype=np.int32)
        parts, which = [parts[k] for k in used.tolist()], renumber[which]
    return Spliced(parts, which, where)


def pickle_bytes(item: object) -> bytes:
    """An item as a ``Lazy(..., pickle.loads)`` sequence keeps it."""
    return pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL)


def text_bytes(text: str) -> bytes:
    """A text as a ``Lazy(..., utf8_lenient, keep=False)`` sequence keeps it."""
    return text.encode("utf-8", "surrogatepass")


def utf8_lenient(data: bytes) -> str:
    return data.decode("utf-8", "surrogatepass")


__all__ = ["Lazy", "Packed", "Spliced", "pickle_bytes", "splice", "text_bytes", "utf8_lenient"]
