"""Reading state: kept at once, shared by two instances, never lost to a damaged database."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap

import pytest

from tests.terminal import ROOT
from tui.index.query import QueryError, parse
from tui.index.state import ReadingState, content_key, folders_key


def test_marks_and_the_session_are_there_for_the_next_instance(tmp_path):
    path = tmp_path / "state.sqlite3"
    first = ReadingState(path, ["/news"])
    first.mark_read(["a", "b"])
    first.star("b")
    first.mark_read(["a"], read=False)
    first.remember(article="b", scroll=12, query="putin", filters=[["person", "Donald Trump"]])
    # No close: every change was committed as it was made.
    second = ReadingState(path, ["/news/"])
    assert second.read == {"b"} and second.starred == {"b"}
    assert second.session == {"article": "b", "scroll": 12, "query": "putin", "filters": [["person", "Donald Trump"]]}
    assert second.warnings == []


def test_the_session_belongs_to_the_set_of_folders(tmp_path):
    path = tmp_path / "state.sqlite3"
    ReadingState(path, ["/a", "/b"]).remember(query="nato")
    assert ReadingState(path, ["/b", "/a"]).session == {"query": "nato"}
    assert ReadingState(path, ["/a"]).session == {}
    assert folders_key(["/a", "/b"]) == folders_key(["/b/", "/a"])


def test_no_path_keeps_state_in_memory_only(tmp_path):
    state = ReadingState(None)
    state.star("x")
    assert state.is_starred("x") and state.flush() and state.warnings == []
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "damage", [b"this is not a database at all" * 100, b"", b"SQLite format 3\x00" + b"\xff" * 4000]
)
def test_a_damaged_database_is_moved_aside_with_a_warning_and_a_fresh_one_started(tmp_path, damage):
    path = tmp_path / "state.sqlite3"
    good = ReadingState(path)
    good.star("kept?")
    good.close()
    if damage:
        path.write_bytes(damage)
    else:  # a database from a newer Chronik is not ours to change
        db = sqlite3.connect(path)
        db.execute("PRAGMA user_version = 99")
        db.commit()
        db.close()
    state = ReadingState(path)
    assert len(state.warnings) == 1 and "moved to state.sqlite3.damaged-" in state.warnings[0]
    aside = list(tmp_path.glob("state.sqlite3.damaged-*"))
    assert len(aside) == 1
    if damage:  # the damaged file, kept as it was
        assert aside[0].read_bytes() == damage
    else:  # the newer Chronik's database, untouched
        assert sqlite3.connect(aside[0]).execute("PRAGMA user_version").fetchone()[0] == 99
    state.star("new")
    assert ReadingState(path).starred == {"new"}


def test_an_unreadable_database_is_moved_aside(tmp_path):
    path = tmp_path / "state.sqlite3"
    path.mkdir()  # whatever is there cannot be opened as a database
    state = ReadingState(path)
    assert state.warnings and "moved to" in state.warnings[0]
    state.mark_read(["x"])
    assert ReadingState(path).read == {"x"}


def test_state_that_cannot_be_saved_lives_in_memory_with_a_warning(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("a file where a folder should be")
    state = ReadingState(blocker / "state.sqlite3")
    assert state.warnings and "not saved this session" in state.warnings[0]
    state.star("x")
    assert state.is_starred("x")


def test_two_instances_keep_each_others_changes_to_the_same_article(tmp_path):
    path = tmp_path / "state.sqlite3"
    a, b = ReadingState(path), ReadingState(path)
    a.mark_read(["k"])
    b.star("k")  # b never saw a's "read": it must not undo it
    assert not a.changed_elsewhere() or a.reload()
    assert a.changed_elsewhere() is False
    fresh = ReadingState(path)
    assert fresh.read == {"k"} and fresh.starred == {"k"}
    assert b.changed_elsewhere() is True
    b.reload()
    assert b.read == {"k"}


def test_a_write_to_a_locked_database_waits_and_is_saved_when_it_is_free(tmp_path, monkeypatch):
    import tui.index.state as state_module

    monkeypatch.setattr(state_module, "BUSY_MS", 50)
    path = tmp_path / "state.sqlite3"
    state = ReadingState(path)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another instance in the middle of a write
    state.star("waiting")
    assert state.is_starred("waiting") and state.pending == 1
    assert state.flush() is False
    other.execute("ROLLBACK")
    other.close()
    assert state.flush() is True and state.pending == 0
    assert ReadingState(path).starred == {"waiting"}


def test_two_processes_marking_at_once_lose_nothing(tmp_path):
    path = tmp_path / "state.sqlite3"
    script = textwrap.dedent("""
        import sys
        from tui.index.state import ReadingState
        state = ReadingState(sys.argv[1])
        for i in range(150):
            state.mark_read([f"{sys.argv[2]}-{i}"])
            if i % 3 == 0:
                state.star(f"shared-{i}")
        assert state.flush(), "still pending"
    """)
    procs = [subprocess.Popen([sys.executable, "-c", script, str(path), name], cwd=ROOT) for name in "ab"]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    state = ReadingState(path)
    assert len(state.read) == 300 and len(state.starred) == 50


def test_content_keys_follow_the_text_not_the_file():
    assert content_key("Ein Text.") == content_key("Ein Text.")
    assert content_key("Ein Text.") != content_key("Ein anderer Text.")
    assert content_key("\udcff") != content_key("")  # undecodable bytes from a file name or text


def test_is_terms_parse_and_unknown_values_are_one_line_errors():
    assert parse("is:Starred nato").clauses[0][0].text == "starred"
    with pytest.raises(QueryError, match="is:favourite is not known"):
        parse("is:favourite")


def test_is_terms_select_by_the_state_and_need_one(library_copy):
    library, _ = library_copy
    state = ReadingState(None)
    first, second = library.articles[0], library.articles[1]
    state.mark_read([content_key(first.text), content_key(second.text)])
    state.star(content_key(second.text))
    ids = lambda q: {library.articles[p].id for p in library.select(q, state=state).positions}  # noqa: E731
    assert ids("is:starred") == {second.id}
    assert ids("is:read -is:starred") == {first.id}
    assert ids("is:unread") == {a.id for a in library.articles} - {first.id, second.id}
    assert ids("is:starred OR is:unread") == {a.id for a in library.articles} - {first.id}
    with pytest.raises(QueryError, match="needs the reading state"):
        library.select("is:starred")


def test_state_follows_a_renamed_file(library_copy, tmp_path):
    from tui.index.library import load_library

    library, folder = library_copy
    state = ReadingState(tmp_path / "state.sqlite3", [str(folder)])
    article = library.articles[0]
    state.star(library.keys[0])
    renamed = folder / ("renamed-" + article.path.rsplit("/", 1)[-1])
    (folder / article.id).rename(renamed)
    again = load_library([str(folder)], limit_mb=5)
    moved = again.position["renamed-" + article.id.rsplit("/", 1)[-1]]
    assert ReadingState(tmp_path / "state.sqlite3", [str(folder)]).is_starred(again.keys[moved])
    assert again.select("is:starred", state=state).positions == [moved]


@pytest.fixture
def library_copy(corpus):
    from tui.index.library import load_library

    return load_library([str(corpus)], limit_mb=5), corpus
