"""Clock times in words: "um halb neun", "gegen neun Uhr", "Viertel nach acht", "um zwölf Uhr".

Digits ("18:30 Uhr", "um 14 Uhr") are ``tui.nlp.dates``'s own. In German "halb neun" is 8:30
and "Viertel vor neun" 8:45. A word hour needs "Uhr" or a fraction ("halb", "Viertel") to be a
time: "um neun Prozent" is no time. "gegen" makes the time approximate (mod APPROX). The time
takes its day as a clock time in digits does: the date named shortly before, else the
publication date.
"""

from __future__ import annotations

import re

from tui.corpus.lexicon import alternation
from tui.nlp.datecontext import Context, Found, Rule, anchor_day
from tui.nlp.datewords import NUMBERS

# The hours of a clock in words: "eins"/"ein" (the other forms of "ein" are no hour) to "zwölf".
HOURS = {"eins": 1, "ein": 1} | {word: n for word, n in NUMBERS.items() if isinstance(n, int) and 2 <= n <= 12}
# Fraction before the hour -> (hour offset, minutes): "halb neun" is 8:30.
FRACTIONS = {
    "halb": (-1, 30),
    "viertel nach": (0, 15),
    "viertel vor": (-1, 45),
    "dreiviertel": (-1, 45),
    "drei viertel": (-1, 45),
}


def patterns() -> list[Rule]:
    """(regex, handler, words one of which the text must contain), as ``tui.nlp.dates`` runs them."""
    hour = rf"(?:{alternation(HOURS)}|\d{{1,2}})"
    fraction = alternation(FRACTIONS).replace(r"\ ", r"\s+")
    return [
        (
            rf"(?i:\b(?P<prep>um|gegen|ab|bis|kurz\s+vor|kurz\s+nach)\s+)"
            # (A fraction or "Uhr" is required here, not only by the handler: every match holds one
            # of the words this rule needs, as ``datewindows`` expects.)
            rf"(?P<x>(?=(?i:{fraction})\s|(?i:{hour})\s+Uhr)"
            rf"(?:(?P<frac>(?i:{fraction}))\s+)?(?P<h>(?i:{hour}))(?:\s+(?P<uhr>Uhr))?)(?!\w)(?!\s*%)",
            _clock_words,
            ("uhr", "halb", "viertel"),
        )
    ]


def _clock_words(m: re.Match[str], c: Context) -> Found:
    word = m["h"].lower()
    if not (m["frac"] or (m["uhr"] and not word.isdigit())):
        return None  # "um 9 Uhr" is the digits' pattern; "um neun Prozent" no time
    hour = HOURS.get(word) or int(word)
    minute = 0
    if m["frac"]:
        step, minute = FRACTIONS[" ".join(m["frac"].lower().split())]
        hour += step
    if not 0 <= hour <= 24 or not c.anchors:
        return None
    day, ok = anchor_day(c, m.start())
    mod = "APPROX" if m["prep"].lower() == "gegen" else ""
    return "TIME", f"{day}T{hour:02d}:{minute:02d}", mod, ok
