"""The index's parts: each a frozen dataclass that builds itself from the articles and merges
itself with the same part of another index.

``Index`` (``tui.index.search``) is these five parts and nothing else it keeps:

- ``Documents``: ids, titles and texts in the folder's order;
- ``Words``: the text and title postings and the vocabulary they are numbered by;
- ``Names``: which articles name whom (for ``person:`` and the like) and the entity facets;
- ``DateSpans``: the periods the articles mention (for ``after:``/``before:``/``in:``);
- ``Columns``: one value per article (publication day and month, source), for filters and facets.

``build`` reads the articles; ``merge(new, plan)`` gives the part ``build`` would make of the
articles ``plan`` lists, taken from ``self`` (an index built before) and ``new`` (the changed
articles, whose ``Words`` were built with ``self``'s vocabulary), from arrays alone. A new field
goes into its part's ``build`` and ``merge``; ``tests/index/test_parts.py`` compares every
field of a merged part with a built one, so a field the merge forgets fails there.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from tui.index.packed import splice
from tui.index.postings import Continued, Overlay, Postings, PostingsBuilder, Vocabulary, _renumbered, csr, text_terms
from tui.nlp import timevalue
from tui.nlp.names import word_norm

if TYPE_CHECKING:
    from tui.corpus.model import Article
    from tui.nlp.dates import Timex
    from tui.nlp.spans import Span

NO_DATE = 0  # ordinal for "no publication date"; real dates start at 1


def _int32(values: Iterable[int]) -> np.ndarray:
    return np.asarray(values, dtype=np.int32)


def name_form(name: str) -> str:
    """Names compared ignoring case, accents and transliteration: "Selenskij" = "Selenskyj"."""
    return " ".join(word_norm(w) for w in name.split())


def _name_key(label: str | None, form: str) -> str:
    return f"{label or ''}\x1f{form}"


@dataclass(frozen=True, eq=False)
class Plan:
    """Where each article of a merged index comes from: article ``i`` is the old index's
    ``source[i]`` where ``from_old[i]``, else the new one's. ``final_of_old``/``final_of_new``
    give each old and new article's place in the merged index (-1: not in it); ``gone`` holds
    the old articles that went, whose terms are counted off, and ``old`` the old index's texts
    and titles (read only for a few of them)."""

    from_old: np.ndarray
    source: np.ndarray
    final_of_old: np.ndarray
    final_of_new: np.ndarray
    gone: np.ndarray
    old: Documents

    @classmethod
    def of(cls, order: Sequence[tuple[bool, int]], old: Documents, n_new: int) -> Plan:
        from_old = np.array([o for o, _ in order], dtype=bool)
        source = np.array([d for _, d in order], dtype=np.int64)
        final_of_old = np.full(len(old.ids), -1, dtype=np.int64)
        final_of_new = np.full(n_new, -1, dtype=np.int64)
        final_of_old[source[from_old]] = np.flatnonzero(from_old)
        final_of_new[source[~from_old]] = np.flatnonzero(~from_old)
        return cls(from_old, source, final_of_old, final_of_new, np.flatnonzero(final_of_old < 0), old)

    @property
    def n(self) -> int:
        return len(self.source)

    def pick(self, old: Sequence[Any], new: Sequence[Any]) -> list[Any]:
        """The merged list of per-article values, taken a run of consecutive articles of one
        side at a time: after a few changes, a few slices of lists of 50,000 values."""
        out: list[Any] = []
        for o, a, b in self._runs():
            out.extend((old if o else new)[a:b])
        return out

    def _runs(self) -> list[tuple[bool, int, int]]:
        """(from old, first, end) of each run of articles that are consecutive on one side."""
        n = self.n
        if not n:
            return []
        src, fo = self.source, self.from_old
        cut = np.flatnonzero((fo[1:] != fo[:-1]) | (src[1:] != src[:-1] + 1)) + 1
        starts = np.concatenate([[0], cut]).tolist()
        ends = [*cut.tolist(), n]
        return [(bool(fo[s]), int(src[s]), int(src[s]) + e - s) for s, e in zip(starts, ends, strict=True)]

    def per_doc(self, old_values: np.ndarray, new_values: np.ndarray) -> np.ndarray:
        """A per-article column of the merged index from the old and new columns."""
        out = np.zeros(self.n, dtype=old_values.dtype if len(old_values) else new_values.dtype)
        out[self.from_old] = old_values[self.source[self.from_old]]
        out[~self.from_old] = new_values[self.source[~self.from_old]]
        return out

    def mentions(
        self, old_docs: np.ndarray, new_docs: np.ndarray, columns: Sequence[tuple[np.ndarray, np.ndarray]]
    ) -> tuple[np.ndarray, list[np.ndarray]]:
        """Rows that belong to an article (``*_docs``, with parallel ``columns`` of old and new
        values): the old rows of articles that stayed, renumbered, then the new rows."""
        kept, renumbered = _renumbered(old_docs, self.final_of_old)
        docs = np.concatenate([renumbered, self.final_of_new[new_docs]]).astype(np.int32)
        return docs, [np.concatenate([o[kept], n]).astype(np.int32) for o, n in columns]


def _lookup(values_old: list[Any], values_new: list[Any]) -> tuple[list[Any], np.ndarray]:
    """One list of distinct values (old ones keep their ids) and the new ids of ``values_new``
    (index -1, "none", stays -1)."""
    merged = list(values_old)
    position = {v: i for i, v in enumerate(merged)}
    remap = np.zeros(len(values_new) + 1, dtype=np.int32)
    for i, v in enumerate(values_new):
        if v not in position:
            position[v] = len(merged)
            merged.append(v)
        remap[i] = position[v]
    remap[-1] = -1
    return merged, remap


@dataclass(frozen=True, eq=False)
class Documents:
    """The articles' ids, titles and texts, in order, and how to find one by id."""

    ids: list[str]
    titles: list[str]
    texts: Sequence[str]  # a list, or packed in a snapshot
    position: dict[str, int]  # id -> place
    id_rank: np.ndarray  # each article's place in id order (ties in ranking go by id)

    @classmethod
    def of(cls, ids: list[str], titles: list[str], texts: Sequence[str]) -> Documents:
        rank = np.zeros(len(ids), dtype=np.int64)
        rank[sorted(range(len(ids)), key=ids.__getitem__)] = np.arange(len(ids))
        return cls(ids, titles, texts, {a: i for i, a in enumerate(ids)}, rank)

    @classmethod
    def build(cls, articles: Sequence[Article]) -> Documents:
        return cls.of([a.id for a in articles], [a.title for a in articles], [a.text for a in articles])

    def merge(self, new: Documents, plan: Plan) -> Documents:
        return Documents.of(
            plan.pick(self.ids, new.ids),
            plan.pick(self.titles, new.titles),
            splice(self.texts, new.texts, plan.from_old, plan.source),
        )


