"""What a sentence tagger gets wrong about German names, put right with the lexicon.

German capitalises every noun, so a tagger trained on a few thousand
sentences takes some nouns for names, and corpus-wide consistency would then
spread that mistake to every occurrence of the noun. These rules read the
lexicon (``NOUN`` from Wikidata's German lexemes, ``UNIT`` and ``LANG`` from
CLDR) and the immediate context:

- a unit or currency ("Euro", "Tonnen", "Prozent") is no name;
- a language after a preposition, or as a bare MISC ("auf Deutsch",
  "Englisch"), is no name;
- a capitalised word at the start of a sentence whose lower-case form is the
  commoner one ("Ist", "Jetzt") is no name unless a name list knows it;
- a common noun read as a noun ("in Kraft", "diese Jobs", "sechsfache Mutter")
  is no person, and is not given a label by consistency;
- a compound of a name and a noun ("Ukraine-Krieg") is no MISC name;
- a country or city the name lists know, and no organisation's name, is a place;
- family-name particles join the name: "Alexander Van der Bellen" is one span;
  so does a first name the tagger set apart ("Steve" "Jobs"), and a surname it
  left out after a lone first name ("Stefan" "Kraft").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tui.nlp.features import Lexicon
from tui.nlp.names import PARTICLES

# Particles that never begin anything else in German text ("der", "den", "zu" do).
LEADING_PARTICLES = PARTICLES - frozenset("der den zu vom la le el al y".split())

Chunk = tuple[int, int, str]

NAME_LABELS = frozenset({"PER", "LOC", "ORG", "PLACE", "CITY", "FIRST"})
_PLACE_OR_PERSON = frozenset({"PLACE", "CITY", "TOWN", "FIRST", "LAST"})
_NOUNISH = frozenset({"NOUN", "LANG", "UNIT"})
# Before a common noun, rarely before a bare name: articles, prepositions, determiners, quantifiers.
NOUN_BEFORE = frozenset(
    """der die das den dem des ein eine einen einem einer eines kein keine keinen keinem keiner
    an auf aus bei durch für gegen hinter in im ins nach neben ohne seit über um unter
    vom vor während wegen zum zur zwischen am beim trotz samt
    seine seinen seinem seiner seines ihre ihren ihrem ihrer ihres unsere unseren unserem
    dieser dieses diesem diese diesen jene jenen jener jenes jeder jede jeden jedem jedes
    alle allen aller viele vielen mehrere einige einigen manche manchen solche solchen
    welche welchen welcher welches keinerlei mein meine meinen meinem meiner dein deine euer eure
    zwei drei vier fünf sechs sieben acht neun zehn zwölf hundert tausend""".split()
)
SENTENCE_END = frozenset({".", "!", "?", ":", ";", '"', "„", "“", "”", "«", "»", "(", "-", "–"})
_ADJECTIVE_ENDINGS = ("e", "er", "en", "es", "em")
_NOT_ADJECTIVES = frozenset("aber oder wieder immer nie je sehr sagen sagten meinen".split())
_VERB_ENDINGS = ("te", "ten", "tet")  # "sagte Koch", "meinten", "erklärtet": past tense, no adjective


_DASHES = frozenset("-–—")

# Lower-case words a title may hold: "Herr der Ringe", "Krieg und Frieden", "House of Cards".
_TITLE_WORDS = frozenset("und oder of the and for in on to de la le et".split())
# A score or a time: "2:3", "1:42,121", "3:35:49,5". No name holds one (a decimal may:
# "Radio 88,6").
_SCORE = re.compile(r"\d+(?:[.,]\d+)*:\d+(?:[.,:]\d+)*")
# Counting words and negations: "SV Grödig für zwei Spiele", "Ministerduo kein Blatt".
_NO_NAME_WORDS = frozenset(
    """zwei drei vier fünf sechs sieben acht neun zehn elf zwölf hundert tausend
    kein keine keinen keinem keiner keines keinerlei""".split()
)
# What a name does not end with, once what followed it is cut off.
_JOINING = PARTICLES | _TITLE_WORDS | frozenset("für am im an auf bei - – — , &".split())


def _is_clause(words: Sequence[str]) -> bool:
    """A MISC run that reads as a clause, not a title: many lower-case words, or in a long
    run a lower-case word that is neither a function word nor an inflected adjective
    ("St. Franziskuskirche begeistert Jugendliche und Erwachsene")."""
    lower = [w for w in words if w[:1].islower()]
    if len(words) >= 4 and 2 * len(lower) > len(words):
        return True
    return len(words) >= 5 and any(
        w not in _TITLE_WORDS and w not in NOUN_BEFORE and not w.endswith(("e", "en", "er", "es", "em")) for w in lower
    )


def noun_like(word: str, lexicon: Lexicon) -> bool:
    """A common noun, language or unit by the lexicon (it may be a name as well: "Koch")."""
    labels = lexicon.labels.get(word)
    if labels is None and "-" in word:
        labels = lexicon.labels.get(word.rsplit("-", 1)[1])
    return bool(labels and labels & _NOUNISH)


_DETERMINERS = frozenset(
    "der die das dem den des ein eine einer eines einem einen diese dieser dieses diesem diesen".split()
)


def is_type_noun(words: Sequence[str], i: int, lexicon: Lexicon) -> bool:
    """Word i is a noun of a type of name after a determiner: "die Zeitung", "des Verlags", "das
    Klinikum". The training data has these words before names and inside them ("Süddeutsche
    Zeitung"), so the lexicon lists them as names too; alone after an article they are nouns."""
    labels = lexicon.labels.get(words[i], frozenset())
    if not any(lab.startswith("TRIG") for lab in labels) or labels & _PLACE_OR_PERSON:
        return False
    # Over the adjectives in between: "der französischen Zeitung", "einer großen britischen Zeitung".
    j = i - 1
    while j >= 0 and i - j <= 3 and words[j][:1].islower() and words[j].endswith(("e", "en", "er", "es", "em")):
        if words[j] in _DETERMINERS:
            return True
        j -= 1
    return j >= 0 and words[j].lower() in _DETERMINERS


