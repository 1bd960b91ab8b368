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
    return {"question_mark": "?", "slash": "/", "space": "Space", "escape": "Esc", "enter": "Enter",
            "pagedown": "PgDn", "pageup": "PgUp", "tab": "Tab", "shift+tab": "Shift+Tab"}.get(key, key)


_SIDEWAYS = {"scroll_left", "scroll_right", "page_left", "page_right"}  # no use in a wrapped pane
_PANES = {"ChronikApp": N_("Everywhere"), "ArticleList": N_("Article list"), "Reader": N_("Reader"),
          "Timeline": N_("Timeline"), "Input": N_("Search bar"), "Screen": N_("Screen")}
_EVERYWHERE = _PANES["ChronikApp"]


def help_groups(active_bindings: dict, focused) -> list[tuple[str, list[tuple[str, str]]]]:
    """(heading, [(keys, description)]) for the bindings that apply now, the focused pane's first."""
    groups: dict[str, list[tuple[str, str]]] = {}
    seen: dict[tuple[str, str], list[str]] = {}
    for key, active in active_bindings.items():
        b = active.binding
        if not b.description or b.action in _SIDEWAYS:
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
    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss", N_("Close"), id="help.close")]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 90%; max-width: 96; height: 90%; border: round $primary;
                                  background: $surface; padding: 0 1; }
    """

    def __init__(self, groups: list[tuple[str, list[tuple[str, str]]]]) -> None:
        super().__init__()
        self.groups = groups

    def compose(self) -> ComposeResult:
        text = bindings_text(self.groups)
        text.append(_("Query syntax") + "\n", style="bold underline")
        text.append(_(QUERY_SYNTAX) + "\n\n")
        text.append(_("Marks in the reader") + "\n", style="bold underline")
        for _kind, description, style in legend():
            text.append("  ")
            text.append(description, style=style)
            text.append("\n")
        text.append("\n" + _("Escape, q or ? closes this screen."), style="dim")
        with VerticalScroll():
            yield Static(text, id="help-text")