@dataclass(frozen=True, eq=False)
class Words:
    """The text and title postings, and the vocabulary: term ids, the forms each term was
    written in (for phrases and highlights), and the folded word forms in order (for prefixes)."""

    text: Postings | Overlay
    title: Postings | Overlay
    term_ids: dict[str, int]
    forms: list[list[str]]
    surfaces: list[str]
    surface_offsets: np.ndarray
    surface_ids: np.ndarray

    @classmethod
    def build(cls, articles: Sequence[Article], vocabulary: Vocabulary | None = None) -> Words:
        """``vocabulary``: term ids to go on from (``vocabulary()`` of the index merged into)."""
        return cls.of([a.text for a in articles], [a.title or "" for a in articles], vocabulary)

    @classmethod
    def of(cls, texts: Sequence[str], titles: Sequence[str], vocabulary: Vocabulary | None = None) -> Words:
        """``build`` from the articles' texts and titles alone (what another process is sent)."""
        vocabulary = vocabulary if vocabulary is not None else Vocabulary()
        text, title = PostingsBuilder(vocabulary), PostingsBuilder(vocabulary)
        for words, heading in zip(texts, titles, strict=True):
            text.add(words)
            title.add(heading)
        return cls(text.finish(weighted=True), title.finish(weighted=False), *vocabulary.tables())

    def vocabulary(self) -> Vocabulary:
        """A vocabulary that goes on from these term ids (its word-form cache starts empty); it
        leaves this one's tables as they are."""
        return Continued(self.term_ids, self.forms, self.surfaces, self.surface_offsets, self.surface_ids)

    def merge(self, new: Words, plan: Plan) -> Words:
        """The postings stay in two parts until a snapshot is written (``Overlay``); each term's
        document frequency is that of the merged postings: the terms of the articles that went
        are counted off, from their texts and titles. ``new``'s vocabulary went on from this
        one's, so it holds every term."""
        n_terms = len(new.forms)
        merged = []
        for which, o, w in ((0, self.text, new.text), (1, self.title, new.title)):
            if isinstance(o, Overlay):  # a live folder's second change: the first is merged now
                o = o.flat()
            assert isinstance(w, Postings)  # built, not merged
            counted = counted_off(o, plan, which, self.term_ids, n_terms)
            merged.append(
                Overlay(
                    o, w, plan.final_of_old, plan.final_of_new, plan.per_doc(o.lengths, w.lengths), n_terms, counted
                )
            )
        return Words(merged[0], merged[1], new.term_ids, new.forms, new.surfaces, new.surface_offsets, new.surface_ids)


