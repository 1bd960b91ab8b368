"""The extraction cache: hits, misses on change, version bumps, corruption, two instances, the bound."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time

import pytest

from tests.conftest import ROOT
from tui.index.cache import Cache
from tui.index.library import load_library
from tui.index.state import ReadingState


def load(folder, cache_path, **kw):
    """A load through the per-file cache alone (the start-up snapshot has tests of its own)."""
    cache = Cache(cache_path, **kw)
    lib = load_library([str(folder)], limit_mb=5, cache=cache, snapshot=False)
    cache.close()
    return lib, cache


def snapshot(lib):
    return [
        (a, [s.record() for s in e], [t.record() for t in d]) for a, e, d in zip(lib.articles, lib.entities, lib.dates)
    ]


def test_an_unchanged_file_is_not_analysed_twice_and_gives_the_same_result(corpus, tmp_path):
    first, c1 = load(corpus, tmp_path / "c.db")
    second, c2 = load(corpus, tmp_path / "c.db")
    assert (c1.hits, c1.misses) == (0, 5) and (c2.hits, c2.misses) == (5, 0)
    assert snapshot(first) == snapshot(second)
    assert [e.value for e in first.timeline] == [e.value for e in second.timeline]
    # Each date keeps the sentence that reports it (the timeline's), read back as it was found.
    assert [[t.sentence for t in d] for d in first.dates] == [[t.sentence for t in d] for d in second.dates]
    assert all(t.sentence for d in second.dates for t in d)


def test_a_changed_added_or_renamed_file_is_picked_up(corpus, tmp_path):
    load(corpus, tmp_path / "c.db")
    victim = sorted(corpus.iterdir())[0]
    victim.write_text(victim.read_text(encoding="utf-8") + "\n\nEin neuer Absatz über Helsinki.\n", encoding="utf-8")
    (corpus / "neu.txt").write_text(
        "Neuer Artikel\n\nAngela Merkel besuchte Paris am 3. März 2025.\n", encoding="utf-8"
    )
    renamed = sorted(corpus.iterdir())[1]
    renamed.rename(corpus / ("x_" + renamed.name))
    lib, cache = load(corpus, tmp_path / "c.db")
    assert cache.hits == 3 and cache.misses == 3  # changed, new and renamed (its name may be its title)
    assert "Helsinki" in lib.articles[lib.position[victim.name]].text
    assert "x_" + renamed.name in lib.position and "neu.txt" in lib.position


def test_a_new_model_or_chronik_version_misses(corpus, tmp_path):
    load(corpus, tmp_path / "c.db")
    _, cache = load(corpus, tmp_path / "c.db", version="another model")
    assert cache.hits == 0 and cache.misses == 5


@pytest.mark.parametrize("damage", ["garbage", "torn", "bad offsets"])
def test_a_corrupted_entry_is_detected_and_recomputed_never_shown(corpus, tmp_path, damage):
    fresh, _ = load(corpus, tmp_path / "c.db")
    db = sqlite3.connect(tmp_path / "c.db")
    if damage == "garbage":
        db.execute("UPDATE entries SET payload = X'00112233' WHERE rowid = 1")
    elif damage == "torn":
        db.execute("UPDATE entries SET payload = SUBSTR(payload, 1, LENGTH(payload) / 2) WHERE rowid = 1")
    else:  # a valid entry whose offsets do not fit its text, with a matching checksum
        import hashlib
        import json
        import zlib

        key, payload = db.execute("SELECT key, payload FROM entries WHERE rowid = 1").fetchone()
        record = json.loads(zlib.decompress(payload))
        record[0]["t"].append([10**6, 10**6 + 5, "PER", "Niemand", ""])  # the file's one entry
        payload = zlib.compress(json.dumps(record).encode())
        db.execute(
            "UPDATE entries SET payload = ?, checksum = ? WHERE key = ?",
            (payload, hashlib.sha256(payload).hexdigest(), key),
        )
    db.commit()
    db.close()
    again, cache = load(corpus, tmp_path / "c.db")
    assert cache.corrupt == 1 and cache.hits == 4
    assert snapshot(again) == snapshot(fresh)


def test_a_damaged_cache_file_is_moved_aside_and_a_fresh_cache_started(corpus, tmp_path):
    bad = tmp_path / "c.db"
    bad.write_bytes(b"this is not a database" * 100)
    lib, cache = load(corpus, bad)
    assert len(lib.articles) == 5
    assert any("cache started afresh" in n for n in lib.notes)
    [aside] = tmp_path.glob("c.db.damaged-*")
    assert aside.read_bytes() == b"this is not a database" * 100  # nothing is lost
    _lib, again = load(corpus, bad)
    assert again.hits == 5 and again.problem is None


def test_a_cache_that_cannot_be_made_is_reported_and_loading_goes_on(corpus, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("a file where a folder should be")
    lib, cache = load(corpus, blocker / "c.db")
    assert len(lib.articles) == 5 and not cache.enabled
    assert any("cache not used" in n for n in lib.notes)


# Both processes import everything first, then start at the same moment on the same new files:
# the lock contention of two instances starting together, as often as a test run can afford.
_TWO_AT_ONCE = """
import sys, time
from tui.index.cache import Cache
from tui.index.library import load_library
from tui.index.state import ReadingState
from tui.nlp.ner import default_recognizer
default_recognizer().tag("Angela Merkel.")
corpus, cache_path, state_path, start = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
time.sleep(max(0.0, start - time.time()))
state = ReadingState(state_path, [corpus])
c = Cache(cache_path)
lib = load_library([corpus], limit_mb=5, cache=c)
state.mark_read(lib.keys)
state.remember(query="putin")
print(len(lib.articles), c.problem, state.warnings, state.pending)
"""


# Lock contention shows only now and then: ten rounds in CI, three at the desk.
@pytest.mark.parametrize("round_", [*range(3), *(pytest.param(k, marks=pytest.mark.slow) for k in range(3, 10))])
def test_two_instances_can_fill_the_cache_and_the_state_at_once(corpus, tmp_path, round_):
    start = time.time() + 4
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                _TWO_AT_ONCE,
                str(corpus),
                str(tmp_path / "c.db"),
                str(tmp_path / "state.db"),
                str(start),
            ],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), outs
    assert [o.strip() for o, _ in outs] == ["5 None [] 0", "5 None [] 0"]
    _, cache = load(corpus, tmp_path / "c.db")
    assert cache.hits == 5
    state = ReadingState(tmp_path / "state.db", [str(corpus)])
    assert len(state.read) == 5 and state.session.get("query") == "putin"


def _on_disk(path):
    """Bytes of the cache file in use, and its entries."""
    db = sqlite3.connect(path)
    pages, free, size = (db.execute(f"PRAGMA {p}").fetchone()[0] for p in ("page_count", "freelist_count", "page_size"))
    count = db.execute("SELECT COUNT(*) FROM entries").fetchone()[0]
    db.close()
    return (pages - free) * size, count


def test_the_cache_keeps_to_its_size_bound_on_disk(corpus, tmp_path):
    load(corpus, tmp_path / "full.db")
    full, count = _on_disk(tmp_path / "full.db")
    assert count == 5
    bound = full * 0.7  # keys, checksums and the index count too, not the payloads alone
    load(corpus, tmp_path / "c.db", limit_mb=bound / 1_000_000)
    used, kept = _on_disk(tmp_path / "c.db")
    assert used <= bound and 0 < kept < 5


def test_a_new_version_s_entries_take_the_room_of_the_old_ones_on_disk(corpus, tmp_path):
    load(corpus, tmp_path / "full.db")
    full, _ = _on_disk(tmp_path / "full.db")
    bound = full * 0.7
    db = tmp_path / "c.db"
    load(corpus, db, limit_mb=bound / 1_000_000, version="before")
    before = db.stat().st_size
    load(corpus, db, limit_mb=bound / 1_000_000, version="after")  # every entry made anew
    used, kept = _on_disk(db)
    assert used <= bound and kept > 0
    assert db.stat().st_size <= before * 1.1  # not the room of both versions' entries


def test_a_cached_feed_moved_to_another_folder_gives_its_entries_their_new_ids(tmp_path):
    from tests.corpus.test_formats import RSS

    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "ti#cker.rss").write_text(RSS, encoding="utf-8")
    (folder / "notiz.txt").write_text("Ein Titel\n\nDer Rat tagte am Montag in Wien.\n", encoding="utf-8")
    db = tmp_path / "c.db"
    first = Cache(db)
    lib = load_library([str(folder)], limit_mb=5, cache=first, snapshot=False)
    first.close()
    assert [a.id for a in lib.articles] == ["notiz.txt", "ti#cker.rss#bz-1", "ti#cker.rss#bz-2"]
    (folder / "sub").mkdir()
    (folder / "ti#cker.rss").rename(folder / "sub" / "ti#cker.rss")
    again = Cache(db)
    moved = load_library([str(folder)], limit_mb=5, cache=again, snapshot=False)
    again.close()
    assert again.hits == 2 and again.misses == 0  # both files from the cache
    assert [a.id for a in moved.articles] == ["notiz.txt", "sub/ti#cker.rss#bz-1", "sub/ti#cker.rss#bz-2"]
