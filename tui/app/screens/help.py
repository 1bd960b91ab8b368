"""The help screen: the keys that apply in the pane that had focus, the query syntax and the
colour legend of the reader's marks."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.app.language import Translated
from tui.app.styles import legend
from tui.i18n import N_, _

# The field names (person:, date:, is: …) are the query language's own words: they stay as they are.
QUERY_SYNTAX = N_("""\
putin telefonat              both words (German-aware: "Telefonate" matches too)
"weißes haus"                the exact phrase
-waffenruhe                  without the word
kreml OR moskau              either term
person:putin  place:moskau  org:nato  entity:selenskyj
                             a name of that kind (entity: any kind)
source:dpa                   the article's source
date:2025-03  date:2025-03-01..2025-03-31  after:2025-02  before:2025
                             published in that period, or mentioning a date in it
is:unread  is:read  is:starred  is:unstarred
                             your own marks (m, M and s)""")


def key_label(key: str) -> str:
    return {
        "question_mark": "?",
        "slash": "/",
        "space": "Space",
        "escape": "Esc",
        "enter": "Enter",
        "pagedown": "PgDn",
        "pageup": "PgUp",
        "tab": "Tab",
        "shift+tab": "Shift+Tab",
    }.get(key, key)


_SIDEWAYS = {"scroll_left", "scroll_right", "page_left", "page_right"}  # no use in a wrapped pane
# Listed once, under "Everywhere", in Chronik's words (Textual binds them on the screen and the app).
_LISTED_ONCE = {
    "focus_next",
    "focus_previous",
    "app.focus_next",
    "app.focus_previous",
    "command_palette",
    "app.command_palette",
}
_PANES = {
    "ChronikApp": N_("Everywhere"),
    "ArticleList": N_("Article list"),
    "Reader": N_("Reader"),
    "Timeline": N_("Timeline"),
    "Input": N_("Search bar"),
    "Screen": N_("Screen"),
}
_EVERYWHERE = _PANES["ChronikApp"]


def help_groups(active_bindings: dict, focused) -> list[tuple[str, list[tuple[str, str]]]]:
    """(heading, [(keys, description)]) for the bindings that apply now, the focused pane's first."""
    groups: dict[str, list[tuple[str, str]]] = {}
    seen: dict[tuple[str, str], list[str]] = {}
    for key, active in active_bindings.items():
        b = active.binding
        if not b.description or b.action in _SIDEWAYS or b.action in _LISTED_ONCE:
            continue
        owner = type(active.node).__name__
        where = _(_PANES.get(owner, owner))
        k = (where, b.description)
        if k not in seen:
            seen[k] = []
            groups.setdefault(where, [])
        seen[k].append(key_label(key))
    for (where, description), keys in seen.items():
        groups[where].append((" / ".join(dict.fromkeys(keys)), description))
    everywhere = _(_EVERYWHERE)
    if everywhere in groups:
        groups[everywhere] += [("Tab / Shift+Tab", _("Next / previous pane")), ("ctrl+p", _("Command palette"))]
    order = sorted(groups, key=lambda w: w == everywhere)
    pane = _(_PANES.get(type(focused).__name__, type(focused).__name__)) if focused else None
    title = _("Keys ({pane} has focus)").format(pane=pane) if pane else _("Keys (no pane has focus)")
    return [(title if i == 0 else w, groups[w]) for i, w in enumerate(order)]


SYNTAX_COLUMN = 29  # where QUERY_SYNTAX's descriptions start


def syntax_text(block: str, width: int) -> Text:
    """QUERY_SYNTAX (as translated) laid out for ``width`` columns: examples at the left, their
    descriptions in a column of their own, a line that does not fit wrapped under its own start
    rather than back at column 0; below 60 columns each description goes under its example."""
    import textwrap

    column = SYNTAX_COLUMN if width >= 60 else 6
    text = Text()

    def wrapped(line: str, indent: int) -> list[str]:
        room = max(10, width - indent)
        return textwrap.wrap(line, room, break_long_words=False, break_on_hyphens=False) or [""]

    for line in block.splitlines():
        example, description = line[:SYNTAX_COLUMN].strip(), line[SYNTAX_COLUMN:].strip()
        if len(line) > SYNTAX_COLUMN and line[SYNTAX_COLUMN - 1] != " ":  # a long example, alone on its line
            example, description = line.strip(), ""
        if example:
            parts = wrapped(example, 2)
            for i, part in enumerate(parts):
                last = i == len(parts) - 1
                text.append("  " + part, style="bold")
                if last and description and column == SYNTAX_COLUMN and len(part) + 2 < column - 1:
                    text.append(" " * (column - 2 - len(part)))
                    desc = wrapped(description, column)
                    text.append(desc[0] + "\n")
                    for more in desc[1:]:
                        text.append(" " * column + more + "\n")
                    description = ""
                else:
                    text.append("\n")
        if description:
            for part in wrapped(description, column):
                text.append(" " * column + part + "\n")
    return text


def bindings_text(groups: list[tuple[str, list[tuple[str, str]]]]) -> Text:
    text = Text()
    for title, rows in groups:
        text.append(f"{title}\n", style="bold underline")
        for keys, description in rows:
            text.append(f"  {keys:<22}", style="bold")
            text.append(f"{description}\n")
        text.append("\n")
    return text


class HelpScreen(Translated, ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,question_mark,f1", "dismiss", N_("Close"), id="help.close"),
        Binding("j", "scroll(1)", show=False, id="help.down"),
        Binding("k", "scroll(-1)", show=False, id="help.up"),
        Binding("space", "page(1)", show=False, id="help.page_down"),
        Binding("b", "page(-1)", show=False, id="help.page_up"),
        Binding("g", "ends(0)", show=False, id="help.first"),
        Binding("G", "ends(1)", show=False, id="help.last"),
    ]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 90%; max-width: 96; height: 90%; border: round $primary;
                                  background: $surface; padding: 0 1; }
    """

    def __init__(self, groups: list[tuple[str, list[tuple[str, str]]]]) -> None:
        super().__init__()
        self.groups = groups

    def _text_width(self) -> int:
        # The box is 90% of the screen (at most 96) less its border, padding and scroll bar.
        return max(20, min(int(self.app.size.width * 0.9), 96) - 6)

    def _scroller(self) -> VerticalScroll:
        return self.query_one(VerticalScroll)

    def action_scroll(self, n: int) -> None:
        self._scroller().scroll_relative(y=n, animate=False)

    def action_page(self, n: int) -> None:
        s = self._scroller()
        s.scroll_relative(y=n * max(1, s.size.height - 1), animate=False)

    def action_ends(self, end: int) -> None:
        s = self._scroller()
        (s.scroll_end if end else s.scroll_home)(animate=False)

    def on_resize(self) -> None:
        if self.is_mounted and self.query("#help-text"):
            self.query_one("#help-text", Static).update(self._text())

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(self._text(), id="help-text")

    def _text(self) -> Text:
        text = bindings_text(self.groups)
        text.append(_("Query syntax") + "\n", style="bold underline")
        text.append_text(syntax_text(_(QUERY_SYNTAX), self._text_width()))
        text.append("\n")
        text.append(_("Marks in the reader") + "\n", style="bold underline")
        for _kind, description, style in legend():
            text.append("  ")
            text.append(description, style=style)
            text.append("\n")
        text.append("\n" + _("Escape, q or ? closes this screen; j, k, Space and b scroll."), style="dim")
        return text
