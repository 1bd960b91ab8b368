"""Durations and frequencies beyond "N Einheiten": "jahrelang", "seit Jahren", "zwei Jahre und
sechs Monate", "pro Jahr", "einmal im Monat", "Jahr um Jahr", "zweimal wöchentlich".

Vague amounts have an X in TimeML ("jahrelang" PXY); a frequency is a SET of the period it
repeats in ("pro Woche" P1W).
"""

from __future__ import annotations

import re

from tui.corpus.lexicon import alternation
from tui.nlp import timecalc as tc
from tui.nlp.datecontext import Context, Found, Rule
from tui.nlp.datewords import (
    ADJ_UNITS,
    LAST,
    NEXT,
    NUMBERS,
    SETS,
    UNIT_WORDS,
    UNITS,
    VAGUE,
    number_of,
    unit_of,
)

# Adverbs and adjectives of a vague length: "jahrelang", "tagelangen", "jahrzehntelang".
LONG = {
    "sekundenlang": "S",
    "minutenlang": "MIN",
    "stundenlang": "H",
    "tagelang": "D",
    "wochenlang": "W",
    "monatelang": "M",
    "jahrelang": "Y",
    "jahrzehntelang": "DE",
}
PERIODS = {"tag": "P1D", "woche": "P1W", "monat": "P1M", "jahr": "P1Y", "stunde": "PT1H", "quartal": "P3M"}
TIMES = {"einmal": 1, "zweimal": 2, "dreimal": 3, "viermal": 4, "fünfmal": 5, "mehrmals": "X", "mehrfach": "X"}
_PERIOD = r"(?:Tag|Woche|Monat|Jahr|Stunde|Quartal)"


def patterns() -> list[Rule]:
    """(regex, handler, words one of which the text must contain), as ``tui.nlp.dates`` runs them."""
    num = rf"(?:\d+(?:,\d+)?|(?i:{alternation(NUMBERS)}))"
    unit = r"(?:Jahren?|Jahre|Monaten?|Monate|Wochen?|Tagen?|Tage|Stunden?|Minuten?)"
    NUMW = alternation([*NUMBERS, *VAGUE])
    UNIT = UNIT_WORDS
    units = tuple(UNITS)
    return [
        # vor drei Jahren, in zwei Wochen
        (rf"\b((?i:vor|in))\s+(?P<x>(\d+(?:,\d+)?|(?i:{NUMW}))\s+({UNIT}))\b", _offset, units),
        # 30 Tage, 2,5 Stunden, gut drei Wochen, seit drei Jahren
        (
            rf"(?i:\b(?:(gut|knapp|rund|etwa|fast|mehr\s+als|über|weniger\s+als|fast)\s+)?)(\d+(?:,\d+)?|(?i:{NUMW}))\s+({UNIT})\b",
            _duration,
            units,
        ),
        # 30-tägigen, einstündigen
        (
            r"\b(\d+|ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|zwölf|vierundzwanzig)-?(sekündig|minütig|stündig|tägig|wöchig|monatig|jährig)\w*",
            _adj_duration,
            ("sekündig", "minütig", "stündig", "tägig", "wöchig", "monatig", "jährig"),
        ),
        # die vergangenen zwei Jahre, in den letzten Jahren
        (
            rf"\b(?:[Dd]en|[Dd]ie)\s+(?i:{LAST}|{NEXT})\w*\s+(?:(beiden|\d+|(?i:{NUMW}))\s+)?({UNIT})\b",
            _span_of_units,
            units,
        ),
        # die 14-Tage-Frist
        (
            r"\b(\d+)-(Tage|Stunden|Wochen|Monate|Jahre|Minuten)(?=-\w)",
            _compound_duration,
            ("-tage", "-stunden", "-wochen", "-monate", "-jahre", "-minuten"),
        ),
        # jahrelang
        (rf"(?i:\b({alternation(LONG)})\w*)", _long, tuple(LONG)),
        # seit Jahren, über Monate, vor Wochen
        (
            r"\b(?i:seit|über|vor)\s(?P<x>Jahren|Jahre|Monaten|Monate|Wochen|Tagen|Jahrzehnten|Stunden)\b",
            _vague,
            ("jahre", "jahrzehnt", "monat", "woche", "tage", "stunde"),
        ),
        # zwei Jahre und sechs Monate: one P2Y6M
        (
            rf"\b({num})\s+({unit})\s+und\s+({num})\s+({unit})\b",
            _compound,
            tuple(
                f"{u} und "
                for u in (
                    "jahr",
                    "jahre",
                    "jahren",
                    "monat",
                    "monate",
                    "monaten",
                    "woche",
                    "wochen",
                    "tag",
                    "tage",
                    "tagen",
                    "stunde",
                    "stunden",
                    "minute",
                    "minuten",
                )
            ),
        ),
        # "sechs bis acht Monate", "50 statt 30 Jahre": the first amount takes the unit of the second
        (
            rf"\b({num})(?=\s+(?:und|oder|bis|statt|bzw\.)\s+{num}\s+({unit})\b)",
            _shared_unit,
            ("jahr", "monat", "woche", "tag", "stunde", "minute"),  # rarer than "und": shorter windows
        ),
        # pro Jahr, je Woche, einmal im Monat, zweimal pro Woche, zweimal wöchentlich
        (
            rf"(?i:\b(?:({alternation(TIMES)})\s+)?(?:pro|je|im|in\s+der|die)\s+)(?P<p>{_PERIOD})\b(?!\s+\d)",
            _per_period,
            ("pro ", "je ", "mal ", "mehrmals", "mehrfach", "im jahr", "im monat"),
        ),
        (rf"(?i:\b({alternation(TIMES)})\s+({alternation(SETS)}))\w*", _times_set, tuple(TIMES)),
        # Jahr um Jahr, Tag für Tag, Woche für Woche
        (rf"\b({_PERIOD})\s+(?:um|für|nach)\s+\1\b", _again_and_again, ("jahr", "tag", "woche", "monat")),
    ]


