"""Filters: by a name, a source or a month, added from the reader (`f`), the filter palette
(`F`), the names panel (`i`) or a timeline heading, removed one by one (`F`) or all at once
(`c`), and summed up on the top line. A mixin of ``ChronikApp``; the filters themselves are
query terms (``Filter.term``) that the search joins to what was typed."""

from __future__ import annotations

from rich.text import Text

from tui.app.base import AppBase
from tui.app.commands import FIELD_OF_LABEL, FilterCommands
from tui.app.widgets.article_list import ArticleList
from tui.app.widgets.reader import Reader
from tui.corpus.safetext import visible
from tui.i18n import _
from tui.nlp.timevalue import parse


class Filtering(AppBase):
    def add_filter(self, field: str, value: str) -> None:
        """Narrow the list to articles with this name, source or month (a month replaces the last)."""
        if self.session.add_filter(field, value):
            self._update_status()
            self._schedule_search()

    def remove_filter(self, field: str, value: str) -> None:
        """Drop one filter; the others stay."""
        if self.session.remove_filter(field, value):
            self._update_status()
            self._schedule_search()

    def _filter_summary(self, text: Text) -> None:
        """Append the filters to the top line ``text``: "person: Wladimir Putin +2  (F removes, c clears)"."""
        if not self.session.filters:
            return
        # The latest filter in full, the others counted, and the hint while there is room: the
        # line stays one line at 80 columns.
        room = self.size.width - 2 - text.cell_len
        last = self.session.filters[-1]
        value = visible(last.value)
        more = f" +{len(self.session.filters) - 1}" if len(self.session.filters) > 1 else ""
        hint = "  " + _("(F removes, c clears)")
        head = f"  {last.field}: "
        fits = max(8, room - len(head) - len(more))
        if len(value) > fits:
            value = value[: fits - 1] + "…"
        text.append(head, style="dim")
        text.append(value, style="bold")
        text.append(more, style="bold")
        if len(head) + len(value) + len(more) + len(hint) <= room:
            text.append(hint, style="dim")

    def action_clear_filters(self) -> None:
        if self.session.clear_filters():
            self._update_status()
            self._schedule_search()

    def action_filter_mark(self) -> None:
        """Filter the corpus by the name or date under the reader's cursor."""
        mark = self.query_one(Reader).current_mark
        if mark is None or mark.kind == "MATCH" or not mark.value:
            self.notify(_("Put the cursor on a name or a resolved date first (e / d)."), timeout=3)
            return
        if mark.kind == "DATE":
            when = parse(mark.value).filter_value()
            if when is None:
                self.notify(_("This date is not tied to a calendar date."), timeout=3)
                return
            self.add_filter("date", when)
        else:
            self.add_filter(FIELD_OF_LABEL.get(mark.kind, "entity"), mark.value)

    def action_names(self) -> None:
        """The names panel of the open article (the list's current one when none is open)."""
        from tui.app.screens.names import NamesScreen

        lib = self.session.library
        article = self.query_one(Reader).article or self.query_one(ArticleList).current
        if lib is None or self.session.loading or article is None or article.id not in lib.position:
            self.notify(_("Names are listed once loading has finished."), timeout=3)
            return

        def chosen(choice: tuple[str, str] | None) -> None:
            if choice is not None:
                label, key = choice
                self.add_filter(FIELD_OF_LABEL.get(label, "entity"), key)

        self.push_screen(NamesScreen(article.title, lib.names_in(lib.position[article.id]), self.locale), chosen)

    def action_filter_palette(self) -> None:
        from textual.command import CommandPalette

        self.push_screen(
            CommandPalette(providers=[FilterCommands], placeholder=_("Filter by a name, source or month…"))
        )
