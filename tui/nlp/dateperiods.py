"""Parts of the year, ordinal weeks, decades, centuries and millennia: "im dritten Quartal", "in
der zweiten Jahreshälfte", "in der ersten Oktoberwoche", "in der letzten Woche des Jahres", "in den achtziger Jahren", "Ende der 70er-Jahre", "im 19. Jahrhundert", "zu Beginn
des 21. Jahrhunderts", "im dritten Jahrtausend".

TimeML writes a period of years by the digits it shares: the 1980s are "198", the 19th century
(1800-1899) "18", the third millennium "2"; before the common era with "BC" ("BC04" for the 5th
century v. Chr.). Anfang/Mitte/Ende give the mod START, MID or END, and are part of the span, as
in "Mitte August". Decades named without a century ("die achtziger Jahre") are of the 20th
century unless a century follows ("der achtziger Jahre des 19. Jahrhunderts").
"""

from __future__ import annotations

import datetime as dt
import re

from tui.corpus.lexicon import alternation
from tui.nlp import timecalc as tc
from tui.nlp.datecontext import Context, Found, Rule, year_in_focus
from tui.nlp.datewords import MODS, vocabulary

DECADE_WORDS = {
    "zwanziger": 2,
    "dreißiger": 3,
    "vierziger": 4,
    "fünfziger": 5,
    "sechziger": 6,
    "siebziger": 7,
    "achtziger": 8,
    "neunziger": 9,
}
ORDINALS = {
    "ersten": 1,
    "zweiten": 2,
    "dritten": 3,
    "vierten": 4,
    "fünften": 5,
    "sechsten": 6,
    "siebten": 7,
    "achten": 8,
    "neunten": 9,
    "zehnten": 10,
    "elften": 11,
    "zwölften": 12,
    "dreizehnten": 13,
    "vierzehnten": 14,
    "fünfzehnten": 15,
    "sechzehnten": 16,
    "siebzehnten": 17,
    "achtzehnten": 18,
    "neunzehnten": 19,
    "zwanzigsten": 20,
    "einundzwanzigsten": 21,
}
_BC = r"(?P<bc>\s+(?:v\.\s?Chr\.?|vor\s+Christus|v\.\s?u\.\s?Z\.?|vor\s+unserer\s+Zeitrechnung))?"
_MOD = r"(?:(?P<mod>Anfang|Mitte|Ende|Beginn)\s+)?"


def patterns() -> list[Rule]:
    """(regex, handler, words one of which the text must contain), as ``tui.nlp.dates`` runs them."""
    word = alternation(DECADE_WORDS)
    ordinal = alternation(ORDINALS)
    years = r"(?:\s*-?\s*[Jj]ahren?|[Jj]ahren?)(?!\w)"  # not "Jahrestag"
    century = r"(?:\s+des\s+(?P<of>\d{1,2})\.\s*Jahrhunderts)?"
    months = vocabulary()["months"]
    month = alternation([m for m in months if not m.endswith(".")])
    week_ordinal = r"(?P<n>[1-5])\.\s*|(?P<ord>(?i:ersten|zweiten|dritten|vierten|fünften|letzten))\s+"
    return [
        # in der ersten Oktoberwoche, der zweiten Woche im März 2024, der letzten Woche des Jahres
        (
            (
                rf"\b(?:(?:[Dd]er|[Dd]ie)\s+)?(?:{week_ordinal})(?:(?P<mon>(?i:{month}))woche\b"
                rf"|Woche\s+(?:(?:im|des)\s+(?P<mon2>(?i:{month}))s?\b|des\s+(?P<jahr>Jahres)\b))"
                r"(?:\s+(?P<year>(?:1[0-9]|20)\d\d)\b)?"
            ),
            _ordinal_week,
            ("woche",),
        ),
        # die 1990er, den 80er Jahren, Ende der siebziger Jahre, die Achtzigerjahre
        (
            rf"\b{_MOD}(?:(?:[Dd]ie|[Dd]en|[Dd]er)\s+)?(?:(?P<full>(?:1[0-9]|20)\d)0er(?:{years}|\b)"
            rf"|(?P<short>[2-9])0er{years}|(?P<word>(?i:{word})){years}){century}",
            _decade,
            ("0er", *DECADE_WORDS),
        ),
        # im 19. Jahrhundert, zu Beginn des 21. Jahrhunderts, das zwanzigste Jahrhundert, 5. Jh. v. Chr.
        (
            rf"\b{_MOD}(?:(?:[Dd]es|[Dd]em|[Dd]as)\s+)?(?:(?P<n>\d{{1,2}})\.\s*|(?P<ord>(?i:{ordinal}))\s+)"
            rf"(?:Jahrhunderts?(?!\w)|Jh\.){_BC}",
            _century,
            ("jahrhundert", "jh."),
        ),
        # im dritten Quartal 2014, in der zweiten Jahreshälfte, im ersten Halbjahr
        (
            r"\b(?:(?:[Dd]es|[Dd]em|[Dd]as|[Dd]er)\s+)?(?:(?P<n>[1-4])\.\s*|(?P<ord>(?i:ersten|zweiten|dritten|vierten|letzten))\s+)"
            r"(?P<unit>Quartals?|Jahreshälfte|Halbjahr(?:es|s)?)(?:\s+(?P<year>(?:1[0-9]|20)\d\d))?\b",
            _part_of_year,
            ("quartal", "jahreshälfte", "halbjahr"),
        ),
        # im dritten Jahrtausend, des 2. Jahrtausends v. Chr.
        (
            rf"\b{_MOD}(?:(?:[Dd]es|[Dd]em|[Dd]as)\s+)?(?:(?P<n>\d)\.\s*|(?P<ord>(?i:{ordinal}))\s+)Jahrtausends?(?!\w){_BC}",
            _millennium,
            ("jahrtausend",),
        ),
    ]


