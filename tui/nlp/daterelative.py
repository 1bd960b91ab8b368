"""Dates that count from another date: weekdays, "gestern", "vergangene Woche", clock times,
"am nächsten Tag", "im Vorjahr", seasons, reference words ("damals", "derzeit") and what
recurs ("jeden Montag", "täglich", "morgens").

Each resolves against the publication date, or against the date the text last spoke about
(``datecontext.anchor_day``, ``datecontext.year_in_focus``), with the tense deciding the
direction where the words do not. Run by ``tui.nlp.dates`` with the other classes.
"""

from __future__ import annotations

import datetime as dt
import re

from tui.corpus.lexicon import alternation
from tui.nlp import timecalc as tc
from tui.nlp.datecontext import Context, Found, Rule, anchor_day, year_in_focus
from tui.nlp.datewords import (
    LAST,
    MODS,
    NEXT,
    PARTS,
    REF_ADVERBS,
    REF_PHRASES,
    REFS,
    RELDAY,
    SEASONS,
    SETS,
    THIS,
    YEAR,
    vocabulary,
)
from tui.nlp.timevalue import parse


def patterns(v: dict[str, dict[str, int]]) -> list[Rule]:
    """(regex, handler, words one of which the text must contain), as ``tui.nlp.dates`` runs them;
    ``v`` is ``datewords.vocabulary()``."""
    DAY = alternation(v["weekdays"])
    PART = alternation(PARTS)
    Y = YEAR
    weekdays = tuple(v["weekdays"])
    return [
        # Donnerstagabend, am Dienstag, Montag früh
        (rf"(?i:\b({DAY})(?:({PART}))?)(?!\w)(?:\s+(?i:({PART}))s?\b)?", _weekday, weekdays),
        # heute, gestern Abend, morgen früh
        (
            rf"(?i:\b(vorgestern|gestern|heute|übermorgen|morgen))(?!\w)(?:\s+(?i:(früh|{PART}))\b)?",
            _relday,
            ("gestern", "heute", "morgen"),
        ),
        # vergangene Woche, nächsten Monat, dieses Jahr, Ende der Woche
        (
            rf"(?i:\b(?:(Anfang|Mitte|Ende|Beginn)\s+)?(?:(?:der|des|dem|den|dieser|diesem|diesen|dieses)\s+)?)"
            rf"(?i:({LAST}|{NEXT}|{THIS})(?:e|en|em|er|es)?)\s+(Woche|Wochenende|Monats?|Jahr(?:es)?|Quartals?|Sommer|Winter|Herbst|Frühjahr|Frühling)\b",
            _relative_unit,
            ("woche", "monat", "jahr", "quartal", *SEASONS),
        ),
        (
            r"\b(Anfang|Mitte|Ende|Beginn)\s+(der|des|dieser|dieses|nächster|nächsten|kommender|kommenden|vergangener|vergangenen|letzter|letzten|vorigen|voriger)\s+(Woche|Monats|Jahres)\b",
            _mod_unit,
            ("woche", "monat", "jahr"),
        ),
        # 18:30 Uhr, 20.30 Uhr, um 14 Uhr
        (r"\b(\d{1,2})(?:[:.](\d{2}))?\s+Uhr\b", _clock, ("uhr",)),
        # jeden Montag, täglich
        (
            rf"(?i:\bjede[nms]?\s+(?:(ersten|zweiten|dritten|vierten|letzten)\s+)?({DAY}|Tag|Woche|Monat|Jahr)\b"
            r"(?:\s+(?:im|des)\s+(Monats?|Jahr(?:es)?)\b)?)",
            _each,
            ("jede",),
        ),
        (rf"(?i:\b({alternation(SETS)}))(?:e|en|er|es|em)?(?!\w)", _set_word, tuple(SETS)),
        # am nächsten Tag, am Tag darauf
        (
            r"(?:\b(?:[Aa]m|[Dd]en)\s|(?=\b[Tt]ags\s))"
            r"(?P<x>(?:nächsten|folgenden)\s+Tag|Tag\s+(?:darauf|danach|zuvor|davor)|Vortag|Folgetag|[Tt]ags\s+(?:darauf|zuvor))\b",
            _next_day,
            ("tag",),
        ),
        # jetzt, derzeit, damals, bald
        (rf"(?i:\b({alternation(REFS)}))(?!\w)", _present, tuple(REFS)),
        (rf"(?i:\b({alternation(REF_ADVERBS)}))(?!\w)", _ref_adverb, tuple(REF_ADVERBS)),
        (
            rf"\b(?:[Ii]n|[Ff]ür|[Ss]eit)\s+(?:der\s+|die\s+)?(?P<x>(?i:{alternation(REF_PHRASES)}))(?!\w)",
            _ref_phrase,
            ("zukunft", "vergangenheit", " zeit"),
        ),
        # heuer
        (r"(?i:\b(heuer))(?!\w)", _this_year, ("heuer",)),
        # am Nachmittag, gegen Abend
        (
            r"\b(?:[Aa]m|[Gg]egen|[Jj]eden|[Dd]en|[Dd]er)\s(?P<x>(?:(?:frühen|späten|späteren)\s+)?(?P<part>Vormittag|Nachmittag|Abend|Mittag|Morgen|Nacht))\b",
            _part_alone,
            tuple(PARTS),
        ),
        # morgens, abends: every morning, every evening
        (
            r"(?i:\b(morgens|vormittags|mittags|nachmittags|abends|nachts))(?!\w)",
            _part_set,
            ("morgens", "mittags", "abends", "nachts"),
        ),
        # im Vorjahr, des Vorjahres: the year before the one the text last spoke about
        (r"\b(?P<x>Vorjahr(?:es|s)?)(?!\w)", _year_before, ("vorjahr",)),
        # am Wochenende
        (
            r"\b(?i:am|übers|das|dem|vergangenen|letzten|kommenden|nächsten)\s(?P<x>Wochenende)\b",
            _weekend,
            ("wochenende",),
        ),
        # 14.30-18 Uhr, von 10 bis 15 Uhr: the start of a range of clock times
        (r"\b(\d{1,2})(?:[:.](\d{2}))?(?=\s*(?:[-–]|\sbis\s)\s*\d{1,2}(?:[:.]\d{2})?\s+Uhr\b)", _clock, ("uhr",)),
        # im Sommer 2025
        (rf"(?i:\b({alternation(SEASONS)}))(?!\w)(?:\s+({Y})\b)?", _season, tuple(SEASONS)),
    ]


