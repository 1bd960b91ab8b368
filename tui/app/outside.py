"""Leaving the app with an article: `y` copies it, `o` reads it in the pager, `u` opens its
URL. A mixin of ``ChronikApp``; the plain text is ``tui.corpus.plaintext``'s."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys

from babel.dates import format_date

from tui.app import fmt
from tui.app.base import AppBase
from tui.app.widgets.article_list import ArticleList
from tui.app.widgets.reader import Reader
from tui.corpus.plaintext import plain_text
from tui.corpus.safetext import visible, web_url
from tui.i18n import _


def remote_or_headless() -> bool:
    """True where a browser would not show up on the user's screen: over SSH, or on a Unix
    without a display (where ``webbrowser`` would start a text browser inside our terminal)."""
    if os.environ.get("SSH_CONNECTION") or os.environ.get("SSH_TTY"):
        return True
    if sys.platform in ("darwin", "win32"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


class Outside(AppBase):
    def _leaving_article(self):
        # The article the user is looking at: the reader's when it has focus, else the list's.
        reader = self.query_one(Reader)
        if self.focused is reader and reader.article is not None:
            return reader.article
        return self.query_one(ArticleList).current or reader.article

    def _article_text(self, width: int | None = None) -> str | None:
        article = self._leaving_article()
        if article is None:
            return None
        when = format_date(article.published.date, "long", locale=self.locale) if article.published else None
        return plain_text(article, date_text=when, width=width)

    def action_copy(self) -> None:
        text = self._article_text()
        if text:
            self.copy_to_clipboard(text)
            self.notify(
                _("Copied {n} characters to the clipboard.").format(n=fmt.number(len(text), self.locale)), timeout=3
            )

    def action_pager(self) -> None:
        # Wrapped here, at word boundaries, because a pager breaks long lines at the last column.
        text = self._article_text(width=max(20, min(self.size.width - 1, 100)))
        if not text:
            return
        command = shlex.split(os.environ.get("PAGER") or "less -R") or ["less"]
        safe = "\n".join(visible(line) for line in text.split("\n"))
        try:
            with self.suspend():
                subprocess.run(command, input=safe.encode("utf-8", "replace"), check=False)
        except Exception as exc:  # no terminal to hand over (headless), or no such pager
            self.notify(_("Could not open the pager: {error}").format(error=exc), severity="error", markup=False)

    def action_open_url(self) -> None:
        article = self._leaving_article()
        if article is None:
            return
        url = web_url(article.url)
        if url is None:
            message = (
                _("This article has no web address.")
                if not article.url
                else _("Not opened: only http and https addresses are opened.")
            )
            self.notify(message, timeout=4)
            return
        if not remote_or_headless() and self._browse(url):
            self.notify(_("Opened {url} in the browser.").format(url=url), timeout=4, markup=False)
            return
        self.copy_to_clipboard(url)  # OSC 52: reaches the clipboard of the user's own terminal over SSH
        self.notify(_("{url} (copied to the clipboard)").format(url=url), timeout=10, markup=False)

    def _browse(self, url: str) -> bool:
        import webbrowser

        try:
            return webbrowser.open(url, new=2)
        except Exception:  # no usable browser: fall back to showing the address
            return False
