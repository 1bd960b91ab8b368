"""The load report: every file that could not be read, with its reason, and notes on what is
missing (such as the entity model)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.corpus.safetext import printable


class ReportScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q", "dismiss", "Close", id="report.close")]
    DEFAULT_CSS = """
    ReportScreen { align: center middle; }
    ReportScreen > VerticalScroll { width: 90%; height: 80%; border: round $warning; background: $surface;
                                    padding: 0 1; }
    """

    def __init__(self, loaded: int, skipped: list, notes: list[str]) -> None:
        super().__init__()
        self.loaded, self.skipped, self.notes = loaded, skipped, notes

    def compose(self) -> ComposeResult:
        text = Text()
        text.append(f"Load report: {self.loaded} article(s) loaded, {len(self.skipped)} file(s) skipped\n\n",
                    style="bold")
        for item in self.skipped:
            text.append(printable(item.path), style="bold")
            text.append(f"\n  {printable(item.reason)}\n")
        for note in self.notes:
            text.append(printable(note) + "\n", style="italic")
        if not self.skipped and not self.notes:
            text.append("Every file loaded.\n")
        text.append("\nEscape closes this screen.", style="dim")
        with VerticalScroll():
            yield Static(text, id="report-text")
