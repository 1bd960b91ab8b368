"""Temporal expressions in German news: find them and normalise them to TIMEX3 values.

``find_dates(text, dct)`` returns ``Timex`` mentions (DATE, TIME, DURATION,
SET) with exact offsets into ``text``, sorted and non-overlapping. Spans follow
TimeML: prepositions ("am", "im", "seit") stay outside; "Mitte August",
"Jahr 2014", "vergangene Woche" are whole. Relative and underspecified
expressions are resolved against ``dct`` (the article's publication date),
with tense deciding the direction where it matters ("am Dienstag
telefonierte" is the last Tuesday, "der am Dienstag stattfinden soll" the
next one). Without a ``dct`` the unknown parts stay X and the mention is
marked unresolved.

Month, weekday and part-of-day vocabulary comes from Babel's CLDR data for
the locale; the closed word classes (number words, units, tense markers) are
German grammar and are listed here.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from tui.corpus import deadline
from tui.corpus.lexicon import alternation
from tui.nlp import dateclock, datedurations, dateholidays, dateperiods, dateyears
from tui.nlp import timecalc as tc
from tui.nlp.timevalue import parse
from tui.nlp.datewords import (
    number_of,
    unit_of,
    ADJ_UNITS,
    LAST,
    MODS,
    NEXT,
    NUMBERS,
    PARTS,
    REF_PHRASES,
    REFS,
    RELDAY,
    SEASONS,
    SETS,
    THIS,
    UNITS,
    VAGUE,
    FUTURE_VERBS,
    PAST_VERBS,
    vocabulary,
)


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

    def when(self) -> str | None:
        """The calendar value this expression puts on the timeline: its own for a resolved DATE
        or TIME, the designated point for a DURATION that has one, else None."""
        if self.point is not None:
            return self.point
        return self.value if self.resolved and self.type in ("DATE", "TIME") else None

    def record(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text, "type": self.type,
                "value": self.value, "mod": self.mod or None, "point": self.point}


_WINDOWED_LOOKUPS = 8  # look-ups of a paragraph answered from a window before it is tagged whole


@dataclass
class _Context:
    text: str
    ref: dt.date | None
    anchors: bool = True  # off while looking back for an anchor date: no recursion
    # Sentence breaks and tense verbs of the whole text, found once on first use: looked up by
    # bisection, each expression costs the same whatever the length of the text or sentence.
    _breaks: tuple[list[int], list[int]] | None = None
    _verbs: list[tuple[list[int], list[int]]] | None = None
    # Line starts, and the dates of each paragraph tagged once without anchors, for the
    # expressions that count from a date named before them ("um 14 Uhr", "am nächsten Tag").
    _lines: list[int] | None = None
    _paragraph_dates: dict[int, tuple[list[int], list[Timex]]] | None = None

    def dates_before(self, pos: int, reach: int):
        """The date mentions that end at or before ``pos`` and start within ``reach``
        characters before it, in the same paragraph, nearest first. The first few look-ups
        of a paragraph tag a window around ``pos``; a paragraph that asks more often is tagged
        once as a whole (a text with a hundred thousand "am nächsten Tag" costs one pass)."""
        if self._lines is None:
            self._lines = [0, *(m.end() for m in re.finditer("\n", self.text))]
            self._paragraph_dates = {}
            self._asked: dict[int, int] = {}
        k = bisect.bisect_right(self._lines, pos) - 1
        first = self._lines[k]
        last = self._lines[k + 1] if k + 1 < len(self._lines) else len(self.text)
        lo = max(first, pos - reach)
        if first not in self._paragraph_dates:
            self._asked[first] = self._asked.get(first, 0) + 1
            if self._asked[first] <= _WINDOWED_LOOKUPS:
                # The window goes on a little past ``pos``: a verb after the date may decide its year.
                found = self._tagged(lo, min(last, pos + 150))
                yield from (t for t in reversed(found) if t.end <= pos)
                return
            found = self._tagged(first, last)
            self._paragraph_dates[first] = ([t.end for t in found], found)
        ends, found = self._paragraph_dates[first]
        for j in range(bisect.bisect_right(ends, pos) - 1, -1, -1):
            if found[j].start < lo:
                break
            yield found[j]

    def _tagged(self, start: int, end: int) -> list[Timex]:
        return [Timex(t.start + start, t.end + start, t.text, t.type, t.value, t.mod, t.resolved, t.point)
                for t in find_dates(self.text[start:end], self.ref, anchors=False)]

    def _break_table(self) -> tuple[list[int], list[int]]:
        if self._breaks is None:
            found = [m.span() for m in _SENTENCE_BREAK.finditer(self.text)]
            self._breaks = ([a for a, _ in found], [b for _, b in found])
        return self._breaks

    def sentence_start(self, pos: int) -> int:
        """Where the sentence around ``pos`` begins: after a full stop that ends no ordinal
        ("am 25. Februar" goes on), or after a line break (looking back 400 characters at most)."""
        lo = max(0, pos - 400)
        starts, ends = self._break_table()
        i = bisect.bisect_right(ends, pos) - 1
        return ends[i] if i >= 0 and starts[i] >= lo else lo

    def sentence_end(self, end: int) -> int:
        starts, ends = self._break_table()
        j = bisect.bisect_left(starts, end)
        if j < len(starts) and ends[j] <= end + 400:
            return starts[j] + 1
        return min(len(self.text), end + 400)

    def sentence(self, start: int, end: int) -> str:
        return self.text[self.sentence_start(start) : self.sentence_end(end)]

    def tense_at(self, start: int, end: int, reach: int = 60) -> int:
        """+1 future, -1 past, 0 unknown: the tense verb nearest to the expression within its
        sentence and ``reach`` characters decides (``datewords.tense``)."""
        if self._verbs is None:
            self._verbs = []
            for rx in (FUTURE_VERBS, PAST_VERBS):
                found = [m.span() for m in rx.finditer(self.text)]
                self._verbs.append(([a for a, _ in found], [b for _, b in found]))
        lo = max(self.sentence_start(start), start - reach)
        hi = min(self.sentence_end(end), start + reach)
        best, sign = reach + 1, 0
        for (starts, ends), direction in zip(self._verbs, (1, -1)):
            i = bisect.bisect_left(starts, lo)
            while i < len(starts) and starts[i] < hi:
                if ends[i] <= hi:
                    d = min(abs(starts[i] - start), abs(ends[i] - start))
                    if d < best:
                        best, sign = d, direction
                i += 1
        return sign


_SENTENCE_BREAK = re.compile(r"(?<!\d)[.!?]\s|\n")


Handler = Callable[[re.Match, _Context], "tuple[str, str, str, bool] | None"]


def _year(y: str) -> int:
    n = int(y)
    return n if len(y) == 4 else (2000 + n if n < 50 else 1900 + n)


@cache
def _patterns() -> list[tuple[re.Pattern, Handler, tuple[str, ...]]]:
    v = vocabulary()
    MON = alternation(v["months"])
    DAY = alternation(v["weekdays"])
    PART = alternation(PARTS)
    NUMW = alternation([*NUMBERS, *VAGUE])
    UNIT = (r"(?:Sekunden?|Minuten?|Stunden?|Tagen?|Tages|Tag|Wochen?|Monaten?|Monats?|Jahren?|Jahres|Jahr"
            r"|Jahrzehnten?|Jahrzehnts?|Quartale?n?|Quartals)")
    Y = r"(?:1[0-9]{3}|20[0-9]{2})"
    # What a number may count or measure, so that it is no year: "1300 Kilometern", "1500 Euro".
    MEASURE = (r"(?:(?:Euro|Cent|Dollar|Franken|Pfund|Prozent|%|Menschen|Personen|Leute|Einwohner|Mitarbeiter"
               r"|Beschäftigte|Stimmen|Punkte|Tore|Stück|Tonnen|Hektar|Liter|Kilo|Gramm|Kalorien|Pixel|Zimmer"
               r"|(?:Quadrat|Kubik|Kilo|Zenti|Milli)?[Mm]eter)(?:n|s|e|en|er|ern)?(?!\w)|(?:km|kg|ha|m²)(?!\w))")
    ERA = (r"(?:(?P<bc>v\.\s?Chr\.?|vor\s+Christus|vor\s+Christi\s+Geburt|v\.\s?u\.\s?Z\.?|vor\s+unserer\s+Zeitrechnung)"
           r"|n\.\s?Chr\.?|nach\s+Christus|nach\s+Christi\s+Geburt|n\.\s?u\.\s?Z\.?|unserer\s+Zeitrechnung)")
    # What a pattern cannot match without: one of these (lower-case) strings is in the text.
    # A pattern whose words are absent is not run at all, which is most of them in most texts.
    months = tuple(v["months"])
    weekdays = tuple(v["weekdays"])
    units = tuple(UNITS)
    p: list[tuple[str, Handler, tuple[str, ...]]] = [
        # 2025-10-17, 2025-10-17 00:16
        (rf"\b({Y})-(\d{{2}})-(\d{{2}})\b(?:[ T](\d{{1,2}}):(\d{{2}}))?", _iso, ("-",)),
        # 12.02.2025, 17.3., 17.3.25
        (r"\b(\d{1,2})\.\s?(\d{1,2})\.(?:\s?((?:19|20)\d{2}|\d{2})(?!\d))?", _numeric, (".",)),
        # Donnerstag, 25. Februar 2025 / 17. März / den 3. Oktober
        (rf"(?i:\b(?:({DAY}),?\s+)?(?:(?:den|dem)\s+)?)\b(\d{{1,2}})\.\s?(?i:({MON}))(?!\w)(?:\s+({Y})\b)?", _written, months),
        # Mitte August 2025, Anfang März, Ende Mai
        (rf"\b(Anfang|Mitte|Ende|Beginn)\s+(?:des\s+)?(?i:({MON}))(?!\w)(?:\s+({Y})\b)?", _mod_month, months),
        # Anfang 2025, Mitte der 1990er
        (rf"\b(Anfang|Mitte|Ende|Beginn)\s+(?:des\s+Jahres\s+)?({Y})\b", _mod_year, tuple(MODS)),
        # von September bis November 2015: the first month takes the year of the second (before
        # the month alone, which would place it by the tense)
        (rf"(?i:\b({MON}))(?!\w)(?=\s*(?:bis|-|–)\s*(?i:({MON}))\s+({Y})\b)", _range_first_month, months),
        # März 2025, im Februar, August vorigen Jahres
        (rf"(?i:\b({MON}))(?!\w)(?:\s+({Y})\b|\s+(?i:({LAST}|{NEXT}|{THIS})\w*)\s+Jahres)?", _month, months),
        # 1330 vor unserer Zeitrechnung, 44 v. Chr., 800 n. Chr.
        (rf"\b(?:(?:Jahr(?:es)?|Jahre)\s+)?(\d{{1,4}})\s+({ERA})", dateyears.era_year, ("chr", "zeitrechnung", "u. z", "u.z")),
        # Jahr 2014, 2024, 2017 bis 2021 (each year alone)
        (rf"\b(?:(?:Jahr(?:es)?|Jahre)\s+)?({Y})(?![\d.,:/-]\d|\s*{MEASURE})(?!\w)", dateyears.year_only, ()),
        # Donnerstagabend, am Dienstag, Montag früh
        (rf"(?i:\b({DAY})(?:({PART}))?)(?!\w)(?:\s+(?i:({PART}))s?\b)?", _weekday, weekdays),
        # heute, gestern Abend, morgen früh
        (rf"(?i:\b(vorgestern|gestern|heute|übermorgen|morgen))(?!\w)(?:\s+(?i:(früh|{PART}))\b)?", _relday, ("gestern", "heute", "morgen")),
        # vergangene Woche, nächsten Monat, dieses Jahr, Ende der Woche
        (rf"(?i:\b(?:(Anfang|Mitte|Ende|Beginn)\s+)?(?:(?:der|des|dem|den|dieser|diesem|diesen|dieses)\s+)?)"
         rf"(?i:({LAST}|{NEXT}|{THIS})(?:e|en|em|er|es)?)\s+(Woche|Wochenende|Monats?|Jahr(?:es)?|Quartals?|Sommer|Winter|Herbst|Frühjahr|Frühling)\b", _relative_unit, ("woche", "monat", "jahr", "quartal", *SEASONS)),
        (r"\b(Anfang|Mitte|Ende|Beginn)\s+(der|des|dieser|dieses|nächster|nächsten|kommender|kommenden|vergangener|vergangenen|letzter|letzten|vorigen|voriger)\s+(Woche|Monats|Jahres)\b", _mod_unit, ("woche", "monat", "jahr")),
        # vor drei Jahren, in zwei Wochen
        (rf"\b((?i:vor|in))\s+(?P<x>(\d+(?:,\d+)?|(?i:{NUMW}))\s+({UNIT}))\b", _offset, units),
        # 30 Tage, 2,5 Stunden, gut drei Wochen, seit drei Jahren
        (rf"(?i:\b(?:(gut|knapp|rund|etwa|fast|mehr\s+als|über|weniger\s+als|fast)\s+)?)(\d+(?:,\d+)?|(?i:{NUMW}))\s+({UNIT})\b", _duration, units),
        # 30-tägigen, einstündigen
        (r"\b(\d+|ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|zwölf|vierundzwanzig)-?(sekündig|minütig|stündig|tägig|wöchig|monatig|jährig)\w*", _adj_duration, ("sekündig", "minütig", "stündig", "tägig", "wöchig", "monatig", "jährig")),
        # 18:30 Uhr, 20.30 Uhr, um 14 Uhr
        (r"\b(\d{1,2})(?:[:.](\d{2}))?\s+Uhr\b", _clock, ("uhr",)),
        # jeden Montag, täglich
        (rf"(?i:\bjede[nms]?\s+(?:(ersten|zweiten|dritten|vierten|letzten)\s+)?({DAY}|Tag|Woche|Monat|Jahr)\b"
         r"(?:\s+(?:im|des)\s+(Monats?|Jahr(?:es)?)\b)?)", _each, ("jede",)),
        (rf"(?i:\b({alternation(SETS)}))(?:e|en|er|es|em)?(?!\w)", _set_word, tuple(SETS)),
        # die vergangenen zwei Jahre, in den letzten Jahren
        (rf"\b(?:[Dd]en|[Dd]ie)\s+(?i:{LAST}|{NEXT})\w*\s+(?:(beiden|\d+|(?i:{NUMW}))\s+)?({UNIT})\b", _span_of_units, units),
        # die 14-Tage-Frist
        (r"\b(\d+)-(Tage|Stunden|Wochen|Monate|Jahre|Minuten)(?=-\w)", _compound_duration, ("-tage", "-stunden", "-wochen", "-monate", "-jahre", "-minuten")),
        # am nächsten Tag, am Tag darauf
        (r"(?:\b(?:[Aa]m|[Dd]en)\s|(?=\b[Tt]ags\s))"
         r"(?P<x>(?:nächsten|folgenden)\s+Tag|Tag\s+(?:darauf|danach|zuvor|davor)|Vortag|Folgetag|[Tt]ags\s+(?:darauf|zuvor))\b",
         _next_day, ("tag",)),
        # jetzt, derzeit, damals, bald
        (rf"(?i:\b({alternation(REFS)}))(?!\w)", _present, tuple(REFS)),
        (rf"\b(?:[Ii]n|[Ff]ür|[Ss]eit)\s+(?:der\s+|die\s+)?(?P<x>(?i:{alternation(REF_PHRASES)}))(?!\w)", _ref_phrase,
         ("zukunft", "vergangenheit", " zeit")),
        # heuer
        (r"(?i:\b(heuer))(?!\w)", _this_year, ("heuer",)),
        # am Nachmittag, gegen Abend
        (r"\b(?:[Aa]m|[Gg]egen|[Jj]eden|[Dd]en|[Dd]er)\s(?P<x>(?:(?:frühen|späten|späteren)\s+)?(?P<part>Vormittag|Nachmittag|Abend|Mittag|Morgen|Nacht))\b", _part_alone, tuple(PARTS)),
        # morgens, abends: every morning, every evening
        (r"(?i:\b(morgens|vormittags|mittags|nachmittags|abends|nachts))(?!\w)", _part_set, ("morgens", "mittags", "abends", "nachts")),
        # im Vorjahr, des Vorjahres: the year before the one the text last spoke about
        (r"\b(?P<x>Vorjahr(?:es|s)?)(?!\w)", _year_before, ("vorjahr",)),
        # am Wochenende
        (r"\b(?i:am|übers|das|dem|vergangenen|letzten|kommenden|nächsten)\s(?P<x>Wochenende)\b", _weekend, ("wochenende",)),
        # 14.30-18 Uhr, von 10 bis 15 Uhr: the start of a range of clock times
        (r"\b(\d{1,2})(?:[:.](\d{2}))?(?=\s*(?:[-–]|\sbis\s)\s*\d{1,2}(?:[:.]\d{2})?\s+Uhr\b)", _clock, ("uhr",)),
        # vom 5. bis 22. November, am 3., 4. und 5. Oktober: the days take the month of the last
        (rf"\b(\d{{1,2}})\.(?=(?:\s*(?:,(?:\s*und)?|und|sowie(?:\s+am)?|bis(?:\s+zum)?|[-–])\s*\d{{1,2}}\.){{1,15}}\s?(?i:({MON}))(?!\w)(?:\s+({Y})\b)?)",
         _range_first_day, months),  # a list of at most 16 days: the look-ahead stays bounded
        # im Sommer 2025
        (rf"(?i:\b({alternation(SEASONS)}))(?!\w)(?:\s+({Y})\b)?", _season, tuple(SEASONS)),
        # the 1990s, the 19th century, the third millennium
        *dateperiods.patterns(),
        # Weihnachten, an Ostern, Pfingsten 2024
        *dateholidays.patterns(),
        # jahrelang, seit Jahren, zwei Jahre und sechs Monate, pro Woche, Jahr um Jahr
        *datedurations.patterns(),
        # um halb neun, gegen neun Uhr
        *dateclock.patterns(),
    ]
    return [(re.compile(rx), fn, need) for rx, fn, need in p]


def _iso(m: re.Match, c: _Context):
    y, mo, d = int(m[1]), int(m[2]), int(m[3])
    if not tc.valid_day(y, mo, d):
        return None
    if m[4]:
        return "TIME", f"{y:04d}-{mo:02d}-{d:02d}T{int(m[4]):02d}:{m[5]}", "", True
    return "DATE", f"{y:04d}-{mo:02d}-{d:02d}", "", True


def _numeric(m: re.Match, c: _Context):
    d, mo = int(m[1]), int(m[2])
    if m[3]:
        y = _year(m[3])
        return ("DATE", f"{y:04d}-{mo:02d}-{d:02d}", "", True) if tc.valid_day(y, mo, d) else None
    if not tc.valid_day(2000, mo, d) or m.end() < len(c.text) and c.text[m.end() : m.end() + 1].isdigit():
        return None
    return _day_month(c, m, mo, d)


def _day_month(c: _Context, m: re.Match, mo: int, d: int):
    if c.ref is None:
        return "DATE", f"XXXX-{mo:02d}-{d:02d}", "", False
    y = tc.nearest_year(c.ref, mo, d, c.tense_at(m.start(), m.end()))
    if not tc.valid_day(y, mo, d):
        return None
    return "DATE", f"{y:04d}-{mo:02d}-{d:02d}", "", True


def _written(m: re.Match, c: _Context):
    return _day_of_month(c, m, int(m[2]), m[3], m[4])


def _day_of_month(c: _Context, m: re.Match, day: int, month_word: str, year: str | None):
    """"17. März 2025", or "17. März" placed in the year the tense and publication date say."""
    mo = vocabulary()["months"][month_word.lower()]
    if year:
        y = int(year)
        return ("DATE", f"{y:04d}-{mo:02d}-{day:02d}", "", True) if tc.valid_day(y, mo, day) else None
    return _day_month(c, m, mo, day) if tc.valid_day(2000, mo, day) else None


def _month_value(c: _Context, m: re.Match, mo: int, year: str | None, rel: str | None = None):
    if year:
        return f"{int(year):04d}-{mo:02d}", True
    if c.ref is None:
        return f"XXXX-{mo:02d}", False
    if rel:
        r = rel.lower()
        y = c.ref.year - 1 if re.match(LAST, r) else c.ref.year + 1 if re.match(NEXT, r) else c.ref.year
        return f"{y:04d}-{mo:02d}", True
    return f"{tc.nearest_year(c.ref, mo, None, c.tense_at(m.start(), m.end())):04d}-{mo:02d}", True


def _mod_month(m: re.Match, c: _Context):
    mo = vocabulary()["months"][m[2].lower()]
    value, ok = _month_value(c, m, mo, m[3])
    return "DATE", value, MODS[m[1].lower()], ok


def _mod_year(m: re.Match, c: _Context):
    return "DATE", m[2], MODS[m[1].lower()], True


def _month(m: re.Match, c: _Context):
    word = m[1]
    if not word[:1].isupper():
        return None
    mo = vocabulary()["months"][word.lower()]
    if not m[2] and not m[3]:
        # A bare month name needs a temporal preposition or article before it ("im Februar"):
        # "August" alone is as often a first name.
        before = c.text[max(0, m.start() - 12) : m.start()].split()
        if not before or before[-1].lower() not in ("im", "seit", "ab", "bis", "vom", "zum", "des", "den", "dem",
                                                    "der", "nach", "vor", "anfang", "mitte", "ende", "und", "oder",
                                                    "von", "zwischen", "letzten", "vergangenen", "diesen"):
            return None
    before = c.text[max(0, m.start() - 12) : m.start()].split()
    prep = before[-1].lower() if before else ""
    if not m[2] and not m[3] and c.ref is not None and prep in _SINCE_WORDS:
        # "seit Januar" looks back, "ab Januar" ahead, whatever the verb says.
        direction = -1 if prep in ("seit", "vergangenen", "letzten") else 1
        return "DATE", f"{tc.nearest_year(c.ref, mo, None, direction):04d}-{mo:02d}", "", True
    value, ok = _month_value(c, m, mo, m[2], m[3])
    return "DATE", value, "", ok


_SINCE_WORDS = frozenset({"seit", "vergangenen", "letzten", "ab", "bis", "kommenden", "nächsten"})


def _weekday(m: re.Match, c: _Context):
    word = m[0]
    if not word[:1].isupper():
        return None
    wd = vocabulary()["weekdays"][m[1].lower()]
    part = (m[2] or m[3] or "").lower()
    if c.ref is None:
        base, ok = f"XXXX-WXX-{wd + 1}", False
    else:
        day = tc.weekday_date(c.ref, wd, c.tense_at(m.start(), m.end()))
        base, ok = tc.day_value(day), True
    if part:
        return "TIME", f"{base}T{PARTS[part]}", "", ok
    return "DATE", base, "", ok


def _relday(m: re.Match, c: _Context):
    word = m[1].lower()
    if word == "morgen" and m[1][:1].isupper() and m.start() > 0 and c.text[m.start() - 2 : m.start()] != ". ":
        return None  # "am Morgen" is a part of day, handled with its weekday
    part = (m[2] or "").lower()
    if word == "heute" and not part:
        # "bis heute", "noch heute", "heute noch", "die Welt von heute": nowadays, not this day.
        before = c.text[max(0, m.start() - 8) : m.start()].split()
        after = c.text[m.end() : m.end() + 8].split()
        if (before and before[-1].lower() in ("bis", "noch", "von")) or (after and after[0].lower().rstrip(".,;:!?") == "noch"):
            return "DATE", "PRESENT_REF", "", True
    if c.ref is None:
        value, ok = "XXXX-XX-XX", False
    else:
        value, ok = tc.day_value(c.ref + dt.timedelta(days=RELDAY[word])), True
    if part:
        return "TIME", f"{value}T{PARTS.get(part, 'MO')}", "", ok
    return "DATE", value, "", ok


_UNIT_OF = {"woche": "W", "wochenende": "WE", "monat": "M", "monats": "M", "jahr": "Y", "jahres": "Y", "quartal": "Q",
            "quartals": "Q", "sommer": "SU", "winter": "WI", "herbst": "FA", "frühjahr": "SP", "frühling": "SP"}


def _direction(word: str) -> int:
    w = word.lower()
    return -1 if re.match(LAST, w) else 1 if re.match(NEXT, w) else 0


def _relative_unit(m: re.Match, c: _Context):
    unit = _UNIT_OF[m[3].lower()]
    mod = MODS.get((m[1] or "").lower(), "")
    if c.ref is None:
        return "DATE", {"W": "XXXX-WXX", "WE": "XXXX-WXX-WE", "M": "XXXX-XX", "Y": "XXXX", "Q": "XXXX-QX"}.get(unit, "XXXX"), mod, False
    step = _direction(m[2])
    if unit == "WE":
        return "DATE", tc.shift(c.ref, "W", step) + "-WE", mod, True
    if unit in ("SU", "WI", "FA", "SP"):
        return "DATE", f"{c.ref.year + step:04d}-{unit}", mod, True
    return "DATE", tc.shift(c.ref, unit, step), mod, True


def _mod_unit(m: re.Match, c: _Context):
    unit = {"woche": "W", "monats": "M", "jahres": "Y"}[m[3].lower()]
    step = _direction(m[2].lower().removeprefix("dies"))
    if c.ref is None:
        return "DATE", {"W": "XXXX-WXX", "M": "XXXX-XX", "Y": "XXXX"}[unit], MODS[m[1].lower()], False
    if unit == "Y" and m[2].lower() == "des" and c.anchors:
        # "Ende des Jahres" is the end of the year the text speaks about ("1991 … Ab Ende des Jahres").
        return "DATE", f"{year_in_focus(c, m.start()):04d}", MODS[m[1].lower()], True
    return "DATE", tc.shift(c.ref, unit, step), MODS[m[1].lower()], True


def _offset(m: re.Match, c: _Context):
    """ "vor drei Jahren", "in zwei Wochen": the DURATION, pointing at the date it designates."""
    n = number_of(m[3])
    unit = unit_of(m[4])
    if n is None or unit is None or unit in ("H", "MIN", "S"):
        return None
    sign = -1 if m[1].lower() == "vor" else 1
    value = tc.duration(n * 3 if n != "X" else "X", "M") if unit == "Q" else tc.duration(n, unit)
    if n == "X" or not float(n).is_integer() or c.ref is None:
        return "DURATION", value, "", True
    return "DURATION", value, "", True, tc.shift(c.ref, unit, sign * int(n))


_APPROX = {"gut": "MORE_THAN", "über": "MORE_THAN", "mehr als": "MORE_THAN", "knapp": "LESS_THAN",
           "fast": "LESS_THAN", "weniger als": "LESS_THAN", "rund": "APPROX", "etwa": "APPROX"}


def _duration(m: re.Match, c: _Context):
    n = number_of(m[2])
    unit = unit_of(m[3])
    if n is None or unit is None:
        return None
    if unit == "Q":
        n, unit = (n * 3 if n != "X" else "X"), "M"
    mod = _APPROX.get(" ".join((m[1] or "").lower().split()), "")
    return "DURATION", tc.duration(n, unit), mod, True


def _adj_duration(m: re.Match, c: _Context):
    n = number_of(m[1])
    unit = ADJ_UNITS.get(m[2].lower())
    if n is None or unit is None:
        return None
    if unit == "Y" and m[1].isdigit() and n < 100:
        return None  # "der 55-jährige Richter": an age, not a period
    return "DURATION", tc.duration(n, unit), "", True


def _clock(m: re.Match, c: _Context):
    h, mi = int(m[1]), int(m[2] or 0)
    if h > 24 or mi > 59 or not c.anchors:
        return None
    day, ok = anchor_day(c, m.start())
    return "TIME", f"{day}T{h:02d}:{mi:02d}", "", ok


def _each(m: re.Match, c: _Context):
    w = m[2].lower()
    wd = vocabulary()["weekdays"].get(w)
    if m[3] and (m[1] or wd is not None):
        # "jeden letzten Samstag im Monat" recurs once a month; "jeden Tag im Jahr" is still daily
        return "SET", "P1M" if m[3].lower().startswith("monat") else "P1Y", "", True
    if wd is not None:
        return "SET", f"XXXX-WXX-{wd + 1}", "", True
    return "SET", {"tag": "P1D", "woche": "P1W", "monat": "P1M", "jahr": "P1Y"}[w], "", True


def _span_of_units(m: re.Match, c: _Context):
    unit = unit_of(m[2])
    if unit is None or unit == "Q":
        return None
    n = 2 if (m[1] or "").lower() == "beiden" else number_of(m[1]) if m[1] else "X"
    return ("DURATION", tc.duration(n, unit), "", True) if n is not None else None


def _compound_duration(m: re.Match, c: _Context):
    return "DURATION", tc.duration(int(m[1]), unit_of(m[2])), "", True


def _next_day(m: re.Match, c: _Context):
    """"am nächsten Tag", "tags darauf", "am Vortag": a day from the day the text last spoke
    about in the paragraph, else from the publication date."""
    if not c.anchors:
        return None
    words = m["x"].lower()
    step = -1 if words.endswith(("zuvor", "davor", "vortag")) else 1
    found = next((p for t in c.dates_before(m.start(), 300) if (p := parse(t.when() or "")).day()), None)
    if found:
        day = found.start
    elif c.ref is not None:
        day = c.ref
    else:
        return "DATE", "XXXX-XX-XX", "", False
    return "DATE", tc.day_value(day + dt.timedelta(days=step)), "", True


def _set_word(m: re.Match, c: _Context):
    return "SET", SETS[m[1].lower()], "", True



def _present(m: re.Match, c: _Context):
    return "DATE", REFS[m[1].lower()], "", True


def _ref_phrase(m: re.Match, c: _Context):
    return "DATE", REF_PHRASES[" ".join(m["x"].lower().split())], "", True


def _this_year(m: re.Match, c: _Context):
    return ("DATE", f"{c.ref.year:04d}", "", True) if c.ref else ("DATE", "XXXX", "", False)


def anchor_day(c: _Context, pos: int) -> tuple[str, bool]:
    """The day a clock time or part of day belongs to: the last full date mentioned shortly
    before it in the same sentence, else the publication date. The date was read with its
    whole paragraph, whose verbs may decide its year ("Am 3. März um halb zehn sprach er")."""
    reach = pos - max(c.sentence_start(pos), pos - 150)
    for t in c.dates_before(pos, reach):
        day = parse(t.point or t.value).day()
        if day:
            return day, t.resolved
    return (tc.day_value(c.ref), True) if c.ref else ("XXXX-XX-XX", False)


def _part_alone(m: re.Match, c: _Context):
    if not c.anchors:
        return None
    day, ok = anchor_day(c, m.start())
    return "TIME", f"{day}T{PARTS[m['part'].lower()]}", "", ok


def year_in_focus(c: _Context, pos: int) -> int | None:
    """The year of the last date named shortly before ``pos`` in the same paragraph, else the
    publication date's: what "im Vorjahr" or "Ende des Jahres" count from in a narrative."""
    year = next((p.start.year for t in c.dates_before(pos, 300)
                 if (w := t.when()) and (p := parse(w)).start and not t.text.startswith("Vorjahr")), None)
    return year if year is not None else (c.ref.year if c.ref else None)


