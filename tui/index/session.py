"""A reading session without a screen: the library shown, what was typed and filtered, the
selection it gave, and where loading stands.

The app (``tui.app``) renders a ``Session`` and routes keys to it; its workers run what the
session asks for (``search``) and hand back what they got (``searched``). Every rule about what
happens next lives here, where it is tested without a terminal:

- searches never overlap: keys typed while one runs make one more search afterwards, for the
  latest query only;
- a selection belongs to the library it was made on (``Searched.library``): one that comes
  back after the library was replaced (loading ended, the folder changed) is not shown, and
  the query runs again on the new library;
- folder updates run one at a time too; changes that arrive meanwhile make one more run.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tui.i18n import _
from tui.index.query import QueryError

if TYPE_CHECKING:
    from tui.corpus.model import Article
    from tui.index.library import Library, Selection
    from tui.index.state import ReadingState


class Phase(enum.Enum):
    LOADING = "loading"  # articles arrive; searches run on what has loaded so far
    STOPPING = "stopping"  # Escape stopped loading: what has loaded is being indexed
    READY = "ready"  # the library is complete (it may still be replaced: a folder change)


FILTER_FIELDS = ("person", "place", "org", "entity", "source", "date")


@dataclass(frozen=True)
class Filter:
    field: str  # one of FILTER_FIELDS
    value: str

    @property
    def term(self) -> str:
        return f'{self.field}:"{self.value.replace(chr(34), " ")}"'


@dataclass(frozen=True)
class Searched:
    """A query's articles, on the library it ran on."""

    query: str
    selection: Selection
    library: Library


@dataclass(frozen=True)
class SearchFailed:
    """A query that cannot run (a syntax error, an unknown field): the message says why."""

    query: str
    message: str


SearchOutcome = Searched | SearchFailed


@dataclass(frozen=True)
class Next:
    """What to do after a search came back: ``show`` it (None: nothing new to show) and, with
    ``again``, search once more for the current query."""

    show: SearchOutcome | None
    again: bool


