"""Loading a folder: every bad file becomes one report entry, every good file still loads."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tui.corpus import load_corpus
from tui.corpus.discover import discover
from tui.corpus.loader import LoadError, load_file
from tui.corpus.model import LoadReport

GOOD = "Ein Titel\n\nDer Text des Artikels steht hier. Er ist kurz.\n"


def reasons(report: LoadReport) -> dict[str, str]:
    return {Path(s.path).name: s.reason for s in report.skipped}


def make_good(folder: Path, name: str = "good.txt") -> Path:
    path = folder / name
    path.write_text(GOOD, encoding="utf-8")
    return path


def test_good_files_load_in_path_order_with_ids_relative_to_root(tmp_path):
    (tmp_path / "b").mkdir()
    make_good(tmp_path / "b", "z.txt")
    make_good(tmp_path, "a.md")
    make_good(tmp_path, "c.txt")
    (tmp_path / "ignored.json").write_text("{}")
    articles, report = load_corpus([tmp_path])
    assert [a.id for a in articles] == ["a.md", "b/z.txt", "c.txt"]
    assert report.loaded == 3 and report.skipped == []


def test_empty_file_is_reported_and_others_load(tmp_path):
    make_good(tmp_path)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b" \n\n\t \r\n")
    articles, report = load_corpus([tmp_path])
    assert [a.id for a in articles] == ["good.txt"]
    assert reasons(report) == {"empty.txt": "empty file", "blank.txt": "no text: only whitespace"}


def test_binary_file_with_nul_bytes_is_reported(tmp_path):
    make_good(tmp_path)
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    articles, report = load_corpus([tmp_path])
    assert len(articles) == 1
    assert reasons(report) == {"image.txt": "binary file (contains NUL bytes)"}


def test_undecodable_file_is_reported(tmp_path):
    make_good(tmp_path)
    # Not UTF-8, and as cp1252 mostly control characters: not text in any encoding we read.
    (tmp_path / "junk.txt").write_bytes(bytes([0x81, 0x01, 0x02, 0x8D, 0x03, 0x04, 0x90, 0x05]) * 40)
    (tmp_path / "badbom.txt").write_bytes(b"\xff\xfe" + b"A\x00\x00\xd8")  # UTF-16 lone surrogate
    articles, report = load_corpus([tmp_path])
    assert len(articles) == 1
    got = reasons(report)
    assert got["junk.txt"].startswith("undecodable")
    assert got["badbom.txt"].startswith("not valid UTF-16-LE")


def test_file_over_the_size_limit_is_reported(tmp_path):
    make_good(tmp_path)
    (tmp_path / "big.txt").write_text("Wort " * 300_000)  # 1.5 MB
    articles, report = load_corpus([tmp_path], limit_mb=1)
    assert len(articles) == 1
    assert reasons(report)["big.txt"].startswith("too large: 1.5 MB > 1 MB")
    articles, report = load_corpus([tmp_path], limit_mb=2)
    assert len(articles) == 2


def test_broken_symlink_and_symlink_loops_are_reported(tmp_path):
    make_good(tmp_path)
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "missing.txt")
    (tmp_path / "self.txt").symlink_to(tmp_path / "self.txt")
    (tmp_path / "sub").mkdir()
    make_good(tmp_path / "sub", "inner.txt")
    (tmp_path / "sub" / "up").symlink_to(tmp_path)  # a folder that contains itself
    articles, report = load_corpus([tmp_path])
    assert [a.id for a in articles] == ["good.txt", "sub/inner.txt"]
    got = reasons(report)
    assert got["dangling.txt"] == "broken symlink (target does not exist)"
    assert got["self.txt"] == "symlink loop"
    assert got["up"] == "symlink loop (folder contains itself)"


def test_symlinked_file_is_loaded_once(tmp_path):
    target = make_good(tmp_path, "real.txt")
    (tmp_path / "alias.txt").symlink_to(target)
    articles, report = load_corpus([tmp_path])
    assert [a.id for a in articles] == ["alias.txt"]
    assert report.skipped == []


def test_file_that_vanishes_while_loading_is_reported(tmp_path):
    make_good(tmp_path)
    doomed = make_good(tmp_path, "doomed.txt")
    report = LoadReport()
    candidates = discover([tmp_path], report)
    doomed.unlink()
    loaded, failed = [], []
    for c in candidates:
        try:
            loaded.extend(a.id for a in load_file(c))
        except LoadError as exc:
            failed.append((c.id, str(exc)))
    assert loaded == ["good.txt"]
    assert failed == [("doomed.txt", "vanished while loading")]


def test_missing_folder_is_reported_and_other_paths_still_load(tmp_path):
    make_good(tmp_path)
    articles, report = load_corpus([tmp_path / "nope", tmp_path])
    assert len(articles) == 1
    assert reasons(report) == {"nope": "no such file or directory"}


def test_fifo_named_txt_does_not_block_the_load(tmp_path):
    make_good(tmp_path)
    os.mkfifo(tmp_path / "pipe.txt")
    articles, report = load_corpus([tmp_path])
    assert len(articles) == 1
    assert reasons(report) == {"pipe.txt": "not a regular file"}


UNREADABLE_SCRIPT = textwrap.dedent(
    """
    import json, os, sys
    from tui.corpus import load_corpus
    load_corpus([os.path.join(sys.argv[1], "good.txt")])  # import everything while we may
    if os.geteuid() == 0:
        os.setgid(65534); os.setuid(65534)  # drop root, which may read anything
    articles, report = load_corpus([sys.argv[1]])
    print(json.dumps([[a.id for a in articles], [[s.path, s.reason] for s in report.skipped]]))
    """
)


def test_unreadable_file_is_reported(tmp_path_factory):
    # A world-readable folder, so that an unprivileged process can enter it when we run as root.
    folder = Path(tmp_path_factory.mktemp("perm", numbered=True))
    for p in [folder, *folder.parents]:
        if str(p).startswith("/tmp/"):
            p.chmod(0o755)
    make_good(folder).chmod(0o644)
    secret = make_good(folder, "secret.txt")
    secret.chmod(0o000)
    out = subprocess.run(
        [sys.executable, "-c", UNREADABLE_SCRIPT, str(folder)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
    )
    import json

    ids, skipped = json.loads(out.stdout)
    assert ids == ["good.txt"]
    assert skipped == [[str(secret), "permission denied"]]


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p): (p.lstat().st_mtime_ns, p.lstat().st_size) for p in sorted(folder.rglob("*"))}


def test_loading_never_writes_into_the_corpus_folder(tmp_path, seeds_dir):
    for src in seeds_dir.glob("*.txt"):
        (tmp_path / src.name).write_bytes(src.read_bytes())
    (tmp_path / "empty.txt").write_bytes(b"")
    before = snapshot(tmp_path)
    mtime = tmp_path.stat().st_mtime_ns
    load_corpus([tmp_path])
    load_corpus([tmp_path], raw=True)
    assert snapshot(tmp_path) == before
    assert tmp_path.stat().st_mtime_ns == mtime


@pytest.mark.parametrize("name", ["notes.rst", "data.json"])
def test_explicitly_named_file_of_another_type_is_reported(tmp_path, name):
    path = tmp_path / name
    path.write_text(GOOD)
    articles, report = load_corpus([path])
    assert articles == []
    assert reasons(report)[name].startswith("not an article file (.txt, .md, .html")
