"""The names panel (`i`): the people, places, organisations and other names of the open
article, with how often each is mentioned; Enter filters the list by one, as `f` does on a
name in the reader. The names come from ``Library.names_in``."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.app import fmt
from tui.app.language import Translated
from tui.app.styles import mark_style
from tui.app.widgets.rows import RowList
from tui.corpus.safetext import visible
from tui.i18n import N_, _, ngettext

HEADINGS = {"PER": N_("People"), "LOC": N_("Places"), "ORG": N_("Organisations"), "MISC": N_("Other names")}


class NamesList(RowList):
    """Rows of ``(label, None, count)`` for a heading, ``(label, key, mentions)`` for a name."""

    def __init__(self, rows: list[tuple[str, str | None, int]], locale, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows, self.locale = rows, locale
        self.empty_message = _("No names found in this article.")

    def on_mount(self) -> None:
        first = next((i for i, r in enumerate(self.rows) if r[1] is not None), 0)
        self.set_count(len(self.rows), cursor=first)

    def row_text(self, row: int) -> Text:
        label, key, n = self.rows[row]
        if key is None:
            return Text(f"{_(HEADINGS[label])} ({fmt.number(n, self.locale)})", style="bold underline")
        text = Text("  ")
        text.append(visible(key), style=mark_style(label))
        text.append("  " + ngettext("{n} mention", "{n} mentions", n).format(n=fmt.number(n, self.locale)), style="dim")
        return text

    def action_move(self, delta: int) -> None:
        # Headings are not names: the cursor steps over them.
        row = self.cursor + delta
        while 0 <= row < self.count and self.rows[row][1] is None:
            row += 1 if delta > 0 else -1
        if 0 <= row < self.count:
            self.move_to(row)


class NamesScreen(Translated, ModalScreen[tuple[str, str] | None]):
    """Dismissed with (label, key) of the chosen name, or None."""

    BINDINGS = [Binding("escape,q,i", "dismiss", N_("Close"), id="names.close")]
    DEFAULT_CSS = """
    NamesScreen { align: center middle; }
    NamesScreen > #names-box { width: 70%; max-width: 72; height: 80%; border: round $primary;
                               background: $surface; }
    NamesScreen #names-title { height: 1; padding: 0 1; }
    NamesScreen NamesList { height: 1fr; padding: 0 1; }
    NamesScreen #names-hint { height: 1; padding: 0 1; }
    """

    def __init__(self, title: str, names: list[tuple[str, str, int]], locale) -> None:
        super().__init__()
        self.title_text, self.locale = title, locale
        rows: list[tuple[str, str | None, int]] = []
        for label in HEADINGS:
            mine = [(lbl, key, n) for lbl, key, n in names if lbl == label]
            if mine:
                rows.append((label, None, len(mine)))
                rows += mine
        self.rows = rows

    def compose(self) -> ComposeResult:
        from textual.containers import Vertical

        with Vertical(id="names-box"):
            title = Text(_("Names in"), style="bold")
            title.append(" " + visible(self.title_text), style="bold italic")
            yield Static(title, id="names-title")
            yield NamesList(self.rows, self.locale, id="names")
            yield Static(Text(_("Enter filters the list by a name · Escape closes"), style="dim"), id="names-hint")

    def on_mount(self) -> None:
        self.query_one(NamesList).focus()

    def on_row_list_selected(self, message: RowList.Selected) -> None:
        message.stop()
        label, key, _n = self.rows[message.row]
        if key is not None:
            self.dismiss((label, key))
