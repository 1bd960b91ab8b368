"""Word lists the cleaning rules consult.

Month and weekday names, territories and cities come from Babel's CLDR data
(so another locale is a matter of adding its code). The closed-class German
words (articles, prepositions, conjunctions) and news-agency codes are not in
CLDR; they are short, closed lists and are kept here in one place.
"""

from __future__ import annotations

import re
import zoneinfo
from collections import Counter
from collections.abc import Iterable
from functools import cache
from typing import Any

LOCALES = ("de", "en")

# Words after which no German sentence or headline ends: a line that ends in
# one of them continues on the next line. Articles, prepositions, conjunctions,
# possessive determiners.
FUNCTION_WORDS = frozenset(
    """
    der die das den dem des ein eine einen einem einer eines kein keine keinen keinem keiner
    an auf aus bei bis durch für gegen hinter in im ins mit nach neben ohne seit über um unter
    von vom vor während wegen zu zum zur zwischen am beim gegenüber laut trotz samt
    und oder aber sondern denn dass ob weil wenn als wie sowie bzw sowohl weder noch
    seine seinen seinem seiner seines ihre ihren ihrem ihrer ihres unsere unseren unserem
    dieser dieses diesem jener jenes welcher welches
    """.split()
)

# Conjunctions that follow a suspended compound ("Energie- und Infrastruktur"):
# a line ending in "Energie-" followed by "und" keeps its hyphen and a space.
SUSPENSION_CONJUNCTIONS = frozenset({"und", "oder", "bzw", "bzw.", "sowie", "bis", "als", "wie"})

NEWS_AGENCIES = {
    "dpa": "dpa",
    "afp": "AFP",
    "ap": "AP",
    "reuters": "Reuters",
    "rtr": "Reuters",
    "kna": "KNA",
    "epd": "epd",
    "apa": "APA",
    "sid": "SID",
    "dts": "dts",
    "ddp": "ddp",
    "ansa": "ANSA",
    "efe": "EFE",
    "tass": "TASS",
    "sda": "SDA",
    "ots": "OTS",
}

STOPWORDS = {
    "de": frozenset("der die das und ist nicht mit sich auf für ein eine dem den des von zu im auch wird".split()),
    "en": frozenset("the and is of to in that it for with was on as be by this are".split()),
    "fr": frozenset("le la les et est des une dans pour que qui pas sur au du avec".split()),
    "it": frozenset("il di che è la per una sono della con non gli le del nel".split()),
    "es": frozenset("el la los las y es que en por una para con del se no".split()),
    "nl": frozenset("de het een en van is dat op te niet met voor zijn wordt".split()),
}


def _babel() -> tuple[Any, Any, Any]:
    # Imported lazily: the CLI's --help and error paths should not pay for CLDR loading.
    from babel import Locale
    from babel.dates import get_day_names, get_month_names

    return Locale, get_month_names, get_day_names


@cache
def month_numbers() -> dict[str, int]:
    """Lower-cased month names and abbreviations (with and without dot) -> 1..12."""
    _, get_month_names, _ = _babel()
    out: dict[str, int] = {}
    for loc in LOCALES:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for num, name in get_month_names(width, context, locale=loc).items():
                    name = name.lower()
                    out.setdefault(name, num)
                    out.setdefault(name.rstrip("."), num)
    return out


@cache
def weekday_names() -> frozenset[str]:
    """Lower-cased weekday names and abbreviations, with and without dot."""
    _, _, get_day_names = _babel()
    out: set[str] = set()
    for loc in LOCALES:
        for width in ("wide", "abbreviated"):
            for name in get_day_names(width, locale=loc).values():
                out.update({name.lower(), name.lower().rstrip(".")})
    return frozenset(out)


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of words, longest first so that no prefix wins early."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def territories() -> frozenset[str]:
    Locale, _, _ = _babel()
    out: set[str] = set()
    for loc in LOCALES:
        out.update(name for code, name in Locale.parse(loc).territories.items() if code.isalpha())
    return frozenset(out)


@cache
def places() -> frozenset[str]:
    """Territories plus the exemplar cities of CLDR's time zones, in German and English."""
    Locale, _, _ = _babel()
    out: set[str] = set(territories())
    for name in zoneinfo.available_timezones():
        if "/" in name and not name.startswith(("Etc/", "SystemV/")):
            out.add(name.rsplit("/", 1)[1].replace("_", " "))
    for loc in LOCALES:
        for zone in Locale.parse(loc).time_zones.values():
            city = zone.get("city")
            if city:
                out.add(city.replace("\u00ad", ""))
    return frozenset(out)


def guess_language(text: str) -> str | None:
    """The language whose commonest words occur most often; None when too little evidence."""
    words = Counter(re.findall(r"[^\W\d_]+", text[:4000].lower()))
    if not words:
        return None
    scores = {lang: sum(words[w] for w in stop) for lang, stop in STOPWORDS.items()}
    lang, best = max(scores.items(), key=lambda kv: kv[1])
    return lang if best >= 3 and best >= 0.05 * words.total() else None
