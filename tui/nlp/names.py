"""Normal forms of names, so that spelling, transliteration and inflection variants compare equal.

Folds case, umlauts and diacritics and common transliteration variants
("Selenskyj"/"Selenskij", "Wladimir"/"Vladimir", "Peskow"/"Peskov"), and
takes German endings off with the Snowball stemmer ("des Weißen Hauses",
"dem Weißen Haus").
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Any

from tui.corpus.text import fold_letters, snowball

_TRANSLIT = (("ph", "f"), ("tsch", "ch"), ("sch", "sh"), ("ck", "k"), ("w", "v"), ("y", "i"))
# Ties between labels go to the one least often wrong for an unknown capitalised phrase.
_TIE_ORDER = {"LOC": 0, "ORG": 1, "MISC": 2, "PER": 3}


def majority(labels: Counter[Any]) -> str:
    best: str = max(labels.items(), key=lambda kv: (kv[1], -_TIE_ORDER.get(kv[0], 9)))[0]
    return best


@lru_cache(maxsize=200_000)
def word_norm(word: str) -> str:
    w = fold_letters(word.lower())
    for a, b in _TRANSLIT:
        w = w.replace(a, b)
    if w.endswith("'s") or w.endswith("'"):
        w = w.rstrip("s").rstrip("'")
    return re.sub(r"ij$", "i", w)


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """German inflection off, for names: "Weißen", "Weiße", "Weißes" -> "weiss";
    "Hauses", "Haus" -> "hau"; "Russlands" -> "russland"; "Kiews" -> "kiev".

    The Snowball German stemmer, then a final "s" off, as names take a genitive "s"
    after any letter ("Kiews", "Moskaus"). It is meant only to compare the forms of one
    name: all forms of a word lose the same letters, which is all that matters here.
    """
    if word.isupper():
        return word.lower()  # acronyms: "NATO", "Nato"
    w = snowball(word.lower())
    if len(w) >= 4 and w.endswith("s") and not w.endswith("ss"):
        w = w[:-1]
    return word_norm(w)


# Particles of family names: "Ursula von der Leyen", "Thomas de Maizière", "Bashar al-Assad".
# A closed class of a dozen function words in the languages news names come from.
PARTICLES = frozenset("von vom zu van der den de del della di da dos du le la ten ter al el bin ibn ben y".split())


def split_person(text: str) -> tuple[list[str], str]:
    """(given names, family name) of a person's name; the family name keeps its particles:
    "Alexander Van der Bellen" -> (["Alexander"], "Van der Bellen"); "Putin" -> ([], "Putin")."""
    words = text.split()
    i = len(words) - 1
    while i > 0 and words[i - 1].lower() in PARTICLES:
        i -= 1
    if i == 0 and len(words) > 1 and words[0].lower() not in PARTICLES:
        i = len(words) - 1
    return words[:i], " ".join(words[i:])


def family_name(text: str) -> str | None:
    """The family name of a full name ("von der Leyen", "Putin"), None for a bare one or one
    that does not end in a capitalised word of three letters or more."""
    given, family = split_person(text)
    last = family.rsplit(" ", 1)[-1]
    return family if given and last[:1].isupper() and last[-1:].isalpha() and len(last) > 2 else None


def name_key(text: str, label: str) -> tuple[str, ...]:
    """What two mentions must share to be one entity (before the person rules)."""
    if label == "PER":
        given, family = split_person(text)
        words = family.split()
        return (*(word_norm(w) for w in given), " ".join([*map(word_norm, words[:-1]), surname(words[-1])]))
    return phrase_norm(text)


def surname(word: str) -> str:
    # Genitive "Putins", "Selenskyjs": people's names take no other ending.
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    return word_norm(word)


_DEVOICE = str.maketrans("dbg", "tpk")


def skeleton(word: str) -> str:
    """Consonants of a first name: "Wladimir" and "Wolodymyr" -> "vldmr"; "Ivana" != "Ivanka"."""
    w = re.sub(r"[aeiouj]", "", word_norm(word))
    # Final devoicing in transliteration: "Ahmed"/"Ahmet", "Mehmed"/"Mehmet".
    return re.sub(r"(.)\1+", r"\1", w).translate(_DEVOICE)


def phrase_norm(text: str) -> tuple[str, ...]:
    words = text.split()
    if len(words) == 1:
        return (noun_stem(words[0]),)
    return tuple(stem(w) for w in words)


def noun_stem(word: str) -> str:
    """``stem`` of a name of one word, which is a noun: its "-er" is no ending but a word of its
    own, a demonym, a club, a surname ("Ulmer", "Wiener", "Berliner" are not Ulm, Wien and
    Berlin), and it keeps it in the genitive ("Hannovers", "Hannover")."""
    low = word.lower()
    base = low[:-1] if low.endswith("ers") else low
    if base.endswith("er") and not word.isupper():
        return word_norm(base)
    return stem(word)
