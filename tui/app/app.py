"""The Chronik reader: article list, reader pane and timeline, searched and filtered from the keyboard.

The app only renders and routes keys. Loading, annotation, indexing and every search run in
thread workers (``tui.index.library``) and come back as messages, so the first frame appears
at once and typing never waits for the corpus.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Input, Label, ProgressBar, Static
from textual.worker import get_current_worker

from tui.app import fmt
from tui.app.commands import ArticleCommands, FilterCommands
from tui.app.exporting import Exporting
from tui.app.failures import Failures
from tui.app.filtering import Filtering
from tui.app.following import Following
from tui.app.language import Language
from tui.app.loading import Loading
from tui.app.messages import Loaded, SearchDone, TimelineNarrowed
from tui.app.outside import Outside
from tui.app.reading import Reading
from tui.app.screens.help import HelpScreen, help_groups
from tui.app.screens.report import ReportScreen
from tui.app.screens.timeline import TimelineScreen
from tui.app.widgets.article_list import ArticleList
from tui.app.widgets.footer import FittingFooter
from tui.app.widgets.reader import ENTITY_KINDS, Mark, Reader
from tui.app.widgets.rows import RowList
from tui.app.widgets.searchbar import SearchBar
from tui.app.widgets.timeline import Timeline, rows_of
from tui.corpus.safetext import visible
from tui.i18n import N_, _, ngettext
from tui.index.session import Searched, SearchFailed, Session
from tui.index.state import ReadingState

if TYPE_CHECKING:
    from tui.index.extraction import Workers
    from tui.index.live import Follower
    from tui.index.relink import Relinker


class ChronikApp(Failures, Loading, Reading, Following, Exporting, Language, Outside, Filtering, App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "Chronik"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (60, "-medium"), (80, "-roomy"), (120, "-wide")]
    COMMANDS = App.COMMANDS | {ArticleCommands, FilterCommands}
    BINDINGS = [
        Binding("q", "quit", N_("Quit"), id="app.quit"),
        Binding("question_mark,f1", "help", N_("Help"), id="app.help"),
        Binding("slash", "search", N_("Search"), id="app.search"),
        Binding("t", "toggle_timeline", N_("Timeline"), id="app.timeline"),
        Binding("T", "full_timeline", N_("Full timeline"), id="app.full_timeline"),
        Binding("F", "filter_palette", N_("Filter"), id="app.filter"),
        Binding("m", "toggle_read", N_("Read/unread"), show=False, id="app.toggle_read"),
        Binding("M", "mark_all_read", N_("All read"), show=False, id="app.mark_all_read"),
        Binding("s", "toggle_star", N_("Star"), id="app.star"),
        Binding("c", "clear_filters", N_("Clear filters"), show=False, id="app.clear_filters"),
        Binding("y", "copy", N_("Copy"), show=False, id="app.copy"),
        Binding("o", "pager", N_("Pager"), show=False, id="app.pager"),
        Binding("u", "open_url", N_("Open URL"), show=False, id="app.open_url"),
        Binding("i", "names", N_("Names"), show=False, id="app.names"),
        Binding("R", "report", N_("Load report"), show=False, id="app.report"),
        Binding("X", "export", N_("Export"), show=False, id="app.export"),
        Binding("escape", "back", N_("Back"), show=False, id="app.back"),
    ]

    def __init__(
        self,
        paths: list[str],
        *,
        limit_mb: float = 5.0,
        time_limit: float | None = 30.0,
        locale: str | None = None,
        theme: str | None = None,
        keymap: dict[str, str] | None = None,
        keymap_problems: Sequence[str] = (),
        cache: Path | None = None,
        library=None,
        state: Path | None = None,
        follow: bool | str = True,
    ) -> None:
        """``keymap``: binding id -> keys; ``keymap_problems``: lines about the keymap file, shown
        at start (ids no binding has are added). ``cache``: the extraction cache file (None: no cache). ``library``: an already loaded
        ``tui.index.library.Library`` to show instead of loading ``paths`` (for embedding and
        benchmarks). ``state``: the reading-state database (None: marks last for this run only).
        ``follow``: keep up with changes to the folders once loaded (True; "poll" to look every
        couple of seconds instead of listening for file events; False not at all). ``time_limit``:
        seconds after which a file's analysis is given up (it shows without names and dates)."""
        super().__init__()
        self._preloaded = library
        self.paths = paths
        self.cache_path = cache
        self.limit_mb = limit_mb
        self.time_limit = time_limit
        # The language and the locale of dates and numbers: ``locale`` ("de", "en_US"), else the
        # environment's (LC_ALL, LC_MESSAGES, LANG), else English.
        from babel import Locale

        from tui import i18n

        self.locale = Locale.parse(i18n.set_language(locale))
        self.animation_level = "none"
        if theme:
            self.theme = theme
        self._keymap = keymap or {}
        self._keymap_problems = list(keymap_problems)
        self._progress = None  # the loader's last Progress
        self._stage_start: tuple[str, float, int] | None = None  # stage, when it began, done then
        self._typed_at: float | None = None
        self.search_latencies: deque[float] = deque(maxlen=1000)
        self.state = ReadingState(state, paths)
        # What is shown and searched, and where loading stands: where the last session over
        # these folders left off (its query and filters).
        self.session = Session.resumed(self.state.session)
        self.follow = follow
        self._follower: Follower | None = None
        self._relinker: Relinker | None = None  # linking names across the folder after a start (``Following``)
        self._keep_row_of: str | None = None  # after a folder change: the article the cursor was on
        # Processes that analyse files changed since the last start load the model while the
        # app starts (the loader hands them on to ``load_library``).
        self._ahead: Workers | None = None
        if library is None and cache:
            from tui.index.library import analysis_ahead

            self._ahead = analysis_ahead(paths, limit_mb, cache)

    # -- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(id="status")
        with Horizontal(id="search-row"):
            yield SearchBar(self.session.search_text, placeholder=self.search_placeholder(), id="search")
        yield Label("", id="query-error", markup=False)
        with Horizontal(id="main"):
            yield ArticleList(self.locale, self.state, id="articles")
            yield Reader(self.locale, id="reader")
            yield Timeline(self.locale, id="timeline")
        with Horizontal(id="progress-row"):
            yield Label(_("Starting…"), id="progress-label", markup=False)
            # Empty until the number of files is known: an indeterminate bar would redraw 15 times
            # a second, taking the interpreter from the loader it is waiting for.
            yield ProgressBar(total=1, id="progress", show_eta=False)
        yield FittingFooter()

    def on_mount(self) -> None:
        if self._keymap:
            from tui.app.keymap import binding_ids, unknown_ids

            self._keymap_problems += unknown_ids(self._keymap, binding_ids())
            self.set_keymap(self._keymap)
        for problem in self._keymap_problems:  # one line each; the rest of the keymap applies
            self.notify(visible(problem), severity="warning", timeout=12, markup=False)
        self._speak()
        self.query_one(ArticleList).focus()
        self._start_reading_state()
        self._update_status()
        # Start loading once the first frame is out: the loader's thread would compete with it.
        self.call_after_refresh(self._load)

    # -- loading (in a thread) --------------------------------------------------------------

    def on_loaded(self, message: Loaded) -> None:
        if not self.session.loaded(message.library, message.selection):
            return  # loading ended just as it was stopped: the first library stays
        lib = message.library
        self.query_one("#progress-row").display = False
        opened = self._open_id()
        self._show_selection(message.rows, keep=opened)
        reader = self.query_one(Reader)
        if opened is not None and reader.article is not None and reader.article.id == opened:
            reader.set_marks(self._marks(lib.position[opened]))  # opened while loading: now with its marks
        problems = len(lib.report.skipped) + len(lib.notes) + len(lib.report.partial)
        if problems:
            self.notify(
                _("{skipped} file(s) skipped, {notes} note(s): press R for the load report.").format(
                    skipped=len(lib.report.skipped), notes=len(lib.notes)
                ),
                title=_("Load report"),
                severity="warning",
                timeout=8,
                markup=False,
            )
        if not lib.articles:
            self.notify(_("No articles loaded. Press R for the load report."), severity="error", markup=False)
        if self.session.search_text or self.session.filters:
            self._schedule_search()
        self._restore_article()
        self._follow()

    def on_unmount(self) -> None:
        self._unfollow()
        if self._ahead is not None:  # the app ends before loading began
            self._ahead.close()
            self._ahead = None

    # -- status line ------------------------------------------------------------------------

    def _update_status(self) -> None:
        n = len(self.session.articles)
        text = Text()
        text.append("Chronik", style="bold")
        number = lambda k: fmt.number(k, self.locale)  # noqa: E731
        if self.session.loading:
            if self.session.selection is not None and (self.session.search_text or self.session.filters):
                line = _("{shown} of {total} articles loaded so far").format(
                    shown=number(len(self.session.selection.positions)), total=number(n)
                )
            else:
                line = ngettext("{total} article loaded so far", "{total} articles loaded so far", n).format(
                    total=number(n)
                )
            text.append("  " + line, style="dim")
        else:
            shown = len(self.session.selection.positions) if self.session.selection else n
            entries = self.query_one(Timeline).entry_count()  # of the listed articles
            text.append(
                "  "
                + ngettext("{shown} of {total} article", "{shown} of {total} articles", n).format(
                    shown=number(shown), total=number(n)
                )
                + " · "
                + ngettext("{entries} timeline entry", "{entries} timeline entries", entries).format(
                    entries=number(entries)
                )
            )
        self._filter_summary(text)
        self.query_one("#status", Static).update(text)

    # -- searching and filtering ------------------------------------------------------------

    def _full_query(self, text: str | None = None) -> str:
        return self.session.full_query(text)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "search":
            self._typed_at = time.perf_counter()
            self.session.search_text = event.value
            self._schedule_search()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "search":
            self._schedule_search()
            self.query_one(ArticleList).focus()

    def _schedule_search(self) -> None:
        """Search for the current query in a worker. Keys typed while a search runs are
        debounced into one: when it ends, only the latest query runs (no fixed delay, and
        never two searches at once; ``Session.request_search``)."""
        self._remember_query()
        query = self.session.request_search()
        if query is not None:
            self._search(query)
        elif not self.session.searching:
            self._set_error(self.session.query_error)

    @work(thread=True, exclusive=True, exit_on_error=False, group="search", description="search")
    def _search(self, query: str) -> None:
        session = self.session
        if (articles := session.provisional_due()) is not None:  # search what has loaded so far
            from tui.index.library import provisional

            self.call_from_thread(session.use_provisional, provisional(articles))
        self.post_message(SearchDone(session.search(query, self.state)))

    def on_search_done(self, message: SearchDone) -> None:
        step = self.session.searched(message.outcome)
        if isinstance(step.show, SearchFailed):
            self._set_error(step.show.message)
        elif isinstance(step.show, Searched):
            self._apply_selection()
        if step.again:
            self._schedule_search()
        elif isinstance(step.show, Searched):
            # After the list: the timeline may take longer.
            self._narrow_timeline(step.show.selection, step.show.library)

    @work(thread=True, exclusive=True, exit_on_error=False, group="timeline", description="narrow the timeline")
    def _narrow_timeline(self, selection, lib) -> None:
        rows = rows_of(lib, lib.timeline_positions(selection.positions))
        if not get_current_worker().is_cancelled:
            self.post_message(TimelineNarrowed(selection, rows, lib))

    def on_timeline_narrowed(self, message: TimelineNarrowed) -> None:
        selection, rows, lib = message.selection, message.rows, message.library
        if self.session.is_current(selection, lib):  # not overtaken by a newer search
            self.query_one(Timeline).show(rows, lib.timeline)
            self._update_status()
            for screen in self.screen_stack:
                if isinstance(screen, TimelineScreen):
                    screen.follow(lib, self._listed_entries(), self._busiest_month())

    def _listed_entries(self):
        """The timeline entries of the articles listed now (as the sidebar shows them)."""
        rows = self.query_one(Timeline).rows
        return rows[rows >= 0] if len(rows) else rows

    def _busiest_month(self) -> str | None:
        """The month ("2025-10") in which most of the listed articles were published."""
        facets = self.current_facets()
        if facets is None or not facets.published:
            return None
        return max(facets.published.items(), key=lambda kv: (kv[1], kv[0]))[0]

    def _set_error(self, message: str) -> None:
        self.session.query_error = message
        label = self.query_one("#query-error", Label)
        label.update(message)
        label.display = bool(message)

    def _apply_selection(self) -> None:
        self._set_error("")
        keep, self._keep_row_of = self._keep_row_of or self._open_id(), None
        self._show_selection(None, keep=keep)
        if self._typed_at is not None:  # how long the list took to follow the last key (bench_app.py)
            self.search_latencies.append(time.perf_counter() - self._typed_at)
            self._typed_at = None

    def _show_selection(self, rows, keep: str | None) -> None:
        lib, selection = self.session.library, self.session.selection
        assert lib is not None and selection is not None  # a selection is shown once there is a library
        listing = self.query_one(ArticleList)
        kept = listing.show(
            self.session.articles if self.session.loading else lib.articles,
            selection.positions,
            keep=lib.position.get(keep) if keep is not None else None,
        )
        if rows is not None:
            self.query_one(Timeline).show(rows, lib.timeline)
        reader = self.query_one(Reader)
        listing.empty_message = _("No article matches.") if self.session.search_text or self.session.filters else ""
        if reader.article is not None and kept:
            reader.set_matches(self._matches(reader.article.id))
        elif listing.current is not None:  # the open article left the list: show the top hit
            self.open_article(listing.current.id, focus=False)
        elif not self.session.loading and reader.article is not None:  # nothing matches: nothing to read
            reader.show(None, [])
            self.query_one(Timeline).mark_open(None)
        self._update_status()

    def _matches(self, article_id: str) -> list[tuple[int, int]]:
        if self.session.library is None or self.session.selection is None:
            return []
        return self.session.library.highlights(article_id, self.session.selection)

    def titles(self):
        """(id, title) of every article, without decoding the articles themselves."""
        if self.session.library is not None and not self.session.loading:
            return zip(self.session.library.index.ids, self.session.library.index.titles)
        return ((a.id, a.title) for a in self.session.articles)

    def current_facets(self):
        return self.session.selection.facets if self.session.selection is not None else None

    # -- opening articles -------------------------------------------------------------------

    def _open_id(self) -> str | None:
        article = self.query_one(Reader).article
        return article.id if article else None

    def open_article(
        self,
        article_id: str,
        focus: bool = True,
        span: tuple[int, int] | None = None,
        sentence: tuple[int, int] | None = None,
    ) -> None:
        """Show the article in the reader (at ``span`` and its ``sentence`` if given)."""
        position = self.session.library.position.get(article_id) if self.session.library else None
        if position is None and self.session.loading:  # arrived after the provisional index was made
            position = next((i for i, a in enumerate(self.session.articles) if a.id == article_id), None)
        if position is None:
            return
        article = self.session.articles[position]
        reader = self.query_one(Reader)
        if reader.article is None or reader.article.id != article.id:
            reader.show(article, self._marks(position))
        listing = self.query_one(ArticleList)
        row = listing.row_of(position)
        if row is not None and row != listing.cursor:
            listing.move_to(row, notify=False)
        self.query_one(Timeline).mark_open(article.id)
        if span is not None:
            reader.focus_span(span[0], span[1], sentence)
        if focus:
            self.mark_opened(article)
            self.screen.add_class("reading")
            reader.focus()

    def _marks(self, position: int) -> list[Mark]:
        lib = self.session.library
        if lib is None or position >= len(lib.articles):
            return []
        marks = [
            Mark(s.start, s.end, s.label if s.label in ENTITY_KINDS else "MISC", s.key or s.text)
            for s in lib.entities[position]
        ]
        marks += [Mark(t.start, t.end, "DATE", t.when() or "") for t in lib.dates[position]]
        marks += [Mark(a, b, "MATCH") for a, b in self._matches(lib.articles[position].id)]
        return marks

    def on_row_list_selected(self, message: RowList.Selected) -> None:
        if isinstance(message.rows, ArticleList):
            if message.rows.current is not None:
                self.open_article(message.rows.current.id)
        elif isinstance(message.rows, Timeline):
            entry = message.rows.entry(message.row)
            if entry is None:
                heading = message.rows.heading(message.row)
                if heading is not None:
                    self.add_filter("date", heading)
                return
            self.screen.remove_class("timeline-on")
            self.open_timeline_entry(entry)

    def open_timeline_entry(self, entry) -> None:
        """Open the article of a timeline entry at its sentence (a listed article's first)."""
        shown = set(self.session.selection.positions) if self.session.selection else set()
        assert self.session.library is not None  # the timeline shows a library's entries
        position = self.session.library.position
        source = next((s for s in entry.sources if position.get(s.article) in shown), entry.sources[0])
        self.open_article(
            source.article, span=(source.start, source.end), sentence=(source.sentence_start, source.sentence_end)
        )

    # -- actions ----------------------------------------------------------------------------

    def action_search(self) -> None:
        self.query_one("#search", SearchBar).enter()

    def action_toggle_timeline(self) -> None:
        timeline = self.query_one(Timeline)
        shown = timeline.display
        self.screen.set_class(not shown, "timeline-on")
        self.screen.set_class(shown, "timeline-off")
        if not shown:
            timeline.focus()
        elif timeline.has_focus:
            self.query_one(ArticleList).focus()

    def action_full_timeline(self) -> None:
        if self.session.library is None or self.session.loading:
            self.notify(_("The timeline is ready when loading has finished."), timeout=3)
            return
        self.push_screen(
            TimelineScreen(self.session.library, self._listed_entries(), self.locale, self._busiest_month())
        )

    def action_back(self) -> None:  # type: ignore[override]  # Escape's own meaning, not Textual's "back"
        """Escape: from the search bar clear it; from the reader back to the list; in the list
        clear the search."""
        focused = self.focused
        search = self.query_one("#search", Input)
        if focused is search or (isinstance(focused, ArticleList) and self.session.search_text):
            search.value = ""
            self.session.search_text = ""
            self._schedule_search()
            self.query_one(ArticleList).focus()
        elif isinstance(focused, (Reader, Timeline)):
            self.screen.remove_class("reading", "timeline-on")
            self.query_one(ArticleList).focus()
        elif self.session.loading:
            self.stop_loading()

    def action_report(self) -> None:
        lib = self.session.library
        if lib is None:
            self.notify(_("Still loading."), timeout=2)
            return
        self.push_screen(ReportScreen(lib.report.loaded, lib.report.skipped, lib.notes, lib.report.partial))

    def action_help(self) -> None:
        self.push_screen(HelpScreen(help_groups(self.screen.active_bindings, self.focused)))

    def get_system_commands(self, screen):
        yield from super().get_system_commands(screen)
        yield SystemCommand(_("Toggle timeline"), _("Show or hide the timeline sidebar"), self.action_toggle_timeline)
        yield SystemCommand(
            _("Full timeline"), _("Read the listed articles' events in order, full screen"), self.action_full_timeline
        )
        yield SystemCommand(
            _("Names in this article"), _("Its people, places and organisations, to filter by"), self.action_names
        )
        yield SystemCommand(_("Clear filters"), _("Remove every active filter"), self.action_clear_filters)
        yield SystemCommand(_("Load report"), _("Files that could not be loaded, and why"), self.action_report)
        yield SystemCommand(
            _("Export result list"),
            _("Write the listed articles to a CSV, JSON or Markdown file"),
            lambda: self.action_export("list"),
        )
        yield SystemCommand(
            _("Export timeline"),
            _("Write the timeline of the listed articles to an iCalendar, CSV, JSON or Markdown file"),
            lambda: self.action_export("timeline"),
        )
        yield from self.language_commands()
        yield SystemCommand(_("Help"), _("Keys, query syntax and colours"), self.action_help)
