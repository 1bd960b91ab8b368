"""Read and starred marks and the session in the app: kept at once, never lost, restored."""

from __future__ import annotations

import os
import shutil
import signal

import pytest
from textual.widgets import Input

from tests.app.conftest import searched, until
from tests.app.test_keys import run
from tests.conftest import SEEDS
from tests.terminal import Terminal
from tui.app.widgets.article_list import ArticleList
from tui.app.widgets.reader import Reader
from tui.index.state import ReadingState, content_key


def key_of(article) -> str:
    return content_key(article.text)


def test_m_s_and_M_mark_the_list_and_are_saved_at_once(tmp_path):
    db = tmp_path / "state.sqlite3"

    async def go(pilot, app):
        listing = app.query_one(ArticleList)
        first = listing.current
        await pilot.press("s")
        assert listing.row_text(0).plain.startswith("●★")
        assert ReadingState(db, []).starred == {key_of(first)}
        await pilot.press("m")
        assert listing.row_text(0).plain.startswith(" ★")
        await pilot.press("m", "s")
        assert listing.row_text(0).plain.startswith("●  ")
        saved = ReadingState(db, [])
        assert saved.starred == set() and saved.read == set()
        await pilot.press("M")  # every article in the list: asks first
        assert ReadingState(db, []).read == set()
        await pilot.press("y")
        assert ReadingState(db, []).read == {key_of(a) for a in app.session.articles}
        assert all(listing.row_text(r).plain.startswith("   ") for r in range(len(listing.positions)))
        await pilot.press("M", "n")  # all were read: all unread again? No
        assert ReadingState(db, []).read == {key_of(a) for a in app.session.articles}
        await pilot.press("M", "enter")
        assert ReadingState(db, []).read == set()

    run(go, state=db)


def test_M_marks_only_the_articles_in_the_current_list(tmp_path):
    async def go(pilot, app):
        await pilot.press("slash", *"anchorage", "enter")
        await until(pilot, searched(app, "anchorage"))
        shown = {app.session.articles[p].id for p in app.session.selection.positions}
        assert 0 < len(shown) < len(app.session.articles)
        await pilot.press("M", "y")
        assert {a.id for a in app.session.articles if app.state.is_read(key_of(a))} == shown

    run(go, state=tmp_path / "state.sqlite3")


def test_is_starred_and_is_unread_filter_the_list(tmp_path):
    async def go(pilot, app):
        listing = app.query_one(ArticleList)
        starred = listing.current
        await pilot.press("s", "j", "enter", "escape")  # star the first, read the second
        read = listing.current
        await pilot.press("slash", *"is:starred", "enter")
        await until(pilot, searched(app, "is:starred"))
        assert [app.session.articles[p].id for p in app.session.selection.positions] == [starred.id]
        app.query_one("#search", Input).value = "is:unread"
        await until(pilot, searched(app, "is:unread"))
        assert read.id not in {app.session.articles[p].id for p in app.session.selection.positions}
        assert len(app.session.selection.positions) == len(app.session.articles) - 1

    run(go, state=tmp_path / "state.sqlite3")


def test_the_next_start_comes_back_to_the_query_filters_article_and_place(tmp_path):
    db = tmp_path / "state.sqlite3"
    left: dict = {}

    async def first(pilot, app):
        await pilot.press("slash", *"putin", "enter")
        await until(pilot, searched(app, "putin"))
        app.add_filter("source", "dpa")
        await until(pilot, lambda: app.session.selection.query.text.endswith('source:"dpa"'))
        await pilot.press("enter", "space")
        reader = app.query_one(Reader)
        assert reader.place > 0
        left.update(article=reader.article.id, place=reader.place)

    async def second(pilot, app):
        reader = app.query_one(Reader)
        await until(pilot, lambda: not app.session.loading and not app._restoring)
        assert app.query_one("#search", Input).value == "putin"
        assert [(f.field, f.value) for f in app.session.filters] == [("source", "dpa")]
        assert app.session.selection.query.text == 'putin source:"dpa"'
        assert reader.place == left["place"]
        assert app.query_one(ArticleList).current.id == left["article"]

    run(first, size=(80, 24), state=db)
    run(second, size=(80, 24), state=db)


