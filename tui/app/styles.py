"""How each kind of mark looks in the reader, told apart without colour too.

Colours are the terminal's own 16 ANSI colours, so they follow its palette and
survive 16-colour terminals; each kind also has its own text style (bold,
underline, italic or a mix), which is all that is left under ``NO_COLOR``.
"""

from __future__ import annotations

import os

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


def mark_style(kind: str) -> Style:
    """The style of a mark of ``kind``; under ``NO_COLOR`` without its colour, so that a name is
    drawn in the body text's own colour, as bright as the text around it (Textual's NO_COLOR
    filter would turn blue into a grey darker than the text), told apart by its text style."""
    style = MARKS[kind][1]
    if os.environ.get("NO_COLOR"):
        return Style(bold=style.bold, italic=style.italic, underline=style.underline, reverse=style.reverse)
    return style


def legend() -> list[tuple[str, str, Style]]:
    """(kind, description, style) for the help screen, in the active language."""
    return [(kind, _(name), mark_style(kind)) for kind, (name, _style) in MARKS.items()]