@dataclass
class Session:
    """The state of one reading session; see the module's docstring for its rules."""

    search_text: str = ""
    filters: list[Filter] = field(default_factory=list)
    phase: Phase = Phase.LOADING
    library: Library | None = None  # what searches run on: provisional while loading, then the full one
    articles: Sequence[Article] = field(default_factory=list)  # those listed: loaded so far, or the library's
    selection: Selection | None = None  # the last good selection, of ``library``
    query_error: str = ""
    _searching: bool = False
    _pending: str | None = None
    _updating: bool = False
    _again: bool = False

    @classmethod
    def resumed(cls, remembered: dict[str, object]) -> Session:
        """A session that starts where the last one over the same folders left off (the query
        and filters the reading state remembered; anything malformed there is ignored)."""
        session = cls()
        query, filters = remembered.get("query"), remembered.get("filters")
        if isinstance(query, str):
            session.search_text = query
        if isinstance(filters, list):
            session.filters = [
                Filter(f[0], f[1])
                for f in filters
                if isinstance(f, list) and len(f) == 2 and f[0] in FILTER_FIELDS and isinstance(f[1], str)
            ]
        return session

    # -- the phase --------------------------------------------------------------------------

    @property
    def loading(self) -> bool:
        """Loading has not ended (it may be stopping)."""
        return self.phase is not Phase.READY

    def arrived(self, articles: Sequence[Article]) -> range | None:
        """Articles loaded: the positions they take in ``articles`` (None once loading stopped)."""
        if self.phase is not Phase.LOADING:
            return None
        start = len(self.articles)
        if not isinstance(self.articles, list):
            self.articles = list(self.articles)
        self.articles.extend(articles)
        return range(start, len(self.articles))

    def stop(self) -> bool:
        """Escape while loading, or a failed load: True when loading was going on and now stops."""
        if self.phase is not Phase.LOADING:
            return False
        self.phase = Phase.STOPPING
        return True

    def loaded(self, library: Library, selection: Selection) -> bool:
        """The complete library (or, after a stop, what had loaded), with its selection of
        everything. False when loading had already ended: the first library stays."""
        if not self.loading:
            return False
        self.phase = Phase.READY
        self.library, self.articles, self.selection = library, library.articles, selection
        return True

    def use_provisional(self, library: Library) -> None:
        """While loading: search the articles loaded so far through ``library``."""
        if self.loading:
            self.library = library

    def replace(self, library: Library) -> None:
        """A new library instead of the shown one (a folder change, names linked anew); the
        selection stays until the query, run again, gives the new one."""
        self.library, self.articles = library, library.articles

    # -- the query --------------------------------------------------------------------------

    def full_query(self, text: str | None = None) -> str:
        """What was typed (or ``text``) with the filters' terms."""
        typed = self.search_text if text is None else text
        return " ".join(x for x in [typed, *(f.term for f in self.filters)] if x)

    @property
    def narrowed(self) -> bool:
        """Something was typed or filtered: the list shows search results."""
        return bool(self.search_text or self.filters)

    def add_filter(self, field_name: str, value: str) -> bool:
        """Narrow to articles with this name, source or month (a month replaces the last one);
        False when the filter was there already."""
        new = Filter(field_name, value)
        kept = [f for f in self.filters if f.field != "date"] if field_name == "date" else list(self.filters)
        if new in kept:
            changed = kept != self.filters
            self.filters = kept
            return changed
        self.filters = [*kept, new]
        return True

    def remove_filter(self, field_name: str, value: str) -> bool:
        kept = [f for f in self.filters if (f.field, f.value) != (field_name, value)]
        changed = len(kept) != len(self.filters)
        self.filters = kept
        return changed

    def clear_filters(self) -> bool:
        changed = bool(self.filters)
        self.filters = []
        return changed

    # -- searching --------------------------------------------------------------------------

    def request_search(self) -> str | None:
        """The query to search for now, or None: nothing to search yet (``query_error`` says
        why), or a search is running and this query waits for it (only the latest waits)."""
        if self.library is None and not self.articles:
            self.query_error = _("Search starts when the first articles have loaded.") if self.search_text else ""
            return None
        query = self.full_query()
        if self._searching:
            self._pending = query
            return None
        self._searching = True
        return query

    def search(self, query: str, state: ReadingState | None = None) -> SearchOutcome:
        """Run ``query`` on the current library (in a worker thread): the selection, or why
        there is none."""
        library = self.library
        assert library is not None, "request_search gives a query only once there is a library"
        try:
            return Searched(query, library.select(query, prefix=True, state=state), library)
        except QueryError as exc:
            return SearchFailed(query, str(exc))

    def searched(self, outcome: SearchOutcome | None) -> Next:
        """A search came back (None: it failed before it had an outcome). The selection becomes
        the current one if it is of the current library; a query typed meanwhile, or this one
        on a library that replaced the one it ran on, is searched again."""
        self._searching = False
        pending, self._pending = self._pending, None
        query = outcome.query if outcome is not None else None
        stale = isinstance(outcome, Searched) and outcome.library is not self.library
        if stale:  # loading ended, or the folder changed, meanwhile
            outcome = None
        elif isinstance(outcome, SearchFailed):
            self.query_error = outcome.message
        elif isinstance(outcome, Searched):
            self.query_error = ""
            self.selection = outcome.selection
        return Next(outcome, stale or (pending is not None and pending != query))

    def search_failed(self) -> None:
        """The search worker raised: the next query may run."""
        self._searching = False

    def shows(self, library: Library | None) -> bool:
        """``library`` is the one shown (what a worker made for it still applies)."""
        return library is self.library

    def is_current(self, selection: Selection | None, library: Library | None) -> bool:
        """``selection`` (made on ``library``) is what the session shows now."""
        return selection is self.selection and library is self.library

    # -- following the folder ---------------------------------------------------------------

    def request_update(self) -> Library | None:
        """The folder may have changed: the library to update now, or None (still loading, or
        an update runs, and one more will follow it)."""
        if self.loading or self.library is None:
            return None
        if self._updating:
            self._again = True
            return None
        self._updating = True
        return self.library

    def updated(self, library: Library) -> tuple[bool, bool]:
        """An update of ``library`` ended: (its result may replace the shown library, another
        update is due)."""
        self._updating = False
        again, self._again = self._again, False
        return library is self.library, again

    def update_failed(self) -> None:
        self._updating = False

    @property
    def updating(self) -> bool:
        """An update of the folder is running."""
        return self._updating

    @property
    def searching(self) -> bool:
        return self._searching

    def provisional_due(self) -> list[Article] | None:
        """While loading: the articles loaded so far when they have grown by a tenth since the
        library searched was made of them (to be indexed into a provisional one), else None."""
        if self.phase is not Phase.LOADING:
            return None
        n = len(self.articles)
        if self.library is None or n >= len(self.library.articles) * 1.1 + 1:
            return list(self.articles[:n])
        return None


__all__ = ["FILTER_FIELDS", "Filter", "Next", "Phase", "SearchFailed", "SearchOutcome", "Searched", "Session"]
