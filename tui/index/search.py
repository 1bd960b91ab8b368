"""The in-memory index: one immutable object built from the annotated articles.

``Index.build(articles, entities, dates)`` analyses every article once;
``index.search(query)`` answers the query language of ``tui.index.query``
with BM25-ranked hits (title matches boosted), snippets with match offsets,
and facet counts over the whole result set. Storage stays behind these two
methods, so a persistent or larger-than-memory backend can replace it.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from tui.index.analysis import analyze, fold, iter_terms, terms
from tui.index.query import ENTITY_FIELDS, Query, QueryError, Term, parse
from tui.nlp import timecalc as tc
from tui.nlp.names import word_norm

K1, B, TITLE_BOOST = 1.2, 0.75, 2.0
PREFIX_SCAN, PREFIX_TERMS = 2000, 12  # word forms looked at, and terms kept, for a typed prefix
SNIPPET_CHARS = 160


@dataclass(frozen=True)
class Hit:
    id: str
    title: str
    score: float
    snippet: str
    snippet_matches: tuple[tuple[int, int], ...]  # offsets into ``snippet``; all matches: Index.highlights


@dataclass
class Facets:
    entities: dict[str, Counter] = field(default_factory=dict)  # label -> key -> articles
    sources: Counter = field(default_factory=Counter)
    published: Counter = field(default_factory=Counter)  # "2025-03" -> articles
    mentioned: Counter = field(default_factory=Counter)  # "2025-03" -> articles mentioning it


class Result:
    """Ranked hits, the number of matching articles, and facets over all of them (counted on
    first use: search as you type does not pay for facets it does not show)."""

    def __init__(self, hits: list[Hit], total: int, index: Index, matched: set[int]) -> None:
        self.hits = hits
        self.total = total
        self._index = index
        self._matched = matched

    @cached_property
    def facets(self) -> Facets:
        return self._index._facets(self._matched)


@dataclass
class _Doc:
    id: str
    title: str
    text: str
    source: str | None
    published: dt.date | None
    length: int
    entities: tuple[tuple[str, str], ...]  # (label, key)
    mentioned: tuple[tuple[dt.date, dt.date], ...]  # periods of resolved dates in the text


class Index:
    def __init__(self) -> None:
        self._docs: list[_Doc] = []
        self._postings: dict[str, dict[int, list[int]]] = {}
        self._title: dict[str, set[int]] = {}
        self._surfaces: list[str] = []  # sorted folded word forms, for prefixes
        self._surface_terms: dict[str, set[str]] = {}
        self._names: dict[str | None, dict[str, set[int]]] = {}  # label (None: any) -> folded name -> docs
        self._avglen = 1.0

    @classmethod
    def build(cls, articles, entities=None, dates=None) -> Index:
        """The index of ``articles``; ``entities`` (Spans with keys) and ``dates`` (Timex) per article."""
        idx = cls()
        postings: dict[str, dict[int, list[int]]] = defaultdict(dict)
        surfaces: dict[str, set[str]] = defaultdict(set)
        names: dict[str | None, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
        for d, article in enumerate(articles):
            spans = entities[d] if entities else []
            timexes = dates[d] if dates else []
            analysed = analyze(article.text)
            for t in analysed:
                postings[t.term].setdefault(d, []).append(t.position)
                surfaces[fold(article.text[t.start : t.end])].add(t.term)
            for t in analyze(article.title or ""):
                idx._title.setdefault(t.term, set()).add(d)
            keys = tuple(dict.fromkeys((s.label, s.key or s.text) for s in spans))
            for s in spans:
                for name in (s.key, s.text):
                    if name:
                        # "putin" finds "Wladimir Putin"; "selenskij" finds "Selenskyj".
                        for form in {name_form(name), *map(name_form, name.split())}:
                            names[s.label][form].add(d)
                            names[None][form].add(d)
            mentioned = []
            for t in timexes:
                start = tc.value_start(t.value) if t.resolved and t.type in ("DATE", "TIME") else None
                if start is not None:
                    mentioned.append((start, _period_end(t.value, start)))
            published = article.published.date if article.published else None
            length = analysed[-1].position + 1 if analysed else 0
            idx._docs.append(_Doc(article.id, article.title, article.text, article.source, published, length,
                                  keys, tuple(mentioned)))
        idx._postings = dict(postings)
        idx._surface_terms = dict(surfaces)
        idx._surfaces = sorted(surfaces)
        idx._names = {label: dict(v) for label, v in names.items()}
        idx._avglen = (sum(d.length for d in idx._docs) / len(idx._docs)) if idx._docs else 1.0
        return idx

    def __len__(self) -> int:
        return len(self._docs)

    # -- matching -------------------------------------------------------------------------

    def _word_docs(self, term: str) -> set[int]:
        """Articles with the term in their text or their title."""
        return set(self._postings.get(term, ())) | self._title.get(term, set())

    def _prefix_terms(self, word: str) -> set[str]:
        """The commonest terms whose words start with ``word``: what the typist most likely means."""
        prefix = fold(word)
        i = bisect.bisect_left(self._surfaces, prefix)
        found: set[str] = set()
        end = min(len(self._surfaces), i + PREFIX_SCAN)
        while i < end and self._surfaces[i].startswith(prefix):
            found |= self._surface_terms[self._surfaces[i]]
            i += 1
        return set(sorted(found, key=lambda t: -len(self._postings.get(t, ())))[:PREFIX_TERMS])

    def _phrase_docs(self, phrase: str) -> set[int]:
        words = terms(phrase)
        if not words:
            return set()
        docs = set(self._postings.get(words[0], ()))
        for w in words[1:]:
            docs &= set(self._postings.get(w, ()))
        out = set()
        for d in docs:
            starts = set(self._postings[words[0]][d])
            for k, w in enumerate(words[1:], 1):
                starts &= {p - k for p in self._postings[w][d]}
            if starts:
                out.add(d)
        return out

    def _field_docs(self, t: Term) -> set[int]:
        if t.field in ENTITY_FIELDS:
            return set(self._names.get(ENTITY_FIELDS[t.field], {}).get(name_form(t.text), ()))
        if t.field == "source":
            want = fold(t.text)
            return {i for i, d in enumerate(self._docs) if d.source and want in fold(d.source)}
        lo, hi = t.period
        if t.field == "after":
            lo, hi = hi + dt.timedelta(days=1), dt.date.max
        elif t.field == "before":
            lo, hi = dt.date.min, lo - dt.timedelta(days=1)
        return {i for i, d in enumerate(self._docs)
                if (d.published and lo <= d.published <= hi) or any(a <= hi and lo <= b for a, b in d.mentioned)}

    def _term_docs(self, t: Term, prefix: bool) -> tuple[set[int], list[str]]:
        """Documents matching one term, and the index terms that score it."""
        if t.field is not None:
            return self._field_docs(t), []
        if t.phrase:
            return self._phrase_docs(t.text), terms(t.text)
        words = terms(t.text)
        if not words:
            return set(), []
        if prefix:
            found = self._prefix_terms(t.text) | {words[0]}
            docs: set[int] = set()
            for w in found:
                docs |= self._word_docs(w)
            return docs, sorted(found)
        docs = self._word_docs(words[0])
        for w in words[1:]:  # "Ukraine-Krieg" typed as one word: all its parts
            docs &= self._word_docs(w)
        return docs, words

    # -- searching ------------------------------------------------------------------------

    def search(self, query: str | Query, limit: int = 50, prefix: bool = False) -> Result:
        """Ranked hits for ``query`` (a string in the query language, or parsed); with ``prefix``
        the query's last word also matches longer words (search as you type)."""
        q = parse(query) if isinstance(query, str) else query
        last = q.last_word if prefix else None
        matched: set[int] | None = None
        scoring: list[str] = []
        for clause in q.clauses:
            positive = [t for t in clause if not t.negated]
            if positive:
                docs: set[int] = set()
                for t in positive:
                    found, words = self._term_docs(t, t is last)
                    docs |= found
                    scoring += words
                matched = docs if matched is None else matched & docs
            for t in clause:
                if t.negated:
                    excluded, _ = self._term_docs(t, False)
                    matched = (set(range(len(self._docs))) if matched is None else matched) - excluded
        matched = matched or set()
        ranked = sorted(matched, key=lambda d: (-self._score(d, scoring), self._docs[d].id))
        hits = [self._hit(d, scoring) for d in ranked[:limit]]
        return Result(hits, len(matched), self, matched)

    def _score(self, d: int, words: list[str]) -> float:
        n = len(self._docs)
        doc = self._docs[d]
        score = 0.0
        for w in set(words):
            posting = self._postings.get(w)
            if not posting:
                continue
            idf = math.log(1 + (n - len(posting) + 0.5) / (len(posting) + 0.5))
            tf = len(posting.get(d, ()))
            if tf:
                score += idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * doc.length / self._avglen))
            if d in self._title.get(w, ()):
                score += TITLE_BOOST * idf
        return score

    def _hit(self, d: int, words: list[str]) -> Hit:
        doc = self._docs[d]
        wanted = set(words)
        text = doc.text
        first = next((t.start for t in iter_terms(text) if t.term in wanted), 0)
        start = max(0, first - SNIPPET_CHARS // 3)
        if start:
            space = text.find(" ", start, first)
            start = space + 1 if space >= 0 else start
        end = min(len(text), start + SNIPPET_CHARS)
        snippet = text[start:end].replace("\n", " ")
        inside = tuple(sorted({(t.start - start, t.end - start) for t in iter_terms(text, start, end)
                               if t.term in wanted and t.end <= end}))
        return Hit(doc.id, doc.title, round(self._score(d, words), 4), snippet, inside)

    def highlights(self, article_id: str, query: str | Query) -> list[tuple[int, int]]:
        """Offsets of every match of ``query``'s words in the article's text, for the reader pane."""
        q = parse(query) if isinstance(query, str) else query
        wanted = set()
        for clause in q.clauses:
            for t in clause:
                if t.field is None and not t.negated:
                    wanted.update(terms(t.text))
        doc = next((x for x in self._docs if x.id == article_id), None)
        if doc is None:
            return []
        return sorted({(t.start, t.end) for t in iter_terms(doc.text) if t.term in wanted})

    def _facets(self, docs: set[int]) -> Facets:
        f = Facets()
        for d in docs:
            doc = self._docs[d]
            for label, key in doc.entities:
                f.entities.setdefault(label, Counter())[key] += 1
            if doc.source:
                f.sources[doc.source] += 1
            if doc.published:
                f.published[doc.published.strftime("%Y-%m")] += 1
            for month in {a.strftime("%Y-%m") for a, b in doc.mentioned if (b - a).days < 32}:
                f.mentioned[month] += 1
        return f


def name_form(name: str) -> str:
    """Names compared ignoring case, accents and transliteration: "Selenskij" = "Selenskyj"."""
    return " ".join(word_norm(w) for w in name.split())


def _period_end(value: str, start: dt.date) -> dt.date:
    g = tc.granularity(value)
    if g in ("day", "time"):
        return start
    if g == "week":
        return start + dt.timedelta(days=6)
    if g == "month":
        return (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    if g in ("quarter", "season"):
        return start + dt.timedelta(days=91)
    return dt.date(start.year, 12, 31)


__all__ = ["Facets", "Hit", "Index", "QueryError", "Result"]
