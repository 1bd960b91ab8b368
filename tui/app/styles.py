"""How each kind of mark looks in the reader, told apart without colour too.

Colours are the terminal's own 16 ANSI colours, so they follow its palette and
survive 16-colour terminals; each kind also has its own text style (bold,
underline, italic or a mix), which is all that is left under ``NO_COLOR``.
"""

from __future__ import annotations

from rich.style import Style

from tui.i18n import N_, _

MARKS: dict[str, tuple[str, Style]] = {
    "PER": (N_("person"), Style.parse("bold blue")),
    "LOC": (N_("place"), Style.parse("underline green")),
    "ORG": (N_("organisation"), Style.parse("italic magenta")),
    "MISC": (N_("other name"), Style.parse("italic underline cyan")),
    "DATE": (N_("date"), Style.parse("bold underline yellow")),
    "MATCH": (N_("search match"), Style.parse("reverse")),
}
CURSOR = Style.parse("reverse bold italic")
SENTENCE = Style.parse("on grey23")
EXTRAS = Style.parse("dim")
HEADING = Style.parse("bold")


def legend() -> list[tuple[str, str, Style]]:
    """(kind, description, style) for the help screen, in the active language."""
    return [(kind, _(name), style) for kind, (name, style) in MARKS.items()]
