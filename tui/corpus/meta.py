"""Metadata that German news pages print as text: time stamps, bylines, sources, datelines.

Each recogniser looks at one line or paragraph and answers with a value or
None; where in the article a line must stand to count is decided by the
cleaner, not here.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from tui.corpus import lexicon
from tui.corpus.model import Published

_NAME_WORD = r"[A-ZÄÖÜ][\w'’.\-]*"
_NAME = rf"{_NAME_WORD}(?:\s+(?:(?:von|van|de|der|zu|di|da|del|le|la)\s+)?{_NAME_WORD}){{0,3}}"
_BYLINE = re.compile(
    rf"^(?:(?:Ein(?:e)?\s+)?(?:Kommentar|Analyse|Bericht|Interview|Gastbeitrag|Essay|Kolumne|Reportage)\s+)?"
    rf"(?:[Vv]on|[Aa]utor(?:in)?:|[Tt]ext:)\s+({_NAME}(?:\s*(?:,|und|&)\s*{_NAME})*)"
    rf"(?:\s*[,|/]\s*(?:{_NAME}))?\s*$"
)
_DATE_PREFIX = (
    r"(?:(?:Stand|Datum|Veröffentlicht|Erschienen|Erstellt|Publiziert|Aktualisiert|Zuletzt aktualisiert|"
    r"Update|Published|Updated)(?:\s+(?:am|um|on))?\s*:?\s*)?"
)
_UPDATED = re.compile(r"^\s*(?:Aktualisiert|Zuletzt aktualisiert|Update|Updated)", re.I)
_TIME = r"(?:\s*(?:,|-|–|—|um|/|\||T)?\s*(?P<H>\d{1,2})[:.](?P<M>\d{2})(?:[:.](?P<S>\d{2}))?\s*(?:Uhr|h)?)?"
_AGENCY_CODES = lexicon.alternation(lexicon.NEWS_AGENCIES)


@cache
def _date_line() -> re.Pattern[str]:
    weekday = lexicon.alternation(lexicon.weekday_names())
    months = lexicon.alternation(lexicon.month_numbers())
    date = (
        r"(?:(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.\s?(?P<y>\d{4})"
        r"|(?P<Y>\d{4})-(?P<mm>\d{2})-(?P<dd>\d{2})"
        rf"|(?P<td>\d{{1,2}})\.?\s*(?P<tm>{months})\.?\s+(?P<ty>\d{{4}}))"
    )
    return re.compile(rf"^{_DATE_PREFIX}(?:(?:{weekday})\.?,?\s+)?{date}{_TIME}\s*$", re.I)


def parse_date_line(line: str) -> Published | None:
    """A line that is nothing but a publication time stamp, in the usual German forms.

    "12.02.2025 - 18:27:49", "2025-10-17 00:16", "17. März 2025", "Stand: 18.03.2025, 14:30 Uhr",
    "Dienstag, 18. März 2025". Impossible dates give None.
    """
    if len(line) > 80:
        return None
    m = _date_line().match(line.strip())
    if not m:
        return None
    g = m.groupdict()
    try:
        if g["y"]:
            day = dt.date(int(g["y"]), int(g["m"]), int(g["d"]))
        elif g["Y"]:
            day = dt.date(int(g["Y"]), int(g["mm"]), int(g["dd"]))
        else:
            month = lexicon.month_numbers()[g["tm"].lower()]
            day = dt.date(int(g["ty"]), month, int(g["td"]))
        if g["H"] is None:
            return Published(day, "day")
        stamp = dt.datetime(day.year, day.month, day.day, int(g["H"]), int(g["M"]), int(g["S"] or 0))
    except (ValueError, KeyError):
        return None
    return Published(stamp, "second" if g["S"] else "minute")


def is_update_stamp(line: str) -> bool:
    return bool(_UPDATED.match(line))


def parse_byline(line: str) -> str | None:
    """ "von Thomas", "Von Anna Müller und Max Mustermann", "Autorin: Eva Schmidt" -> the names."""
    if len(line) > 120:
        return None
    m = _BYLINE.match(line.strip())
    return m.group(1).strip() if m else None


def _name_from_host(host: str) -> str:
    host = host.lower().removeprefix("www.")
    first = host.split(".", 1)[0]
    return lexicon.NEWS_AGENCIES.get(first, host)


_SOURCE_LINE = re.compile(r"^(?:@|Quellen?\s*:|Source\s*:)\s*(.{1,80}?)\s*\.?$", re.I)
_HOST = re.compile(r"^(?:https?://)?((?:[\w-]+\.)+[a-z]{2,})(?:/\S*)?$", re.I)
_AGENCY_TAG = re.compile(rf"^\(?((?:{_AGENCY_CODES})(?:\s*[/,]\s*(?:{_AGENCY_CODES}|[a-z]{{2,4}}))*)\)?\.?$", re.I)


def source_name(value: str) -> str | None:
    """Normalise what a source line names: a host ("dpa.de"), an agency tag ("dpa/AFP"), a name."""
    value = value.strip()
    if not re.search(r"\b\w\.$", value):  # keep the period of "e.V.", "Inc."
        value = value.rstrip(".")
    if not value:
        return None
    host = _HOST.match(value)
    if host:
        return _name_from_host(host.group(1))
    tag = _AGENCY_TAG.match(value)
    if tag:
        codes = [c for c in re.split(r"\s*[/,]\s*", tag.group(1)) if c.lower() in lexicon.NEWS_AGENCIES]
        return "/".join(lexicon.NEWS_AGENCIES[c.lower()] for c in codes)
    return value


def parse_source_line(line: str) -> str | None:
    """ "@ dpa.de", "Quelle: dpa", "(dpa/AFP)" -> the source's name."""
    line = line.strip()
    m = _SOURCE_LINE.match(line)
    if m:
        return source_name(m.group(1))
    if _AGENCY_TAG.match(line):
        return source_name(line)
    return None


