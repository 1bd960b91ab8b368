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

This module holds the calendar dates (days, months, years, ranges of days) and
runs every class; the others have a module each: ``daterelative`` (weekdays,
relative days and units, clock times, sets, reference words, seasons),
``datedurations``, ``dateyears`` (when a number is a year), ``dateperiods``
(decades, centuries, quarters), ``dateholidays``, ``dateclock`` (clock times in
words). Handlers see a ``datecontext.Context``; values parse into
``timevalue.Period``. Month, weekday and part-of-day vocabulary comes from
Babel's CLDR data (``datewords``); the closed word classes (number words, units,
tense markers) are German grammar and are listed there.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from tui.corpus import deadline
from tui.corpus.lexicon import alternation
from tui.nlp import (
    dateclock,
    datedurations,
    dateholidays,
    dateperiods,
    daterelative,
    dateyears,
)
from tui.nlp import timecalc as tc
from tui.nlp.datecontext import Context, Found, Handler, Timex
from tui.nlp.datewindows import Windows, reach
from tui.nlp.datewords import LAST, MODS, NEXT, THIS, YEAR, vocabulary

__all__ = ["Timex", "find_dates"]


def _year(y: str) -> int:
    n = int(y)
    return n if len(y) == 4 else (2000 + n if n < 50 else 1900 + n)


@cache
def _patterns() -> list[tuple[re.Pattern[str], Handler, tuple[str, ...], int | None]]:
    v = vocabulary()
    MON = alternation(v["months"])
    DAY = alternation(v["weekdays"])
    Y = YEAR
    # What a number may count or measure, so that it is no year: "1300 Kilometern", "1500 Euro".
    MEASURE = (
        r"(?:(?:Euro|Cent|Dollar|Franken|Pfund|Prozent|%|Menschen|Personen|Leute|Einwohner|Mitarbeiter"
        r"|Beschäftigte|Stimmen|Punkte|Tore|Stück|Tonnen|Hektar|Liter|Kilo|Gramm|Kalorien|Pixel|Zimmer"
        r"|(?:Quadrat|Kubik|Kilo|Zenti|Milli)?[Mm]eter)(?:n|s|e|en|er|ern)?(?!\w)|(?:km|kg|ha|m²)(?!\w))"
    )
    ERA = (
        r"(?:(?P<bc>v\.\s?Chr\.?|vor\s+Christus|vor\s+Christi\s+Geburt|v\.\s?u\.\s?Z\.?|vor\s+unserer\s+Zeitrechnung)"
        r"|n\.\s?Chr\.?|nach\s+Christus|nach\s+Christi\s+Geburt|n\.\s?u\.\s?Z\.?|unserer\s+Zeitrechnung)"
    )
    # What a pattern cannot match without: one of these (lower-case) strings is in the text.
    # A pattern whose words are absent is not run at all, which is most of them in most texts.
    months = tuple(v["months"])
    p: list[tuple[str, Handler, tuple[str, ...]]] = [
        # 2025-10-17, 2025-10-17 00:16
        (rf"\b({Y})-(\d{{2}})-(\d{{2}})\b(?:[ T](\d{{1,2}}):(\d{{2}}))?", _iso, ("-",)),
        # 12.02.2025, 17.3., 17.3.25
        (r"\b(\d{1,2})\.\s?(\d{1,2})\.(?:\s?((?:19|20)\d{2}|\d{2})(?!\d))?", _numeric, (".",)),
        # Donnerstag, 25. Februar 2025 / 17. März / den 3. Oktober
        (
            rf"(?i:\b(?:({DAY}),?\s+)?(?:(?:den|dem)\s+)?)\b(\d{{1,2}})\.\s?(?i:({MON}))(?!\w)(?:\s+({Y})\b)?",
            _written,
            months,
        ),
        # Mitte August 2025, Anfang März, Ende Mai
        (rf"\b(Anfang|Mitte|Ende|Beginn)\s+(?:des\s+)?(?i:({MON}))(?!\w)(?:\s+({Y})\b)?", _mod_month, months),
        # Anfang 2025, Mitte der 1990er
        (rf"\b(Anfang|Mitte|Ende|Beginn)\s+(?:des\s+Jahres\s+)?({Y})\b", _mod_year, tuple(MODS)),
        # von September bis November 2015: the first month takes the year of the second (before
        # the month alone, which would place it by the tense)
        (rf"(?i:\b({MON}))(?!\w)(?=\s*(?:bis|-|–)\s*(?i:({MON}))\s+({Y})\b)", _range_first_month, months),
        # März 2025, im Februar, August vorigen Jahres, Juni des vergangenen Jahres
        (rf"(?i:\b({MON}))(?!\w)(?:\s+({Y})\b|\s+(?:des\s+)?(?i:({LAST}|{NEXT}|{THIS})\w*)\s+Jahres)?", _month, months),
        # 1330 vor unserer Zeitrechnung, 44 v. Chr., 800 n. Chr.
        (
            rf"\b(?:(?:Jahr(?:es)?|Jahre)\s+)?(\d{{1,4}})\s+({ERA})",
            dateyears.era_year,
            ("chr", "zeitrechnung", "u. z", "u.z"),
        ),
        # Jahr 2014, 2024, 2017 bis 2021 (each year alone)
        # (A year before a dash and another year opens a range, "(1525-1569)"; before a dash and
        # other digits, or an amount, it is part of something else: "2025-10-17", "2014-15",
        # "1950-2000 Euro".)
        (
            rf"\b(?:(?:Jahr(?:es)?|Jahre)\s+)?({Y})(?![\d.,:/]\d|-(?!{Y}(?![\d.,:/-]?\d|\s*{MEASURE}))\d|\s*{MEASURE})(?!\w)",
            dateyears.year_only,
            (),
        ),
        # vom 5. bis 22. November, am 3., 4. und 5. Oktober: the days take the month of the last
        (
            rf"\b(\d{{1,2}})\.(?=(?:\s*(?:,(?:\s*und)?|und|sowie(?:\s+am)?|bis(?:\s+zum)?|[-–])\s*\d{{1,2}}\.){{1,15}}\s?(?i:({MON}))(?!\w)(?:\s+({Y})\b)?)",
            _range_first_day,
            months,
        ),  # a list of at most 16 days: the look-ahead stays bounded
        # weekdays, relative days and units, clock times, sets, reference words, seasons
        *daterelative.patterns(v),
        # vor drei Jahren, 30 Tage, 30-tägigen, die vergangenen zwei Jahre, jahrelang, pro Woche
        *datedurations.patterns(),
        # the 1990s, the 19th century, the third millennium
        *dateperiods.patterns(),
        # Weihnachten, an Ostern, Pfingsten 2024
        *dateholidays.patterns(),
        # um halb neun, gegen neun Uhr
        *dateclock.patterns(),
    ]
    compiled = [(re.compile(rx), fn, need) for rx, fn, need in p]
    # A rule runs only around the words it needs (``datewindows``) when they are words: a need
    # with a space in it ("pro ") is not met by "pro\nWoche", which the rule matches.
    return [
        (rx, fn, need, None if any(c.isspace() for w in need for c in w) else reach(rx)) for rx, fn, need in compiled
    ]


