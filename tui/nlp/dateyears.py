"""Years: which four-digit numbers are years, and years of an era ("1330 vor unserer
Zeitrechnung" BC1330, "800 n. Chr.").

A bare number is a year only with evidence: a temporal word before it ("seit 1945"), brackets,
a range, or a distance from the publication date (of today without one) that a year mentioned
in news has. Not a year: part of a decimal ("2,1510 Cent"), a dimension ("1152 x 1920"), a count
or a measure ("1300 Kilometern"), a numbering ("Nr. 1511"). Handlers for ``tui.nlp.dates``.
"""

from __future__ import annotations

import datetime as dt
import re

from tui.nlp.datecontext import Context, Found

_COUNT_WORDS = frozenset("mindestens rund etwa ca. über fast knapp davon weitere insgesamt nur je".split())
_YEAR_CUES = frozenset(
    "im jahr jahre jahres seit bis ab von vom vor nach zwischen um gegen anfang mitte ende und "
    "oder bzw. sommer winter herbst frühjahr frühling saison".split()
)
# Words before a number that numbers things: "§ 1004", "Nr. 1511".
_NUMBERING = frozenset("§ §§ nr. nr no. no # nummer".split())
# How far from the publication date a year may be that nothing else marks as one: a number
# far from it ("1000 bei Protestzug" in 2016) is a count.
_PLAUSIBLE_PAST, _PLAUSIBLE_FUTURE = 100, 25


def year_only(m: re.Match[str], c: Context) -> Found:
    """A four-digit year alone ("2024", "Jahr 2014"), if it is one."""
    y = int(m[1])
    if not 1000 <= y <= 2100:
        return None
    if re.search(r"\d{1,2}\.\s?\d{1,2}\.\s?$", c.text[max(0, m.start() - 8) : m.start()]):
        return None  # the year of a day that does not exist ("31.02.2025") is not taken alone
    if m[0] == m[1] and not _bare_year(c, m.start(), m.end(), y):
        return None
    return "DATE", f"{y:04d}", "", True


def era_year(m: re.Match[str], c: Context) -> Found:
    """A year of an era: TimeML writes years before the common era "BC1330"."""
    y = int(m[1])
    if not 0 < y < 10000:
        return None
    return "DATE", (f"BC{y:04d}" if m["bc"] else f"{y:04d}"), "", True


# A capitalised word that news hardly ever has after an article and writes in lower case at
# least this often is an adjective or an adverb ("global"): capitalised in mid-sentence, it is
# part of a name. (Nouns that are also verbs, "Leben", "Stand", do follow articles.)
_NOUN_SHARE, _LOWER_SHARE = 0.1, 0.3
_ARTICLES = frozenset("der die das den dem des ein eine einen einem einer eines".split())


def _after_name_word(text: str, start: int, before: list[str]) -> bool:
    """Whether the number follows, in mid-sentence, a capitalised word that is no noun."""
    if len(before) < 2 or not before[-1][:1].isupper() or not before[-1].isalpha():
        return False
    if before[-2][-1:] in '.!?:;"„“”»«()–-' or before[-2].lower() in _ARTICLES:
        return False  # the word begins a sentence or a clause, or is a noun: its capital says nothing
    from tui.nlp.resources import word_shares

    noun, lower = word_shares().get(before[-1], (1.0, 0.0))
    return noun < _NOUN_SHARE and lower >= _LOWER_SHARE


def _bare_year(c: Context, start: int, end: int, y: int) -> bool:
    """Whether a four-digit number with no "Jahr" before it is a year. Not when it is part of
    another number, a dimension or a count; yes after a temporal word or in brackets; else
    only near the publication date: a number far from it ("1000 bei Protestzug", "Build 1511"
    and "Masters-1000-Turnier" in 2016) is a count or a model's or a name's number."""
    text = c.text
    before_chars, after_chars = text[max(0, start - 2) : start], text[end : end + 2]
    if re.search(r"\d[.,]$", before_chars) or re.match(r"[.,]\d", after_chars):
        return False  # "2,1510 Cent", "1.1000"
    before = text[max(0, start - 24) : start].split()
    low = before[-1].lower() if before else ""
    cue = low.lstrip('([„»"')  # "(um 1488–1576)"
    after = text[end : end + 24].split()
    nxt = after[0] if after else ""
    if low in ("x", "×") or nxt.lower() in ("x", "×"):
        return False  # "1152 x 1920 Pixel"
    if low in _COUNT_WORDS or low in _NUMBERING:
        return False  # "mindestens 1500 Grenzschützer", "Nr. 1511"
    abbr = re.match(r"\s*\(([^\W_][\w-]*?)\)", text[end : end + 24])
    if abbr and str(y)[2:] in abbr[1] and not abbr[1].isdigit():
        return False  # a name's number, repeated in its abbreviation: "Movement 2025 (DiEM25)"
    joined = re.search(r"[^\W\d_][-‐‑]$", before_chars) or re.match(r"[-‐‑][^\W\d_]", after_chars)
    strong = cue in _YEAR_CUES and cue not in ("und", "oder", "bzw.")  # "2017 und 2021", "1650 und 1200"
    if not joined and strong:
        return True  # "seit 2019"
    if not joined and (low.endswith("(") or re.search(r"\d[-–]$", before_chars)) and not nxt[:1].isupper():
        return True  # "(1898", "1170-1230", but not the club "(1860 München"
    if nxt[:1].isupper() and not joined:
        return False  # a count of something: "2000 Quadratmeter", "weg, 1500 Beschäftigte"
    if _after_name_word(text, start, before):
        return False  # "Global 2000", the organisation
    if low.endswith(","):
        return True  # "Wexler, 1922 in Chicago geboren"
    # Without a publication date, the present is the best guess of when the text was written.
    ref = c.ref.year if c.ref else dt.date.today().year
    return ref - _PLAUSIBLE_PAST <= y <= ref + _PLAUSIBLE_FUTURE
