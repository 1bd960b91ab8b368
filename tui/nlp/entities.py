"""Grouping entity mentions across a corpus: one key per entity.

- Spelling and inflection: names are compared by a normalised form that folds
  case, umlauts and diacritics, common transliteration variants ("Selenskyj",
  "Selenskij"; "Wladimir", "Vladimir") and German endings ("des Weißen
  Hauses", "dem Weißen Haus"; "Putins").
- People: full names with the same surname and a compatible first name are one
  person ("Wolodymyr Selenskyj", "Wladimir Selenskij"); a bare surname joins
  the person of that surname named in the same article, else the corpus's most
  mentioned one ("Trump" -> "Donald Trump", while "Melania Trump" stays apart).
- The key is the most complete name seen (most words, then most frequent);
  the entity keeps its aliases with counts, its mention count and the label
  most of its mentions carry, which all its mentions then take.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tui.corpus.text import fold_letters
from tui.nlp import corpusrules
from tui.nlp.names import family_name, majority, name_key, phrase_norm, skeleton
from tui.nlp.spans import Span

if TYPE_CHECKING:
    from tui.nlp.ner import Recognizer


@dataclass
class Entity:
    key: str
    label: str
    aliases: Counter[Any] = field(default_factory=Counter[Any])
    mentions: int = 0
    articles: int = 0


@dataclass
class Annotation:
    """Keyed mentions per input text (same order) and the entities by key."""

    mentions: list[list[Span]]
    entities: dict[str, Entity]


def group(
    mentions: list[list[Span]],
    aliases: Iterable[frozenset[tuple[str, ...]]] = (),
    local: Sequence[Sequence[tuple[str, str]]] = (),
) -> Annotation:
    """Keys for the mentions of each document; returns new spans with ``key`` and the agreed label.
    ``aliases``: sets of normal forms (``name_key``) known to name one entity ("USA",
    "Vereinigte Staaten"); groups of places and organisations they join become one.
    ``local[d]``: (long, short) pairs that hold in document d alone (``aliases.settle``):
    there the short form is one with the long one."""
    # A name is written the same way many times: its normal forms are worked out once.
    keys: dict[tuple[str, str], tuple[str, ...]] = {}

    def key_of(text: str, label: str) -> tuple[str, ...]:
        found = keys.get((text, label))
        if found is None:
            found = keys[(text, label)] = name_key(text, label)
        return found

    # 1. Mentions with the same normalised name are one group, whatever label each got.
    groups: dict[tuple[Any, ...], list[tuple[int, int]]] = defaultdict(list)  # norm -> (doc, index)
    labels: dict[tuple[Any, ...], Counter[Any]] = defaultdict(Counter)
    initial_of: dict[tuple[int, int], str] = {}  # a short form's mention -> its long form's initial
    for d, spans in enumerate(mentions):
        here = {name_key(short, ""): long for long, short in local[d]} if d < len(local) else {}
        for i, s in enumerate(spans):
            norm = key_of(s.text, "PER" if s.label == "PER" else "")
            if s.label != "PER" and (long := here.get(norm)) is not None:
                norm, initial_of[(d, i)] = name_key(long, ""), _initial(long)
            groups[norm].append((d, i))
            labels[norm][s.label] += 1
    label_of = {norm: majority(c) for norm, c in labels.items()}
    # People are keyed by surname rules: re-key PER groups by their PER normal form.
    person_groups: dict[tuple[Any, ...], list[tuple[int, int]]] = defaultdict(list)
    other: dict[tuple[Any, ...], list[tuple[int, int]]] = {}
    for norm, members in groups.items():
        if label_of[norm] == "PER":
            for d, i in members:
                person_groups[key_of(mentions[d][i].text, "PER")].append((d, i))
        else:
            # Transliteration folds "Selenskyj" into "Selenskij", and so "Siri" into "Syrien":
            # places and organisations also keep their first two letters apart.
            for d, i in members:
                initial = initial_of.get((d, i)) or _initial(mentions[d][i].text)
                other.setdefault((*norm, initial), []).append((d, i))
    parent = _merge_people(person_groups)
    # 2. Bare surnames join a full name.
    full_by_surname: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    for norm in person_groups:
        if len(norm) > 1 and parent[norm] == norm:
            full_by_surname[norm[-1]].append(norm)
    size: Counter[Any] = Counter()
    for norm, members in person_groups.items():
        size[parent[norm]] += len(members)
    docs_of: dict[tuple[Any, ...], Counter[Any]] = defaultdict(Counter)
    for norm, members in person_groups.items():
        for d, _ in members:
            docs_of[parent[norm]][d] += 1
    assignment: dict[tuple[int, int], tuple[Any, ...]] = {}
    for norm, members in person_groups.items():
        target = parent[norm]
        cands = full_by_surname.get(norm[0], []) if len(norm) == 1 else []
        for d, i in members:
            if cands:
                in_doc = [c for c in cands if docs_of[c][d]]
                pool = in_doc or cands
                assignment[(d, i)] = max(pool, key=lambda c: (docs_of[c][d], size[c], c))
            else:
                assignment[(d, i)] = target
    root = _join_aliases(other, aliases, lambda members: majority(Counter(mentions[d][i].label for d, i in members)))
    label_by_root: dict[tuple[Any, ...], Counter[Any]] = defaultdict(Counter)
    for norm, members in other.items():
        label_by_root[root[norm]].update(mentions[d][i].label for d, i in members)
    for norm, members in other.items():
        r = root[norm]
        for m in members:
            assignment[m] = ("~" + majority(label_by_root[r]), *r[:-1])
    return _build(mentions, assignment)


def _initial(name: str) -> str:
    return fold_letters(name[:2].lower())


def _join_aliases(
    groups: dict[tuple[Any, ...], list[Any]],
    aliases: Iterable[frozenset[tuple[str, ...]]],
    label_of: Callable[[list[tuple[int, int]]], str],
) -> dict[tuple[Any, ...], tuple[Any, ...]]:
    """Group -> root, the groups of one alias set joined (the most mentioned is the root).
    A group is its normal form and its initial (``_initial``); aliases name normal forms."""
    parent = {n: n for n in groups}

    def find(n: tuple[Any, ...]) -> tuple[Any, ...]:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    by_norm: dict[tuple[Any, ...], list[tuple[Any, ...]]] = defaultdict(list)
    for n in groups:
        by_norm[n[:-1]].append(n)
    labels = {}
    for names in aliases:
        present = [g for n in names for g in by_norm.get(n, ())]
        if len(present) < 2:
            continue
        # Aliases join only groups of one label: "Austria" the club stays apart from Österreich.
        for g in present:
            if g not in labels:
                labels[g] = label_of(groups[g])
        best = max(present, key=lambda g: len(groups[g]))
        present = sorted((g for g in present if labels[g] == labels[best]), key=lambda n: (-len(groups[n]), n))
        for n in present[1:]:
            a, b = find(present[0]), find(n)
            if a != b:
                if (-len(groups[b]), b) < (-len(groups[a]), a):
                    a, b = b, a
                parent[b] = a
    return {n: find(n) for n in groups}


def _merge_people(person_groups: dict[tuple[Any, ...], list[Any]]) -> dict[tuple[Any, ...], tuple[Any, ...]]:
    """Full names with equal surname and first-name skeleton are one person; returns group -> root."""
    parent = {n: n for n in person_groups}
    by_key: dict[tuple[Any, ...], tuple[Any, ...]] = {}
    for norm in sorted(person_groups, key=lambda n: (-len(person_groups[n]), n)):
        if len(norm) < 2:
            continue
        k = (skeleton(norm[0]), norm[-1])
        root = by_key.setdefault(k, norm)
        parent[norm] = root
    return parent


def _build(mentions: list[list[Span]], assignment: dict[tuple[int, int], tuple[Any, ...]]) -> Annotation:
    members: dict[tuple[Any, ...], list[tuple[int, int]]] = defaultdict(list)
    for m, target in assignment.items():
        members[target].append(m)
    keyed: list[list[Span]] = [list(spans) for spans in mentions]
    entities: dict[str, Entity] = {}
    for target, ms in members.items():
        spans = [mentions[d][i] for d, i in ms]
        aliases = Counter(s.text for s in spans)
        label = majority(Counter(s.label for s in spans))
        key = _key(aliases, label)
        if key in entities and entities[key].label != label:
            key = f"{key} ({label})"
        ent = entities.get(key)
        if ent is None:
            ent = entities[key] = Entity(key, label)
        ent.aliases.update(aliases)
        ent.mentions += len(spans)
        ent.articles += len({d for d, _ in ms})
        for d, i in ms:
            s = mentions[d][i]
            keyed[d][i] = Span(s.start, s.end, label, s.text, key)
    return Annotation(keyed, entities)


# Adjective endings, the nominative ones first: "Weißes Haus", "Islamischer Staat" before
# "Weiße Haus", before "Weißen Hauses".
_ENDING_RANK = (("es", 0), ("er", 0), ("e", 1), ("en", 2), ("em", 2), ("ens", 2))


def _key(aliases: Counter[Any], label: str) -> str:
    """The most complete name; of a place's or an organisation's inflected forms the
    nominative ("Weißes Haus", "Ungarn"), then the most frequent."""
    if label != "PER":
        # Of aliases ("USA", "Vereinigte Staaten"), the name written most often; of its
        # forms, the nominative.
        forms: dict[tuple[Any, ...], list[str]] = defaultdict(list)
        for a in aliases:
            forms[phrase_norm(a)].append(a)
        cands = max(forms.values(), key=lambda fs: (sum(aliases[f] for f in fs), max(fs)))
        if len(cands) > 1:
            present = set(cands)
            # An inflected form gives way to its base: "Ungarns" to "Ungarn", "Weltkriegs" to
            # "Weltkrieg", "Niederlanden" to "Niederlande" (but "Bayern" not to a stray "Bayer").
            cands = [
                a
                for a in cands
                if not any(
                    a.endswith(end) and a[: -len(end)] in present and 4 * aliases[a[: -len(end)]] >= aliases[a]
                    for end in ("s", "es", "n")
                )
            ] or cands
            # "Süddeutscher Zeitung" once ("laut Süddeutscher Zeitung") is no nominative beside
            # five "Süddeutsche Zeitung": a form counts when written at least a quarter as often.
            top = max(aliases[a] for a in cands)
            cands = [a for a in cands if 4 * aliases[a] >= top]
        return min(cands, key=lambda a: (_adjective_rank(a), -aliases[a], len(a), a))
    most = max(len(a.split()) for a in aliases)
    cands = [a for a in aliases if len(a.split()) == most]
    return max(cands, key=lambda a: (aliases[a], -len(a), a))


def _adjective_rank(name: str) -> int:
    rank = 0
    for w in name.split()[:-1]:
        low = w.lower()
        rank += next((r for end, r in sorted(_ENDING_RANK, key=lambda e: -len(e[0])) if low.endswith(end)), 1)
    return rank


def corpus_names(mentions: list[list[Span]]) -> dict[str, str]:
    """The corpus's verdict per name, for names found twice, in full, or as acronyms."""
    votes: dict[str, Counter[Any]] = defaultdict(Counter)
    for spans in mentions:
        for s in spans:
            votes[s.text][s.label] += 1
            # Full names vote for their family name: "Wolodymyr Selenskyj" makes "Selenskyj" a
            # person, unless the bare word is more often something else ("Washington").
            if s.label == "PER" and (last := family_name(s.text)):
                votes[last]["PER"] += 1
    out = {}
    for name, c in votes.items():
        if c.total() >= 2 or " " in name or (name.isupper() and len(name) >= 3):
            out[name] = majority(c)
    return out


