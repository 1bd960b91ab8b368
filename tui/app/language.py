"""The app in the active language (``tui.i18n``), and switching it without a restart.

Key bindings are declared with English descriptions (marked ``N_``); ``translate_bindings``
replaces each node's bindings with copies described in the active language, remembering the
English original, so the footer and the help screen speak it and a later switch can translate
again. Textual's own bindings (focus, copy, quit, the palette, the search bar's editing keys) are
in the catalog too.
"""

from __future__ import annotations

import dataclasses

from babel import Locale
from textual.app import SystemCommand

from tui import i18n
from tui.app.base import AppBase
from tui.i18n import N_, _

# Textual's own descriptions that can show in the footer or the help screen.
TEXTUAL_DESCRIPTIONS = (
    N_("Focus Next"),
    N_("Focus Previous"),
    N_("Copy selected text"),
    N_("Quit"),
    N_("palette"),
    N_("Open the command palette"),
    N_("Quit the app and return to the command prompt."),
    N_("Move cursor left"),
    N_("Move cursor left and select"),
    N_("Move cursor left a word"),
    N_("Move cursor left a word and select"),
    N_("Move cursor right or accept the completion suggestion"),
    N_("Move cursor right and select"),
    N_("Move cursor right a word"),
    N_("Move cursor right a word and select"),
    N_("Delete character left"),
    N_("Select all"),
    N_("Go to start"),
    N_("Go to end"),
    N_("Select line start"),
    N_("Select line end"),
    N_("Delete character right"),
    N_("Submit"),
    N_("Delete left to start of word"),
    N_("Delete all to the left"),
    N_("Delete right to start of word"),
    N_("Delete all to the right"),
    N_("Cut selected text"),
    N_("Paste text from the clipboard"),
)

# Textual's own commands in the palette (App.get_system_commands), and the palette's prompt.
TEXTUAL_COMMANDS = (
    N_("Bell"),
    N_("Ring the bell"),
    N_("Theme"),
    N_("Change the current theme"),
    N_("Quit"),
    N_("Quit the application as soon as possible"),
    N_("Keys"),
    N_("Hide the keys and widget help panel"),
    N_("Show help for the focused widget and a summary of available keys"),
    N_("Minimize"),
    N_("Minimize the widget and restore to normal size"),
    N_("Maximize"),
    N_("Maximize the focused widget"),
    N_("Screenshot"),
    N_("Save an SVG 'screenshot' of the current screen"),
    N_("Search for commands…"),
)

_ENGLISH: dict[tuple, tuple[str, str]] = {}  # binding -> its English (description, tooltip)


def _translated(binding):
    key = (binding.id, binding.action, binding.key)
    description, tooltip = _ENGLISH.setdefault(key, (binding.description, binding.tooltip))
    return dataclasses.replace(
        binding, description=_(description) if description else description, tooltip=_(tooltip) if tooltip else tooltip
    )


def translate_bindings(*nodes) -> None:
    """Describe the bindings of ``nodes`` and everything below them in the active language."""
    for top in nodes:
        for node in (top, *top.query("*")):
            table = node._bindings.key_to_bindings
            for key, bindings in table.items():
                table[key] = [_translated(b) for b in bindings]


class Translated:
    """Mixin for screens: their bindings are described in the active language once mounted
    (Textual calls every class's ``on_mount``, so the screen's own runs too)."""

    def on_mount(self) -> None:
        translate_bindings(self)


class Language(AppBase):
    """Mixin for ``ChronikApp``: the language in use and the palette's commands to change it."""

    def search_placeholder(self) -> str:
        return _('/ search: words "phrase" -not OR person: place: org: source: date: is:')

    def _speak(self) -> None:
        """Put every label that is already on screen into the active language."""
        translate_bindings(self, *self.screen_stack)
        self.refresh_bindings()

    def set_language(self, lang: str) -> None:
        """Switch the interface to ``lang`` ("de", "en", "de_AT", …) and re-render, keeping everything else."""
        from textual.widgets import Input, Label

        from tui.app.widgets.article_list import ArticleList
        from tui.app.widgets.reader import Reader
        from tui.app.widgets.timeline import Timeline

        self.locale = Locale.parse(i18n.set_language(lang))
        for widget in (self.query_one(ArticleList), self.query_one(Reader), self.query_one(Timeline)):
            widget.set_locale(self.locale)
        self.query_one("#search", Input).placeholder = self.search_placeholder()
        if self.session.loading:
            self.query_one("#progress-label", Label).update(_("Starting…"))
        self._update_status()
        self._speak()
        self.notify(_("Language: {name}").format(name=i18n.LANGUAGES[i18n.language()]), timeout=3)

    def get_system_commands(self, screen):
        """Textual's own palette commands, in the active language."""
        for command in super().get_system_commands(screen):
            yield SystemCommand(_(command.title), _(command.help), command.callback, command.discover)

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]  # (the app)
            self.push_screen(CommandPalette(id="--command-palette", placeholder=_("Search for commands…")))

    def language_commands(self):
        for code, name in i18n.LANGUAGES.items():
            if code != i18n.language():
                # Each language is named in its own words, so it can be found by someone who
                # cannot read the one on screen.
                title = _("Language: {name}").format(name=f"{name} ({code})")
                yield SystemCommand(
                    title, _("Show Chronik in {name}").format(name=name), lambda code=code: self.set_language(code)
                )
