"""Following the opened folders once they have loaded: new, changed and deleted files come into
the list, the index and the timeline while the user reads. A mixin of ``ChronikApp``.

The watcher (``tui.index.live``) only says that something may have changed; the update runs in
a thread worker, one at a time (changes that arrive meanwhile make one more run afterwards), and
the new library replaces the old one in one step on the UI thread, with the current query and
filters run on it, the cursor on the same article and the reader where it was. A start that
analysed only the files changed since the last one gets the library with names linked across the
whole folder the same way, from a child process (``tui.index.relink``).
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

from textual import work

from tui.app import fmt
from tui.app.base import AppBase
from tui.app.messages import FolderChanged, Relinked, Saved, Updated
from tui.app.widgets.article_list import ArticleList
from tui.app.widgets.reader import Reader
from tui.i18n import _

if TYPE_CHECKING:
    from tui.index.live import Update


class Following(AppBase):
    def _follow(self) -> None:
        """Start watching the folders (once, when loading has finished)."""
        from tui.index.live import Follower

        if self.follow and self._follower is None and self._preloaded is None:
            self._follower = Follower(self.paths, self._poked, polling=self.follow == "poll")

    def _unfollow(self) -> None:
        if self._follower is not None:
            self._follower.close()
            self._follower = None
        if self._relinker is not None:
            self._relinker.stop()
            self._relinker = None

    def on_saved(self, message: Saved) -> None:
        """A start analysed only the files changed since the last one: their names are linked
        across the whole folder in a child process, and its library swapped in when it is done
        (``tui.index.relink``), while the reader goes on with the one it has."""
        from tui.index.relink import Relinker

        if not self.session.shows(message.library) or self._relinker is not None or not self.cache_path:
            return
        self._relinker = Relinker(self.paths, self.cache_path, self.limit_mb, self.time_limit)
        self._await_relink(self._relinker)

    @work(thread=True, exclusive=True, exit_on_error=False, group="relink", description="link names")
    def _await_relink(self, relinker) -> None:
        self.post_message(Relinked(relinker, relinker.wait()))

    def on_relinked(self, message: Relinked) -> None:
        relinker, linked = message.relinker, message.library
        if relinker is not self._relinker:  # stopped meanwhile
            return
        self._relinker = None
        if linked is None:
            return
        self._replace(linked)  # (which freezes it out of the cyclic collector's sight, as every library)
        # The child listed the folder when it began: what changed since comes in as any change.
        if self._follower is not None:
            self._folder_changed()

    def _poked(self) -> None:
        """From the watcher's thread: something may have changed."""
        self.post_message(FolderChanged())

    def on_folder_changed(self, message: FolderChanged) -> None:
        self._folder_changed()

    def _folder_changed(self) -> None:
        library = self.session.request_update()
        if library is not None:
            self._update_library(library)

    @work(thread=True, exclusive=True, exit_on_error=False, group="live", description="follow the folder")
    def _update_library(self, library) -> None:
        from tui.index.cache import Cache
        from tui.index.live import refresh

        cache = Cache(self.cache_path) if self.cache_path else None
        update: Update | Exception | None
        try:
            update = refresh(library, self.paths, limit_mb=self.limit_mb, cache=cache, time_limit=self.time_limit)
        except Exception as exc:  # a folder that vanished, a full disk: say so, keep what is shown
            update = exc
        finally:
            if cache is not None:
                cache.close()
        self.post_message(Updated(library, update))

    def on_updated(self, message: Updated) -> None:
        library, update = message.library, message.update
        current, again = self.session.updated(library)
        if isinstance(update, Exception):
            self.failed("live", update)
        elif update is not None and current:
            self._swap(update)
        if again:
            self._folder_changed()

    def _swap(self, update) -> None:
        self._replace(update.library)
        parts = [
            what.format(n=fmt.number(n, self.locale))
            for n, what in (
                (update.added, _("{n} new")),
                (update.changed, _("{n} changed")),
                (update.removed, _("{n} removed")),
            )
            if n
        ]
        self.notify(_("Folder changed: {changes}.").format(changes=", ".join(parts)), timeout=4, markup=False)

    def _replace(self, lib) -> None:
        """Show ``lib`` instead of the library shown: the same query and filters, the cursor on
        the same article, the reader where it was."""
        listing, reader = self.query_one(ArticleList), self.query_one(Reader)
        self._keep_row_of = listing.current.id if listing.current is not None else None
        self.session.replace(lib)
        opened = reader.article
        position = lib.position.get(opened.id) if opened is not None else None
        if (
            position is not None and opened is not None and lib.articles[position].text != opened.text
        ):  # its file was edited
            place = reader.place
            reader.show(lib.articles[position], self._marks(position))
            reader.go_to_place(place)
        elif position is not None:  # the same text, its names perhaps linked anew
            marks = self._marks(position)
            if sorted(marks, key=lambda m: (m.start, -m.end, m.kind)) != reader.marks:
                reader.set_marks(marks)
        self._schedule_search()  # the current query and filters, on the new library
        self._update_status()
        # Out of the cyclic collector's sight, as the first library was (``on_loaded``): the
        # library has no cycles, and the one it replaces is freed by reference counting.
        gc.freeze()