def _long(m: re.Match[str], c: Context) -> Found:
    return "DURATION", tc.duration("X", LONG[m[1].lower()]), "", True


def _vague(m: re.Match[str], c: Context) -> Found:
    unit = unit_of(m["x"])
    return ("DURATION", tc.duration("X", unit), "", True) if unit else None


def _compound(m: re.Match[str], c: Context) -> Found:
    first, second = unit_of(m[2]), unit_of(m[4])
    if not first or not second or first == second:
        return None
    n1, n2 = number_of(m[1]), number_of(m[3])
    if n1 is None or n2 is None:
        return None
    a, b = tc.duration(n1, first), tc.duration(n2, second)
    clock = ("H", "MIN", "S")
    if first in clock and second in clock:
        return "DURATION", a + b[2:], "", True  # PT2H + PT30M
    if first not in clock and second not in clock and "DE" not in (first, second):
        return "DURATION", a + b[1:], "", True  # P2Y + P6M
    return None


def _shared_unit(m: re.Match[str], c: Context) -> Found:
    unit, amount = unit_of(m[2]), number_of(m[1])
    if not unit or amount is None:
        return None
    return "DURATION", tc.duration(amount, unit), "", True


def _per_period(m: re.Match[str], c: Context) -> Found:
    lead = m[0].lower()
    # "im Jahr" and "die Woche" alone are a point or a noun; "einmal im Jahr" repeats, and so
    # does "im Jahr" after an amount ("2000 Euro im Monat", "drei Millionen Besucher im Jahr").
    if not m[1] and not lead.startswith(("pro", "je")):
        if not (lead.startswith("im ") and m["p"].lower() in ("jahr", "monat") and _after_amount(c, m.start())):
            return None
    return "SET", PERIODS[m["p"].lower()], "", True


_AMOUNT = re.compile(
    r"\d|\b(?:eine?|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|hundert|tausend|Millionen?|"
    r"Milliarden?)\b",
    re.IGNORECASE,
)
_NOT_PER = re.compile(r"\s*(?:\d|des\b|der\b|zuvor\b|davor\b|darauf\b|danach\b|dar\w*\b)")


def _after_amount(c: Context, start: int) -> bool:
    """Whether an amount stands shortly before ``start`` in the same clause, and no year or
    "zuvor" after it: "verdient 2000 Euro im Monat", not "im Jahr 2014" or "im Jahr darauf"."""
    after = c.text[start + 3 : start + 40]
    word_end = 5 if after[:5].lower() == "monat" else 4
    if _NOT_PER.match(after[word_end:]):
        return False
    before = c.text[max(0, start - 40) : start]
    before = re.split(r"[,;:.!?()]\s", before)[-1]
    return bool(_AMOUNT.search(before))


def _times_set(m: re.Match[str], c: Context) -> Found:
    return "SET", SETS[m[2].lower()], "", True


def _again_and_again(m: re.Match[str], c: Context) -> Found:
    return "SET", PERIODS[m[1].lower()], "", True


def _offset(m: re.Match[str], c: Context) -> Found:
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


_APPROX = {
    "gut": "MORE_THAN",
    "über": "MORE_THAN",
    "mehr als": "MORE_THAN",
    "knapp": "LESS_THAN",
    "fast": "LESS_THAN",
    "weniger als": "LESS_THAN",
    "rund": "APPROX",
    "etwa": "APPROX",
}


def _duration(m: re.Match[str], c: Context) -> Found:
    n = number_of(m[2])
    unit = unit_of(m[3])
    if n is None or unit is None:
        return None
    if unit == "Q":
        n, unit = (n * 3 if n != "X" else "X"), "M"
    mod = _APPROX.get(" ".join((m[1] or "").lower().split()), "")
    return "DURATION", tc.duration(n, unit), mod, True


def _adj_duration(m: re.Match[str], c: Context) -> Found:
    n = number_of(m[1])
    unit = ADJ_UNITS.get(m[2].lower())
    if n is None or unit is None:
        return None
    if unit == "Y" and m[1].isdigit() and not isinstance(n, str) and n < 100:
        return None  # "der 55-jährige Richter": an age, not a period
    return "DURATION", tc.duration(n, unit), "", True


def _span_of_units(m: re.Match[str], c: Context) -> Found:
    unit = unit_of(m[2])
    if unit is None or unit == "Q":
        return None
    n = 2 if (m[1] or "").lower() == "beiden" else number_of(m[1]) if m[1] else "X"
    return ("DURATION", tc.duration(n, unit), "", True) if n is not None else None


def _compound_duration(m: re.Match[str], c: Context) -> Found:
    unit = unit_of(m[2])
    return ("DURATION", tc.duration(int(m[1]), unit), "", True) if unit else None