def in_noun_context(words: Sequence[str], i: int) -> bool:
    """Word i follows what comes before a common noun: an article, preposition, determiner,
    number or inflected adjective ("in Kraft", "diese Jobs", "sechsfache Mutter")."""
    if i == 0:
        return False
    prev = words[i - 1]
    low = prev.lower()
    if low in NOUN_BEFORE or prev[:1].isdigit():
        return True
    return (
        prev[:1].islower()
        and len(prev) > 3
        and low.endswith(_ADJECTIVE_ENDINGS)
        and not low.endswith(_VERB_ENDINGS)
        and low not in _NOT_ADJECTIVES
    )


def at_sentence_start(words: Sequence[str], i: int) -> bool:
    return i == 0 or words[i - 1] in SENTENCE_END


def common_at_start(word: str, lexicon: Lexicon) -> bool:
    """A sentence-initial capital on a word that is mostly written in lower case ("Ist",
    "Jetzt", "Heute") and that no name list knows."""
    if word.isupper() or lexicon.labels.get(word, frozenset()) & NAME_LABELS:
        return False
    cap, low = lexicon.cluster(word), lexicon.cluster(word.lower())
    return low is not None and (cap is None or low[1] > cap[1] + 1)


_AMOUNTS = frozenset("tausend millionen milliarden billionen mio mio. mrd mrd. tsd tsd. hundert".split())


def is_unit(words: Sequence[str], i: int, lexicon: Lexicon) -> bool:
    """A currency or unit: by CLDR, and after an amount when it may be a name as well
    ("100 Franken", "drei Millionen Euro", but "Mark Zuckerberg")."""
    word = words[i]
    labels = lexicon.labels.get(word, frozenset())
    if "-" in word:  # "US-Dollar"
        labels = labels | lexicon.labels.get(word.rsplit("-", 1)[-1], frozenset())
    if "UNIT" not in labels:
        return False
    if not labels & (NAME_LABELS | {"LAST"}):
        return True
    return after_amount(words, i) or (i > 1 and words[i - 1] == "/" and is_unit(words, i - 2, lexicon))


