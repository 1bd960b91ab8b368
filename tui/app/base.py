"""What the parts of ``ChronikApp`` (its mixins: ``Loading``, ``Reading``, ...) use of the app,
spelled out for the type checker, which sees each mixin as a subclass of ``AppBase``. At run
time ``AppBase`` is ``object``: the mixins are plain classes, and ``ChronikApp`` is the one
object that has all of this."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from babel import Locale
    from textual.app import App

    from tui.app.widgets.reader import Mark
    from tui.corpus.model import Article
    from tui.index.extraction import Workers
    from tui.index.library import Library, Progress
    from tui.index.live import Follower
    from tui.index.relink import Relinker
    from tui.index.search import Facets
    from tui.index.session import Session
    from tui.index.state import ReadingState

    At = tuple[int, int] | None  # a span of the text, if any

    class AppBase(App[None]):
        session: Session
        state: ReadingState
        locale: Locale
        paths: list[str]
        cache_path: Path | None
        limit_mb: float
        time_limit: float | None
        follow: bool | str
        _preloaded: Library | None
        _ahead: Workers | None
        _progress: Progress | None
        _stage_start: tuple[str, float, int] | None
        _follower: Follower | None
        _relinker: Relinker | None
        _keep_row_of: str | None

        def current_facets(self) -> Facets | None:
            raise NotImplementedError

        def _update_status(self) -> None: ...

        def _schedule_search(self) -> None: ...

        def _full_query(self, text: str | None = None) -> str:
            raise NotImplementedError

        def _keep_loaded(self, articles: list[Article], total: int, note: str | None = None) -> object: ...

        def _marks(self, position: int) -> list[Mark]:
            raise NotImplementedError

        def failed(self, group: str, error: BaseException) -> str:
            raise NotImplementedError

        def open_article(self, article_id: str, focus: bool = True, span: At = None, sentence: At = None) -> None: ...

        def add_filter(self, field: str, value: str) -> None: ...

        def remove_filter(self, field: str, value: str) -> None: ...

        def action_search(self) -> None: ...

        def open_timeline_entry(self, entry: object) -> None: ...

        def titles(self) -> object:
            raise NotImplementedError
else:
    AppBase = object

__all__ = ["AppBase"]
