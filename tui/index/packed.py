"""Sequences kept as bytes in one flat buffer and decoded item by item on first use.

A library loaded from a snapshot (``tui.index.snapshot``) holds its articles, their
annotations and the timeline this way: the buffers are views of the memory-mapped snapshot
file, so opening a folder of 50,000 articles costs no decoding of what nobody looks at, and
the text sits once in the page cache instead of again in every layer that reads it.
A ``Packed`` pickles as two numpy arrays, which a pickle of protocol 5 can carry out of band.
"""

from __future__ import annotations

import pickle
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Generic, TypeVar, overload

import numpy as np

T = TypeVar("T")


_RECENT = 4  # inflated blocks kept per Packed (of about 32 KB each)


class Packed:
    """Byte strings, item ``i`` being ``data[offsets[i]:offsets[i + 1]]``; or, compressed, the
    same bytes in zlib blocks of about ``BLOCK`` bytes, block ``b`` holding the items from
    ``firsts[b]`` on and stored at ``data[blocks[b]:blocks[b + 1]]``. Only the blocks of the
    items asked for are inflated; the last few are kept, since neighbours are often read
    together (a page of the list, the timeline's next rows, a search's candidates in order, a
    bisection among the entries of one day)."""

    BLOCK = 1 << 15

    def __init__(
        self, offsets: np.ndarray, data: np.ndarray, blocks: np.ndarray | None = None, firsts: np.ndarray | None = None
    ) -> None:
        self.offsets, self.data, self.blocks, self.firsts = offsets, data, blocks, firsts
        self._recent: tuple[tuple[int, bytes], ...] = ()  # (block, inflated), the latest first

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.offsets, self.data, self.blocks, self.firsts))

    @classmethod
    def of(cls, items: Iterable[bytes], compress: bool = False) -> Packed:
        chunks = list(items)
        offsets = np.zeros(len(chunks) + 1, dtype=np.int64)
        np.cumsum([len(c) for c in chunks], out=offsets[1:])
        if not compress:
            return cls(offsets, np.frombuffer(b"".join(chunks), dtype=np.uint8))
        # Level 1: a snapshot of 140 MB of text is written in about a second (level 6 would
        # take four for a tenth less); inflating is as fast either way.
        packer = zlib.compressobj(1)
        out: list[bytes] = []
        blocks: list[int] = [0]
        firsts: list[int] = []
        size = pending = 0
        for start, chunk in enumerate(chunks):
            if not firsts or pending >= cls.BLOCK:
                if firsts:
                    out.append(packer.flush())
                    size += len(out[-1])
                    blocks.append(size)
                    packer = zlib.compressobj(1)
                firsts.append(start)
                pending = 0
            out.append(packer.compress(chunk))
            size += len(out[-1])
            pending += len(chunk)
        if firsts:
            out.append(packer.flush())
            size += len(out[-1])
            blocks.append(size)
        firsts.append(len(chunks))
        return cls(
            offsets,
            np.frombuffer(b"".join(out), dtype=np.uint8),
            np.array(blocks, dtype=np.int64),
            np.array(firsts, dtype=np.int64),
        )

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def __getitem__(self, i: int) -> bytes:
        o = self.offsets
        if self.blocks is None:
            return self.data[o[i] : o[i + 1]].tobytes()
        firsts, blocks = self.firsts, self.blocks
        assert firsts is not None  # blocks and firsts come together
        b = int(np.searchsorted(firsts, i, side="right")) - 1
        recent = self._recent
        for kept, raw in recent:
            if kept == b:
                break
        else:
            raw = zlib.decompress(self.data[blocks[b] : blocks[b + 1]].tobytes())
            self._recent = ((b, raw), *recent[: _RECENT - 1])  # one assignment: safe for readers in other threads
        base = o[firsts[b]]
        return raw[o[i] - base : o[i + 1] - base]


class _Items(Sequence[T], Generic[T]):
    """A sequence whose items come from ``_item(i)`` (``i`` in range); slices are lists."""

    @overload
    def __getitem__(self, i: int) -> T: ...

    @overload
    def __getitem__(self, i: slice) -> list[T]: ...

    def __getitem__(self, i: int | slice) -> T | list[T]:
        if isinstance(i, slice):
            return [self._item(j) for j in range(*i.indices(len(self)))]
        return self._item(i)

    def _item(self, i: int) -> T:
        raise NotImplementedError


class Lazy(_Items[T]):
    """Items of a ``Packed`` decoded with ``decode`` when first asked for; ``keep`` holds the
    decoded items (for objects asked for again and again), otherwise each access decodes anew
    (for article texts, which would otherwise sit in memory twice)."""

    def __init__(self, packed: Packed, decode: Callable[[bytes], T], keep: bool = True) -> None:
        self.packed, self.decode, self.keep = packed, decode, keep
        self._items: list[T | None] | None = [None] * len(packed) if keep else None

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.packed, self.decode, self.keep))

    def __len__(self) -> int:
        return len(self.packed)

    def _item(self, i: int) -> T:
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


class Spliced(_Items[T]):
    """Items taken from other sequences without decoding them: item ``i`` is
    ``parts[which[i]][where[i]]`` (a folder's articles after a change: the unchanged ones
    still packed in the snapshot, the new ones in a list)."""

    def __init__(self, parts: list[Sequence[T]], which: np.ndarray, where: np.ndarray) -> None:
        self.parts, self.which, self.where = parts, which, where

    def __len__(self) -> int:
        return len(self.which)

    def _item(self, i: int) -> T:
        item: T = self.parts[self.which[i]][self.where[i]]
        return item

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
    used = np.flatnonzero(np.bincount(which, minlength=len(parts)))
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
