"""Loading a folder in the app: the loader's thread and its messages, the progress line, search
on what has loaded so far, and stopping with Escape. A mixin of ``ChronikApp``, which shows
what arrives (``on_loaded``) and owns the state these methods keep up to date."""

from __future__ import annotations

import gc
import time

from textual import work
from textual.widgets import Label, ProgressBar
from textual.worker import get_current_worker

from tui.app import fmt
from tui.app.base import AppBase
from tui.app.messages import Arrived, Loaded, Progressed, Saved
from tui.app.widgets.article_list import ArticleList
from tui.app.widgets.timeline import rows_of
from tui.i18n import N_, _
from tui.index.session import Phase

STAGE_NAMES = {"loading": N_("Loading files"), "entities": N_("Linking names"), "indexing": N_("Indexing")}


def void(_result: object) -> None:
    """A callback's result dropped (``post_message`` says whether the message was queued)."""


class Loading(AppBase):
    @work(thread=True, exclusive=True, exit_on_error=False, group="load", description="load the folder")
    def _load(self) -> None:
        from tui.index.cache import Cache
        from tui.index.library import Cancelled, load_library

        worker = get_current_worker()
        if self._preloaded is not None:
            library = self._preloaded
            self.post_message(Loaded(library, library.select(""), rows_of(library)))
            return
        cache = Cache(self.cache_path) if self.cache_path else None
        ahead, self._ahead = self._ahead, None

        def ready(library) -> None:  # shown at once; a new start-up snapshot is written after
            # Millions of objects that live as long as the library, and no cycles among them: out
            # of the cyclic collector's sight, its collections stay short (a snapshot is frozen
            # as read).
            gc.freeze()
            self.post_message(Loaded(library, library.select(""), rows_of(library)))

        try:
            # Files changed since the last snapshot are analysed alone and merged into it; their
            # names are linked across the folder afterwards (``Following._relink``).
            library = load_library(
                self.paths,
                limit_mb=self.limit_mb,
                time_limit=self.time_limit,
                progress=lambda p: void(self.post_message(Progressed(p))),
                arrived=lambda batch: void(self.post_message(Arrived(list(batch)))),
                cancelled=lambda: worker.is_cancelled,
                cache=cache,
                defer_linking=True,
                ready=ready,
                ahead=ahead,
            )
        except Cancelled:
            return
        finally:
            if cache is not None:
                cache.close()
        if not library.linked:
            self.post_message(Saved(library))

    def on_progressed(self, message: Progressed) -> None:
        p = self._progress = message.progress
        if self.session.phase is not Phase.LOADING:
            return
        now = time.monotonic()
        if self._stage_start is None or self._stage_start[0] != p.stage:
            self._stage_start = (p.stage, now, p.done)
        label = _(STAGE_NAMES.get(p.stage, p.stage))
        if p.total:
            label += f" {fmt.number(p.done, self.locale)}/{fmt.number(p.total, self.locale)}"
            _stage, began, done_then = self._stage_start
            rate = (p.done - done_then) / (now - began) if now - began > 2 else 0
            if rate > 0 and p.done < p.total:
                label += ", " + fmt.remaining((p.total - p.done) / rate, self.locale)
        else:
            label += "…"
        self.query_one("#progress-label", Label).update(label + "  " + _("(Esc stops, q quits)"))
        self.query_one("#progress", ProgressBar).update(total=p.total or 1, progress=p.done if p.total else 0)

    def on_arrived(self, message: Arrived) -> None:
        added = self.session.arrived(message.articles)
        if added is None:
            return
        if not self.session.narrowed:  # a list of search results keeps to them
            listing = self.query_one(ArticleList)
            listing.append(self.session.articles, list(added))
        self._update_status()

    def stop_loading(self) -> None:
        """Stop loading and go on with the articles loaded so far (Escape while loading)."""
        if not self.session.stop():
            return
        self.workers.cancel_group(self, "load")
        self.query_one("#progress-label", Label).update(_("Stopping: indexing what has loaded…"))
        self._keep_loaded(list(self.session.articles), self._progress.total if self._progress else 0)

    @work(thread=True, exclusive=True, exit_on_error=False, group="stop", description="keep what has loaded")
    def _keep_loaded(self, articles: list, total: int, note: str | None = None) -> None:
        from tui.index.library import provisional

        note = (note + ": " if note else "") + _(
            "loading stopped after {loaded} of {total} files; names and dated events were not "
            "linked (restart to load everything)"
        ).format(loaded=len(articles), total=total or "?")
        library = provisional(articles, [note])
        self.post_message(Loaded(library, library.select(""), rows_of(library)))