# Reading an article's text again to find its terms costs about what going over this many
# postings does (a couple of milliseconds).
POSTINGS_PER_TEXT = 100_000


def counted_off(
    postings: Postings, plan: Plan, which: int, term_ids: dict[str, int], n_terms: int, by_text: bool | None = None
) -> np.ndarray:
    """How many of the articles that went (``plan.gone``) each term has a posting in, among the
    text (``which`` 0) or title (1) ``postings``: from their texts again when they are few, from
    the postings themselves when they are many (``by_text`` forces one way)."""
    gone = plan.gone
    counted = np.zeros(n_terms, dtype=np.int64)
    if not len(gone):
        return counted
    if by_text if by_text is not None else len(gone) * POSTINGS_PER_TEXT < len(postings.gaps):
        for d in gone.tolist():
            words = plan.old.texts[d] if which == 0 else plan.old.titles[d] or ""
            counted[list(text_terms(term_ids, words))] += 1
        return counted
    went = plan.final_of_old < 0
    found = np.bincount(postings.terms()[went[postings.docs]], minlength=n_terms)
    counted[: len(found)] += found[:n_terms]
    return counted


@dataclass(frozen=True, eq=False)
class Names:
    """Articles naming each (label, name form), label "" standing for any label, as CSR rows;
    and each article's distinct (label, key) entities, for the facets."""

    rows: dict[str, int]  # _name_key(label, form) -> row
    offsets: np.ndarray
    docs: np.ndarray
    keys: list[tuple[str, str]]  # (label, key) by entity number
    ent_doc: np.ndarray  # one row per (article, entity)
    ent_key: np.ndarray

    @classmethod
    def build(cls, entities: Sequence[Sequence[Span]] | None, n_docs: int) -> Names:
        names: dict[str | None, dict[str, list[int]]] = {}
        keys: dict[tuple[str, str], int] = {}
        ent_doc, ent_key = array("i"), array("i")
        # The forms a name is found by: "putin" finds "Wladimir Putin"; "selenskij" finds
        # "Selenskyj". Worked out once per name: the corpus names the same ones again and again.
        forms_of: dict[str, tuple[str, ...]] = {}
        for d in range(n_docs):
            doc_keys: set[int] = set()
            pairs: dict[tuple[str | None, str], None] = {}  # (label, form), in order of mention
            for s in entities[d] if entities else ():
                k = keys.setdefault((s.label, s.key or s.text), len(keys))
                if k not in doc_keys:
                    doc_keys.add(k)
                    ent_doc.append(d)
                    ent_key.append(k)
                for name in (s.key, s.text):
                    if name:
                        forms = forms_of.get(name)
                        if forms is None:
                            forms = forms_of[name] = tuple(
                                dict.fromkeys([name_form(name), *map(name_form, name.split())])
                            )
                        for form in forms:
                            pairs[s.label, form] = None
                            pairs[None, form] = None
            for label, form in pairs:
                names.setdefault(label, {}).setdefault(form, []).append(d)
        rows = {
            _name_key(label, form): i
            for i, (label, form) in enumerate((label, form) for label, forms in names.items() for form in forms)
        }
        offsets, named = csr(docs for forms in names.values() for docs in forms.values())
        return cls(rows, offsets, named, list(keys), _int32(ent_doc), _int32(ent_key))

    def docs_naming(self, label: str | None, name: str) -> np.ndarray:
        """The articles that name ``name`` (with ``label``, or with any label for None)."""
        row = self.rows.get(_name_key(label, name_form(name)))
        if row is None:
            return np.zeros(0, dtype=np.int32)
        return self.docs[self.offsets[row] : self.offsets[row + 1]]

    def counts(self, mask: np.ndarray) -> dict[str, Counter[str]]:
        """label -> key -> articles among ``mask``."""
        out: dict[str, Counter[str]] = {}
        counts = np.bincount(self.ent_key[mask[self.ent_doc]], minlength=len(self.keys))
        for k in np.flatnonzero(counts).tolist():
            label, key = self.keys[k]
            out.setdefault(label, Counter())[key] = int(counts[k])
        return out

    def merge(self, new: Names, plan: Plan) -> Names:
        rows, offsets, docs = self._merged_rows(new, plan)
        keys, key_ids = _lookup(self.keys, new.keys)
        ent_doc, (ent_key,) = plan.mentions(self.ent_doc, new.ent_doc, [(self.ent_key, key_ids[new.ent_key])])
        return Names(rows, offsets, docs, keys, ent_doc, ent_key)

    def _merged_rows(self, new: Names, plan: Plan) -> tuple[dict[str, int], np.ndarray, np.ndarray]:
        """The name table of both: old rows first, in their order, then the keys only ``new``
        has; rows left without documents go. Worked on as arrays: a row is touched one by one
        only where ``new`` adds to it."""
        n = plan.n
        keys = dict(self.rows)
        for key in new.rows:
            keys.setdefault(key, len(keys))

        def postings(part: Names, final: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
            """(row in ``keys``, document now) of each posting of ``part`` that stays."""
            row_of = np.repeat(np.arange(len(part.offsets) - 1, dtype=np.int64), np.diff(part.offsets))
            if part is not self:  # new's rows are numbered by new's own table
                renumber = np.zeros(len(part.offsets) - 1, dtype=np.int64)
                for key, row in part.rows.items():
                    renumber[row] = keys[key]
                row_of = renumber[row_of]
            docs = final[part.docs] if len(part.docs) else np.zeros(0, dtype=np.int64)
            kept = docs >= 0
            return row_of[kept], docs[kept]

        old_rows, old_docs = postings(self, plan.final_of_old)
        new_rows, new_docs = postings(new, plan.final_of_new)
        # Both by row, then document (the documents kept the folder's order): the few new postings
        # go in where they belong.
        key_old, key_new = old_rows * (n + 1) + old_docs, new_rows * (n + 1) + new_docs
        if np.all(key_old[1:] > key_old[:-1]):
            order = np.argsort(key_new, kind="stable")
            at = np.searchsorted(key_old, key_new[order])
            rows, docs = np.insert(old_rows, at, new_rows[order]), np.insert(old_docs, at, new_docs[order])
        else:
            rows, docs = np.concatenate([old_rows, new_rows]), np.concatenate([old_docs, new_docs])
            order = np.lexsort((docs, rows))
            rows, docs = rows[order], docs[order]
        counts = np.bincount(rows, minlength=len(keys))
        alive = counts > 0
        offsets = np.zeros(int(alive.sum()) + 1, dtype=np.int64)
        np.cumsum(counts[alive], out=offsets[1:])
        if alive.all():  # as after most changes: the rows keep their numbers (no loop over all names)
            return keys, offsets, docs.astype(np.int32)
        number = np.cumsum(alive) - 1
        table = {key: int(number[row]) for key, row in keys.items() if alive[row]}
        return table, offsets, docs.astype(np.int32)


@dataclass(frozen=True, eq=False)
class DateSpans:
    """Every period an article mentions (as day ordinals), and the months of those of under a
    month (the "mentioned" facet), at most one row per article and month."""

    span_doc: np.ndarray
    span_lo: np.ndarray
    span_hi: np.ndarray
    months: list[str]  # "2025-03", by month number
    ment_doc: np.ndarray
    ment_month: np.ndarray

    @classmethod
    def build(cls, dates: Sequence[Sequence[Timex]] | None, n_docs: int) -> DateSpans:
        months: dict[str, int] = {}
        span_doc, span_lo, span_hi, ment_doc, ment_month = (array("i") for _ in range(5))
        for d in range(n_docs):
            seen_months = set()
            for t in dates[d] if dates else ():
                when = t.when()
                period = timevalue.parse(when) if when else None
                if period is None or period.start is None or period.end is None:
                    continue
                start, end = period.start, period.end
                span_doc.append(d)
                span_lo.append(start.toordinal())
                span_hi.append(end.toordinal())
                if (end - start).days < 32 and (m := start.strftime("%Y-%m")) not in seen_months:
                    seen_months.add(m)
                    ment_doc.append(d)
                    ment_month.append(months.setdefault(m, len(months)))
        return cls(
            _int32(span_doc), _int32(span_lo), _int32(span_hi), list(months), _int32(ment_doc), _int32(ment_month)
        )

    def docs_within(self, lo: int, hi: int) -> np.ndarray:
        """Articles mentioning a day from ``lo`` to ``hi`` (ordinals)."""
        return self.span_doc[(self.span_lo <= hi) & (self.span_hi >= lo)]

    def mentioned(self, mask: np.ndarray) -> Counter[str]:
        ids = self.ment_month[mask[self.ment_doc]]
        counts = np.bincount(ids, minlength=len(self.months))
        return Counter({self.months[i]: int(counts[i]) for i in np.flatnonzero(counts).tolist()})

    def merge(self, new: DateSpans, plan: Plan) -> DateSpans:
        months, month_ids = _lookup(self.months, new.months)
        span_doc, (lo, hi) = plan.mentions(
            self.span_doc, new.span_doc, [(self.span_lo, new.span_lo), (self.span_hi, new.span_hi)]
        )
        ment_doc, (ment_month,) = plan.mentions(
            self.ment_doc, new.ment_doc, [(self.ment_month, month_ids[new.ment_month])]
        )
        return DateSpans(span_doc, lo, hi, months, ment_doc, ment_month)


@dataclass(frozen=True, eq=False)
class Columns:
    """One value per article: publication day (ordinal, ``NO_DATE`` for none), publication month
    and source (numbers into ``months`` and ``sources``, -1 for none), and the publication time
    as ISO text ("" for none), which orders the articles newest first (``library.newest_first``)
    without decoding them."""

    pub_day: np.ndarray
    months: list[str]
    pub_month: np.ndarray
    sources: list[str]
    source_of: np.ndarray
    published: list[str]

    @classmethod
    def build(cls, articles: Sequence[Article]) -> Columns:
        months: dict[str, int] = {}
        sources: dict[str, int] = {}
        pub_day, pub_month, source_of = array("i"), array("i"), array("i")
        when: list[str] = []
        for article in articles:
            published = article.published.date if article.published else None
            pub_day.append(published.toordinal() if published else NO_DATE)
            pub_month.append(months.setdefault(published.strftime("%Y-%m"), len(months)) if published else -1)
            source_of.append(sources.setdefault(article.source, len(sources)) if article.source else -1)
            when.append(article.published.isoformat() if article.published else "")
        return cls(_int32(pub_day), list(months), _int32(pub_month), list(sources), _int32(source_of), when)

    def published_within(self, lo: int, hi: int) -> np.ndarray:
        """A mask of the articles published from day ``lo`` to ``hi`` (ordinals)."""
        return (self.pub_day >= max(lo, NO_DATE + 1)) & (self.pub_day <= hi)

    def from_source(self, wanted: Iterable[int]) -> np.ndarray:
        return np.isin(self.source_of, list(wanted))

    def counts(self, mask: np.ndarray) -> tuple[Counter[str], Counter[str]]:
        """(articles by source, articles by month published) among ``mask``."""
        out = []
        for names, ids in ((self.sources, self.source_of[mask]), (self.months, self.pub_month[mask])):
            counts = np.bincount(ids[ids >= 0], minlength=len(names))
            out.append(Counter({names[i]: int(counts[i]) for i in np.flatnonzero(counts).tolist()}))
        return out[0], out[1]

    def merge(self, new: Columns, plan: Plan) -> Columns:
        months, month_ids = _lookup(self.months, new.months)
        sources, source_ids = _lookup(self.sources, new.sources)
        return Columns(
            plan.per_doc(self.pub_day, new.pub_day),
            months,
            plan.per_doc(self.pub_month, month_ids[new.pub_month]),
            sources,
            plan.per_doc(self.source_of, source_ids[new.source_of]),
            plan.pick(self.published, new.published),
        )


__all__ = ["Columns", "DateSpans", "Documents", "NO_DATE", "Names", "Plan", "Words", "name_form"]
