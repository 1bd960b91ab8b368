"""One record of an article: the JSON-ready dict that ``chronik extract`` writes, the extraction
cache stores and the start-up snapshot keeps, and the way back to an ``Article``.

Every field of ``Article`` is in the record, in ``ORDER``; a field's value is written as JSON
has it (strings, numbers, null), except those with an entry in ``_CODECS``. A field added to
``Article`` must be added to ``ORDER`` (and, if JSON cannot hold it as it is, to ``_CODECS``):
``tests/corpus/test_record.py`` checks that the record holds every field and gives the same
article back.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any

from tui.corpus.model import Article, Extra, Paragraph, Published

# The record's keys in the order ``chronik extract`` writes them.
ORDER = (
    "id",
    "path",
    "format",
    "title",
    "published",
    "source",
    "author",
    "place",
    "section",
    "language",
    "url",
    "text",
    "paragraphs",
    "extras",
    "problems",
    "content_hash",
)


def _published(value: Any) -> Published | None:
    """The inverse of ``Published.isoformat``: the precision is read off the ISO string."""
    if value is None:
        return None
    if "T" not in value:
        return Published(dt.date.fromisoformat(value), "day")
    clock = value.split("T", 1)[1]
    seconds = len(clock) >= 8 and clock[5:6] == ":"
    return Published(dt.datetime.fromisoformat(value), "second" if seconds else "minute")


# field -> (to JSON, from JSON)
_CODECS: dict[str, tuple[Callable[[Any], Any], Callable[[Any], Any]]] = {
    "published": (lambda p: p.isoformat() if p is not None else None, _published),
    "paragraphs": (lambda ps: [[p.start, p.end, p.kind] for p in ps], lambda ps: tuple(Paragraph(*p) for p in ps)),
    "extras": (
        lambda es: [{"kind": e.kind, "text": e.text} for e in es],
        lambda es: tuple(Extra(e["kind"], e["text"]) for e in es),
    ),
    "problems": (list, tuple),
}


def article_record(article: Article) -> dict[str, Any]:
    """The article as a JSON-ready dict: every field, in ``ORDER``."""
    out: dict[str, Any] = {}
    for name in ORDER:
        value = getattr(article, name)
        codec = _CODECS.get(name)
        out[name] = codec[0](value) if codec else value
    return out


def article_from_record(record: dict[str, Any]) -> Article:
    """The article an ``article_record`` was made of (raises KeyError, TypeError or ValueError
    for a malformed record). Keys the record lacks take the field's default."""
    values: dict[str, Any] = {}
    for f in dataclasses.fields(Article):
        if f.name not in record:
            continue
        codec = _CODECS.get(f.name)
        values[f.name] = codec[1](record[f.name]) if codec else record[f.name]
    return Article(**values)


__all__ = ["ORDER", "article_from_record", "article_record"]
