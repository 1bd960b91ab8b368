"""What the app's workers report: each a message, handled on the UI thread (``on_<name>``), so a
worker never changes what is shown itself. Whether what comes back still applies (the library it
was made for is still shown) is the session's to say (``tui.index.session``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    import numpy as np

    from tui.corpus.model import Article
    from tui.index.library import Library, Progress, Selection
    from tui.index.live import Update
    from tui.index.relink import Relinker
    from tui.index.session import SearchOutcome


class Loaded(Message):
    """The library is complete (or, after a stop, what had loaded), with its selection of everything."""

    def __init__(self, library: Library, selection: Selection, rows: np.ndarray) -> None:
        super().__init__()
        self.library, self.selection, self.rows = library, selection, rows


class Arrived(Message):
    """Articles loaded (while loading goes on)."""

    def __init__(self, articles: list[Article]) -> None:
        super().__init__()
        self.articles = articles


class Saved(Message):
    """The start-up snapshot of a library whose names are not linked across the folder yet is
    written: linking them may begin."""

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library


class Progressed(Message):
    def __init__(self, progress: Progress) -> None:
        super().__init__()
        self.progress = progress

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, Progressed)


class SearchDone(Message):
    """A search's outcome (``Session.search``)."""

    def __init__(self, outcome: SearchOutcome) -> None:
        super().__init__()
        self.outcome = outcome


class TimelineNarrowed(Message):
    """The timeline rows of a selection's articles, worked out on ``library``."""

    def __init__(self, selection: Selection, rows: np.ndarray, library: Library) -> None:
        super().__init__()
        self.selection, self.rows, self.library = selection, rows, library


class Relinked(Message):
    """The library with names linked across the folder (None: the child process failed)."""

    def __init__(self, relinker: Relinker, library: Library | None) -> None:
        super().__init__()
        self.relinker, self.library = relinker, library


class FolderChanged(Message):
    """The watcher says something in the folders may have changed."""

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, FolderChanged)


class Updated(Message):
    """An update of ``library`` after the folder changed: the update, None (nothing changed) or
    the error that stopped it."""

    def __init__(self, library: Library, update: Update | Exception | None) -> None:
        super().__init__()
        self.library, self.update = library, update


class LastArticleFound(Message):
    """Where the article the last session ended on is in ``library`` (None: gone)."""

    def __init__(self, library: Library, position: int | None) -> None:
        super().__init__()
        self.library, self.position = library, position