def _iso(m: re.Match[str], c: Context) -> Found:
    y, mo, d = int(m[1]), int(m[2]), int(m[3])
    if not tc.valid_day(y, mo, d):
        return None
    if m[4]:
        return "TIME", f"{y:04d}-{mo:02d}-{d:02d}T{int(m[4]):02d}:{m[5]}", "", True
    return "DATE", f"{y:04d}-{mo:02d}-{d:02d}", "", True


def _numeric(m: re.Match[str], c: Context) -> Found:
    d, mo = int(m[1]), int(m[2])
    if m[3]:
        y = _year(m[3])
        return ("DATE", f"{y:04d}-{mo:02d}-{d:02d}", "", True) if tc.valid_day(y, mo, d) else None
    if not tc.valid_day(2000, mo, d) or m.end() < len(c.text) and c.text[m.end() : m.end() + 1].isdigit():
        return None
    return _day_month(c, m, mo, d)


def _day_month(c: Context, m: re.Match[str], mo: int, d: int) -> Found:
    if c.ref is None:
        return "DATE", f"XXXX-{mo:02d}-{d:02d}", "", False
    y = tc.nearest_year(c.ref, mo, d, c.tense_at(m.start(), m.end()))
    if not tc.valid_day(y, mo, d):
        return None
    return "DATE", f"{y:04d}-{mo:02d}-{d:02d}", "", True


