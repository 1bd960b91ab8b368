"""Decades, centuries and millennia: "in den achtziger Jahren", "Ende der 70er-Jahre", "im 19.
Jahrhundert", "zu Beginn des 21. Jahrhunderts", "im dritten Jahrtausend".

TimeML writes a period of years by the digits it shares: the 1980s are "198", the 19th century
(1800-1899) "18", the third millennium "2"; before the common era with "BC" ("BC04" for the 5th
century v. Chr.). Anfang/Mitte/Ende give the mod START, MID or END, and are part of the span, as
in "Mitte August". Decades named without a century ("die achtziger Jahre") are of the 20th
century unless a century follows ("der achtziger Jahre des 19. Jahrhunderts").
"""

from __future__ import annotations

import re

from tui.corpus.lexicon import alternation
from tui.nlp.datewords import MODS

DECADE_WORDS = {"zwanziger": 2, "dreißiger": 3, "vierziger": 4, "fünfziger": 5, "sechziger": 6, "siebziger": 7,
                "achtziger": 8, "neunziger": 9}
ORDINALS = {"ersten": 1, "zweiten": 2, "dritten": 3, "vierten": 4, "fünften": 5, "sechsten": 6, "siebten": 7,
            "achten": 8, "neunten": 9, "zehnten": 10, "elften": 11, "zwölften": 12, "dreizehnten": 13,
            "vierzehnten": 14, "fünfzehnten": 15, "sechzehnten": 16, "siebzehnten": 17, "achtzehnten": 18,
            "neunzehnten": 19, "zwanzigsten": 20, "einundzwanzigsten": 21}
_BC = r"(?P<bc>\s+(?:v\.\s?Chr\.?|vor\s+Christus|v\.\s?u\.\s?Z\.?|vor\s+unserer\s+Zeitrechnung))?"
_MOD = r"(?:(?P<mod>Anfang|Mitte|Ende|Beginn)\s+)?"


def patterns() -> list[tuple[str, object, tuple[str, ...]]]:
    """(regex, handler, words one of which the text must contain), as ``tui.nlp.dates`` runs them."""
    word = alternation(DECADE_WORDS)
    ordinal = alternation(ORDINALS)
    years = r"(?:\s*-?\s*[Jj]ahren?|[Jj]ahren?)"
    century = r"(?:\s+des\s+(?P<of>\d{1,2})\.\s*Jahrhunderts)?"
    return [
        # die 1990er, den 80er Jahren, Ende der siebziger Jahre, die Achtzigerjahre
        (rf"\b{_MOD}(?:(?:[Dd]ie|[Dd]en|[Dd]er)\s+)?(?:(?P<full>(?:1[0-9]|20)\d)0er(?:{years}|\b)"
         rf"|(?P<short>[2-9])0er{years}|(?P<word>(?i:{word})){years}){century}",
         _decade, ("0er", *DECADE_WORDS)),
        # im 19. Jahrhundert, zu Beginn des 21. Jahrhunderts, das zwanzigste Jahrhundert, 5. Jh. v. Chr.
        (rf"\b{_MOD}(?:(?:[Dd]es|[Dd]em|[Dd]as)\s+)?(?:(?P<n>\d{{1,2}})\.\s*|(?P<ord>(?i:{ordinal}))\s+)"
         rf"(?:Jahrhunderts?|Jh\.){_BC}", _century, ("jahrhundert", "jh.")),
        # im dritten Jahrtausend, des 2. Jahrtausends v. Chr.
        (rf"\b{_MOD}(?:(?:[Dd]es|[Dd]em|[Dd]as)\s+)?(?:(?P<n>\d)\.\s*|(?P<ord>(?i:{ordinal}))\s+)Jahrtausends?{_BC}",
         _millennium, ("jahrtausend",)),
    ]


def _mod(m: re.Match) -> str:
    return MODS[m["mod"].lower()] if m["mod"] else ""


def _decade(m: re.Match, c):
    if m["full"]:
        return "DATE", m["full"], _mod(m), True
    digit = int(m["short"]) if m["short"] else DECADE_WORDS[m["word"].lower()]
    century = int(m["of"]) - 1 if m["of"] else 19
    if not 1 <= century <= 20:
        return None
    return "DATE", f"{century:02d}{digit}", _mod(m), True


def _number(m: re.Match) -> int:
    return int(m["n"]) if m["n"] else ORDINALS[m["ord"].lower()]


def _century(m: re.Match, c):
    n = _number(m)
    if not 1 <= n <= 21:
        return None
    return "DATE", ("BC" if m["bc"] else "") + f"{n - 1:02d}", _mod(m), True


def _millennium(m: re.Match, c):
    n = _number(m)
    if not 1 <= n <= 3:
        return None
    return "DATE", ("BC" if m["bc"] else "") + str(n - 1), _mod(m), True
