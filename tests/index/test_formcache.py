"""The tagger's sums of word forms kept between runs: written once and read back exactly, a
damaged or stale file ignored or cleared away, and a start with them the same as without."""

from __future__ import annotations

import numpy as np

from tui.index import formcache
from tui.index.cache import Cache
from tui.index.library import load_library


def test_sums_are_read_back_exactly_and_a_stale_file_goes(tmp_path):
    stale = tmp_path / "extract.sqlite3.forms-0123456789abcdef.npz"
    stale.write_bytes(b"old")
    path = formcache.path_for(tmp_path / "extract.sqlite3")
    forms = ["Putin", "sagte", "Österreich", "a\nb", "1.000"]
    sums = np.random.default_rng(1).normal(size=(5, 7, 9))
    formcache.save(path, forms, sums)
    back = formcache.load(path)
    assert back is not None
    assert back[0] == ["Putin", "sagte", "Österreich", "1.000"]  # a form that would split the list is left out
    assert np.array_equal(back[1], sums[[0, 1, 2, 4]])
    assert not stale.exists()
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no partial file left behind


def test_a_damaged_or_missing_file_gives_nothing(tmp_path):
    path = formcache.path_for(tmp_path / "extract.sqlite3")
    assert formcache.load(path) is None
    path.write_bytes(b"PK\x03\x04 not a whole archive")
    assert formcache.load(path) is None


def test_a_process_keeps_its_sums_once_it_met_enough_forms_and_reads_them_back(tmp_path, monkeypatch):
    from tui.index import extraction
    from tui.nlp.ner import default_recognizer

    path = formcache.path_for(tmp_path / "extract.sqlite3")
    monkeypatch.setattr(formcache, "FIRST_AT", 10)
    monkeypatch.setattr(formcache, "STEP", 10)
    monkeypatch.setattr(extraction, "_forms_kept", 0)
    monkeypatch.setattr(extraction, "_forms_path", path)
    extraction._seed_forms()  # nothing kept yet: nothing read
    default_recognizer().tag("Wladimir Putin telefonierte am Dienstag mit Donald Trump über die Ukraine.")
    extraction._keep_forms()
    found = formcache.load(path)
    assert found is not None and "Putin" in found[0]
    assert extraction._forms_kept == len(found[0])
    extraction._keep_forms()  # no more forms met since: not written again
    assert formcache.load(path)[0] == found[0]
    # A process that reads them holds exactly those forms, their sums as kept.
    monkeypatch.setattr(extraction, "_forms_kept", 0)
    extraction._seed_forms()
    assert extraction._forms_kept == default_recognizer().forms_known == len(found[0])
    forms, sums = default_recognizer().known_forms(formcache.KEPT)
    assert forms == found[0] and np.array_equal(sums, found[1])


def test_a_load_whose_workers_start_with_kept_sums_gives_the_same_library(seeds_dir, tmp_path, monkeypatch):
    from tui.index import extraction
    from tui.nlp.ner import Recognizer

    monkeypatch.setattr(extraction, "PARALLEL_MIN", 1)
    monkeypatch.setattr(extraction, "EARLY_MISSES", 1)
    monkeypatch.setattr(extraction, "CHUNK", 1)  # a file per piece: the sums are read at the second
    db = tmp_path / "extract.sqlite3"
    alone = load_library([str(seeds_dir)], limit_mb=5, workers=1)
    # The sums of the seeds' own words, and a few of another text's, as an earlier run kept them.
    rec = Recognizer()
    rec.tag_many([*(a.text for a in alone.articles[:3]), "Die Nato berät in Brüssel über neue Hilfen."])
    formcache.save(formcache.path_for(db), *rec.known_forms(formcache.KEPT))
    seeded = load_library([str(seeds_dir)], limit_mb=5, cache=Cache(db), workers=2, snapshot=False)
    assert seeded.articles == alone.articles and seeded.dates == alone.dates
    assert seeded.entities == alone.entities


_WORKER = """
import sys
from pathlib import Path
from tui.index import extraction
from tui.nlp.ner import default_recognizer

extraction._warm(Path(sys.argv[1]))
job = [(0, "a.txt", "/x/a.txt", "Titel\\n\\nAngela Merkel reiste am Montag nach Wien.\\n".encode())]
for _ in range(2):
    extraction._analyse_chunk(job)
    print("Ukraine" in default_recognizer().known_forms(100_000)[0])
"""


def test_a_worker_reads_the_kept_sums_at_its_second_piece_of_work(tmp_path):
    import subprocess
    import sys

    from tui.nlp.ner import Recognizer

    rec = Recognizer()
    rec.tag("Wladimir Putin telefonierte am Dienstag mit Donald Trump über die Ukraine.")
    path = formcache.path_for(tmp_path / "extract.sqlite3")
    formcache.save(path, *rec.known_forms(formcache.KEPT))
    run = subprocess.run(
        [sys.executable, "-c", _WORKER, str(path)], capture_output=True, text=True, timeout=120, check=True
    )
    # Not at the first piece (a start after one changed file waits for it), then at the second.
    assert run.stdout.split() == ["False", "True"]
