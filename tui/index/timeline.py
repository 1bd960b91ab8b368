"""The corpus timeline: every dated event, in order, each tied to the sentence that reports it.

An event is a resolved DATE or TIME mention (durations, sets and references
such as "derzeit" are not points in time). Events on the same day that share
their main entities (the people and organisations of their sentences) are
one entry, within an article and across articles, listing every source: one
phone call reported by three articles is one entry with three sources. Each article with a
publication date also stands on the timeline, as an entry of its own kind.
Entries are ordered by the first day they stand for, coarser before finer
within the same period ("2025" before "Januar 2025" before "20. Januar").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from tui.nlp import timecalc as tc
from tui.nlp.dates import Timex
from tui.nlp.spans import Span
from tui.nlp.tokens import sentence_ranges, token_arrays

DISPLAY_CHARS = 200
MAIN_LABELS = ("PER", "ORG")


@dataclass(frozen=True, slots=True)
class Source:
    """Where an entry is reported: the article, the date mention, and its sentence (offsets into text)."""

    article: str
    start: int
    end: int
    sentence_start: int
    sentence_end: int


@dataclass
class Entry:
    value: str
    granularity: str
    kind: str  # "event" or "published"
    mod: str
    text: str  # the sentence, trimmed for display (the article title for "published")
    date: dt.date
    entities: tuple[str, ...] = ()
    sources: list[Source] = field(default_factory=list)

    def record(self) -> dict:
        return {
            "value": self.value, "mod": self.mod or None, "granularity": self.granularity, "kind": self.kind,
            "date": self.date.isoformat(),
            "text": self.text, "entities": list(self.entities),
            "sources": [{"article": s.article, "start": s.start, "end": s.end,
                         "sentence": [s.sentence_start, s.sentence_end]} for s in self.sources],
        }


def _sentence_bounds(text: str) -> list[tuple[int, int]]:
    starts, ends, words = token_arrays(text)
    return [(starts[a], ends[b - 1]) for a, b in sentence_ranges(starts, ends, words, text)]


def _display(text: str, start: int, end: int, focus: int) -> str:
    """The sentence on one line, cut around the date mention when it is long."""
    s = " ".join(text[start:end].split())
    if len(s) <= DISPLAY_CHARS:
        return s
    offset = max(0, min(len(s) - DISPLAY_CHARS, focus - start - DISPLAY_CHARS // 3))
    cut = s[offset : offset + DISPLAY_CHARS]
    return ("…" if offset else "") + cut.strip() + ("…" if offset + DISPLAY_CHARS < len(s) else "")


def _day(value: str) -> str | None:
    return value[:10] if tc.granularity(value) in ("day", "time") else None


def build_timeline(articles, dates: list[list[Timex]], entities: list[list[Span]]) -> list[Entry]:
    """Entries for ``articles`` (with ``.id``, ``.text``, ``.title``, ``.published``), given each
    article's date and entity mentions in the same order."""
    entries: list[Entry] = []
    merged: dict[str, list[Entry]] = {}  # day -> event entries, for merging across articles
    for article, timexes, spans in zip(articles, dates, entities):
        if article.published is not None:
            day = article.published.date
            entries.append(Entry(day.isoformat(), "day", "published", "", article.title, day,
                                 sources=[Source(article.id, 0, 0, 0, 0)]))
        bounds = _sentence_bounds(article.text) if timexes else []
        for t in timexes:
            if t.type not in ("DATE", "TIME") or not t.resolved:
                continue
            start_day = tc.value_start(t.value)
            if start_day is None:
                continue
            sent = next(((a, b) for a, b in bounds if a <= t.start < b), (t.start, t.end))
            keys = tuple(dict.fromkeys(s.key for s in spans if sent[0] <= s.start < sent[1] and s.key))
            main = {s.key for s in spans if sent[0] <= s.start < sent[1] and s.label in MAIN_LABELS}
            source = Source(article.id, t.start, t.end, *sent)
            day = _day(t.value)
            target = None
            if day and main:
                target = next((e for e in merged.get(day, ()) if main & set(e.entities)), None)
            if target is not None:
                target.sources.append(source)
                target.entities = tuple(dict.fromkeys((*target.entities, *keys)))
                continue
            entry = Entry(t.value, tc.granularity(t.value), "event", t.mod,
                          _display(article.text, sent[0], sent[1], t.start), start_day, keys, [source])
            entries.append(entry)
            if day:
                merged.setdefault(day, []).append(entry)
    entries.sort(key=lambda e: (e.date, tc.GRANULARITY_RANK[e.granularity], e.kind != "published", e.value))
    return entries
