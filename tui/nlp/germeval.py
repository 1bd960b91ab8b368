"""Reading the GermEval 2014 NER data (training and evaluation only; never at run time).

Each sentence is a ``#`` line with its source, then one token per line:
index, token, outer BIO tag, inner BIO tag. Only the outer tags are used.
``deriv`` and ``part`` tags ("deutsche", "Ukraine-Krieg") are not entities and
become ``O``; OTH becomes MISC.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

LABELS = ("PER", "LOC", "ORG", "MISC")


@dataclass(frozen=True, slots=True)
class Sentence:
    words: tuple[str, ...]
    tags: tuple[str, ...]  # BIO over LABELS


def normalize_tag(tag: str) -> str:
    if tag == "O" or tag.endswith(("deriv", "part")):
        return "O"
    prefix, _, label = tag.partition("-")
    return f"{prefix}-{'MISC' if label == 'OTH' else label}"


def read_sentences(path: str | Path) -> Iterator[Sentence]:
    words: list[str] = []
    tags: list[str] = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("#"):
                continue
            if not line.strip():
                if words:
                    yield Sentence(tuple(words), tuple(_repair(tags)))
                words, tags = [], []
                continue
            parts = line.split("\t")
            words.append(parts[1])
            tags.append(normalize_tag(parts[2]))
    if words:
        yield Sentence(tuple(words), tuple(_repair(tags)))


def _repair(tags: list[str]) -> list[str]:
    """An I- tag that follows O (left by removing a deriv/part tag) starts a chunk."""
    out = []
    prev = "O"
    for t in tags:
        if t.startswith("I-") and (prev == "O" or prev[2:] != t[2:]):
            t = "B-" + t[2:]
        out.append(t)
        prev = t
    return out


def chunks(tags: list[str] | tuple[str, ...]) -> set[tuple[int, int, str]]:
    """(start, end, label) token ranges of the BIO chunks."""
    out: set[tuple[int, int, str]] = set()
    start, label = None, None
    for i, t in enumerate([*tags, "O"]):
        if start is not None and label is not None and not (t.startswith("I-") and t[2:] == label):
            out.add((start, i, label))
            start = None
        if t.startswith("B-") or (t.startswith("I-") and start is None):
            start, label = i, t[2:]
    return out
