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
from dataclasses import dataclass, field

from tui.nlp.names import majority, name_key, skeleton
from tui.nlp.spans import Span


@dataclass
class Entity:
    key: str
    label: str
    aliases: Counter = field(default_factory=Counter)
    mentions: int = 0
    articles: int = 0


@dataclass
class Annotation:
    """Keyed mentions per input text (same order) and the entities by key."""

    mentions: list[list[Span]]
    entities: dict[str, Entity]


def group(mentions: list[list[Span]]) -> Annotation:
    """Keys for the mentions of each document; returns new spans with ``key`` and the agreed label."""
    # 1. Mentions with the same normalised name are one group, whatever label each got.
    groups: dict[tuple, list[tuple[int, int]]] = defaultdict(list)  # norm -> (doc, index)
    labels: dict[tuple, Counter] = defaultdict(Counter)
    for d, spans in enumerate(mentions):
        for i, s in enumerate(spans):
            norm = name_key(s.text, s.label) if s.label == "PER" else name_key(s.text, "")
            groups[norm].append((d, i))
            labels[norm][s.label] += 1
    label_of = {norm: majority(c) for norm, c in labels.items()}
    # People are keyed by surname rules: re-key PER groups by their PER normal form.
    person_groups: dict[tuple, list[tuple[int, int]]] = defaultdict(list)
    other: dict[tuple, list[tuple[int, int]]] = {}
    for norm, members in groups.items():
        if label_of[norm] == "PER":
            for d, i in members:
                person_groups[name_key(mentions[d][i].text, "PER")].append((d, i))
        else:
            other[norm] = members
    parent = _merge_people(person_groups)
    # 2. Bare surnames join a full name.
    full_by_surname: dict[str, list[tuple]] = defaultdict(list)
    for norm in person_groups:
        if len(norm) > 1 and parent[norm] == norm:
            full_by_surname[norm[-1]].append(norm)
    size: Counter = Counter()
    for norm, members in person_groups.items():
        size[parent[norm]] += len(members)
    docs_of: dict[tuple, Counter] = defaultdict(Counter)
    for norm, members in person_groups.items():
        for d, _ in members:
            docs_of[parent[norm]][d] += 1
    assignment: dict[tuple[int, int], tuple] = {}
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
    for norm, members in other.items():
        for m in members:
            assignment[m] = ("~" + label_of[norm], *norm)
    return _build(mentions, assignment)


def _merge_people(person_groups: dict[tuple, list]) -> dict[tuple, tuple]:
    """Full names with equal surname and first-name skeleton are one person; returns group -> root."""
    parent = {n: n for n in person_groups}
    by_key: dict[tuple, tuple] = {}
    for norm in sorted(person_groups, key=lambda n: (-len(person_groups[n]), n)):
        if len(norm) < 2:
            continue
        k = (skeleton(norm[0]), norm[-1])
        root = by_key.setdefault(k, norm)
        parent[norm] = root
    return parent


def _build(mentions: list[list[Span]], assignment: dict[tuple[int, int], tuple]) -> Annotation:
    members: dict[tuple, list[tuple[int, int]]] = defaultdict(list)
    for m, target in assignment.items():
        members[target].append(m)
    keyed: list[list[Span]] = [list(spans) for spans in mentions]
    entities: dict[str, Entity] = {}
    for target, ms in members.items():
        spans = [mentions[d][i] for d, i in ms]
        aliases = Counter(s.text for s in spans)
        label = majority(Counter(s.label for s in spans))
        key = max(aliases, key=lambda a: (len(a.split()), aliases[a], -len(a), a))
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


def corpus_names(mentions: list[list[Span]]) -> dict[str, str]:
    """The corpus's verdict per name, for names found twice, in full, or as acronyms."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for spans in mentions:
        for s in spans:
            votes[s.text][s.label] += 1
            if s.label == "PER" and " " in s.text:
                # Full names vote for their surname: "Wolodymyr Selenskyj" makes "Selenskyj" a
                # person, unless the bare word is more often something else ("Washington").
                last = s.text.rsplit(" ", 1)[1]
                if last[:1].isupper() and len(last) > 2:
                    votes[last]["PER"] += 1
    out = {}
    for name, c in votes.items():
        if c.total() >= 2 or " " in name or (name.isupper() and len(name) >= 3):
            out[name] = majority(c)
    return out


def annotate(texts: list[str], recognizer=None, progress=None, tagged=None) -> Annotation:
    """Recognise, propagate names across the corpus, and group: the whole entity layer.
    ``progress(done, total)`` is called as texts are recognised (most of the time is spent there).
    ``tagged`` may give each text's first-pass tags (``Recognizer.tag``) where already known,
    None where not: only those texts are recognised again."""
    from tui.nlp.ner import NameIndex, Recognizer, as_institutions, default_recognizer

    rec: Recognizer = recognizer or default_recognizer()
    first = []
    for i, text in enumerate(texts):
        known = tagged[i] if tagged is not None else None
        first.append(known if known is not None else rec.tag(text))
        if progress:
            progress(len(first), len(texts))
    known = NameIndex(corpus_names(first))
    final: list[list[Span]] = []
    acting: set[str] = set()
    for text, spans in zip(texts, first):
        spans, found = rec.propagate(text, spans, known)
        final.append(spans)
        acting |= found
    # A seat of government that acts as an institution anywhere is one everywhere.
    if acting:
        final = [as_institutions(spans, acting) for spans in final]
    return group(final)
