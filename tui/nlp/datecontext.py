"""What a date handler sees: the ``Timex`` it produces and the ``Context`` of the text.

The context answers the questions a handler asks about the text around a match — the
sentence, the tense verb nearest to it, the dates named shortly before it — each from tables
built once per text, so that an expression costs the same whatever the length of the text.
``anchor_day`` and ``year_in_focus`` are what narrative expressions count from ("um 14 Uhr",
"im Vorjahr").
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from tui.corpus.text import text_sentences, text_tokens
from tui.nlp import timecalc as tc
from tui.nlp.datewords import FUTURE_VERBS, PAST_VERBS
from tui.nlp.timevalue import parse


@dataclass(frozen=True, slots=True)
class Timex:
    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION, SET
    value: str
    mod: str = ""  # START, MID, END, APPROX, MORE_THAN, LESS_THAN
    resolved: bool = True
    # The point in time a DURATION designates, as a DATE value: "vor fünfzig Jahren" in a 2025
    # article is the DURATION P50Y (on "fünfzig Jahren", as TimeML annotates it) pointing at 1975.
    point: str | None = None
    # (start, end) of the sentence that reports it, as ``tui.corpus.text`` cuts the text (the
    # expression's own span where it stands in none); None where not worked out. Found with the
    # expression, whose tagger has the text's sentences at hand: the timeline needs them.
    sentence: tuple[int, int] | None = field(default=None, compare=False)

    def when(self) -> str | None:
        """The calendar value this expression puts on the timeline: its own for a resolved DATE
        or TIME, the designated point for a DURATION that has one, else None."""
        if self.point is not None:
            return self.point
        return self.value if self.resolved and self.type in ("DATE", "TIME") else None

    def record(self) -> dict[Any, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "type": self.type,
            "value": self.value,
            "mod": self.mod or None,
            "point": self.point,
        }


# A short line with a number in it, alone between line breaks: a candidate heading.
_HEADING_LINE = re.compile(r"(?m)^[^\S\n]*([^\n]{0,30}\d[^\n]{0,30}?)[^\S\n]*$")
_WINDOWED_TENSES = 16  # tenses answered from the words around before the text's verbs are found whole
_WORD_END = re.compile(r"\w*")
_WINDOWED_LOOKUPS = 8  # look-ups of a paragraph answered from a window before it is tagged whole


@dataclass
class Context:
    text: str
    ref: dt.date | None
    anchors: bool = True  # off while looking back for an anchor date: no recursion
    # Sentence breaks and tense verbs of the whole text, found once on first use: looked up by
    # bisection, each expression costs the same whatever the length of the text or sentence.
    _breaks: tuple[list[int], list[int]] | None = None
    _verbs: list[tuple[list[int], list[int]]] | None = None
    _tenses: int = 0  # tenses asked for: the first few are answered from the words around
    # Line starts, and the dates of each paragraph tagged once without anchors, for the
    # expressions that count from a date named before them ("um 14 Uhr", "am nächsten Tag").
    _lines: list[int] | None = None
    _paragraph_dates: dict[int, tuple[list[int], list[Timex]]] | None = None
    # Lines that are a date and little else (a diary's or a programme's headings): their starts and days.
    _headings: tuple[list[int], list[dt.date]] | None = None

    def heading_day(self, pos: int, reach: int = 3000) -> dt.date | None:
        """The day of the last heading line before ``pos`` (within ``reach`` characters) that
        is a date and little else ("Montag, 3. November 2025", "3.11.", "Woche vom 3. bis 9.
        November"): what a weekday below it counts from."""
        if self._headings is None:
            starts: list[int] = []
            days: list[dt.date] = []
            for m in _HEADING_LINE.finditer(self.text):
                line = m[1]
                found = [t for t in self._tagged(m.start(1), m.end(1)) if t.type in ("DATE", "TIME")]
                if not found or 2 * sum(t.end - t.start for t in found) < len(line.strip()):
                    continue
                day = parse(found[0].when() or "").day()
                if day:
                    starts.append(m.start(1))
                    days.append(dt.date.fromisoformat(day))
            self._headings = (starts, days)
        starts, days = self._headings
        i = bisect.bisect_left(starts, self.line_start(pos)) - 1
        return days[i] if i >= 0 and pos - starts[i] <= reach else None

    def line_start(self, pos: int) -> int:
        return self.text.rfind("\n", 0, pos) + 1

    def dates_before(self, pos: int, reach: int) -> Iterator[Timex]:
        """The date mentions that end at or before ``pos`` and start within ``reach``
        characters before it, in the same paragraph, nearest first. The first few look-ups
        of a paragraph tag a window around ``pos``; a paragraph that asks more often is tagged
        once as a whole (a text with a hundred thousand "am nächsten Tag" costs one pass)."""
        if self._lines is None:
            self._lines = [0, *(m.end() for m in re.finditer("\n", self.text))]
            self._paragraph_dates = {}
            self._asked: dict[int, int] = {}
        tagged = self._paragraph_dates
        assert tagged is not None
        k = bisect.bisect_right(self._lines, pos) - 1
        first = self._lines[k]
        last = self._lines[k + 1] if k + 1 < len(self._lines) else len(self.text)
        lo = max(first, pos - reach)
        if first not in tagged:
            self._asked[first] = self._asked.get(first, 0) + 1
            if self._asked[first] <= _WINDOWED_LOOKUPS:
                # The window goes on a little past ``pos``: a verb after the date may decide its year.
                found = self._tagged(lo, min(last, pos + 150))
                yield from (t for t in reversed(found) if t.end <= pos)
                return
            found = self._tagged(first, last)
            tagged[first] = ([t.end for t in found], found)
        ends, found = tagged[first]
        for j in range(bisect.bisect_right(ends, pos) - 1, -1, -1):
            if found[j].start < lo:
                break
            yield found[j]

    def _tagged(self, start: int, end: int) -> list[Timex]:
        from tui.nlp.dates import find_dates  # the tagger that runs on this context

        return [
            Timex(t.start + start, t.end + start, t.text, t.type, t.value, t.mod, t.resolved, t.point)
            for t in find_dates(self.text[start:end], self.ref, anchors=False)
        ]

    def _sentence_table(self) -> tuple[list[int], list[int]]:
        """Where the text's sentences start and end, as the toolkit splits them (the timeline
        and the entity tagger see the same sentences)."""
        if self._breaks is None:
            starts, ends, _words = text_tokens(self.text)
            spans = text_sentences(self.text)
            self._breaks = ([starts[a] for a, _ in spans], [ends[b - 1] for _, b in spans])
        return self._breaks

    def sentence_around(self, pos: int) -> tuple[int, int] | None:
        """(start, end) of the sentence ``pos`` is in; None between sentences."""
        starts, ends = self._sentence_table()
        i = bisect.bisect_right(starts, pos) - 1
        return (starts[i], ends[i]) if i >= 0 and pos < ends[i] else None

    def sentence_start(self, pos: int) -> int:
        """Where the sentence around ``pos`` begins (looking back 400 characters at most)."""
        lo = max(0, pos - 400)
        starts, _ends = self._sentence_table()
        i = bisect.bisect_right(starts, pos) - 1
        return starts[i] if i >= 0 and starts[i] >= lo else lo

    def sentence_end(self, end: int) -> int:
        """Where the sentence around the end ``end`` of an expression ends (looking ahead 400
        characters at most)."""
        _starts, ends = self._sentence_table()
        j = bisect.bisect_left(ends, end)
        if j < len(ends) and ends[j] <= end + 400:
            return ends[j]
        return min(len(self.text), end + 400)

    def sentence(self, start: int, end: int) -> str:
        return self.text[self.sentence_start(start) : self.sentence_end(end)]

    def tense_at(self, start: int, end: int, reach: int = 60) -> int:
        """+1 future, -1 past, 0 unknown: the tense verb nearest to the expression within its
        sentence and ``reach`` characters decides."""
        lo = max(self.sentence_start(start), start - reach)
        hi = min(self.sentence_end(end), start + reach)
        best, sign = reach + 1, 0
        for a, b, direction in self._verbs_from(lo, hi):
            if b <= hi:
                d = min(abs(a - start), abs(b - start))
                if d < best:
                    best, sign = d, direction
        return sign

    def _verbs_from(self, lo: int, hi: int) -> Iterator[tuple[int, int, int]]:
        """(start, end, +1 future or -1 past) of the tense verbs starting in [lo, hi), future
        ones first: found around the expression for the first few questions of a text, from a
        table of the whole text's verbs after that."""
        self._tenses += 1
        if self._verbs is None and self._tenses <= _WINDOWED_TENSES:
            # The verbs are whole words: a search that stops at the end of the word at hi
            # finds those of the whole text that start in [lo, hi).
            tail = _WORD_END.match(self.text, hi)
            stop = tail.end() if tail else hi
            for rx, direction in ((FUTURE_VERBS, 1), (PAST_VERBS, -1)):
                for m in rx.finditer(self.text, lo, stop):
                    yield m.start(), m.end(), direction
            return
        if self._verbs is None:
            self._verbs = []
            for rx in (FUTURE_VERBS, PAST_VERBS):
                found = [m.span() for m in rx.finditer(self.text)]
                self._verbs.append(([a for a, _ in found], [b for _, b in found]))
        for (starts, ends), direction in zip(self._verbs, (1, -1)):
            i = bisect.bisect_left(starts, lo)
            while i < len(starts) and starts[i] < hi:
                yield starts[i], ends[i], direction
                i += 1


# What a date rule's handler gives: (TIMEX3 type, value, mod, resolved), and for a DURATION
# perhaps the point it designates ("vor fünfzig Jahren": 1975); None where the match is no date.
Found = tuple[str, str, str, bool] | tuple[str, str, str, bool, str | None] | None
Handler = Callable[[re.Match[str], Context], Found]
Rule = tuple[str, Handler, tuple[str, ...]]  # regex, handler, words one of which the text must contain


def anchor_day(c: Context, pos: int) -> tuple[str, bool]:
    """The day a clock time or part of day belongs to: the last full date mentioned shortly
    before it in the same sentence, else the publication date. The date was read with its
    whole paragraph, whose verbs may decide its year ("Am 3. März um halb zehn sprach er")."""
    reach = pos - max(c.sentence_start(pos), pos - 150)
    for t in c.dates_before(pos, reach):
        day = parse(t.point or t.value).day()
        if day:
            return day, t.resolved
    return (tc.day_value(c.ref), True) if c.ref else ("XXXX-XX-XX", False)


def year_in_focus(c: Context, pos: int) -> int | None:
    """The year of the last date named shortly before ``pos`` in the same paragraph, else the
    publication date's: what "im Vorjahr" or "Ende des Jahres" count from in a narrative."""
    year = next(
        (
            p.start.year
            for t in c.dates_before(pos, 300)
            if (w := t.when()) and (p := parse(w)).start and not t.text.startswith("Vorjahr")
        ),
        None,
    )
    return year if year is not None else (c.ref.year if c.ref else None)