def _year_before(m: re.Match, c: _Context):
    if not c.anchors:
        return None
    year = year_in_focus(c, m.start())
    return ("DATE", f"{year - 1:04d}", "", True) if year is not None else ("DATE", "XXXX", "", False)


def _part_set(m: re.Match, c: _Context):
    # "des Abends" is the noun; "3 Uhr morgens" a time of day, not every morning.
    if m[1][:1].isupper() and c.sentence_start(m.start()) != m.start():
        return None
    if c.text[max(0, m.start() - 4) : m.start()].rstrip().endswith("Uhr"):
        return None
    return "SET", f"XXXX-XX-XXT{PARTS[m[1].lower().removesuffix('s')]}", "", True


def _weekend(m: re.Match, c: _Context):
    if c.ref is None:
        return "DATE", "XXXX-WXX-WE", "", False
    before = m[0].lower()
    step = -1 if re.search(LAST, before) else 1 if re.search(NEXT, before) else 0
    if not step:
        direction = c.tense_at(m.start(), m.end())
        # Reported after the weekend (Monday to Thursday), a past weekend is last week's.
        step = -1 if direction < 0 and c.ref.weekday() < 4 else 0
    return "DATE", tc.shift(c.ref, "W", step) + "-WE", "", True


def _range_first_month(m: re.Match, c: _Context):
    word = m[1]
    if not word[:1].isupper():
        return None
    months = vocabulary()["months"]
    first, last = months[word.lower()], months[m[2].lower()]
    return "DATE", f"{int(m[3]) - (first > last):04d}-{first:02d}", "", True  # Dezember bis Februar 2016


