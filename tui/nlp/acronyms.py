"""Abbreviations in capitals that nothing knows: organisations.

The tagger leaves most abbreviations it has never seen untagged ("die ICBL", "der CICIG"),
though in the GermEval training data 453 of the 795 abbreviations met once are organisations.
Abbreviations of common things ("DNA", "USB", "CEO") are frequent in a large corpus, and so
they have a word cluster; those of the many bodies, commissions, funds and parties the news
names each now and then have none. So an abbreviation of three to six capitals that no list
knows, that a large corpus has never written, and that is no word or name written in capitals
("WIEN", "ACHTUNG"), nor a country's three-letter code ("UZB"), is an organisation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from tui.nlp.features import Lexicon

Chunk = tuple[int, int, str]

_CAPITALS = re.compile(r"[A-ZÄÖÜ]{3,6}")


@cache
def _country_codes() -> frozenset[str]:
    """Three-letter codes of territories by CLDR ("AUT", "UZB"): results tables write them."""
    from babel.core import get_global

    return frozenset(code for code in get_global("territory_aliases") if len(code) == 3 and code.isalpha())


def _unknown(word: str, lexicon: Lexicon) -> bool:
    if lexicon.labels.get(word) or lexicon.cluster(word) is not None or word in _country_codes():
        return False
    # A word or name in capitals: "ACHTUNG", "WIEN".
    for form in (word.capitalize(), word.lower()):
        if lexicon.labels.get(form) or lexicon.cluster(form) is not None:
            return False
    return True


def unknown_acronyms(words: Sequence[str], chunks: list[Chunk], lexicon: Lexicon) -> list[Chunk]:
    """``chunks`` of one sentence's ``words`` and an organisation for each abbreviation in
    capitals, outside them, that nothing knows. Not in a sentence written in capitals (a
    headline), where any word may look like one."""
    # (``isupper`` first: the tagger's hot path, and few words are in capitals.)
    found = [i for i, w in enumerate(words) if w.isupper() and 2 < len(w) < 7 and _CAPITALS.fullmatch(w)]
    if not found:
        return chunks
    letters = [w for w in words if w[:1].isalpha()]
    if 2 * sum(w.isupper() for w in letters) > len(letters):
        return chunks
    covered = {i for a, b, _ in chunks for i in range(a, b)}
    extra = [(i, i + 1, "ORG") for i in found if i not in covered and _unknown(words[i], lexicon)]
    return sorted(chunks + extra) if extra else chunks