def is_first_name(word: str, lexicon: Lexicon) -> bool:
    """A given name by the lexicon, also a double one ("Anne-Sophie", "Hans-Peter")."""
    if "FIRST" in lexicon.labels.get(word, ()):
        return True
    parts = word.split("-")
    return len(parts) == 2 and all(p and "FIRST" in lexicon.labels.get(p, ()) for p in parts)


def after_amount(words: Sequence[str], i: int) -> bool:
    """Word i follows a number or an amount word: "2,15 Cent", "drei Millionen Euro"."""
    prev = words[i - 1].lower() if i else ""
    return prev[:1].isdigit() or prev in _AMOUNTS


_PERSONISH = frozenset({"PER", "FIRST", "LAST"})
_NOT_SURNAME = frozenset({"NOUN", "PLACE", "CITY", "TOWN", "LOC", "ORG"})


def _person_inside(words: Sequence[str], a: int, b: int, lexicon: Lexicon) -> int:
    """Where a person begins inside a MISC chunk that ends with that person: "dem Grünen
    Alexander Van der Bellen", tagged as one name, is a party's man and the man (a given name,
    then capitalised words and particles to the end); 0 if it holds none. What comes before
    must be no part of a person's name ("Tayler Jane Geddes" stays whole), and the last word
    no place or noun ("Dave Matthews Band", "Carl Zeiss Jena" are names of their own)."""
    for j in range(a + 1, b - 1):
        if is_first_name(words[j], lexicon):
            rest = words[j + 1 : b]
            if (
                all(w[:1].isupper() or w.lower() in PARTICLES for w in rest)
                and rest[-1][:1].isupper()
                and rest[-1].isalpha()
                # After a particle a family name may be any word ("Van der Bellen").
                and (
                    (len(rest) > 1 and rest[-2].lower() in PARTICLES)
                    or not lexicon.labels.get(rest[-1], frozenset()) & _NOT_SURNAME
                )
                and not any(lexicon.labels.get(w, frozenset()) & _PERSONISH for w in words[a:j])
            ):
                return j
            return 0
    return 0


def noun_compound(word: str, lexicon: Lexicon) -> bool:
    """A compound no list knows whose end is a common noun: "Enthüllungsdrama" ("Drama")."""
    if not (word[:1].isupper() and word[1:].isalpha() and word[1:].islower()):
        return False
    labels = lexicon.labels
    return any("NOUN" in labels.get(word[i].upper() + word[i + 1 :], ()) for i in range(3, len(word) - 3))


# What may join the parts of a German compound: "Staat-s-schutz", "Mitteilung-s-heft", "Rose-n-garten".
_LINKS = ("", "s", "es", "n", "en", "er", "e")
# A noun that ends this many listed family names makes family names ("-mann", "-berger", "-hofer").
_FAMILY_ENDING = 3


def noun_pair(word: str, lexicon: Lexicon) -> bool:
    """A compound no list knows of two common nouns, with or without a linking letter:
    "Staatsschutzgesetz" ("Staatsschutz", "Gesetz"), "Bildschirmhersteller". Family names are
    compounds too, but mostly of a noun that ends many listed family names ("Kachelmann",
    "Eisenberger"; the lists also know many whole: "Bergmann", "Holzapfel")."""
    if lexicon.labels.get(word) or not (word[:1].isupper() and word[1:].isalpha() and word[1:].islower()):
        return False
    labels = lexicon.labels
    for i in range(4, len(word) - 3):
        if "NOUN" not in labels.get(word[i].upper() + word[i + 1 :], ()):
            continue
        if lexicon.family_names_ending(word[i:]) >= _FAMILY_ENDING:
            return False
        first = word[:i]
        for link in _LINKS:
            stem = first[: len(first) - len(link)] if link else first
            if len(stem) >= 3 and first.endswith(link) and _only_noun(labels.get(stem, frozenset())):
                return True
    return False


def _only_noun(labels: frozenset[str]) -> bool:
    return "NOUN" in labels and not labels & (NAME_LABELS | _PERSONISH)