def _range_first_day(m: re.Match, c: _Context):
    return _day_of_month(c, m, int(m[1]), m[2], m[3])


def _season(m: re.Match, c: _Context):
    if not m[0][:1].isupper():
        return None
    code = SEASONS[m[1].lower()]
    if m[2]:
        return "DATE", f"{m[2]}-{code}", "", True
    if c.ref is None:
        return "DATE", f"XXXX-{code}", "", False
    return "DATE", f"{c.ref.year:04d}-{code}", "", True


def find_dates(text: str, dct: dt.date | dt.datetime | None = None, anchors: bool = True) -> list[Timex]:
    """Temporal expressions in ``text``, resolved against ``dct`` when given."""
    ref = dct.date() if isinstance(dct, dt.datetime) else dct
    ctx = _Context(text, ref, anchors)
    found: list[Timex] = []
    low = text.lower()
    for rx, handler, needs in _patterns():
        if needs and not any(word in low for word in needs):
            continue
        deadline.check()
        for n, m in enumerate(rx.finditer(text)):
            if not n & 1023:
                deadline.check()
            if m.end() <= m.start():
                continue
            try:
                got = handler(m, ctx)
            except (ValueError, KeyError, OverflowError):
                got = None
            if got is None:
                continue
            typ, value, mod, ok, *point = got
            # A pattern may need words around the expression that are not part of it.
            start, end = m.span("x") if "x" in rx.groupindex else m.span()
            while end > start and text[end - 1].isspace():
                end -= 1
            while start < end and text[start].isspace():
                start += 1
            found.append(Timex(start, end, text[start:end], typ, value, mod, ok, point[0] if point else None))
    # Longest first, then earliest: "17. März 2025" beats "März 2025" and "2025".
    found.sort(key=lambda t: (-(t.end - t.start), t.start))
    taken: list[Timex] = []
    # The characters already taken, one byte each: a look-up costs the expression's length
    # (a sorted list with insertions would move the whole list for each of 100,000 dates).
    covered = bytearray(len(text))
    for t in found:
        if covered.find(1, t.start, t.end) >= 0:
            continue
        taken.append(t)
        covered[t.start : t.end] = b"\x01" * (t.end - t.start)
    return sorted(taken, key=lambda t: t.start)
