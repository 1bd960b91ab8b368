"""Holidays and named days: "Weihnachten", "an Ostern", "zu Pfingsten 2024", "Karfreitag".

A named day is a DATE of day granularity. Its year is the one written after it, else the one
the tense and the publication date imply (as for "im März"), else unknown ("XXXX-12-25").
The feasts that move with Easter (Karfreitag, Ostern, Christi Himmelfahrt, Pfingsten,
Fronleichnam) are computed by the Gregorian computus (``dateutil.easter``), so they have no
value without a year.
"""

from __future__ import annotations

import datetime as dt
import re

from dateutil.easter import easter

from tui.corpus.lexicon import alternation
from tui.nlp import timecalc as tc
from tui.nlp.datecontext import Context, Found, Rule

# Day of the year (month, day), or days after Easter Sunday (an int).
FIXED = {
    "neujahr": (1, 1),
    "neujahrstag": (1, 1),
    "dreikönigstag": (1, 6),
    "heilige drei könige": (1, 6),
    "heiligen drei könige": (1, 6),
    "valentinstag": (2, 14),
    "tag der arbeit": (5, 1),
    "mariä himmelfahrt": (8, 15),
    "maria himmelfahrt": (8, 15),
    "tag der deutschen einheit": (10, 3),
    "reformationstag": (10, 31),
    "allerheiligen": (11, 1),
    "allerseelen": (11, 2),
    "martinstag": (11, 11),
    "nikolaustag": (12, 6),
    "heiligabend": (12, 24),
    "heiliger abend": (12, 24),
    "heiligen abend": (12, 24),
    "weihnachten": (12, 25),
    "christtag": (12, 25),
    "stefanitag": (12, 26),
    "stephanstag": (12, 26),
    "silvester": (12, 31),
}
MOVABLE = {
    "gründonnerstag": -3,
    "karfreitag": -2,
    "karsamstag": -1,
    "ostern": 0,
    "ostersonntag": 0,
    "ostermontag": 1,
    "christi himmelfahrt": 39,
    "pfingsten": 49,
    "pfingstsonntag": 49,
    "pfingstmontag": 50,
    "fronleichnam": 60,
}
# Also a given name and the Magi themselves: a day only after a preposition ("an Silvester").
_AFTER_PREPOSITION = frozenset({"silvester", "heilige drei könige", "heiligen drei könige"})


def patterns() -> list[Rule]:
    """(regex, handler, words one of which the text must contain), as ``tui.nlp.dates`` runs them."""
    names = alternation([*FIXED, *MOVABLE]).replace(r"\ ", r"\s+")
    return [
        (
            rf"(?:(?P<prep>\b(?i:an|zu|vor|nach|seit|bis|über|um|zum|zur|am)\s+(?:den\s+)?)?)"
            rf"(?P<x>(?P<name>\b(?i:{names}))(?!\w)(?:\s+(?P<year>(?:1[0-9]|20)[0-9]{{2}})\b)?)",
            _holiday,
            (
                "neujahr",
                "dreikönig",
                "drei könig",
                "valentinstag",
                "tag der arbeit",
                "tag der deutschen",
                "himmelfahrt",
                "reformationstag",
                "allerheiligen",
                "allerseelen",
                "martinstag",
                "nikolaustag",
                "heiligabend",
                "heiliger abend",
                "heiligen abend",
                "weihnacht",
                "christtag",
                "stefanitag",
                "stephanstag",
                "silvester",
                "gründonnerstag",
                "karfreitag",
                "karsamstag",
                "oster",
                "pfingst",
                "fronleichnam",
            ),
        )
    ]


def _holiday(m: re.Match[str], c: Context) -> Found:
    name = " ".join(m["name"].lower().split())
    # Churches and parishes are named after feasts too ("Pfarre Maria Himmelfahrt"): a feast of
    # several words is a day after a preposition or before a year.
    if not m["name"][:1].isupper() or ((name in _AFTER_PREPOSITION or " " in name) and not (m["prep"] or m["year"])):
        return None
    if m["year"]:
        year = int(m["year"])
    elif c.ref is not None:
        month, day = FIXED.get(name) or _easter_day(c.ref.year, MOVABLE[name])
        year = tc.nearest_year(c.ref, month, day, c.tense_at(m.start("name"), m.end("name")))
    else:
        fixed = FIXED.get(name)
        return (
            ("DATE", f"XXXX-{fixed[0]:02d}-{fixed[1]:02d}", "", False) if fixed else ("DATE", "XXXX-XX-XX", "", False)
        )
    month, day = FIXED.get(name) or _easter_day(year, MOVABLE[name])
    return "DATE", f"{year:04d}-{month:02d}-{day:02d}", "", True


def _easter_day(year: int, offset: int) -> tuple[int, int]:
    d = easter(year) + dt.timedelta(days=offset)
    return d.month, d.day