def _mod(m: re.Match[str]) -> str:
    return MODS[m["mod"].lower()] if m["mod"] else ""


def _decade(m: re.Match[str], c: Context) -> Found:
    if m["full"]:
        return "DATE", m["full"], _mod(m), True
    digit = int(m["short"]) if m["short"] else DECADE_WORDS[m["word"].lower()]
    century = int(m["of"]) - 1 if m["of"] else 19
    if not 1 <= century <= 20:
        return None
    return "DATE", f"{century:02d}{digit}", _mod(m), True


def _number(m: re.Match[str]) -> int:
    return int(m["n"]) if m["n"] else ORDINALS[m["ord"].lower()]


def _century(m: re.Match[str], c: Context) -> Found:
    n = _number(m)
    if not 1 <= n <= 21:
        return None
    return "DATE", ("BC" if m["bc"] else "") + f"{n - 1:02d}", _mod(m), True


def _part_of_year(m: re.Match[str], c: Context) -> Found:
    """A quarter or half of the year written after it, else of the year the text speaks about."""
    half = not m["unit"].startswith("Quartal")
    word = (m["ord"] or "").lower()
    n = (2 if half else 4) if word == "letzten" else int(m["n"]) if m["n"] else ORDINALS[word]
    if n > (2 if half else 4):
        return None
    year = int(m["year"]) if m["year"] else (year_in_focus(c, m.start()) if c.anchors else None)
    if year is None:
        return "DATE", f"XXXX-{'H' if half else 'Q'}{n}", "", False
    if not m["year"] and c.ref is not None and year == c.ref.year:
        # Of this year, or the last or next one, as the tense says: "im dritten Quartal stieg er"
        # written in May is last year's third quarter.
        first_month = (n - 1) * (6 if half else 3) + 1
        tense = c.tense_at(m.start(), m.end())
        if tense < 0 and first_month > c.ref.month:
            year -= 1
        elif tense > 0 and first_month + (5 if half else 2) < c.ref.month:
            year += 1
    return "DATE", f"{year:04d}-{'H' if half else 'Q'}{n}", "", True


def _ordinal_week(m: re.Match[str], c: Context) -> Found:
    """The n-th week of a month or year as an ISO week: the week that holds the month's 4th
    (11th, 18th, ...) day, as ISO's first week of a year holds 4 January; the last week holds
    the month's or year's fourth-to-last day."""
    word = (m["ord"] or "").lower()
    last = word == "letzten"
    n = 0 if last else int(m["n"]) if m["n"] else ORDINALS[word]
    name = m["mon"] or m["mon2"]
    mo = vocabulary()["months"][name.lower()] if name else None
    if m["year"]:
        year = int(m["year"])
    elif c.ref is None:
        return "DATE", "XXXX-WXX", "", False
    elif mo is None:
        focus = year_in_focus(c, m.start()) if c.anchors else c.ref.year
        if focus is None:
            return None
        year = focus
    else:
        year = tc.nearest_year(c.ref, mo, None, c.tense_at(m.start(), m.end()))
    if mo is None:
        day = dt.date(year, 12, 28) if last else dt.date(year, 1, 4) + dt.timedelta(weeks=n - 1)
    else:
        end = (dt.date(year, mo, 28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        day = end - dt.timedelta(days=3) if last else dt.date(year, mo, 1) + dt.timedelta(days=3 + 7 * (n - 1))
        if day.month != mo:
            return None  # no fifth week in this month
    return "DATE", tc.week_value(day), "", True


def _millennium(m: re.Match[str], c: Context) -> Found:
    n = _number(m)
    if not 1 <= n <= 3:
        return None
    return "DATE", ("BC" if m["bc"] else "") + str(n - 1), _mod(m), True