_TAG_BATCH = 32

# What propagates a corpus's names (name -> label) into its texts, each text's mentions and the
# names that act as institutions there, in order; None where it could not.
Propagated = list[tuple[list[Span], set[str]]]
Spread = Callable[[list[str], list[list[Span]], dict[str, str]], "Propagated | None"]


def propagated(
    texts: Sequence[str], first: Sequence[list[Span]], names: dict[str, str], recognizer: Recognizer | None = None
) -> Propagated:
    """Each text's first-pass mentions ``first`` with the corpus's ``names`` carried into it and
    its labels made consistent (``Recognizer.propagate``): a text's result depends on that text
    and ``names`` alone, so texts may be propagated in parts, anywhere."""
    from tui.nlp.consistency import NameIndex
    from tui.nlp.ner import default_recognizer

    rec = recognizer or default_recognizer()
    known = NameIndex(names)
    return [rec.propagate(text, spans, known) for text, spans in zip(texts, first, strict=True)]


def annotate(
    texts: list[str],
    recognizer: Recognizer | None = None,
    progress: Callable[[int, int], None] | None = None,
    tagged: Sequence[list[Span] | None] | None = None,
    spread: Spread | None = None,
) -> Annotation:
    """Recognise, propagate names across the corpus, and group: the whole entity layer.
    ``progress(done, total)`` is called as texts are recognised (most of the time is spent there).
    ``tagged`` may give each text's first-pass tags (``Recognizer.tag``) where already known,
    None where not: only those texts are recognised again. ``spread`` may do the propagation of
    the corpus's names into each text elsewhere (``propagated``, in other processes); where it
    gives None, it is done here."""
    from tui.nlp.aliases import alias_sets, defined_organisations, definitions, settle
    from tui.nlp.ner import as_institutions, default_recognizer

    rec: Recognizer = recognizer or default_recognizer()
    # Carrying the names into the texts looks up their words in the lexicon, for texts tagged
    # before (by another process) too: their volume counts where that is done here. Done
    # elsewhere (``spread``), this process looks up a few words per text, which the lexicon's
    # tables as read answer fast enough.
    before = sum(len(texts[i]) for i in range(len(texts)) if tagged is not None and tagged[i] is not None)
    if spread is None:
        rec.expect(before)
    first: list[list[Span]] = []
    # Texts not tagged yet are tagged a few dozen at a time: together, the decoder's work per
    # position is shared by all their sentences.
    for at in range(0, len(texts), _TAG_BATCH):
        part = range(at, min(len(texts), at + _TAG_BATCH))
        todo = [i for i in part if tagged is None or tagged[i] is None]
        fresh = dict(zip(todo, rec.tag_many([texts[i] for i in todo]))) if todo else {}
        for i in part:
            done = fresh[i] if i in fresh else tagged[i] if tagged is not None else None
            assert done is not None  # what was not tagged before was tagged now
            first.append(done)
            if progress:
                progress(len(first), len(texts))
    first = corpusrules.relabel(texts, first, rec.lexicon)
    names = corpus_names(first)
    carried = spread(texts, first, names) if spread is not None else None
    if carried is None:
        if spread is not None:  # (it could not be done elsewhere)
            rec.expect(before)
        carried = propagated(texts, first, names, rec)
    final: list[list[Span]] = []
    acting: Counter[Any] = Counter()
    for spans, found in carried:
        final.append(as_institutions(spans, found) if found else spans)
        acting.update(found)
    # A seat of government that acts as an institution in a good share of the articles naming
    # it ("der Kreml bestätigte") is one everywhere; a region that once "fordert" is still a place.
    if acting:
        named = Counter(n for spans in final for n in {s.text for s in spans if s.text in acting})
        acting_names = {n for n, k in acting.items() if 4 * k >= named[n]}
        if acting_names:
            final = [as_institutions(spans, acting_names) for spans in final]
    final = [defined_organisations(text, spans) for text, spans in zip(texts, final)]
    defined = settle(
        [definitions(text, spans) for text, spans in zip(texts, final)], [[s.text for s in spans] for spans in final]
    )
    return group(final, alias_sets(defined.corpus), defined.local)
