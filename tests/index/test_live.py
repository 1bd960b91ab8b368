"""Following a folder: what changed since the library was loaded, and the library after it."""

from __future__ import annotations

import os
import threading
import time

import pytest

from tui.index.library import load_library
from tui.index.live import diff, refresh, watch

NEW = """Gipfel in Aachen

Am 3. Mai 2031 trafen sich Kanzler Friedrich Merz und Präsident Emmanuel Macron in Aachen. Sie sprachen über Windräder.
"""


def test_a_new_file_comes_into_the_list_the_index_and_the_timeline(corpus):
    library = load_library([str(corpus)], limit_mb=5)
    assert refresh(library, [str(corpus)], limit_mb=5) is None  # nothing changed
    (corpus / "neu.txt").write_text(NEW, encoding="utf-8")
    update = refresh(library, [str(corpus)], limit_mb=5)
    assert (update.added, update.changed, update.removed) == (1, 0, 0)
    lib = update.library
    assert len(lib.articles) == 6 and "neu.txt" in lib.position
    assert [lib.articles[p].id for p in lib.select("windräder").positions] == ["neu.txt"]
    assert any(e.value == "2031-05-03" for e in lib.timeline)
    assert lib.select("person:macron").positions == [lib.position["neu.txt"]]
    assert refresh(lib, [str(corpus)], limit_mb=5) is None
    # The unchanged articles keep what the full load found for them.
    old = library.position["001_3bb928ff6e2d3dd4.txt"]
    assert lib.entities[lib.position["001_3bb928ff6e2d3dd4.txt"]] == library.entities[old]


def test_a_changed_file_is_read_again_and_a_deleted_one_leaves(corpus):
    library = load_library([str(corpus)], limit_mb=5)
    changed = corpus / "001_3bb928ff6e2d3dd4.txt"
    changed.write_text(NEW, encoding="utf-8")
    (corpus / "002_c8e1e38536f45792.txt").unlink()
    update = refresh(library, [str(corpus)], limit_mb=5)
    assert (update.added, update.changed, update.removed) == (0, 1, 1)
    lib = update.library
    assert sorted(lib.position) == [
        "000_a094a8314b338e01.txt",
        "001_3bb928ff6e2d3dd4.txt",
        "003_b3a5bad97396e84d.txt",
        "004_12424eac1cafde2b.txt",
    ]
    assert lib.articles[lib.position["001_3bb928ff6e2d3dd4.txt"]].title == "Gipfel in Aachen"
    assert [lib.articles[p].id for p in lib.select("windräder").positions] == ["001_3bb928ff6e2d3dd4.txt"]
    assert not any(s.article == "002_c8e1e38536f45792.txt" for e in lib.timeline for s in e.sources)
    assert lib.report.loaded == 4


def test_a_file_that_turns_bad_is_reported_and_one_that_is_mended_comes_back(corpus):
    library = load_library([str(corpus)], limit_mb=5)
    bad = corpus / "000_a094a8314b338e01.txt"
    good = bad.read_bytes()
    bad.write_bytes(b"\x00\x01\x02" * 100)
    lib = refresh(library, [str(corpus)], limit_mb=5).library
    assert len(lib.articles) == 4 and [s.path for s in lib.report.skipped] == [str(bad)]
    bad.write_bytes(good)
    lib = refresh(lib, [str(corpus)], limit_mb=5).library
    assert len(lib.articles) == 5 and lib.report.skipped == []


def test_the_listing_comparison_sees_new_changed_and_removed_files(corpus):
    from tui.corpus import LoadReport
    from tui.corpus.discover import discover

    before = discover([str(corpus)], LoadReport())
    victim, edited = sorted(corpus.iterdir())[:2]
    victim.unlink()
    st = edited.stat()
    os.utime(edited, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    (corpus / "x.txt").write_text("Titel\n\nText über Aachen.", encoding="utf-8")
    changes = diff(before, discover([str(corpus)], LoadReport()))
    assert [c.id for c in changes.added] == ["x.txt"]
    assert [c.path for c in changes.changed] == [str(edited)]
    assert changes.removed == [str(victim)]


@pytest.mark.parametrize("polling", [False, True])
def test_the_watcher_says_when_something_changed(tmp_path, polling, monkeypatch):
    import tui.index.live as live

    monkeypatch.setattr(live, "POLL_SECONDS", 0.2)
    stop, poked, how = threading.Event(), threading.Event(), []
    thread = threading.Thread(
        target=watch,
        args=([str(tmp_path)], stop, poked.set),
        kwargs={"polling": polling, "started": how.append},
        daemon=True,
    )
    thread.start()
    try:
        deadline = time.monotonic() + 10
        while not how and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.3)  # the watch is set up
        (tmp_path / "a.txt").write_text("x")
        assert poked.wait(15)
        assert how == ["polling" if polling else "events"]
    finally:
        stop.set()
        thread.join(5)
    assert not thread.is_alive()


QUERIES = [
    "",
    "putin",
    "trump OR selenskyj",
    '"weißes haus"',
    "person:putin",
    "place:aachen",
    "org:nato",
    "source:dpa",
    "date:2025-10",
    "after:2025-06",
    "before:2025",
    "windräder",
    "-trump putin",
    "telefon",
]


def test_an_update_answers_every_query_as_a_full_build_would(corpus):
    """The merged index and the timeline made with known sentences equal what ``Index.build`` and
    ``build_timeline`` make of the same articles from scratch."""
    import numpy as np

    from tui.index.search import Index
    from tui.index.timeline import build_timeline

    library = load_library([str(corpus)], limit_mb=5)
    (corpus / "neu.txt").write_text(NEW, encoding="utf-8")
    (corpus / "001_3bb928ff6e2d3dd4.txt").write_text(
        NEW.replace("Aachen", "Köln").replace("2031", "2030"), encoding="utf-8"
    )
    (corpus / "002_c8e1e38536f45792.txt").unlink()
    lib = refresh(library, [str(corpus)], limit_mb=5).library
    built = Index.build(lib.articles, lib.entities, lib.dates)
    for query in QUERIES:
        merged, fresh = lib.index.search(query, limit=None), built.search(query, limit=None)
        assert [lib.articles[d].id for d in merged.ranked] == [lib.articles[d].id for d in fresh.ranked], query
        assert np.allclose([h.score for h in merged.hits], [h.score for h in fresh.hits], atol=2e-4), query
        assert merged.facets == fresh.facets, query
        for a in lib.articles:
            assert lib.index.highlights(a.id, query) == built.highlights(a.id, query), (query, a.id)
    for prefix in ("tele", "aach", "pu"):  # (terms of equal frequency may be taken in another order)
        assert set(lib.index.search(prefix, limit=None, prefix=True).ranked.tolist()) == set(
            built.search(prefix, limit=None, prefix=True).ranked.tolist()
        ), prefix
    assert [e.record() for e in lib.timeline] == [
        e.record() for e in build_timeline(lib.articles, lib.dates, lib.entities)
    ]
