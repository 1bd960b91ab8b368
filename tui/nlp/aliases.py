"""Other names of one entity, found in data rather than listed by hand.

- CLDR (Babel): a territory's German name and its ISO code where news writes
  the code: "USA" (the alpha-3 code) for "Vereinigte Staaten"; "EU" and "UN"
  (codes of groupings, not of countries) for "Europäische Union" and
  "Vereinte Nationen", also with the "O" of "Organisation" ("UNO"). Two-letter
  country codes are left out ("IS" is far more often the Islamic State than
  Iceland), and so are English names ("Austria" is more often the football club).
- Definitions in the text itself: "der Internationale Währungsfonds (IWF)",
  "Vereinten Nationen (UN)". The short form must be an abbreviation of the
  long one: its letters appear in the long form in order, the first letter
  first (Schwartz and Hearst, "A simple algorithm for identifying
  abbreviation definitions in biomedical text", 2003). A definition that only
  one text gives holds in that text (``settle``). Where one form of a definition is an
  organisation, the other is too (``defined_organisations``).

``name_key`` normal forms are compared, so inflected mentions ("der
Vereinigten Staaten") find their aliases too.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from tui.nlp.names import name_key
from tui.nlp.spans import Span

_ACRONYM = re.compile(r"[A-ZÄÖÜ][A-ZÄÖÜa-z0-9&.-]{1,9}")


@cache
def cldr_aliases() -> tuple[frozenset[tuple[str, ...]], ...]:
    """Sets of normal forms that name one territory or grouping."""
    from babel import Locale
    from babel.core import get_global

    de = Locale.parse("de").territories
    alpha3: dict[str, list[str]] = {}
    for code, targets in get_global("territory_aliases").items():
        # QAA-QZZ are for private use (CLDR gives "QUU" to the EU): no ISO country code.
        if len(code) == 3 and code.isalpha() and not code.startswith("Q") and len(targets) == 1:
            alpha3.setdefault(targets[0], []).append(code)
    out = []
    for code, name in de.items():
        if not code.isalpha():
            continue
        # The ISO code, not a former one: "DEU", not "DDR"; "USA"; "AUT" for "AT".
        codes = [c for c in alpha3.get(code, ()) if c[0] == code[0] and code[1] in c[1:]]
        forms = {name, *codes}
        if code not in alpha3:  # a grouping: its code is the acronym news uses ("EU", "UN")
            # and, for an organisation of states, that code with its "O" ("UNO", "Uno").
            forms.update((code, code + "O"))
        norms = frozenset(name_key(f, "") for f in forms if f)
        if len(norms) > 1:
            out.append(norms)
    return tuple(out)


def is_abbreviation(short: str, long: str) -> bool:
    """Whether ``short`` abbreviates ``long``: "IWF" of "Internationaler Währungsfonds",
    "DOSB" of "Deutscher Olympischer Sportbund", not "UNO" of "Vereinte Nationen"."""
    s = [c for c in short.lower() if c.isalnum()]
    words = [w for w in re.split(r"[\s-]+", long.lower()) if w]
    if len(s) < 2 or not words or s[0] != words[0][:1]:
        return False
    text = " ".join(words)
    j = len(text)
    # From the end, each letter of the short form found further left; the first is the
    # long form's first letter, checked above.
    for k in range(len(s) - 1, 0, -1):
        j = text.rfind(s[k], 0, j)
        if j <= 0:
            return False
    return True


def definitions(text: str, spans: Sequence[Span]) -> list[tuple[str, str]]:
    """(long, short) pairs defined in ``text``: a name of several words right before a
    parenthesised abbreviation of it, "Europäische Union (EU)"."""
    out = []
    for s in spans:
        if s.label == "PER" or " " not in s.text:
            continue
        rest = text[s.end : s.end + 16]
        m = re.match(r"\s*\(\s*(" + _ACRONYM.pattern + r")\s*\)", rest)
        if m and is_abbreviation(m.group(1), s.text):
            out.append((s.text, m.group(1)))
    return out


_DEFINED = re.compile(r"\(\s*(" + _ACRONYM.pattern + r")\s*\)")
_WORD = re.compile(r"[\w'’.&-]+")


def definitions_in_text(text: str) -> list[tuple[str, str]]:
    """(long, short) pairs defined in running text without knowing its names: the long
    form is the shortest run of words before the parenthesis that the short form
    abbreviates, beginning with a capital (at most min(|short| + 3, 2 |short|) words, a
    little tighter than Schwartz and Hearst's bound). For the training command, which mines
    them from news."""
    return [(long, short) for _, _, long, short, _ in _defined_at(text)]


def _defined_at(text: str) -> list[tuple[int, int, str, str, int]]:
    """``definitions_in_text`` with where the long form begins and ends in ``text``, and where
    the short form begins."""
    out = []
    for m in _DEFINED.finditer(text):
        short = m.group(1)
        if sum(c.isupper() for c in short) < 2 and len(short) > 5:
            continue  # "(Untreue)": a word in brackets, no abbreviation
        at = max(0, m.start() - 200)
        window = text[at : m.start()]
        cut = list(re.finditer(r"[.!?:;]\s", window))
        if cut:
            at += cut[-1].end()
            window = window[cut[-1].end() :]
        before = list(_WORD.finditer(window))[-min(len(short) + 3, 2 * len(short)) :]
        if any(c.isdigit() for w in before for c in w[0]):
            continue
        for k in range(len(before) - 1, -1, -1):
            first = before[k][0]
            if first[:1].isupper() and first[:1].lower() == short[:1].lower():
                long = " ".join(w[0] for w in before[k:])
                if is_abbreviation(short, long):
                    out.append((at + before[k].start(), at + before[-1].end(), long, short, m.start(1)))
                break
    return out


def defined_organisations(text: str, spans: list[Span]) -> list[Span]:
    """``spans`` (sorted, not overlapping) with both forms of a definition organisations
    where one is: "International Council on Security and Development (ICOS)", "Verkehrsbetriebe
    Hamburg-Holstein AG (VHH)". A definition names one thing twice; shorter mentions inside
    the long form give way to it ("Bündnis Zukunft Österreich (BZÖ)", not "Österreich")."""
    if "(" not in text:
        return spans
    found = _defined_at(text)
    if not found:
        return spans
    at = {(s.start, s.end): s for s in spans}
    add: list[Span] = []
    drop: set[tuple[int, int]] = set()
    for a, b, _, short, i in found:
        j = i + len(short)
        long_span, short_span = at.get((a, b)), at.get((i, j))
        if short_span is not None and short_span.label == "ORG" and (long_span is None or long_span.label != "ORG"):
            inner = [s for s in spans if s.start < b and s.end > a]
            if all(a <= s.start and s.end <= b for s in inner) and not any(s.label == "PER" for s in inner):
                drop.update((s.start, s.end) for s in inner)
                add.append(Span(a, b, "ORG", text[a:b]))
        elif long_span is not None and long_span.label == "ORG" and " " in long_span.text and short_span is None:
            if not any(s.start < j and s.end > i for s in spans):
                add.append(Span(i, j, "ORG", short))
    if not add:
        return spans
    return sorted([s for s in spans if (s.start, s.end) not in drop] + add, key=lambda s: s.start)


@dataclass
class Definitions:
    """What a corpus's definitions (``definitions``) say, and how far each holds.

    One text defining "Arbeitsgemeinschaft für demokratische Politik (AFP)" says what "AFP"
    means there, not in the twelve others where it is the news agency. A definition holds
    across the corpus when the long form is named (or defined) in a fifth at least of the texts
    that name the short one; of two names defined by one abbreviation ("IWF": "Internationaler
    Währungsfonds", "Internet Watch Foundation") only one three times as well attested as the
    other. Any other definition holds in the text that gives it."""

    corpus: list[tuple[str, str]]  # (long, short) pairs that hold in every text
    local: list[list[tuple[str, str]]]  # per text, the pairs that hold in it alone


def settle(defined: Sequence[Sequence[tuple[str, str]]], named: Sequence[Iterable[str]]) -> Definitions:
    """``defined[i]``: the (long, short) pairs text i defines; ``named[i]``: the names it
    mentions (its mentions' texts)."""
    # Short form -> long name (its first and last word) -> the (long, short) pairs and the texts.
    found: dict[tuple[str, ...], dict[tuple[str, ...], tuple[set[tuple[str, str]], set[int]]]] = defaultdict(dict)
    longs: dict[tuple[str, ...], tuple[tuple[str, ...], tuple[str, ...]]] = {}  # long norm -> (short, name)
    for i, pairs in enumerate(defined):
        for long, short in pairs:
            norm = name_key(long, "")
            # Inflected or differently hyphenated forms of one name share their first and last
            # word: "Internationalen Währungsfonds", "Internationale Währungsfonds";
            # "Gewerkschaftsbund", "Gewerkschafts-Bund".
            bare = name_key(long.replace("-", ""), "")
            name = (bare[0], bare[-1])
            entry = found[name_key(short, "")].setdefault(name, (set(), set()))
            entry[0].add((long, short))
            entry[1].add(i)
            longs[norm] = (name_key(short, ""), name)
    if not found:
        return Definitions([], [[] for _ in defined])
    short_texts: dict[tuple[str, ...], set[int]] = defaultdict(set)
    for i, names in enumerate(named):
        for text in set(names):
            norm = name_key(text, "")
            if norm in found:
                short_texts[norm].add(i)
            if (hit := longs.get(norm)) is not None:
                found[hit[0]][hit[1]][1].add(i)
    corpus: set[tuple[str, str]] = set()
    for key, meanings in found.items():
        ranked = sorted(meanings.values(), key=lambda e: -len(e[1]))
        held, where = ranked[0]
        if len(ranked) > 1 and len(where) < 3 * len(ranked[1][1]):
            continue
        if 5 * len(where) >= len(short_texts[key] | where):
            corpus |= held
    local = [[p for p in pairs if p not in corpus] for pairs in defined]
    return Definitions(sorted(corpus), local)


def alias_sets(pairs: Iterable[tuple[str, str]]) -> list[frozenset[tuple[str, ...]]]:
    """CLDR's alias sets, the shipped ones (``tui.nlp.resources.aliases``) and those of
    ``pairs`` of names, as normal forms."""
    from tui.nlp import resources

    return [*cldr_aliases(), *resources.aliases(), *(frozenset({name_key(a, ""), name_key(b, "")}) for a, b in pairs)]
