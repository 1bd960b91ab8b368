"""The corpus timeline: every dated event, in order, each tied to the sentence that reports it.

An event is a resolved DATE or TIME mention, or the point a DURATION designates
("vor fünfzig Jahren"); sets and references such as "derzeit" are not points in
time. Two points joined as a range ("(2017 bis 2021)", "vom 5. bis 9. Juni") are
one entry from the first to the last. Events on the same day that share
their main entities (the people and organisations of their sentences) are
one entry, within an article and across articles, listing every source: one
phone call reported by three articles is one entry with three sources. So are
events of the same period told in identical or near-identical sentences (agency
copies that differ in a word or two), whatever their granularity. Each article with a
publication date also stands on the timeline, as an entry of its own kind.
Entries are ordered by the first day they stand for, coarser before finer
within the same period ("2025" before "Januar 2025" before "20. Januar").
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tui.corpus.model import Article
from tui.nlp.datecontext import Context
from tui.nlp.dates import Timex
from tui.nlp.spans import Span
from tui.nlp.timevalue import GRANULARITY_RANK, parse

DISPLAY_CHARS = 200
MAIN_LABELS = ("PER", "ORG")
# Two sentences are copies of one report when their words overlap this much (Jaccard), both
# having at least COPY_MIN_WORDS words; shorter ones must be identical. Each new sentence is
# compared with at most COPY_CANDIDATES earlier entries of the same date value.
COPY_SIMILARITY = 0.75
COPY_MIN_WORDS = 6
COPY_CANDIDATES = 48
_WORD = re.compile(r"\w+")
# A credit line closing a paragraph, "(APA, 12.9.2015)", "(dpa/red – 8.8.)": the date says when
# the copy was filed, not when anything happened; it is not an event (its sentence is whatever
# came before, and the agency's name would join unrelated reports of that day).
_CREDIT_BEFORE = re.compile(r"\([^()\n]{1,30}?(?:,|\s[–-])\s*$")
_CREDIT_AFTER = re.compile(r"\s*\)")


def is_credit(text: str, start: int, end: int) -> bool:
    """Whether the date mention ``text[start:end]`` ends a parenthesised credit line."""
    return bool(_CREDIT_AFTER.match(text, end) and _CREDIT_BEFORE.search(text, max(0, start - 32), start))


class _Copies:
    """The entries made so far by (value, mod, until), with their sentences' words, to find
    the one a new sentence copies."""

    def __init__(self) -> None:
        self._by_value: dict[tuple[Any, ...], list[tuple[frozenset[str], str, Entry]]] = {}

    @staticmethod
    def words(text: str) -> frozenset[str]:
        return frozenset(w.casefold() for w in _WORD.findall(text))

    def find(self, key: tuple[Any, ...], words: frozenset[str], text: str) -> Entry | None:
        for other_words, other_text, entry in reversed(self._by_value.get(key, ())[-COPY_CANDIDATES:]):
            if other_text == text:
                return entry
            if min(len(words), len(other_words)) >= COPY_MIN_WORDS and len(
                words & other_words
            ) >= COPY_SIMILARITY * len(words | other_words):
                return entry
        return None

    def add(self, key: tuple[Any, ...], words: frozenset[str], text: str, entry: Entry) -> None:
        self._by_value.setdefault(key, []).append((words, text, entry))


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
    # A range's end ("2017 bis 2021", "vom 5. bis 9. Juni"): the value of its last period.
    until: str | None = None

    def until_period(self) -> tuple[str, dt.date] | None:
        """(granularity, first day) of a range's end, None for a single period."""
        if self.until is None:
            return None
        end = parse(self.until)
        return end.granularity, end.start or self.date

    def last_day(self) -> dt.date:
        """The last day the entry stands for: its period's, or its range's end's."""
        if self.kind != "event":
            return self.date
        return (parse(self.until) if self.until else parse(self.value)).end or self.date

    def record(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "until": self.until,
            "mod": self.mod or None,
            "granularity": self.granularity,
            "kind": self.kind,
            "date": self.date.isoformat(),
            "text": self.text,
            "entities": list(self.entities),
            "sources": [
                {"article": s.article, "start": s.start, "end": s.end, "sentence": [s.sentence_start, s.sentence_end]}
                for s in self.sources
            ],
        }