_PLURAL_ENDINGS = ("en", "n", "e", "er", "ern")  # (not "s": genitives end so too, "Weinviertels")
_UMLAUTS = str.maketrans("äöü", "aou")


def _plural_noun_compound(word: str, lexicon: Lexicon) -> bool:
    """A compound of common nouns no list knows ("Datendiebstähle", "Viren-Verseuchungen")
    whose last noun is a plural: the same noun without a plural ending (and its umlaut) is one."""
    parts = word.split("-")
    if len(parts) > 1:
        if not all(p[:1].isupper() and _only_noun(lexicon.labels.get(p, frozenset())) for p in parts[:-1]):
            return False
        if lexicon.labels.get(word) or not noun_like(parts[-1], lexicon):
            return False
        head = parts[-1]
    else:
        if not noun_pair(word, lexicon):
            return False
        labels = lexicon.labels
        head = next(
            (
                word[i].upper() + word[i + 1 :]
                for i in range(4, len(word) - 3)
                if "NOUN" in labels.get(word[i].upper() + word[i + 1 :], ())
            ),
            "",
        )
    for end in _PLURAL_ENDINGS:
        if head.endswith(end) and len(head) - len(end) >= 3:
            singular = head[: -len(end)]
            if {"NOUN"} <= lexicon.labels.get(singular, frozenset()) or "NOUN" in lexicon.labels.get(
                singular.translate(_UMLAUTS), ()
            ):
                return True
    return False


def _lower_lead(word: str, label: str) -> bool:
    """A lower-case word that begins no name of ``label``: an article, an adjective, a verb
    ("der Zweiten Republik", "von Save the Children"). A family name's particle begins a person
    ("van Hout", "de Maizière"), but not "der", "zu" or "la", which are German words more
    often; words with capitals inside begin names ("iPhone")."""
    return word[:1].islower() and word[1:] == word[1:].lower() and not (label == "PER" and word in LEADING_PARTICLES)


def _just_a_noun(word: str, lexicon: Lexicon) -> bool:
    return (noun_like(word, lexicon) or noun_pair(word, lexicon)) and not lexicon.labels.get(
        word, frozenset()
    ) & NAME_LABELS


def _family_after_particle(words: Sequence[str], k: int, lexicon: Lexicon) -> bool:
    """Whether word k, after "von", "van", "de" ... behind a person, may end that person's name
    ("Ursula" "von der Leyen"), rather than say where the person is from ("Hans Golob von der
    Polizei", "von der ORF-Unterhaltung", "von der MA") or name someone else ("Onkel Wanja von
    Anton Tschechow"): German capitalises its nouns, so a capital after "von" proves nothing."""
    word = words[k]
    if is_first_name(word, lexicon) and k + 1 < len(words) and words[k + 1][:1].isupper():
        return False
    if lexicon.labels.get(word, frozenset()) & _PERSONISH:
        return True
    return not ((word.isupper() and len(word) > 1) or noun_like(word, lexicon) or noun_pair(word, lexicon))


def _type_noun_first(words: Sequence[str], a: int, lexicon: Lexicon) -> bool:
    """The chunk at ``a`` begins with a common noun after a determiner, and a capitalised
    word follows it: the noun is what the name after it names ("des Fastenmonats Ramadan")."""
    labels = lexicon.labels.get(words[a], frozenset())
    return (
        a > 0
        and words[a - 1].lower() in _DETERMINERS
        and ("NOUN" in labels or (not labels and noun_compound(words[a], lexicon)))
        and not labels & NAME_LABELS
        # A noun the training data has before names ("Film", "Serie"), or a long compound
        # ("Fastenmonats", "Enthüllungsdrama"): "den Internet Explorer" keeps its first word.
        and (any(lab.startswith("TRIG") for lab in labels) or len(words[a]) >= 10)
        and words[a + 1][:1].isupper()
        and words[a + 1].isalpha()
        and len(words[a + 1]) >= 3  # "des Model X", "des Model S" are whole
    )


