"""Text analysis for search in German: words -> index terms, with offsets for highlighting.

- Case folding and umlaut/ß equivalence: "Fußball" and "Fussball", "Österreich"
  and "Oesterreich" give the same term.
- Snowball German stemming (PyStemmer, the C build of the Snowball stemmers):
  "Telefonat", "Telefonats", "Telefonate" give one term.
- Hyphenated compounds are indexed whole and by their parts: "Ukraine-Krieg"
  is found by "Ukraine", by "Krieg" and by "Ukraine-Krieg".
- ``fold`` (no stemming) serves prefix matching of the word being typed.

Every ``Term`` carries ``start``/``end`` offsets into the analysed text, so a
match can be highlighted exactly where it stands.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from tui.corpus.text import FOLD, snowball, strip_marks

WORD = re.compile(r"[^\W_]+(?:[-‐‑'’][^\W_]+)*")
HYPHENS = re.compile(r"[-‐‑]")
_UMLAUT_PAIRS = re.compile(r"(?<!q)ue|ae|oe")


class Term(NamedTuple):
    term: str  # the normalised form that is indexed and looked up
    start: int
    end: int
    position: int  # word position, for phrases; the parts of a compound share their compound's


@lru_cache(maxsize=100_000)
def fold(word: str) -> str:
    """Case, umlauts, ß and diacritics folded, unstemmed: "Österreich", "Oesterreich" -> "osterreich"."""
    return strip_marks(_UMLAUT_PAIRS.sub(lambda m: m[0][0], word.casefold().translate(FOLD)))


def stem(word: str) -> str:
    """The index term of one word: folded and stemmed (uncached: the index keeps its own table)."""
    w = word.casefold()
    if "'" in w or "’" in w:
        w = re.split(r"['’]", w, maxsplit=1)[0] or w  # "Trump's" -> "trump"
    return fold(snowball(w))


normalize = lru_cache(maxsize=100_000)(stem)


def parts(word: str) -> list[str]:
    """The parts of a hyphenated compound ("Ukraine-Krieg" -> Ukraine, Krieg); [] for a plain word."""
    if "-" in word or "‐" in word or "‑" in word:
        return [p for p in HYPHENS.split(word) if p]
    return []


def iter_terms(text: str, start: int = 0, end: int | None = None) -> Iterator[Term]:
    """Index terms of ``text[start:end]`` in order (offsets into ``text``), compounds followed by
    their parts; lazily, so a caller looking for the first match stops there."""
    position = 0
    for m in WORD.finditer(text, start, len(text) if end is None else end):
        word = m.group()
        s = m.start()
        yield Term(normalize(word), s, m.end(), position)
        if "-" in word or "‐" in word or "‑" in word:
            offset = s
            for part in HYPHENS.split(word):
                if part:
                    yield Term(normalize(part), offset, offset + len(part), position)
                offset += len(part) + 1
        position += 1


def analyze(text: str) -> list[Term]:
    """Index terms of ``text`` in order, compounds followed by their parts."""
    return list(iter_terms(text))


def terms(text: str) -> list[str]:
    """The terms a query phrase looks for, in order (compound parts not repeated)."""
    return [normalize(m.group()) for m in WORD.finditer(text)]
