"""The command line as a script sees it: stdout, stderr, exit status."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS

FIELDS = [
    "id",
    "path",
    "title",
    "published",
    "source",
    "author",
    "place",
    "text",
    "extras",
    "entities",
    "dates",
    "problems",
]


def run(*args: str, cwd: Path = ROOT, module: bool = False) -> subprocess.CompletedProcess:
    cmd = (
        [sys.executable, "-m", "tui", *args]
        if module
        else [sys.executable, "-c", "from tui.cli import main; raise SystemExit(main())", *args]
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "ascii"}
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, encoding="utf-8", env=env, timeout=120)


def records(stdout: str) -> tuple[list[dict], dict]:
    lines = [json.loads(line) for line in stdout.splitlines()]
    return lines[:-1], lines[-1]["report"]


def test_extract_writes_one_json_object_per_article_then_the_report():
    result = run("extract", str(SEEDS))
    assert result.returncode == 0, result.stderr
    articles, report = records(result.stdout)
    assert [a["id"] for a in articles] == sorted(p.name for p in SEEDS.glob("*.txt"))
    for a in articles:
        assert all(f in a for f in FIELDS)
        for start, end, kind in a["paragraphs"]:
            assert kind in ("paragraph", "heading", "list")
            assert a["text"][start:end].strip() == a["text"][start:end]
    assert report == {"loaded": 5, "skipped": [], "partial": []}
    assert articles[1]["published"] == "2025-02-12T18:27:49"


def test_extract_fills_entities_with_exact_sorted_non_overlapping_keyed_spans():
    articles, _ = records(run("extract", str(SEEDS)).stdout)
    keys = set()
    for a in articles:
        assert a["entities"], a["id"]
        last = 0
        for e in a["entities"]:
            assert set(e) == {"start", "end", "text", "label", "key"}
            assert last <= e["start"] < e["end"] and a["text"][e["start"] : e["end"]] == e["text"]
            assert e["label"] in ("PER", "LOC", "ORG", "MISC")
            last = e["end"]
            keys.add((e["text"], e["key"]))
    assert ("Putin", "Wladimir Putin") in keys and ("Trump", "Donald Trump") in keys


def test_extract_fills_dates_with_sorted_exact_timex_spans():
    articles, _ = records(run("extract", "--no-entities", str(SEEDS)).stdout)
    by_id = {a["id"]: a for a in articles}
    for a in articles:
        last = 0
        for d in a["dates"]:
            assert set(d) == {"start", "end", "text", "type", "value", "mod", "point"}
            assert d["point"] is None or d["type"] == "DURATION"
            assert last <= d["start"] < d["end"] and a["text"][d["start"] : d["end"]] == d["text"]
            assert d["type"] in ("DATE", "TIME", "DURATION", "SET")
            last = d["end"]
    seed3 = by_id["003_b3a5bad97396e84d.txt"]["dates"]
    assert {"text": "Mitte August", "type": "DATE", "value": "2025-08", "mod": "MID"}.items() <= next(
        d for d in seed3 if d["text"] == "Mitte August"
    ).items()


def test_a_second_extract_over_unchanged_files_analyses_nothing_and_writes_the_same(tmp_path, monkeypatch, capsys):
    import shutil

    from tui import cli
    from tui.index import extraction

    folder = tmp_path / "news"
    shutil.copytree(SEEDS, folder)
    assert cli.main(["extract", str(folder)]) == 0
    first = capsys.readouterr().out
    assert len(records(first)[0]) == 5

    def analyse(*args, **kw):
        raise AssertionError("analysed again")

    original = extraction.analyse
    monkeypatch.setattr(extraction, "analyse", analyse)
    assert cli.main(["extract", str(folder)]) == 0
    assert capsys.readouterr().out == first
    monkeypatch.setattr(extraction, "analyse", original)
    assert cli.main(["extract", "--no-cache", str(folder)]) == 0  # analysed afresh, to the same result
    assert capsys.readouterr().out == first


def test_extract_no_entities_leaves_them_empty():
    articles, report = records(run("extract", "--no-entities", str(SEEDS)).stdout)
    assert report["loaded"] == 5 and all(a["entities"] == [] for a in articles)


def test_extract_defaults_to_seeds_in_the_current_folder():
    result = run("extract")
    articles, report = records(result.stdout)
    assert report["loaded"] == 5


def test_python_dash_m_tui_behaves_like_chronik():
    assert run("extract", str(SEEDS), module=True).stdout == run("extract", str(SEEDS)).stdout


def test_raw_text_is_the_file_body_verbatim(tmp_path):
    body = "Zeile eins  \n\n\nZeile  zwei, hart\numbrochen.\n"
    (tmp_path / "a.txt").write_text("---\ntitle: T\n---\n" + body.replace("\n", "\r\n"), encoding="utf-8")
    articles, _ = records(run("extract", "--raw", str(tmp_path)).stdout)
    assert articles[0]["text"] == body
    assert articles[0]["title"] == "T"
    assert articles[0]["extras"] == []


def test_bad_files_are_reported_and_named_on_stderr_one_line_each(tmp_path):
    (tmp_path / "ok.txt").write_text("Titel\n\nText.\n")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "bad\nname.txt").write_bytes(b"\x00\x01")
    result = run("extract", str(tmp_path))
    assert result.returncode == 0
    articles, report = records(result.stdout)
    assert len(articles) == 1
    assert sorted(s["reason"] for s in report["skipped"]) == ["binary file (contains NUL bytes)", "empty file"]
    err = result.stderr.splitlines()
    assert len(err) == 2 and all(line.startswith("chronik: skipped ") for line in err)
    assert any("bad\\x0aname.txt" in line for line in err)  # a newline in a file name is shown escaped


def test_exit_status_1_when_nothing_loaded(tmp_path):
    result = run("extract", str(tmp_path / "missing"))
    assert result.returncode == 1
    _, report = records(result.stdout)
    assert report == {
        "loaded": 0,
        "skipped": [{"path": str(tmp_path / "missing"), "reason": "no such file or directory"}],
        "partial": [],
    }
    assert run(str(tmp_path / "missing")).returncode == 1


@pytest.mark.parametrize(
    "args", [["extract", "--limit-mb", "zero"], ["extract", "--limit-mb", "-1"], ["--bogus"], ["extract", "--nope"]]
)
def test_usage_errors_exit_2_with_one_line_and_no_traceback(args):
    result = run(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith("chronik: ")


def test_json_output_escapes_control_and_bidi_characters(tmp_path):
    (tmp_path / "a.txt").write_text(
        "---\ntitle: x\u202ey\x07z\n---\nText mit\u2028Trenner, \u202everkehrt.\n", encoding="utf-8"
    )
    result = run("extract", "--raw", str(tmp_path))
    assert not any(ch in result.stdout for ch in "\u202e\x07\u2028")
    articles, _ = records(result.stdout)
    # Front matter is cleaned like a body: no control characters, no bidirectional overrides.
    assert articles[0]["title"] == "xyz"
    assert "\u202e" in articles[0]["text"]  # --raw keeps it; the JSON escapes it


def test_chronik_without_subcommand_lists_the_articles():
    result = run(str(SEEDS))
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 5
    assert lines[1].startswith("2025-02-12  dpa")
    assert "Trump telefoniert mit Putin: Ukraine-Verhandlungen geplant" in lines[1]


def test_limit_mb_applies_from_the_command_line(tmp_path):
    (tmp_path / "big.txt").write_text("Titel\n\n" + "Wort " * 50_000)
    result = run("extract", "--limit-mb", "0.1", str(tmp_path))
    assert result.returncode == 1
    assert "too large" in records(result.stdout)[1]["skipped"][0]["reason"]


@pytest.mark.parametrize(
    "args",
    [
        ["search", "Putin", "--json", str(SEEDS), "--no-cache"],
        ["search", "--json", "Putin", str(SEEDS), "--no-cache"],
        ["timeline", "--json", str(SEEDS), "--no-cache"],
    ],
)
def test_options_may_stand_before_or_between_the_paths(args):
    result = run(*args)
    assert result.returncode == 0, result.stderr
    assert [json.loads(line) for line in result.stdout.splitlines()]


@pytest.mark.parametrize(
    "form, first",
    [
        ("csv", "date,value,until,mod"),
        ("ics", "BEGIN:VCALENDAR"),
        ("md", "# Timeline"),
        ("json", "{"),
        ("text", "2017"),
    ],
)
def test_timeline_exports_in_each_format(form, first):
    result = run("timeline", "--format", form, str(SEEDS), "--no-cache")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(first)


def test_search_by_person_finds_a_family_name_with_particles(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Besuch in Brüssel\n\nBundespräsident Alexander Van der Bellen reiste am Montag "
        "nach Brüssel. Dort traf Van der Bellen die Kommissionspräsidentin.\n",
        "utf-8",
    )
    (folder / "b.txt").write_text("Wahlkampf\n\nVan der Bellen sagte am Dienstag in Linz, er sei zufrieden.\n", "utf-8")
    (folder / "c.txt").write_text("Wetter\n\nIn Wien regnete es am Mittwoch den ganzen Tag.\n", "utf-8")
    result = run("search", 'person:"van der bellen"', str(folder), "--json", "--no-cache")
    hits = [json.loads(line) for line in result.stdout.splitlines()]
    assert sorted(h["id"] for h in hits if "id" in h) == ["a.txt", "b.txt"]


def test_the_nato_in_a_one_sentence_file_is_an_organisation(tmp_path):
    (tmp_path / "nato.txt").write_text("Die Nato berät in Brüssel über neue Hilfen.\n", "utf-8")
    (article,), _ = records(run("extract", str(tmp_path)).stdout)
    assert {(e["text"], e["label"]) for e in article["entities"]} >= {("Nato", "ORG"), ("Brüssel", "LOC")}
