"""A read-only mapping that is ready as soon as its sorted keys are read.

The lexicon's two big tables (370,000 names with their labels, 300,000 word clusters) take a
quarter of a second to become dicts, which a process that analyses a few changed files at start
would spend before its first word. ``SortedTable`` answers the same lookups by binary search
over the keys as read, at once; ``as_dict`` makes the dict that answers them faster, for the
lexicon to swap in once it is built (``tui.nlp.features.Lexicon.settle``).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, Generic, TypeVar, overload

V = TypeVar("V")
D = TypeVar("D")


class SortedTable(Mapping[str, V], Generic[V]):
    """``keys`` in ascending order (as ``sorted`` gives them), ``raw[i]`` the stored form of the
    value of ``keys[i]``, and ``convert`` what makes a value of it."""

    __slots__ = ("_keys", "_raw", "_convert")

    def __init__(self, keys: list[str], raw: Sequence[Any], convert: Callable[[Any], V]) -> None:
        if len(keys) != len(raw):
            raise ValueError(f"{len(keys)} keys but {len(raw)} values")
        self._keys, self._raw, self._convert = keys, raw, convert

    def _find(self, key: str) -> int:
        keys = self._keys
        i = bisect_left(keys, key)
        return i if i < len(keys) and keys[i] == key else -1

    def __getitem__(self, key: str) -> V:
        i = self._find(key)
        if i < 0:
            raise KeyError(key)
        return self._convert(self._raw[i])

    @overload
    def get(self, key: str, /) -> V | None: ...
    @overload
    def get(self, key: str, default: V | D, /) -> V | D: ...
    def get(self, key: str, default: Any = None) -> Any:
        i = self._find(key)
        return default if i < 0 else self._convert(self._raw[i])

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._find(key) >= 0

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def as_dict(self) -> dict[str, V]:
        return dict(zip(self._keys, map(self._convert, self._raw)))
