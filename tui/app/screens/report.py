"""The load report: every file that could not be read, with its reason, and notes on what is
missing (such as the entity model)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.app.language import Translated
from tui.corpus.safetext import printable
from tui.i18n import N_, _, reason

if TYPE_CHECKING:
    from tui.corpus.model import Skipped


class ReportScreen(Translated, ModalScreen[None]):
    BINDINGS = [Binding("escape,q", "dismiss", N_("Close"), id="report.close")]
    DEFAULT_CSS = """
    ReportScreen { align: center middle; }
    ReportScreen > VerticalScroll { width: 90%; height: 80%; border: round $warning; background: $surface;
                                    padding: 0 1; }
    """

    def __init__(
        self, loaded: int, skipped: Sequence[Skipped], notes: list[str], partial: Sequence[Skipped] = ()
    ) -> None:
        super().__init__()
        self.loaded, self.skipped, self.notes, self.partial = loaded, skipped, notes, list(partial)

    def compose(self) -> ComposeResult:
        text = Text()
        text.append(
            _("Load report: {loaded} article(s) loaded, {skipped} file(s) skipped").format(
                loaded=self.loaded, skipped=len(self.skipped)
            )
            + "\n\n",
            style="bold",
        )
        for item in self.skipped:
            text.append(printable(item.path), style="bold")
            text.append(f"\n  {printable(reason(item.reason))}\n")
        if self.partial:
            text.append("\n" + _("Loaded without names and dates:") + "\n", style="bold")
        for item in self.partial:
            text.append(printable(item.path), style="bold")
            text.append(f"\n  {printable(reason(item.reason))}\n")
        for note in self.notes:
            text.append(printable(reason(note)) + "\n", style="italic")
        if not self.skipped and not self.notes and not self.partial:
            text.append(_("Every file loaded.") + "\n")
        text.append("\n" + _("Escape closes this screen."), style="dim")
        with VerticalScroll():
            yield Static(text, id="report-text")