def _weekday(m: re.Match[str], c: Context) -> Found:
    word = m[0]
    if not word[:1].isupper():
        return None
    wd = vocabulary()["weekdays"][m[1].lower()]
    part = (m[2] or m[3] or "").lower()
    heading = c.heading_day(m.start()) if c.anchors else None
    if heading is not None and (c.ref is None or abs((heading - c.ref).days) > 7):
        # Under a dated heading of a diary or a programme, the week that the heading opens.
        base, ok = tc.day_value(heading + dt.timedelta(days=(wd - heading.weekday()) % 7)), True
    elif c.ref is None:
        base, ok = f"XXXX-WXX-{wd + 1}", False
    else:
        day = tc.weekday_date(c.ref, wd, c.tense_at(m.start(), m.end()))
        base, ok = tc.day_value(day), True
    if part:
        return "TIME", f"{base}T{PARTS[part]}", "", ok
    return "DATE", base, "", ok


def _relday(m: re.Match[str], c: Context) -> Found:
    word = m[1].lower()
    if word == "morgen" and m[1][:1].isupper() and m.start() > 0 and c.text[m.start() - 2 : m.start()] != ". ":
        return None  # "am Morgen" is a part of day, handled with its weekday
    part = (m[2] or "").lower()
    if re.search(r"(?i:von\s+heute\s+auf\s+)$", c.text[max(0, m.start() - 20) : m.start()]) or (
        word == "heute"
        and re.match(r"\s+auf\s+morgen\b", c.text[m.end() : m.end() + 16])
        and c.text[max(0, m.start() - 4) : m.start()].lower() == "von "
    ):
        return None  # "von heute auf morgen": suddenly, no day
    if word == "heute" and not part:
        # "bis heute", "noch heute", "heute noch", "die Welt von heute": nowadays, not this day.
        before = c.text[max(0, m.start() - 8) : m.start()].split()
        after = c.text[m.end() : m.end() + 8].split()
        if (before and before[-1].lower() in ("bis", "noch", "von")) or (
            after and after[0].lower().rstrip(".,;:!?") == "noch"
        ):
            return "DATE", "PRESENT_REF", "", True
        if _nowadays(c, m.start(), m.end(), before, after):
            return "DATE", "PRESENT_REF", "", True
    if c.ref is None:
        value, ok = "XXXX-XX-XX", False
    else:
        value, ok = tc.day_value(c.ref + dt.timedelta(days=RELDAY[word])), True
    if part:
        return "TIME", f"{value}T{PARTS.get(part, 'MO')}", "", ok
    return "DATE", value, "", ok


