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


def pickled(items: Iterable[object]) -> Lazy:
    """Any picklable items as a ``Lazy`` sequence (to be stored in a snapshot)."""
    return Lazy(Packed.of(pickle.dumps(x, protocol=pickle.HIGHEST_PROTOCOL) for x in items), pickle.loads)


def texts(items: Iterable[str]) -> Lazy[str]:
    return Lazy(Packed.of(s.encode("utf-8", "surrogatepass") for s in items), utf8_lenient, keep=False)


def utf8_lenient(data: bytes) -> str:
    return data.decode("utf-8", "surrogatepass")


__all__ = ["Lazy", "Packed", "pickled", "texts"]