_COPYRIGHT = re.compile(r"^(?:©|\(c\)|Copyright|Alle Rechte vorbehalten|All rights reserved)", re.I)
_RIGHTS_WORDS = re.compile(r"\b(?:all rights reserved|alle rechte vorbehalten|copyright)\b\.?|©|\(c\)", re.I)


def is_copyright_line(line: str) -> bool:
    return bool(_COPYRIGHT.match(line.strip()))


def copyright_owner(line: str) -> str | None:
    """ "© All rights reserved Verein e.V." -> "Verein e.V."; "© 2025 dpa" -> "dpa"."""
    rest = _RIGHTS_WORDS.sub(" ", line)
    rest = re.sub(r"\b(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)\d{2})?\b", " ", rest)
    rest = re.sub(r"\s+", " ", rest).strip(" ,:;|-–")
    if not rest or len(rest) > 80:
        return None
    return source_name(rest)


_PLACE = r"[A-ZÄÖÜ][\w.'’\-]+(?:\s(?:(?:am|an der|an|im|de|del|la|le|upon|sur|bei)\s)?[A-ZÄÖÜ][\w.'’\-]+){0,2}"
_DATELINE = re.compile(
    rf"(?P<place>{_PLACE})(?:,\s*(?P<region>{_PLACE}))?(?:\s*\((?P<agency>[^()]{{2,30}})\))?\s*[-–—]\s+(?=[\"„»“A-ZÄÖÜ0-9])"
)
# "BOZEN (dpa). ..." / "WIEN – ...": not "STANDARD: ...", which marks an interview question.
_CAPS_DATELINE = re.compile(
    r"(?P<place>[A-ZÄÖÜ]{3,}(?:[ -][A-ZÄÖÜ]{2,})*)(?:\s*\((?P<agency>[^()]{2,30})\))?\s*(?:\.|\s[–—-])\s+(?=\S)"
)


def find_dateline(paragraph: str) -> tuple[str, str | None] | None:
    """The place (and agency) of a dateline opening the paragraph or its second sentence.

    "Sotschi, Russland - Wladimir Putin ...", "Berlin (dpa) - ...", "BOZEN. Raiffeisen ...",
    "Teaser sentence. Wien – Die Gewerkschaft ...". A place must be known to CLDR, be followed
    by a known territory, carry an agency tag, or be set in capitals, so that an ordinary
    phrase before a dash is not taken for a place.
    """
    starts = [0]
    first_end = re.search(r"[.!?]\s+", paragraph[:400])
    if first_end:
        starts.append(first_end.end())
    known = lexicon.places()
    for start in starts:
        m = _DATELINE.match(paragraph, start)
        if m:
            place, region, agency = m.group("place"), m.group("region"), m.group("agency")
            agency_name = source_name(agency) if agency and _AGENCY_TAG.match(agency) else None
            if (
                place in known
                or place.split()[0] in known
                or (region and region in lexicon.territories())
                or agency_name
            ):
                return place, agency_name
        m = _CAPS_DATELINE.match(paragraph, start)
        # A capitalised dateline ("BOZEN.") is a convention strong enough to stand without the
        # lexicon, provided it is one or two words and not an agency code such as "DPA".
        if m and len(m.group("place").split()) <= 2 and m.group("place").lower() not in lexicon.NEWS_AGENCIES:
            agency = m.group("agency")
            # Initials in the parentheses ("BOZEN (pir).") name a reporter, not an agency.
            return m.group("place").title(), source_name(agency) if agency and _AGENCY_TAG.match(agency) else None
    return None
