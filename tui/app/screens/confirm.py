"""A yes/no question before an action that changes many things at once (``M`` on a list)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.app.language import Translated
from tui.i18n import N_, _


class ConfirmScreen(Translated, ModalScreen[bool]):
    BINDINGS = [
        Binding("y,enter", "answer(True)", N_("Yes"), id="confirm.yes"),
        Binding("n,escape,q", "answer(False)", N_("No"), id="confirm.no"),
    ]
    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    ConfirmScreen > Static { width: auto; max-width: 90%; height: auto; border: round $warning;
                             background: $surface; padding: 0 1; }
    """

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        text = Text(self.question, style="bold")  # a Text: never parsed as markup
        text.append("\n" + _("y or Enter: yes · n or Escape: no"), style="dim")
        yield Static(text, id="confirm-text")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