_THEN = re.compile(r"\b(?:früher|damals|einst|einstmals|ehemals|seinerzeit)\b", re.IGNORECASE)
_OLD_YEAR = re.compile(r"\b(1[0-9]\d\d|20\d\d)\b")


def _nowadays(c: Context, start: int, end: int, before: list[str], after: list[str]) -> bool:
    """Whether "heute" means nowadays: set against the past in its sentence ("Früher war hier
    ein Markt, heute steht dort ein Hotel", "1950 lebten hier 300 Menschen, heute 3000"), in
    "wie wir heute wissen", or before a conditional ("Heute würde er anders entscheiden")."""
    if (
        len(before) >= 2
        and before[-2].lower() == "wie"
        and before[-1].lower() in ("wir", "man")
        and after
        and after[0].lower().rstrip(".,;:!?") in ("wissen", "weiß", "wisse", "kennen", "kennt", "sagen", "sagt")
    ):
        return True
    if after and after[0].lower() in ("würde", "würden", "wäre", "wären", "hätte", "hätten"):
        return True
    sentence = c.sentence(start, end)
    if _THEN.search(sentence):
        return True
    if c.ref is not None:
        return any(int(y) <= c.ref.year - 10 for y in _OLD_YEAR.findall(sentence))
    return False


_UNIT_OF = {
    "woche": "W",
    "wochenende": "WE",
    "monat": "M",
    "monats": "M",
    "jahr": "Y",
    "jahres": "Y",
    "quartal": "Q",
    "quartals": "Q",
    "sommer": "SU",
    "winter": "WI",
    "herbst": "FA",
    "frühjahr": "SP",
    "frühling": "SP",
}


def _direction(word: str) -> int:
    w = word.lower()
    return -1 if re.match(LAST, w) else 1 if re.match(NEXT, w) else 0


def _relative_unit(m: re.Match[str], c: Context) -> Found:
    unit = _UNIT_OF[m[3].lower()]
    mod = MODS.get((m[1] or "").lower(), "")
    if c.ref is None:
        return (
            "DATE",
            {"W": "XXXX-WXX", "WE": "XXXX-WXX-WE", "M": "XXXX-XX", "Y": "XXXX", "Q": "XXXX-QX"}.get(unit, "XXXX"),
            mod,
            False,
        )
    step = _direction(m[2])
    if unit == "WE":
        return "DATE", tc.shift(c.ref, "W", step) + "-WE", mod, True
    if unit in ("SU", "WI", "FA", "SP"):
        return "DATE", f"{c.ref.year + step:04d}-{unit}", mod, True
    return "DATE", tc.shift(c.ref, unit, step), mod, True


def _mod_unit(m: re.Match[str], c: Context) -> Found:
    unit = {"woche": "W", "monats": "M", "jahres": "Y"}[m[3].lower()]
    step = _direction(m[2].lower().removeprefix("dies"))
    if c.ref is None:
        return "DATE", {"W": "XXXX-WXX", "M": "XXXX-XX", "Y": "XXXX"}[unit], MODS[m[1].lower()], False
    if unit == "Y" and m[2].lower() == "des" and c.anchors:
        # "Ende des Jahres" is the end of the year the text speaks about ("1991 … Ab Ende des Jahres").
        return "DATE", f"{year_in_focus(c, m.start()):04d}", MODS[m[1].lower()], True
    return "DATE", tc.shift(c.ref, unit, step), MODS[m[1].lower()], True


def _clock(m: re.Match[str], c: Context) -> Found:
    h, mi = int(m[1]), int(m[2] or 0)
    if h > 24 or mi > 59 or not c.anchors:
        return None
    day, ok = anchor_day(c, m.start())
    return "TIME", f"{day}T{h:02d}:{mi:02d}", "", ok


def _each(m: re.Match[str], c: Context) -> Found:
    w = m[2].lower()
    wd = vocabulary()["weekdays"].get(w)
    if m[3] and (m[1] or wd is not None):
        # "jeden letzten Samstag im Monat" recurs once a month; "jeden Tag im Jahr" is still daily
        return "SET", "P1M" if m[3].lower().startswith("monat") else "P1Y", "", True
    if wd is not None:
        return "SET", f"XXXX-WXX-{wd + 1}", "", True
    return "SET", {"tag": "P1D", "woche": "P1W", "monat": "P1M", "jahr": "P1Y"}[w], "", True