def _name_end(words: Sequence[str], a: int, b: int, label: str) -> int:
    """Where the name in words a..b ends: before a score or time ("Vienna Capitals 2:3 n.V.",
    "Mercedes 1:42,121"), before a counting word or a negation ("SV Grödig für zwei Spiele");
    a person's name before lower-case words that end it ("Frank Stronach de facto"; not "jun").
    Words that only join the parts of a name ("für", "de") go with what is cut off."""
    cut = b
    for j in range(a + 1, b):
        w = words[j]
        if _SCORE.fullmatch(w) or (label != "MISC" and w in _NO_NAME_WORDS):
            cut = j
            break
    if label == "PER":
        while cut - a > 1 and words[cut - 1].isalpha() and words[cut - 1].islower() and len(words[cut - 1]) >= 4:
            cut -= 1
    if cut == b:
        return b
    while cut > a and (
        words[cut - 1].lower() in _JOINING or words[cut - 1][:1].islower() or not any(map(str.isalnum, words[cut - 1]))
    ):
        cut -= 1
    return cut


def refine(words: Sequence[str], chunks: list[Chunk], lexicon: Lexicon) -> list[Chunk]:
    """The tagger's chunks of one sentence with the rules of this module applied."""
    out: list[Chunk] = []
    n = len(words)
    i = 0
    while i < len(chunks):
        a, b, label = chunks[i]
        i += 1
        # A noun phrase the tagger took for a name ("die zivilisatorische Objekte", "der
        # zweifache Familienvater", "die rote Laterne"): a title begins with no lower-case word,
        # and what is left of another name after them ("die Mitteldeutsche Zeitung") may be a noun.
        if b - a > 1 and _lower_lead(words[a], label):
            k = a
            while k < b - 1 and _lower_lead(words[k], label):
                k += 1
            if label == "MISC" or _lower_lead(words[k], label) or (b - k == 1 and _just_a_noun(words[k], lexicon)):
                continue
            a = k
        # "Alexander Van" + "der" + "Bellen", "Joseph Victor" + "von" + "Scheffel": particles and
        # the next capitalised word join a person; "der", "den", "zu" only after a particle, as
        # they are German articles too ("Schmidt den Nerv").
        if label == "PER":
            k = b
            while k < n and words[k].lower() in PARTICLES and k - b < 3:
                k += 1
            first = words[b].lower() if b < n else ""
            if (
                k > b
                and k < n
                and words[k][:1].isupper()
                and (
                    words[b - 1].lower() in PARTICLES
                    # German "von" right after a given name ("Ursula von der Leyen"); after a
                    # family name it says where one works: "Gabor Wichmann von Birdlife".
                    or (
                        first in LEADING_PARTICLES
                        and (first != "von" or is_first_name(words[b - 1], lexicon))
                        and _family_after_particle(words, k, lexicon)
                    )
                )
            ):
                nxt = chunks[i] if i < len(chunks) and chunks[i][0] == k else None
                if nxt is None or nxt[2] == "PER" or words[b - 1].lower() in PARTICLES:
                    out.append((a, nxt[1] if nxt else k + 1, "PER"))
                    i += nxt is not None
                    continue
        # "Abwehrstütze Jerome Boateng", "Gesundheitslandesrat Maurice Androsch": a compound
        # that ends in a common noun before a given name says what the person is.
        if (
            label == "PER"
            and b - a >= 3
            and is_first_name(words[a + 1], lexicon)
            and not lexicon.labels.get(words[a])
            and noun_compound(words[a].rsplit("-", 1)[-1], lexicon)
        ):
            a += 1
        # "Steve" + "Jobs": a first name right before a person is that person's first name.
        if (
            label == "PER"
            and i < len(chunks)
            and chunks[i][0] == b
            and chunks[i][2] == "PER"
            and is_first_name(words[b - 1], lexicon)
        ):
            chunks = [*chunks[:i], (a, chunks[i][1], "PER"), *chunks[i + 1 :]]
            continue
        # "Stefan" + "Kraft": a lone first name goes on into a surname the tagger left out,
        # however common a noun the surname is.
        # A double given name ("Anne-Sophie" + "Mutter") is hardly ever written without the
        # surname, whatever the surname is.
        if (
            label == "PER"
            and b - a == 1
            and b < n
            and (i >= len(chunks) or chunks[i][0] > b)
            and is_first_name(words[a], lexicon)
            and words[b][:1].isupper()
            and words[b][-1:].isalpha()
            and ("LAST" in lexicon.labels.get(words[b], ()) or "-" in words[a])
        ):
            b += 1
        # "Van der Bellen" alone: two particles and a capitalised word are a family name.
        if (
            label == "MISC"
            and b - a >= 3
            and words[a].lower() in PARTICLES
            and words[a + 1].lower() in PARTICLES
            and words[b - 1][:1].isupper()
        ):
            label = "PER"
        if label == "MISC" and b - a >= 3 and (j := _person_inside(words, a, b, lexicon)):
            a, label = j, "PER"
        # "des Fastenmonats Ramadan", "der Thriller Spotlight": the noun that says what the
        # name is stays outside it.
        if label == "MISC" and b - a >= 2 and _type_noun_first(words, a, lexicon):
            a += 1
        if all(is_unit(words, j, lexicon) for j in range(a, b)):
            continue
        # A single word after an amount is what is counted ("2,15 Cent", "30 Ecstasy"), not a
        # name of its own: products and works are named before their numbers ("Windows 10").
        if label == "MISC" and b - a == 1 and after_amount(words, a) and words[a - 1][-1:] != ".":
            continue
        b = _name_end(words, a, b, label)
        if b <= a:
            continue
        # "Windows 10 der Wechsel", "Snapdragon 810 von Qualcomm": a product's name ends with
        # its number; the lower-case words after it are the sentence's.
        if label == "MISC" and b - a > 2:
            for j in range(a + 1, b - 1):
                after = words[j + 1]
                if (
                    any(c.isdigit() for c in words[j])
                    and after.isalpha()
                    and after.islower()
                    and after not in _TITLE_WORDS
                ):
                    b = j + 1
                    break
        if label == "MISC" and _is_clause(words[a:b]):
            continue
        # "Esser – Kayhan" in a team's line-up: a dash between two words parts two names.
        if b - a == 3 and words[a + 1] in _DASHES and words[a][:1].isupper() and words[b - 1][:1].isupper():
            if label != "MISC":
                out.extend([(a, a + 1, label), (b - 1, b, label)])
            continue
        if b - a == 1:
            w = words[a]
            labels = lexicon.labels.get(w, frozenset())
            if is_type_noun(words, a, lexicon):
                continue
            # "Ukraine-Krieg", "Nato-Beitritt": a compound of a name and a common noun is about
            # the name, and no name itself (GermEval's "part" tags).
            if label == "MISC" and "-" in w and not labels:
                head, _, tail = w.rpartition("-")
                if lexicon.labels.get(head, frozenset()) & NAME_LABELS and noun_like(tail, lexicon):
                    continue
            if "LANG" in labels and (label == "MISC" or in_noun_context(words, a)):
                continue
            if at_sentence_start(words, a) and common_at_start(w, lexicon):
                continue
            # "das polizeiliche Staatsschutzgesetz", "der Bildschirmhersteller droht".
            if label == "PER" and (noun_like(w, lexicon) or noun_pair(w, lexicon)) and in_noun_context(words, a):
                continue
            # "Datendiebstähle", "Viren-Verseuchungen": places are named in the singular, however
            # many compounds of common nouns they are ("Weinviertel", "Argentinierstraße").
            if label == "LOC" and _plural_noun_compound(w, lexicon):
                continue
            # "Iran", "Syrien": a country or city the name lists know, and no organisation's
            # name, is a place whatever it does (as GermEval annotates it).
            if label == "ORG" and "PLACE" in labels and "LOC" in labels and "ORG" not in labels:
                label = "LOC"
        out.append((a, b, label))
    # A chunk grown over the next ones ("Alexander" + "Van" + "der Bellen") has taken their words.
    kept: list[Chunk] = []
    for c in out:
        if not kept or c[0] >= kept[-1][1]:
            kept.append(c)
    return kept
