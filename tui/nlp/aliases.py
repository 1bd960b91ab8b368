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
  abbreviation definitions in biomedical text", 2003).

``name_key`` normal forms are compared, so inflected mentions ("der
Vereinigten Staaten") find their aliases too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
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
    out = []
    for m in _DEFINED.finditer(text):
        short = m.group(1)
        if sum(c.isupper() for c in short) < 2 and len(short) > 5:
            continue  # "(Untreue)": a word in brackets, no abbreviation
        window = re.split(r"[.!?:;]\s", text[max(0, m.start() - 200) : m.start()])[-1]
        before = _WORD.findall(window)[-min(len(short) + 3, 2 * len(short)) :]
        if any(c.isdigit() for w in before for c in w):
            continue
        for k in range(len(before) - 1, -1, -1):
            if before[k][:1].isupper() and before[k][:1].lower() == short[:1].lower():
                long = " ".join(before[k:])
                if is_abbreviation(short, long):
                    out.append((long, short))
                break
    return out


def alias_sets(pairs: Iterable[tuple[str, str]]) -> list[frozenset[tuple[str, ...]]]:
    """CLDR's alias sets, the shipped ones (``tui.nlp.resources.aliases``) and those of
    ``pairs`` of names, as normal forms."""
    from tui.nlp import resources

    return [*cldr_aliases(), *resources.aliases(), *(frozenset({name_key(a, ""), name_key(b, "")}) for a, b in pairs)]
