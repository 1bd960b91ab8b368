"""The start-up snapshot: an unchanged folder opens from it, anything else loads afresh."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT, SEEDS
from tui.index import snapshot as snap
from tui.index.cache import Cache
from tui.index.library import load_library

QUERIES = ["Putin", "Trump Telefonat", '"Wladimir Putin"', "person:Selenskyj", "date:2025-08", "Putin -Ukraine", ""]


def load(folder, db, **kw):
    cache = Cache(db, version=kw.pop("version", None))
    lib = load_library([str(folder)], limit_mb=5, cache=cache, **kw)
    cache.close()
    return lib, cache


def snapshots(db):
    return sorted(db.with_name(db.name + ".snapshots").glob("*.snapshot"))


def same(a, b) -> None:
    """Two libraries show the same articles, marks, search results and timeline."""
    assert list(a.articles) == list(b.articles)
    assert list(a.entities) == list(b.entities) and list(a.dates) == list(b.dates)
    assert list(a.timeline) == list(b.timeline)
    assert a.newest_first == b.newest_first and a.report.loaded == b.report.loaded
    for q in QUERIES:
        sa, sb = a.select(q), b.select(q)
        assert sa.positions == sb.positions, q
        assert [(h.id, h.snippet, h.snippet_matches) for h in sa.result.hits] == [
            (h.id, h.snippet, h.snippet_matches) for h in sb.result.hits
        ], q
        assert sa.facets == sb.facets, q
        assert a.timeline_of(sa.positions) == b.timeline_of(sb.positions), q
        for article in a.articles:
            assert a.highlights(article.id, sa) == b.highlights(article.id, sb)


def test_an_unchanged_folder_opens_from_its_snapshot_with_nothing_analysed(corpus, tmp_path):
    fresh, c1 = load(corpus, tmp_path / "c.db")
    assert c1.misses == 5 and len(snapshots(tmp_path / "c.db")) == 1
    again, c2 = load(corpus, tmp_path / "c.db")
    assert (c2.hits, c2.misses) == (0, 0)  # the per-file cache was not even asked
    assert type(again.articles) is not list  # decoded on use
    same(fresh, again)


def test_a_small_folders_arrays_are_stored_deflated_and_open_as_they_were(corpus, tmp_path, monkeypatch):
    fresh, _ = load(corpus, tmp_path / "c.db")
    deflated = snapshots(tmp_path / "c.db")[0].stat().st_size
    monkeypatch.setattr(snap, "DEFLATED_MAX", 0)  # every array as it is in memory
    load(corpus, tmp_path / "raw.db")
    raw = snapshots(tmp_path / "raw.db")[0].stat().st_size
    assert deflated < 0.9 * raw
    monkeypatch.setattr(snap, "DEFLATED_MAX", 10**9)
    monkeypatch.setattr(snap, "ARRAYS_KEPT_RAW", 0)  # a large folder's arrays stay as they are
    load(corpus, tmp_path / "large.db")
    assert snapshots(tmp_path / "large.db")[0].stat().st_size == raw
    monkeypatch.undo()
    again, cache = load(corpus, tmp_path / "c.db")
    assert (cache.hits, cache.misses) == (0, 0)  # from the deflated snapshot
    same(fresh, again)


@pytest.mark.parametrize("change", ["edit", "touch", "add", "remove", "rename"])
def test_any_change_to_the_files_loads_afresh_and_replaces_the_snapshot(corpus, tmp_path, change):
    load(corpus, tmp_path / "c.db")
    victim = sorted(corpus.iterdir())[0]
    if change == "edit":
        victim.write_text(victim.read_text(encoding="utf-8") + "\n\nEin Absatz über Helsinki.\n", encoding="utf-8")
    elif change == "touch":  # same bytes: the per-file cache still knows it
        st = victim.stat()
        os.utime(victim, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    elif change == "add":
        (corpus / "neu.txt").write_text("Neu\n\nAngela Merkel reiste am 3. März 2025 nach Paris.\n", encoding="utf-8")
    elif change == "remove":
        victim.unlink()
    else:
        victim.rename(corpus / ("x_" + victim.name))
    lib, cache = load(corpus, tmp_path / "c.db")
    assert cache.hits + cache.misses > 0  # not from the snapshot
    reference = load_library([str(corpus)], limit_mb=5)
    same(reference, lib)
    again, c3 = load(corpus, tmp_path / "c.db")
    assert (c3.hits, c3.misses) == (0, 0) and len(snapshots(tmp_path / "c.db")) == 1
    same(reference, again)


def test_a_new_version_does_not_use_the_old_snapshot(corpus, tmp_path):
    load(corpus, tmp_path / "c.db")
    _, cache = load(corpus, tmp_path / "c.db", version="another model")
    assert cache.misses == 5
    assert len(snapshots(tmp_path / "c.db")) == 1  # the new one replaced the old


@pytest.mark.parametrize("app", [False, True])
@pytest.mark.parametrize("damage", ["truncated", "flipped byte", "garbage"])
def test_a_damaged_snapshot_is_ignored_and_replaced_never_shown(corpus, tmp_path, damage, app):
    # (As the app starts, with processes started ahead for the changed files, or as the command line.)
    fresh, _ = load(corpus, tmp_path / "c.db")
    (path,) = snapshots(tmp_path / "c.db")
    data = bytearray(path.read_bytes())
    if damage == "truncated":
        data = data[: len(data) // 2]
    elif damage == "flipped byte":
        data[len(data) * 2 // 3] ^= 0x40
    else:
        data = data[:100] + os.urandom(len(data) - 100)
    path.write_bytes(bytes(data))
    lib, cache = load(corpus, tmp_path / "c.db", defer_linking=app)
    assert cache.hits == 5  # loaded through the per-file cache instead
    same(fresh, lib)
    # The load says why it started cold, in one line; the next start, from the new snapshot, does not.
    (note,) = [n for n in lib.notes if n.startswith("start-up snapshot not used: ")]
    assert "\n" not in note and path.name in note
    again, c3 = load(corpus, tmp_path / "c.db")
    assert (c3.hits, c3.misses) == (0, 0)
    same(fresh, again)
    assert not [n for n in again.notes if n.startswith("start-up snapshot not used")]


def test_no_snapshot_without_a_cache_and_only_a_few_are_kept(corpus, tmp_path):
    load_library([str(corpus)], limit_mb=5, cache=None)
    assert not list(tmp_path.rglob("*.snapshot"))
    db = tmp_path / "c.db"
    for f in sorted(corpus.iterdir()):
        load(f, db)
    assert len(snapshots(db)) == snap.KEEP
    assert not [p for p in db.with_name(db.name + ".snapshots").iterdir() if p.name.startswith(".tmp")]


def test_two_instances_starting_at_once_both_load_and_leave_a_usable_snapshot(corpus, tmp_path):
    code = (
        "import sys; from tui.index.cache import Cache; from tui.index.library import load_library\n"
        "c = Cache(sys.argv[2]); lib = load_library([sys.argv[1]], limit_mb=5, cache=c)\n"
        "print(len(lib.articles), len(lib.timeline), c.problem, lib.notes)"
    )
    runs = []
    for _ in range(2):  # once both filling the cache, once both reading the snapshot
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", code, str(corpus), str(tmp_path / "c.db")],
                cwd=ROOT,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(2)
        ]
        outs = [p.communicate(timeout=120) for p in procs]
        assert all(p.returncode == 0 for p in procs), outs
        runs.append([o.strip() for o, _ in outs])
    reference = load_library([str(corpus)], limit_mb=5)
    expected = f"{len(reference.articles)} {len(reference.timeline)} None []"
    assert runs == [[expected] * 2] * 2
    lib, cache = load(corpus, tmp_path / "c.db")
    assert (cache.hits, cache.misses) == (0, 0)
    same(reference, lib)


def test_every_module_whose_objects_a_snapshot_holds_is_part_of_its_code_version():
    # A class changed in a module the version does not cover would unpickle old objects wrongly.
    import io
    import pickle

    from tui.index.snapshot import _PICKLED_MODULES

    library = load_library([str(SEEDS)], limit_mb=5, cache=None)
    modules: set[str] = set()

    class Recorder(pickle.Pickler):
        def persistent_id(self, obj):
            modules.add(type(obj).__module__)
            return None

    Recorder(io.BytesIO(), protocol=5).dump(library)
    ours = {m for m in modules if m.startswith("tui.")}
    assert ours and ours <= set(_PICKLED_MODULES), ours - set(_PICKLED_MODULES)


def test_every_module_of_the_entity_layers_rules_is_part_of_the_code_version():
    # A rule changed in a module the version does not cover would leave old names in a snapshot.
    import ast

    from tui.index.snapshot import _NAMING_MODULES

    # The model, its features and tables are covered by the model files' version; spans are pickled.
    covered_otherwise = {"tui.nlp.features", "tui.nlp.crf", "tui.nlp.resources", "tui.nlp.tables", "tui.nlp.spans"}
    todo, seen = ["tui.nlp.entities"], set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        tree = ast.parse((ROOT / (name.replace(".", "/") + ".py")).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                targets = [node.module] if node.module != "tui.nlp" else [f"tui.nlp.{a.name}" for a in node.names]
                todo += [t for t in targets if t.startswith("tui.nlp.") and t not in covered_otherwise]
    assert seen <= set(_NAMING_MODULES), seen - set(_NAMING_MODULES)
