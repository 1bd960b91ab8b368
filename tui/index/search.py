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
from array import array
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from tui.i18n import _
from tui.index.analysis import fold, terms
from tui.index.postings import PostingsBuilder, Vocabulary, csr, forms_regex
from tui.index.query import ENTITY_FIELDS, Query, QueryError, Term, parse
from tui.nlp import timevalue
from tui.nlp.names import word_norm

TITLE_BOOST = 2.0
PREFIX_SCAN, PREFIX_TERMS = 2000, 12  # word forms looked at, and terms kept, for a typed prefix
MIN_PREFIX = 2  # a single typed letter is not expanded: it would match most of the corpus
SNIPPET_CHARS = 160
_NO_DATE = 0  # ordinal for "no publication date"; real dates start at 1


@dataclass(frozen=True)
class Hit:
    """One ranked article; its snippet is cut on first use (a result list may be long)."""

    id: str
    title: str
    score: float
    _cut: object = field(repr=False, compare=False, default=None)

    @cached_property
    def _snippet(self) -> tuple[str, tuple[tuple[int, int], ...]]:
        return self._cut() if self._cut else ("", ())

    @property
    def snippet(self) -> str:
        return self._snippet[0]

    @property
    def snippet_matches(self) -> tuple[tuple[int, int], ...]:
        """Offsets of the matches into ``snippet``; every match in the article: ``Index.highlights``."""
        return self._snippet[1]


@dataclass
class Facets:
    entities: dict[str, Counter] = field(default_factory=dict)  # label -> key -> articles
    sources: Counter = field(default_factory=Counter)
    published: Counter = field(default_factory=Counter)  # "2025-03" -> articles
    mentioned: Counter = field(default_factory=Counter)  # "2025-03" -> articles mentioning it


class Result:
    """Ranked hits, the number of matching articles, and facets over all of them (counted on
    first use: search as you type does not pay for facets it does not show)."""

    def __init__(self, ranked: np.ndarray, scores: np.ndarray, index: Index, matched: np.ndarray,
                 scored: bool, cut) -> None:
        self.ranked = ranked  # article positions (in the order given to Index.build), best first
        self.total = int(np.count_nonzero(matched))
        self.scored = scored  # False when no word of the query ranks (only filters, or nothing)
        self._scores = scores
        self._index = index
        self._matched = matched
        self._cut = cut

    @cached_property
    def hits(self) -> list[Hit]:
        index = self._index
        return [Hit(index._ids[d], index._titles[d], round(float(self._scores[d]), 4), self._cut(d))
                for d in self.ranked.tolist()]

    @cached_property
    def facets(self) -> Facets:
        return self._index._facets(self._matched)