def _display(text: str, start: int, end: int, focus: int) -> str:
    """The sentence on one line, cut around the date mention when it is long."""
    lo, hi = start, end
    if end - start > 4 * DISPLAY_CHARS:  # a huge "sentence" (a 2 MB line): only look near the date
        lo, hi = max(start, focus - 2 * DISPLAY_CHARS), min(end, focus + 2 * DISPLAY_CHARS)
    s = " ".join(text[lo:hi].split())
    if len(s) <= DISPLAY_CHARS and (lo, hi) == (start, end):
        return s
    offset = max(0, min(len(s) - DISPLAY_CHARS, focus - lo - DISPLAY_CHARS // 3))
    cut = s[offset : offset + DISPLAY_CHARS]
    before, after = offset or lo > start, offset + DISPLAY_CHARS < len(s) or hi < end
    return ("…" if before else "") + cut.strip() + ("…" if after else "")


# Between the two ends of a range: "2017 bis 2021", "vom 5. bis zum 9. Juni", "1990–1995"; "und"
# only after "zwischen" ("zwischen 1990 und 1995").
_RANGE_BETWEEN = re.compile(r"\s*(?:bis(?:\s+(?:zum|zur|in\s+den|ins))?|[-–—])\s*")
_BETWEEN_AND = re.compile(r"\s*und\s*")
_ZWISCHEN = re.compile(r"(?i:zwischen)\s*$")


def ranges(text: str, timexes: list[Timex]) -> dict[int, Timex]:
    """For each date mention that opens a range (by its index in ``timexes``), the mention that
    closes it: two points in time joined by "bis", a dash or "zwischen … und", the second not
    before the first."""
    out: dict[int, Timex] = {}
    for i in range(len(timexes) - 1):
        a, b = timexes[i], timexes[i + 1]
        first, last = a.when(), b.when()
        if not first or not last or (i - 1) in out:  # a closes a range already
            continue
        between = text[a.end : b.start]
        if not (
            _RANGE_BETWEEN.fullmatch(between)
            or (_BETWEEN_AND.fullmatch(between) and _ZWISCHEN.search(text[max(0, a.start - 12) : a.start]))
        ):
            continue
        start, end = parse(first).start, parse(last).start
        if start is not None and end is not None and start <= end:
            out[i] = b
    return out


def build_timeline(articles: Sequence[Article], dates: list[list[Timex]], entities: list[list[Span]]) -> list[Entry]:
    """Entries for ``articles`` (with ``.id``, ``.text``, ``.title``, ``.published``), given each
    article's date and entity mentions in the same order."""
    entries: list[Entry] = []
    # (day, entity key) -> the first event entry of that day naming it, for merging across articles
    # in one look-up per name (a day with thousands of entries must not be scanned for each).
    merged: dict[tuple[str | None, str], Entry] = {}
    made: dict[int, int] = {}  # id(entry) -> order of making: of two candidates the first wins
    copies = _Copies()
    for article, timexes, spans in zip(articles, dates, entities):
        if article.published is not None:
            published = article.published.date
            entries.append(
                Entry(
                    published.isoformat(),
                    "day",
                    "published",
                    "",
                    article.title,
                    published,
                    sources=[Source(article.id, 0, 0, 0, 0)],
                )
            )
        context: Context | None = None  # for dates found without their sentence (not by find_dates)
        span_starts: list[int] | None = None  # sorted on first use: most articles need none
        names: dict[tuple[int, int], tuple[tuple[str, ...], set[str]]] = {}  # sentence -> its keys
        # A sentence that gives the same date twice reports one event ("am 17. Oktober … den 17.
        # Oktober"); a 2 MB "sentence" of one date repeated is one entry, not a hundred thousand.
        said: dict[tuple[tuple[int, int], str, str, str | None], Entry] = {}
        closing = ranges(article.text, timexes) if len(timexes) > 1 else {}
        closed = {id(b) for b in closing.values()}
        for n, t in enumerate(timexes):
            value = t.when()  # a DURATION's designated point ("vor fünfzig Jahren") counts too
            if value is None or id(t) in closed or is_credit(article.text, t.start, t.end):
                continue
            until = closing[n].when() if n in closing else None
            period = parse(value)
            start_day = period.start
            if start_day is None:
                continue
            sent = t.sentence
            if sent is None:
                context = context or Context(article.text, None)
                sent = context.sentence_around(t.start) or (t.start, t.end)
            if sent not in names:  # once per sentence: one may hold thousands of dates
                if span_starts is None:
                    spans = sorted(spans, key=lambda s: s.start)
                    span_starts = [s.start for s in spans]
                inside = spans[bisect.bisect_left(span_starts, sent[0]) : bisect.bisect_left(span_starts, sent[1])]
                names[sent] = (
                    tuple(dict.fromkeys(s.key for s in inside if s.key)),
                    {s.key for s in inside if s.label in MAIN_LABELS},
                )
            keys, main = names[sent]
            source = Source(article.id, t.start, t.end, *sent)
            again = said.get((sent, value, t.mod, until))
            if again is not None:
                again.sources.append(source)
                continue
            day = period.day()
            target = None
            if day and main and until is None:
                found = [merged[(day, k)] for k in main if (day, k) in merged]
                target = min(found, key=lambda e: made[id(e)]) if found else None
            shown = _display(article.text, sent[0], sent[1], t.start)
            copy_key, words = (value, t.mod, until), _Copies.words(shown)
            if target is None:
                target = copies.find(copy_key, words, shown)
            if target is not None:
                target.sources.append(source)
                target.entities = tuple(dict.fromkeys((*target.entities, *keys)))
                for name in keys:
                    merged.setdefault((day, name), target)
                continue
            entry = Entry(value, period.granularity, "event", t.mod, shown, start_day, keys, [source], until)
            entries.append(entry)
            copies.add(copy_key, words, shown, entry)
            said[(sent, value, t.mod, until)] = entry
            if day:
                made[id(entry)] = len(made)
                for name in keys:
                    merged.setdefault((day, name), entry)
    entries.sort(key=order_key)
    return entries


def order_key(entry: Entry) -> tuple[dt.date, int, bool, str]:
    """Where an entry stands on the timeline: by its first day, coarser before finer, an
    article's publication before the events of that period."""
    return entry.date, GRANULARITY_RANK[entry.granularity], entry.kind != "published", entry.value


def order_number(entry: Entry) -> int:
    """``order_key`` but its last part, as one number: entries ordered by it are in the
    timeline's order up to entries with the same number (kept as an array, it spares decoding
    the entries a fresh one is sorted in among)."""
    return (entry.date.toordinal() * 64 + GRANULARITY_RANK[entry.granularity]) * 2 + (entry.kind != "published")