def _next_day(m: re.Match[str], c: Context) -> Found:
    """ "am nächsten Tag", "tags darauf", "am Vortag": a day from the day the text last spoke
    about in the paragraph, else from the publication date."""
    if not c.anchors:
        return None
    words = m["x"].lower()
    step = -1 if words.endswith(("zuvor", "davor", "vortag")) else 1
    found = next((p for t in c.dates_before(m.start(), 300) if (p := parse(t.when() or "")).day()), None)
    if found and found.start is not None:
        day = found.start
    elif c.ref is not None:
        day = c.ref
    else:
        return "DATE", "XXXX-XX-XX", "", False
    return "DATE", tc.day_value(day + dt.timedelta(days=step)), "", True


def _set_word(m: re.Match[str], c: Context) -> Found:
    return "SET", SETS[m[1].lower()], "", True


def _present(m: re.Match[str], c: Context) -> Found:
    return "DATE", REFS[m[1].lower()], "", True


# Before "früher", these make it a comparative ("zwei Tage früher", "viel früher") or an adjective
# ("ein früher Tod"); after it, "als", "oder" ("früher oder später") and "dran" do.
_NOT_REF_BEFORE = frozenset(
    "ein eines einem einen einer der des dem den die sein seine ihr ihre viel etwas noch "
    "deutlich wesentlich weit immer umso desto je so zu eher tage wochen monate jahre "
    "stunden minuten tag woche monat jahr stunde".split()
)
_NOT_REF_AFTER = frozenset("als oder dran".split())


_AMOUNTS = frozenset("eine einen einem einige mehrere wenige paar zwei drei vier fünf zehn".split())


def _ref_adverb(m: re.Match[str], c: Context) -> Found:
    before = c.text[max(0, m.start() - 32) : m.start()].split()
    after = c.text[m.end() : m.end() + 16].split()
    if before and before[-1].lower() in _NOT_REF_BEFORE:
        return None
    if after and after[0].lower().rstrip(".,;:!?") in _NOT_REF_AFTER:
        return None
    if (
        m[1].lower() == "früher"
        and len(before) >= 2
        and before[-1][:1].isupper()
        and (before[-2].isdigit() or before[-2].lower() in _AMOUNTS)
    ):
        return None  # a comparative after an amount: "eine Runde früher", "einige Erdzeitalter früher"
    return "DATE", REF_ADVERBS[m[1].lower()], "", True


def _ref_phrase(m: re.Match[str], c: Context) -> Found:
    return "DATE", REF_PHRASES[" ".join(m["x"].lower().split())], "", True


def _this_year(m: re.Match[str], c: Context) -> Found:
    return ("DATE", f"{c.ref.year:04d}", "", True) if c.ref else ("DATE", "XXXX", "", False)


def _part_alone(m: re.Match[str], c: Context) -> Found:
    if not c.anchors:
        return None
    day, ok = anchor_day(c, m.start())
    return "TIME", f"{day}T{PARTS[m['part'].lower()]}", "", ok


def _year_before(m: re.Match[str], c: Context) -> Found:
    if not c.anchors:
        return None
    year = year_in_focus(c, m.start())
    return ("DATE", f"{year - 1:04d}", "", True) if year is not None else ("DATE", "XXXX", "", False)


def _part_set(m: re.Match[str], c: Context) -> Found:
    # "des Abends" is the noun; "3 Uhr morgens" a time of day, not every morning.
    if m[1][:1].isupper() and c.sentence_start(m.start()) != m.start():
        return None
    if c.text[max(0, m.start() - 4) : m.start()].rstrip().endswith("Uhr"):
        return None
    return "SET", f"XXXX-XX-XXT{PARTS[m[1].lower().removesuffix('s')]}", "", True


def _weekend(m: re.Match[str], c: Context) -> Found:
    if c.ref is None:
        return "DATE", "XXXX-WXX-WE", "", False
    before = m[0].lower()
    step = -1 if re.search(LAST, before) else 1 if re.search(NEXT, before) else 0
    if not step:
        direction = c.tense_at(m.start(), m.end())
        # Reported after the weekend (Monday to Thursday), a past weekend is last week's.
        step = -1 if direction < 0 and c.ref.weekday() < 4 else 0
    return "DATE", tc.shift(c.ref, "W", step) + "-WE", "", True


def _season(m: re.Match[str], c: Context) -> Found:
    if not m[0][:1].isupper():
        return None
    code = SEASONS[m[1].lower()]
    if m[2]:
        return "DATE", f"{m[2]}-{code}", "", True
    if c.ref is None:
        return "DATE", f"XXXX-{code}", "", False
    return "DATE", f"{c.ref.year:04d}-{code}", "", True