def test_a_damaged_state_database_is_reported_and_the_app_works_on(tmp_path):
    db = tmp_path / "state.sqlite3"
    db.write_bytes(b"garbage" * 500)

    async def go(pilot, app):
        notes = [n.message for n in app._notifications]
        assert any("moved to state.sqlite3.damaged-" in n for n in notes), notes
        await pilot.press("s")
        assert ReadingState(db, []).starred == {key_of(app.query_one(ArticleList).current)}

    run(go, state=db)


def test_without_a_state_file_marks_last_for_the_session_only():
    async def go(pilot, app):
        await pilot.press("s")
        assert app.state.is_starred(key_of(app.query_one(ArticleList).current))

    run(go)
    assert not os.path.exists(os.path.join(os.environ["XDG_DATA_HOME"], "chronik"))


# -- real processes on a terminal -------------------------------------------------------------


@pytest.fixture
def articles(tmp_path):
    folder = tmp_path / "articles"
    shutil.copytree(SEEDS, folder)
    return folder


def start(folder, db, tmp_path) -> Terminal:
    term = Terminal(
        [str(folder), "--state", str(db)],
        size=(120, 40),
        env={"XDG_CACHE_HOME": str(tmp_path / "cache"), "XDG_CONFIG_HOME": str(tmp_path / "config")},
    )
    term.wait_for("timeline entries")
    term.quiet()
    return term


def kill(term: Terminal) -> None:
    """SIGKILL: no handler, no clean-up, no chance to save anything."""
    import time

    os.kill(term.pid, signal.SIGKILL)
    deadline = time.monotonic() + 30
    while term.running and time.monotonic() < deadline:
        time.sleep(0.05)
    assert term.exit_status == -signal.SIGKILL


@pytest.mark.slow
def test_state_survives_a_sigkill_right_after_the_key(articles, tmp_path):
    db = tmp_path / "state.sqlite3"
    term = start(articles, db, tmp_path)
    try:
        mark = len(term.output)
        term.press("s")
        term.wait_for("★", start=mark)  # the key was handled: the screen shows it
    finally:
        kill(term)
    state = ReadingState(db, [str(articles)])
    assert len(state.starred) == 1 and state.warnings == []
    term = start(articles, db, tmp_path)
    try:
        assert "★" in term.text()  # the star is shown again
        mark = len(term.output)
        term.press("/", *"nato")
        term.wait_for("nato", start=mark)
        term.press("enter", "enter")  # to the list, and open the top hit
        term.quiet()
    finally:
        kill(term)
    state = ReadingState(db, [str(articles)])
    assert state.session["query"] == "nato" and len(state.read) == 1 and state.session["article"] in state.read


@pytest.mark.slow
def test_two_instances_at_once_keep_both_their_changes(articles, tmp_path):
    db = tmp_path / "state.sqlite3"
    one, two = start(articles, db, tmp_path), start(articles, db, tmp_path)
    try:
        one.press("s")  # star the first article
        two.press("j", "m")  # mark the second read
        two.press("j", "j", "s")  # star the fourth
        one.press("j", "j", "j", "m")  # and read it in the other
        one.quiet()
        two.quiet()
    finally:
        assert one.close() == 0 and two.close() == 0
    state = ReadingState(db, [str(articles)])
    assert len(state.starred) == 2 and len(state.read) == 2
    assert state.starred & state.read  # the fourth: starred in one, read in the other


def test_marks_made_by_another_instance_show_up_within_seconds(tmp_path):
    db = tmp_path / "state.sqlite3"

    async def go(pilot, app):
        listing = app.query_one(ArticleList)
        other = ReadingState(db, [])
        other.star(key_of(listing.current))
        await until(pilot, lambda: listing.row_text(0).plain.startswith("●★"), timeout=10)
        assert app.state.is_starred(key_of(listing.current))

    run(go, state=db)
