"""The query language: parsing a query string into clauses, with one-line errors.

    putin telefonat              both words (stemmed: "Telefonate" matches)
    "weißes haus"                the exact phrase
    -waffenruhe                  without the word (also -"exact phrase")
    kreml OR moskau              either term (OR binds the terms beside it)
    person:putin place:moskau org:nato entity:selenskyj
                                 an entity of that type (entity: any type), by key or alias
    source:dpa                   the article's source
    date:2025-03  date:2025-03-01..2025-03-31  after:2025-02  before:2025
                                 published in, or mentioning a date in, that period
    is:unread  is:read  is:starred  is:unstarred
                                 the reader's own marks (where a reading state is kept)

Values with spaces go in quotes: ``person:"donald trump"``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from tui.i18n import _

ENTITY_FIELDS = {"person": "PER", "place": "LOC", "org": "ORG", "entity": None}
FIELDS = (*ENTITY_FIELDS, "source", "date", "after", "before", "is")
IS_VALUES = ("read", "unread", "starred", "unstarred")

_TOKEN = re.compile(r'\s*(-?)(?:(\w+):)?(?:"([^"]*)"|(\S+))')


class QueryError(ValueError):
    """A query that cannot be understood; the message is one line for the user."""


@dataclass(frozen=True)
class Term:
    """One searchable unit: a word, a phrase or a field filter."""

    text: str
    field: str | None = None  # None for words and phrases
    phrase: bool = False
    negated: bool = False
    period: tuple[dt.date, dt.date] | None = None  # for date fields: first and last day


@dataclass
class Query:
    """Clauses that must all hold; each clause is one term or several joined by OR."""

    clauses: list[list[Term]] = field(default_factory=list)
    text: str = ""

    @property
    def last_word(self) -> Term | None:
        """The query's last plain word, if the query ends in one (for prefix matching while typing)."""
        if not self.clauses or self.text[-1:].isspace() or self.text.rstrip().endswith('"'):
            return None
        last = self.clauses[-1][-1]
        return last if last.field is None and not last.phrase and not last.negated else None


def period(value: str) -> tuple[dt.date, dt.date]:
    """ "2025" -> 2025-01-01..2025-12-31; "2025-03"; "2025-03-18"; "a..b" spans both."""
    if ".." in value:
        a, _dots, b = value.partition("..")
        return period(a)[0] if a else dt.date.min, period(b)[1] if b else dt.date.max
    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", value)
    if not m:
        raise QueryError(_("not a date: {value!r} (use 2025, 2025-03 or 2025-03-18)").format(value=value))
    year = int(m[1])
    try:
        if m[3]:
            day = dt.date(year, int(m[2]), int(m[3]))
            return day, day
        if m[2]:
            first = dt.date(year, int(m[2]), 1)
            nxt = dt.date(year + (first.month == 12), first.month % 12 + 1, 1)
            return first, nxt - dt.timedelta(days=1)
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    except ValueError:
        raise QueryError(_("no such date: {value!r}").format(value=value)) from None


def parse(text: str) -> Query:
    """The query in ``text``; raises ``QueryError`` with a one-line reason."""
    if text.count('"') % 2:
        raise QueryError(_("a quotation mark is not closed"))
    query = Query(text=text)
    pending_or = False
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            break
        pos = m.end()
        neg, name, quoted, bare = m[1] == "-", m[2], m[3], m[4]
        if name is None and quoted is None and bare == "OR" and not neg:
            if not query.clauses or pending_or:
                raise QueryError(_("OR needs a term on each side"))
            pending_or = True
            continue
        if name is None and bare and bare.endswith(":") and bare[:-1].lower() in FIELDS:
            raise QueryError(_("{field} needs a value").format(field=bare))
        if name is not None and name.lower() not in FIELDS:
            raise QueryError(
                _("unknown field {field}: (known: {known})").format(
                    field=name, known=", ".join(f + ":" for f in FIELDS)
                )
            )
        value = quoted if quoted is not None else bare
        if value is None or not value.strip():
            if name is not None:
                raise QueryError(_("{field} needs a value").format(field=name + ":"))
            continue
        name = name.lower() if name else None
        if name == "is":
            value = value.lower()
        term = Term(
            value,
            name,
            phrase=quoted is not None and name is None,
            negated=neg,
            period=period(value) if name in ("date", "after", "before") else None,
        )
        if name == "is" and value.lower() not in IS_VALUES:
            raise QueryError(
                _("is:{value} is not known (known: {known})").format(
                    value=value, known=", ".join("is:" + v for v in IS_VALUES)
                )
            )
        if name in ("after", "before") and ".." in value:
            raise QueryError(_("{field}: takes one date, not a range").format(field=name))
        if pending_or:
            query.clauses[-1].append(term)
            pending_or = False
        else:
            query.clauses.append([term])
    if pending_or:
        raise QueryError(_("OR needs a term on each side"))
    if query.clauses and all(t.negated for clause in query.clauses for t in clause):
        raise QueryError(_("a query needs at least one term that is not excluded"))
    return query