class Index:
    """Immutable once built; every method answers from the arrays ``build`` made."""

    def __init__(self) -> None:
        self._ids: list[str] = []
        self._titles: list[str] = []
        self._texts: list[str] = []
        self._position: dict[str, int] = {}
        self._id_rank = np.zeros(0, dtype=np.int64)
        self._patterns: dict = {}  # compiled patterns by term sequence (see _regex)

    @classmethod
    def build(cls, articles, entities=None, dates=None, vocabulary: Vocabulary | None = None) -> Index:
        """The index of ``articles``; ``entities`` (Spans with keys) and ``dates`` (Timex) per article.
        ``vocabulary``: term ids to go on from (``tui.index.merge``), else a new one."""
        idx = cls()
        vocabulary = vocabulary if vocabulary is not None else Vocabulary()
        text, title = PostingsBuilder(vocabulary), PostingsBuilder(vocabulary)
        names: dict[str | None, dict[str, list[int]]] = {}
        keys: dict[tuple[str, str], int] = {}
        months: dict[str, int] = {}
        sources: dict[str, int] = {}
        ent_doc, ent_key, pub_day, pub_month, source_of = (array("i") for _ in range(5))
        span_doc, span_lo, span_hi, ment_doc, ment_month = (array("i") for _ in range(5))
        for d, article in enumerate(articles):
            idx._ids.append(article.id)
            idx._titles.append(article.title)
            idx._texts.append(article.text)
            text.add(article.text)
            title.add(article.title or "")
            doc_keys: set[int] = set()
            for s in (entities[d] if entities else ()):
                k = keys.setdefault((s.label, s.key or s.text), len(keys))
                if k not in doc_keys:
                    doc_keys.add(k)
                    ent_doc.append(d)
                    ent_key.append(k)
                for name in (s.key, s.text):
                    if name:
                        # "putin" finds "Wladimir Putin"; "selenskij" finds "Selenskyj".
                        for form in {name_form(name), *map(name_form, name.split())}:
                            for label in (s.label, None):
                                docs = names.setdefault(label, {}).setdefault(form, [])
                                if not docs or docs[-1] != d:
                                    docs.append(d)
            seen_months = set()
            for t in (dates[d] if dates else ()):
                when = t.when()
                period = timevalue.parse(when) if when else None
                if period is None or period.start is None:
                    continue
                start, end = period.start, period.end
                span_doc.append(d)
                span_lo.append(start.toordinal())
                span_hi.append(end.toordinal())
                if (end - start).days < 32 and (m := start.strftime("%Y-%m")) not in seen_months:
                    seen_months.add(m)
                    ment_doc.append(d)
                    ment_month.append(months.setdefault(m, len(months)))
            published = article.published.date if article.published else None
            pub_day.append(published.toordinal() if published else _NO_DATE)
            pub_month.append(months.setdefault(published.strftime("%Y-%m"), len(months)) if published else -1)
            source_of.append(sources.setdefault(article.source, len(sources)) if article.source else -1)
        idx._text = text.finish(weighted=True)
        idx._title = title.finish(weighted=False)
        idx._term_ids = vocabulary.ids
        idx._forms = vocabulary.forms
        idx._surfaces = sorted(vocabulary.surfaces)
        idx._surface_offsets, idx._surface_ids = csr(vocabulary.surfaces[s] for s in idx._surfaces)
        # Articles naming each (label, name form), label "" standing for any label.
        idx._name_rows = {_name_key(label, form): i for i, (label, form) in
                          enumerate((label, form) for label, forms in names.items() for form in forms)}
        idx._name_offsets, idx._name_docs = csr(docs for forms in names.values() for docs in forms.values())
        idx._keys = list(keys)
        idx._months = list(months)
        idx._sources = list(sources)
        as_np = lambda a: np.asarray(a, dtype=np.int32)  # noqa: E731
        idx._ent_doc, idx._ent_key = as_np(ent_doc), as_np(ent_key)
        idx._pub_day, idx._pub_month, idx._source_of = as_np(pub_day), as_np(pub_month), as_np(source_of)
        idx._span_doc, idx._span_lo, idx._span_hi = as_np(span_doc), as_np(span_lo), as_np(span_hi)
        idx._ment_doc, idx._ment_month = as_np(ment_doc), as_np(ment_month)
        idx._position = {a: i for i, a in enumerate(idx._ids)}
        idx._id_rank = np.zeros(len(idx._ids), dtype=np.int64)
        idx._id_rank[sorted(range(len(idx._ids)), key=idx._ids.__getitem__)] = np.arange(len(idx._ids))
        return idx

    def __len__(self) -> int:
        return len(self._ids)

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        del state["_patterns"]  # compiled patterns are rebuilt on demand
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._patterns = {}

    def with_texts(self, texts) -> Index:
        """The same index reading the article texts from ``texts`` (a sequence in article order,
        e.g. packed in a snapshot) instead of the list it was built with."""
        if len(texts) != len(self):
            raise ValueError("one text per article")
        other = Index.__new__(Index)
        other.__setstate__({**self.__getstate__(), "_texts": texts})
        return other

    @property
    def ids(self) -> list[str]:
        return self._ids

    @property
    def titles(self) -> list[str]:
        return self._titles

    def publication_days(self) -> np.ndarray:
        """Each article's publication day as an ordinal (0: none)."""
        return self._pub_day

    @property
    def positions(self) -> dict[str, int]:
        """Article id -> position (read only)."""
        return self._position

    @property
    def nbytes(self) -> int:
        """Bytes held in the posting arrays (article texts are the caller's and not counted)."""
        return self._text.nbytes + self._title.nbytes

    # -- matching -------------------------------------------------------------------------

    def _tid(self, term: str) -> int | None:
        return self._term_ids.get(term)

    def _mark_term(self, tid: int, mask: np.ndarray) -> None:
        """Articles with the term in their text or their title."""
        mask[self._text.docs_of(tid)] = True
        mask[self._title.docs_of(tid)] = True

    def _prefix_terms(self, word: str) -> list[int]:
        """The commonest terms whose words start with ``word``: what the typist most likely means."""
        prefix = fold(word)
        i = bisect.bisect_left(self._surfaces, prefix)
        end = bisect.bisect_left(self._surfaces, prefix + "\U0010ffff", i, min(len(self._surfaces), i + PREFIX_SCAN))
        found = np.unique(self._surface_ids[self._surface_offsets[i] : self._surface_offsets[end]])
        df = self._text.dfs(found)
        return found[np.argsort(-df, kind="stable")][:PREFIX_TERMS].tolist()

    def _phrase_docs(self, phrase: str, tids: list[int]) -> np.ndarray:
        cand = np.ones(len(self), dtype=bool)
        for t in tids:
            inside = np.zeros(len(self), dtype=bool)
            inside[self._text.docs_of(t)] = True
            cand &= inside
        pattern = self._regex(tuple((t,) for t in tids))
        return np.array([d for d in np.flatnonzero(cand).tolist() if pattern.search(self._texts[d])],
                        dtype=np.int64)

    def _field_mask(self, t: Term, flags: Mapping[str, np.ndarray] | None) -> np.ndarray:
        mask = np.zeros(len(self), dtype=bool)
        if t.field == "is":
            if flags is None:
                raise QueryError(_("is:{value} needs the reading state (kept by the reader app)").format(value=t.text))
            mask |= flags[t.text]
        elif t.field in ENTITY_FIELDS:
            row = self._name_rows.get(_name_key(ENTITY_FIELDS[t.field], name_form(t.text)))
            if row is not None:
                mask[self._name_docs[self._name_offsets[row] : self._name_offsets[row + 1]]] = True
        elif t.field == "source":
            want = fold(t.text)
            ids = [i for i, s in enumerate(self._sources) if want in fold(s)]
            mask |= np.isin(self._source_of, ids)
        else:
            lo, hi = t.period
            if t.field == "after":
                lo, hi = hi + dt.timedelta(days=1), dt.date.max
            elif t.field == "before":
                lo, hi = dt.date.min, lo - dt.timedelta(days=1)
            lo, hi = lo.toordinal(), hi.toordinal()
            mask |= (self._pub_day >= max(lo, _NO_DATE + 1)) & (self._pub_day <= hi)
            mask[self._span_doc[(self._span_lo <= hi) & (self._span_hi >= lo)]] = True
        return mask

    def _term_mask(self, t: Term, prefix: bool, scoring: set[int], phrases: list | None = None,
                   flags: Mapping[str, np.ndarray] | None = None, words: set[int] | None = None) -> np.ndarray:
        """Articles matching one term; the terms that score it are added to ``scoring``, those
        matched as words on their own (not inside a phrase) to ``words`` as well."""
        words = set() if words is None else words
        if t.field is not None:
            return self._field_mask(t, flags)
        mask = np.zeros(len(self), dtype=bool)
        parts = terms(t.text)
        tids = [self._tid(w) for w in parts]
        if prefix:
            expanded = self._prefix_terms(t.text) + [tid for tid in tids[:1] if tid is not None]
            for tid in expanded:
                self._mark_term(tid, mask)
            scoring.update(expanded)
            words.update(expanded)
            return mask
        if not parts or None in tids:
            return mask
        scoring.update(tids)
        if not t.phrase:
            words.update(tids)
        if t.phrase:
            mask[self._phrase_docs(t.text, tids)] = True
            if phrases is not None:
                phrases.append(tuple((tid,) for tid in tids))
            return mask
        self._mark_term(tids[0], mask)
        for tid in tids[1:]:  # "Ukraine-Krieg" typed as one word: all its parts
            part = np.zeros(len(self), dtype=bool)
            self._mark_term(tid, part)
            mask &= part
        return mask

    # -- searching ------------------------------------------------------------------------

    def search(self, query: str | Query, limit: int | None = 50, prefix: bool = False,
               flags: Mapping[str, np.ndarray] | None = None) -> Result:
        """Ranked hits for ``query`` (a string in the query language, or parsed); with ``prefix``
        the query's last word also matches longer words (search as you type). ``limit=None``
        ranks every match. ``flags`` answers ``is:`` terms: a boolean array over the articles
        for each of ``query.IS_VALUES`` (``ReadingState.flags``); without it they are an error."""
        q = parse(query) if isinstance(query, str) else query
        last = q.last_word if prefix else None
        if last is not None and len(last.text) < MIN_PREFIX:
            last = None
        matched = np.ones(len(self), dtype=bool)  # an empty query matches every article
        scoring: set[int] = set()
        words: set[int] = set()
        phrases: list[tuple[tuple[int, ...], ...]] = []
        for clause in q.clauses:
            positive = [t for t in clause if not t.negated]
            if positive:
                docs = np.zeros(len(self), dtype=bool)
                for t in positive:
                    docs |= self._term_mask(t, t is last, scoring, phrases, flags, words)
                matched &= docs
            for t in clause:
                if t.negated:
                    matched &= ~self._term_mask(t, False, set(), flags=flags)
        found = np.flatnonzero(matched)
        scores = self._scores(scoring)
        # Best first, ties by id, in one sort of 64-bit keys: scores are float32 and never negative,
        # so their bits order like the numbers; inverted they put the best first; the id rank below.
        # A query of filters only scores nothing: newest first then, as the list is without a query.
        bits = (scores[found].view(np.uint32) if scoring else self._pub_day[found]).astype(np.uint64)
        keys = ((np.uint64(0xFFFFFFFF) - bits) << np.uint64(32)) | self._id_rank[found].astype(np.uint64)
        if limit is not None and len(found) > limit:
            top = np.argpartition(keys, max(0, limit - 1))[:limit]
            found, keys = found[top], keys[top]
        ranked = found[np.argsort(keys)]
        wanted, phrase_steps = tuple(sorted(words)), tuple(phrases)
        return Result(ranked, scores, self, matched, bool(scoring), lambda d: _Cut(self, d, wanted, phrase_steps))

    def _scores(self, tids: set[int]) -> np.ndarray:
        scores = np.zeros(len(self), dtype=np.float32)
        for t in tids:
            docs, weights = self._text.scored(t)
            scores[docs] += weights
            scores[self._title.docs_of(t)] += TITLE_BOOST * self._text.idf[t]
        return scores

    def _regex(self, sequence: tuple[tuple[int, ...], ...]):
        """The pattern for a term sequence, compiled once. A plain dict, not ``lru_cache`` on a
        bound method: that would make every index a reference cycle, which only the cyclic
        collector frees, and a replaced index (a live folder update) should go at once."""
        pattern = self._patterns.get(sequence)
        if pattern is None:
            if len(self._patterns) >= 256:
                self._patterns.clear()
            pattern = self._patterns[sequence] = forms_regex(self._forms, [list(step) for step in sequence])
        return pattern

    def _snippet(self, d: int, tids: tuple[int, ...], phrases: tuple = ()) -> tuple[str, tuple[tuple[int, int], ...]]:
        """About SNIPPET_CHARS of the text from just before its first match (of a phrase, if the
        query has one), with the offsets of the matched words in it."""
        text = self._texts[d]
        pattern = self._regex((tids,)) if tids else None
        first = next(filter(None, (self._regex(p).search(text) for p in phrases)), None)
        first = first or (pattern.search(text) if pattern else None)
        at = first.start() if first else 0
        start = max(0, at - SNIPPET_CHARS // 3)
        if start:
            space = text.find(" ", start, at)
            start = space + 1 if space >= 0 else start
        end = min(len(text), start + SNIPPET_CHARS)
        inside = tuple((a - start, b - start) for a, b in self._spans(text, tids, phrases, start, end))
        return text[start:end].replace("\n", " "), inside

    def highlights(self, article_id: str, query: str | Query, prefix: bool = False) -> list[tuple[int, int]]:
        """Offsets of every match of ``query``'s words in the article's text, for the reader pane
        (with ``prefix``, the words the last one expands to while typing as well)."""
        q = parse(query) if isinstance(query, str) else query
        d = self._position.get(article_id)
        wanted = [t for clause in q.clauses for t in clause if t.field is None and not t.negated]
        # A phrase is marked where the phrase stands, not its words wherever they are ("der").
        tids = {self._tid(w) for t in wanted if not t.phrase for w in terms(t.text)} - {None}
        phrases = [tuple((self._tid(w),) for w in terms(t.text)) for t in wanted if t.phrase]
        phrases = [p for p in phrases if p and all(step[0] is not None for step in p)]
        last = q.last_word if prefix else None
        if last is not None and len(last.text) >= MIN_PREFIX:
            tids.update(self._prefix_terms(last.text))
        if d is None or not (tids or phrases):
            return []
        return self._spans(self._texts[d], tuple(sorted(tids)), tuple(phrases), 0, len(self._texts[d]))

    def _spans(self, text: str, tids: tuple[int, ...], phrases: tuple, start: int, end: int) -> list[tuple[int, int]]:
        """Where the words ``tids`` and the ``phrases`` match in ``text[start:end]``, in order."""
        found = [m.span() for m in self._regex((tids,)).finditer(text, start, end)] if tids else []
        for p in phrases:
            found += [m.span() for m in self._regex(p).finditer(text, start, end)]
        return sorted(set(found))

    def _facets(self, mask: np.ndarray) -> Facets:
        f = Facets()
        counts = np.bincount(self._ent_key[mask[self._ent_doc]], minlength=len(self._keys))
        for k in np.flatnonzero(counts).tolist():
            label, key = self._keys[k]
            f.entities.setdefault(label, Counter())[key] = int(counts[k])
        for names, ids, counter in ((self._sources, self._source_of[mask], f.sources),
                                    (self._months, self._pub_month[mask], f.published),
                                    (self._months, self._ment_month[mask[self._ment_doc]], f.mentioned)):
            counts = np.bincount(ids[ids >= 0], minlength=len(names))
            counter.update({names[i]: int(counts[i]) for i in np.flatnonzero(counts).tolist()})
        return f


class _Cut:
    """Cuts a hit's snippet when asked (a callable that keeps the index alive only as long as the hit)."""

    __slots__ = ("index", "doc", "tids", "phrases")

    def __init__(self, index: Index, doc: int, tids: tuple[int, ...], phrases: tuple) -> None:
        self.index, self.doc, self.tids, self.phrases = index, doc, tids, phrases

    def __call__(self):
        return self.index._snippet(self.doc, self.tids, self.phrases)


def name_form(name: str) -> str:
    """Names compared ignoring case, accents and transliteration: "Selenskij" = "Selenskyj"."""
    return " ".join(word_norm(w) for w in name.split())


def _name_key(label: str | None, form: str) -> str:
    return f"{label or ''}\x1f{form}"


__all__ = ["Facets", "Hit", "Index", "QueryError", "Result"]
