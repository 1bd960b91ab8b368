"""Exporting a result list or the timeline to a file: the format by suffix, never into the corpus."""

from __future__ import annotations

import csv
import io
import json
import os
import stat

import pytest

from tests.index.test_timeline_formats import parse_ics
from tui.corpus import Article
from tui.index.export import ExportError, ExportExists, export, list_markdown


@pytest.fixture(scope="module")
def library():
    from tests.conftest import SEEDS
    from tui.index.library import load_library

    return load_library([str(SEEDS)], limit_mb=5)


def test_a_result_list_reads_back_from_csv_and_json_in_its_order(library, tmp_path):
    chosen = library.select("putin").positions
    articles = [library.articles[p] for p in chosen]
    rows = list(csv.DictReader(io.StringIO(export(tmp_path / "r.csv", [], articles=articles).read_text())))
    assert [r["id"] for r in rows] == [a.id for a in articles]
    assert [r["rank"] for r in rows] == [str(i) for i in range(1, len(articles) + 1)]
    assert rows[0]["title"] == articles[0].title
    lines = export(tmp_path / "r.json", [], articles=articles).read_text()
    records = [json.loads(line) for line in lines.splitlines()]
    assert [r["id"] for r in records] == [a.id for a in articles] and records[0]["rank"] == 1


def test_the_timeline_exports_as_icalendar_that_parses_back(library, tmp_path):
    entries = library.timeline_of(library.select("anchorage").positions)
    written = export(tmp_path / "t.ics", [], timeline=entries)
    data = written.read_bytes()
    assert data.count(b"\r\n") == data.count(b"\n")  # every line ends in CRLF, as RFC 5545 asks
    events = parse_ics(data.decode())
    assert len(events) == len(entries) and events[0]["DTSTART;VALUE=DATE"] == entries[0].date.strftime("%Y%m%d")
    assert [
        json.loads(x)["value"] for x in export(tmp_path / "t.json", [], timeline=entries).read_text().splitlines()
    ] == [e.value for e in entries]


def test_markdown_escapes_markup_from_titles():
    a = Article("x.txt", "/x.txt", "[link](file:///etc) *bold* \x1b[31m", "text")
    md = list_markdown([a], title="q")
    assert "\\[link\\]\\(file:///etc\\) \\*bold\\*" in md and "\x1b" not in md


@pytest.mark.parametrize(
    "name, message", [("r.txt", "can be exported as .csv, .json, .md, not .txt"), ("r", "not a file without a suffix")]
)
def test_an_unknown_format_is_a_one_line_error(tmp_path, name, message):
    with pytest.raises(ExportError, match=message):
        export(tmp_path / name, [], articles=[])


def test_nothing_is_ever_written_into_an_article_folder(tmp_path):
    corpus = tmp_path / "news"
    (corpus / "deep").mkdir(parents=True)
    for target in (corpus / "r.csv", corpus / "deep" / "r.csv", tmp_path / "link" / "r.csv"):
        if target.parent.name == "link":
            target.parent.symlink_to(corpus)
        with pytest.raises(ExportError, match="not writing into the article folder"):
            export(target, [str(corpus)], articles=[])
    assert sorted(p.name for p in corpus.rglob("*")) == ["deep"]


def test_an_unwritable_place_is_a_one_line_error_and_leaves_no_temporary_file(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("")
    with pytest.raises(ExportError, match="there is no folder"):
        export(blocked / "r.csv", [], articles=[])
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    if os.access(locked, os.W_OK):  # root writes anywhere: make the folder a file's name instead
        locked.rmdir()
        locked.write_text("")
    with pytest.raises(ExportError, match="cannot write|there is no folder"):
        export(locked / "r.csv", [], articles=[])
    (tmp_path / "d.csv").mkdir()
    with pytest.raises(ExportError, match="is a folder"):
        export(tmp_path / "d.csv", [], articles=[])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.csv", "file", "locked"]


def test_a_missing_folder_is_an_error_not_created(tmp_path):
    with pytest.raises(ExportError, match="there is no folder"):
        export(tmp_path / "new" / "r.csv", [], articles=[])
    assert not (tmp_path / "new").exists()


def test_an_existing_file_is_replaced_only_when_asked_again_and_keeps_its_permissions(library, tmp_path):
    target = tmp_path / "r.csv"
    target.write_text("mine")
    target.chmod(0o640)
    with pytest.raises(ExportExists, match="exists"):
        export(target, [], articles=library.articles)
    assert target.read_text() == "mine"
    export(target, [], articles=library.articles, overwrite=True)
    assert target.read_text().startswith("rank,") and stat.S_IMODE(target.stat().st_mode) == 0o640


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002])
def test_a_new_file_gets_the_permissions_of_the_umask(library, tmp_path, umask):
    old = os.umask(umask)
    try:
        written = export(tmp_path / "r.md", [], articles=library.articles)
    finally:
        os.umask(old)
    assert stat.S_IMODE(written.stat().st_mode) == 0o666 & ~umask
