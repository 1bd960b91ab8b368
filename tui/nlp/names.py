"""Normal forms of names, so that spelling, transliteration and inflection variants compare equal.

Folds case, umlauts and diacritics and common transliteration variants
("Selenskyj"/"Selenskij", "Wladimir"/"Vladimir", "Peskow"/"Peskov"), and
takes German endings off with the Snowball stemmer ("des Weißen Hauses",
"dem Weißen Haus").
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

_TRANSLIT = (("ß", "ss"), ("ph", "f"), ("tsch", "ch"), ("sch", "sh"), ("ck", "k"), ("w", "v"), ("y", "i"))
_FOLD = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "’": "'"})
# Ties between labels go to the one least often wrong for an unknown capitalised phrase.
_TIE_ORDER = {"LOC": 0, "ORG": 1, "MISC": 2, "PER": 3}


def majority(labels: Counter) -> str:
    return max(labels.items(), key=lambda kv: (kv[1], -_TIE_ORDER.get(kv[0], 9)))[0]


@lru_cache(maxsize=200_000)
def word_norm(word: str) -> str:
    w = word.lower().translate(_FOLD)
    w = "".join(c for c in unicodedata.normalize("NFKD", w) if not unicodedata.combining(c))
    for a, b in _TRANSLIT:
        w = w.replace(a, b)
    if w.endswith("'s") or w.endswith("'"):
        w = w.rstrip("s").rstrip("'")
    return re.sub(r"ij$", "i", w)


_ENDINGS = ("ern", "em", "en", "er", "es", "e", "s", "n")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """German inflection off, for names: "Weißen", "Weiße", "Weißes" -> "weiss";
    "Hauses", "Haus" -> "hau"; "Russlands" -> "russland"; "Kiews" -> "kiev".

    Two rounds of stripping the endings of German declension. Cruder than a
    full stemmer, and meant only to compare the forms of one name: all forms
    of a word lose the same letters, which is all that matters here.
    """
    if word.isupper():
        return word.lower()  # acronyms: "NATO", "Nato"
    w = word.lower()
    for _ in range(2):
        for end in _ENDINGS:
            if w.endswith(end) and len(w) - len(end) >= 3:
                w = w[: -len(end)]
                break
    return word_norm(w)


def name_key(text: str, label: str) -> tuple[str, ...]:
    """What two mentions must share to be one entity (before the person rules)."""
    words = text.split()
    if label == "PER":
        return tuple(word_norm(w) for w in words[:-1]) + (surname(words[-1]),)
    return phrase_norm(text)


def surname(word: str) -> str:
    # Genitive "Putins", "Selenskyjs": people's names take no other ending.
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    return word_norm(word)


def skeleton(word: str) -> str:
    """Consonants of a first name: "Wladimir" and "Wolodymyr" -> "vldmr"; "Ivana" != "Ivanka"."""
    w = re.sub(r"[aeiouj]", "", word_norm(word))
    return re.sub(r"(.)\1+", r"\1", w)


def phrase_norm(text: str) -> tuple[str, ...]:
    return tuple(stem(w) for w in text.split())