def _written(m: re.Match[str], c: Context) -> Found:
    return _day_of_month(c, m, int(m[2]), m[3], m[4])


def _day_of_month(c: Context, m: re.Match[str], day: int, month_word: str, year: str | None) -> Found:
    """ "17. März 2025", or "17. März" placed in the year the tense and publication date say."""
    mo = vocabulary()["months"][month_word.lower()]
    if year:
        y = int(year)
        return ("DATE", f"{y:04d}-{mo:02d}-{day:02d}", "", True) if tc.valid_day(y, mo, day) else None
    return _day_month(c, m, mo, day) if tc.valid_day(2000, mo, day) else None


def _month_value(c: Context, m: re.Match[str], mo: int, year: str | None, rel: str | None = None) -> tuple[str, bool]:
    if year:
        return f"{int(year):04d}-{mo:02d}", True
    if c.ref is None:
        return f"XXXX-{mo:02d}", False
    if rel:
        r = rel.lower()
        y = c.ref.year - 1 if re.match(LAST, r) else c.ref.year + 1 if re.match(NEXT, r) else c.ref.year
        return f"{y:04d}-{mo:02d}", True
    return f"{tc.nearest_year(c.ref, mo, None, c.tense_at(m.start(), m.end())):04d}-{mo:02d}", True


def _mod_month(m: re.Match[str], c: Context) -> Found:
    mo = vocabulary()["months"][m[2].lower()]
    value, ok = _month_value(c, m, mo, m[3])
    return "DATE", value, MODS[m[1].lower()], ok


def _mod_year(m: re.Match[str], c: Context) -> Found:
    return "DATE", m[2], MODS[m[1].lower()], True


def _month(m: re.Match[str], c: Context) -> Found:
    word = m[1]
    if not word[:1].isupper():
        return None
    mo = vocabulary()["months"][word.lower()]
    if not m[2] and not m[3]:
        # A bare month name needs a temporal preposition or article before it ("im Februar"):
        # "August" alone is as often a first name.
        before = c.text[max(0, m.start() - 12) : m.start()].split()
        if not before or before[-1].lower() not in (
            "im",
            "seit",
            "ab",
            "bis",
            "vom",
            "zum",
            "des",
            "den",
            "dem",
            "der",
            "nach",
            "vor",
            "anfang",
            "mitte",
            "ende",
            "und",
            "oder",
            "von",
            "zwischen",
            "letzten",
            "vergangenen",
            "diesen",
        ):
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


def _range_first_month(m: re.Match[str], c: Context) -> Found:
    word = m[1]
    if not word[:1].isupper():
        return None
    months = vocabulary()["months"]
    first, last = months[word.lower()], months[m[2].lower()]
    return "DATE", f"{int(m[3]) - (first > last):04d}-{first:02d}", "", True  # Dezember bis Februar 2016


def _range_first_day(m: re.Match[str], c: Context) -> Found:
    return _day_of_month(c, m, int(m[1]), m[2], m[3])


def find_dates(
    text: str, dct: dt.date | dt.datetime | None = None, anchors: bool = True, windowed: bool = True
) -> list[Timex]:
    """Temporal expressions in ``text``, resolved against ``dct`` when given. ``windowed``: each
    rule is run only around the words it needs (the same mentions, found faster); False runs
    every rule over the whole text."""
    ref = dct.date() if isinstance(dct, dt.datetime) else dct
    ctx = Context(text, ref, anchors)
    found: list[Timex] = []
    low = text.lower()
    windows = Windows(text, low) if windowed else None
    whole = [(0, len(text))]
    met: dict[tuple[str, ...], bool] = {}  # rules share their words (the month names): looked for once
    for rx, handler, needs, extent in _patterns():
        if needs:
            if needs not in met:
                met[needs] = any(map(low.__contains__, needs))
            if not met[needs]:
                continue
        deadline.check()
        spans = (windows.of(needs, extent) if windows is not None else None) or whole
        matches = (m for a, b in spans for m in rx.finditer(text, a, b))
        for n, m in enumerate(matches):
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
    taken.sort(key=lambda t: t.start)
    if not anchors:  # a paragraph looked at again for the dates before an expression
        return taken
    return [
        Timex(t.start, t.end, t.text, t.type, t.value, t.mod, t.resolved, t.point, sentence)
        for t in taken
        for sentence in (ctx.sentence_around(t.start) or (t.start, t.end),)
    ]
