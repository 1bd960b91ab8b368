"""Labels the corpus decides: evidence about a name from all the articles that mention it.

The tagger reads one sentence at a time; some things only the corpus tells. A word written
after a definite article is no person, nor is one written as a web address ("Heise.de"); a
listed company is an organisation; a noun in capitals
that is counted ("1.000 SMS") is no name. ``relabel`` applies them to the tagger's mentions
before names are carried across the corpus and grouped (``entities.annotate``).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from tui.nlp.features import Lexicon
from tui.nlp.names import majority
from tui.nlp.spans import Span


def relabel(texts: Sequence[str], mentions: list[list[Span]], lexicon: Lexicon) -> list[list[Span]]:
    """The tagger's ``mentions`` of each of ``texts`` with the corpus's corrections."""
    return common_acronyms(texts, listed_companies(web_names(texts, not_people(texts, mentions)), lexicon), lexicon)


# A definite article and the capitalised word after it ("des Wifo").
_AFTER_ARTICLE = re.compile(r"\b[Dd](?:er|ie|as|em|en|es)\s+([A-ZÄÖÜ][\w-]*)")


# A relative pronoun, not an article: after a comma, or a comma and a preposition ("Viele, die
# Kurz kritisierten", "die Nacht, in der Li ihn traf").
_RELATIVE = re.compile(r",\s*(?:[a-zäöü]+\s+)?$")
_RELATIVE_REACH = 24


def not_people(texts: Sequence[str], mentions: list[list[Span]]) -> list[list[Span]]:
    """Mentions of one-word "people" that the corpus writes after a definite article ("das
    Wifo", "des Wifo") become organisations, or what else the tagger called them.

    German news names a person without an article (in the GermEval training data 2% of the
    people stand after one, 40% of the organisations); an unknown word that is a person
    where it "sagt" or "berichtet" is an institute, a company or a medium where it follows
    "des". A quarter of its occurrences, and two at least, must say so. What else the tagger
    called it twice at least it becomes; an organisation otherwise.
    """
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for spans in mentions:
        for s in spans:
            if " " not in s.text:
                votes[s.text][s.label] += 1
    people = {name for name, c in votes.items() if majority(c) == "PER"}
    if not people:
        return mentions
    after: Counter[str] = Counter()
    for text in texts:
        for m in _AFTER_ARTICLE.finditer(text):
            if m[1] in people and not _RELATIVE.search(text, max(0, m.start() - _RELATIVE_REACH), m.start()):
                after[m[1]] += 1
    relabel = {}
    for name, n in after.items():
        c = votes[name]
        # The article's own mentions may not have been tagged: they count on top.
        if n >= 2 and 4 * n >= c.total() + n:
            others = Counter({lab: k for lab, k in c.items() if lab != "PER"})
            relabel[name] = majority(others) if others.total() >= 2 else "ORG"
    return _relabelled(mentions, relabel)


def _relabelled(mentions: list[list[Span]], relabel: dict[str, str]) -> list[list[Span]]:
    if not relabel:
        return mentions
    return [
        [Span(s.start, s.end, relabel[s.text], s.text) if s.text in relabel else s for s in spans] for spans in mentions
    ]


# A web address written as a name ("Heise.de", "Golem.de"), not a link ("www.strache.at").
_SITE = re.compile(r"(?<![\w./@-])([A-ZÄÖÜ][\w-]+)\.(?:de|at|ch|com|net|org|eu|info)\b")


def web_names(texts: Sequence[str], mentions: list[list[Span]]) -> list[list[Span]]:
    """One-word "people" that the corpus also writes as a web address are the site's
    publisher ("berichtet Heise", "wie Heise.de berichtet"): organisations, except in an
    article that names a person of that name in full ("Thomas Heise")."""
    people = {s.text for spans in mentions for s in spans if s.label == "PER" and " " not in s.text}
    if not people:
        return mentions
    sites = {m[1] for text in texts for m in _SITE.finditer(text)} & people
    if not sites:
        return mentions
    out = []
    for spans in mentions:
        named = {s.text.rsplit(" ", 1)[-1] for s in spans if s.label == "PER" and " " in s.text}
        relabel = {name: "ORG" for name in sites - named}
        out.append(_relabelled([spans], relabel)[0])
    return out


_PERSON_NAMES = frozenset({"PER", "FIRST", "LAST"})


def listed_companies(mentions: list[list[Span]], lexicon: Lexicon) -> list[list[Span]]:
    """Mentions of listed companies are organisations: "Netflix" that "erzählt" a series is
    no person. One word that is also a first or family name ("Ford", "Porsche") keeps the
    tagger's label, and so does one word it calls a place ("Nokia" is a town too)."""

    def label(s: Span) -> str:
        if s.label == "ORG" or (" " not in s.text and s.label != "PER"):
            return s.label
        labels = lexicon.labels_of(s.text)
        return "ORG" if "COMPANY" in labels and not labels & _PERSON_NAMES else s.label

    return [
        [s if (new := label(s)) == s.label else Span(s.start, s.end, new, s.text) for s in spans] for spans in mentions
    ]


# What counts a word in capitals like a noun: "1.000 SMS", "per SMS", "einem SMS", "Millionen SMS".
_COUNTING = re.compile(
    r"(?:\b(?:[Ee]ine?[mnrs]?|[Kk]eine?[mnrs]?|per|[Jj]ede[mnrs]?|[Vv]iele|[Ww]enige[rn]?|mehr|mehrere"
    r"|Millionen|Milliarden|Tausende)|\d)\s+$"
)
_CAPITALS = re.compile(r"\s([A-ZÄÖÜ]{2,8})(?![\w-])")
_COUNTING_REACH = 200  # characters before the word that the counting words and spaces may take


def _counted(texts: Sequence[str], words: Iterable[str]) -> Counter[str]:
    """How often each of ``words`` (in capitals) is counted in ``texts``: words in capitals
    are looked for first, and what counts them only right before those asked about (looking
    for the counting words everywhere took a tenth of a second per 1,000 articles)."""
    wanted = set(words)
    counted: Counter[str] = Counter()
    for text in texts:
        for m in _CAPITALS.finditer(text):
            if m[1] in wanted and _COUNTING.search(text, max(0, m.start() - _COUNTING_REACH), m.start() + 1):
                counted[m[1]] += 1
    return counted


def common_acronyms(texts: Sequence[str], mentions: list[list[Span]], lexicon: Lexicon) -> list[list[Span]]:
    """Nouns in capitals ("SMS", "PKW") are no names where the corpus counts them like nouns
    ("1.000 SMS", "per SMS"): a quarter of their mentions, or twice. Capitals that the
    training data reads as names ("BND", "DDR") are not in question; nor is one that is
    never counted ("BAMF")."""
    found: Counter[str] = Counter()
    for spans in mentions:
        for s in spans:
            if s.text.isupper() and " " not in s.text and "ACRONYM" in lexicon.labels.get(s.text, ()):
                found[s.text] += 1
    if not found:
        return mentions
    counted = _counted(texts, found)
    nouns = {w for w, n in counted.items() if n >= 2 or 4 * n >= found[w]}
    if not nouns:
        return mentions
    return [[s for s in spans if s.text not in nouns] for spans in mentions]
