"""A file whose analysis outlasts the time limit loads without names and dates, says why, and
the rest of the load goes on."""

from __future__ import annotations

import json
import subprocess
import sys
import time

from tests.conftest import SEEDS
from tui.corpus import deadline
from tui.index import extraction
from tui.index.library import load_library

ROOT = SEEDS.parent
ARTICLE = "Titel\n\nAm 17. Oktober 2025 telefonierte Donald Trump mit Wladimir Putin in Moskau.\n"
STUCK = ARTICLE.replace("telefonierte", "telefonierte STUCK")


def _endless_dates(text, dct=None, anchors=True):
    """A date finder that never finishes on a text with the word STUCK (and checks its limit)."""
    while "STUCK" in text:
        deadline.check()
        time.sleep(0.001)
    return []


def test_the_limit_raises_only_after_its_time_and_only_inside():
    deadline.check()  # no limit set: nothing happens
    with deadline.time_limit(0.05):
        deadline.check()
        time.sleep(0.06)
        try:
            deadline.check()
        except deadline.TimeLimitExceeded:
            pass
        else:
            raise AssertionError("the limit had passed")
    deadline.check()  # outside again: no limit
    with deadline.time_limit(0):  # 0 means no limit
        time.sleep(0.01)
        deadline.check()


def test_an_article_whose_dates_take_too_long_keeps_its_cleaned_text_without_names_and_dates(monkeypatch):
    monkeypatch.setattr(extraction, "find_dates", _endless_dates)
    data = STUCK.replace("Titel", "Ein Titel").encode()
    t0 = time.monotonic()
    [entry] = extraction.analyse("a.txt", "/x/a.txt", data, time_limit=0.2)
    assert time.monotonic() - t0 < 5
    assert "names and dates left out" in entry.abandoned and "0.2 s" in entry.abandoned
    assert entry.dates == [] and entry.tags == []
    assert entry.article.title == "Ein Titel" and "Donald Trump" in entry.article.text


def test_cleaning_that_takes_too_long_leaves_the_text_as_it_stands():
    data = ("Ein Titel\n\n" + "Wort\u200b Wort\n" * 50_000).encode()
    [entry] = extraction.analyse("a.txt", "/x/a.txt", data, time_limit=1e-9)
    assert entry.abandoned
    assert entry.article.text.startswith("Ein Titel\n\nWort Wort\nWort Wort")  # invisible characters gone
    assert entry.article.paragraphs and entry.dates == [] and entry.tags == []


def test_a_load_goes_on_past_an_abandoned_file_and_reports_it(tmp_path, monkeypatch):
    monkeypatch.setattr(extraction, "find_dates", _endless_dates)
    for i in range(3):
        (tmp_path / f"gut{i}.txt").write_text(ARTICLE)
    (tmp_path / "zaeh.txt").write_text(STUCK)
    library = load_library([str(tmp_path)], limit_mb=5, workers=1, time_limit=0.3)
    assert [a.id for a in library.articles] == ["gut0.txt", "gut1.txt", "gut2.txt", "zaeh.txt"]
    assert [(p.path, "names and dates left out" in p.reason) for p in library.report.partial] == [
        (str(tmp_path / "zaeh.txt"), True)
    ]
    assert library.report.loaded == 4 and not library.report.skipped
    names = [{s.key for s in spans} for spans in library.entities]
    assert all("Donald Trump" in n for n in names[:3]) and names[3] == set()  # not even the corpus's names
    assert library.dates[3] == []
    assert library.select("STUCK").positions == [3]  # the abandoned article is searchable


def _extract_seeds(time_limit: str, timeout: float) -> subprocess.CompletedProcess[str]:
    """``chronik extract`` over the seeds with this ``--time-limit``."""
    return subprocess.run(
        [sys.executable, "-m", "tui", "extract", str(SEEDS), "--time-limit", time_limit],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_chronik_extract_reports_abandoned_files_and_writes_them_all():
    result = _extract_seeds("0.000001", timeout=300)
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    articles, report = lines[:-1], lines[-1]["report"]
    assert len(articles) == 5 and all(a["text"] and not a["entities"] and not a["dates"] for a in articles)
    assert report["loaded"] == 5 and len(report["partial"]) == 5 and not report["skipped"]
    assert result.stderr.count("names and dates left out") == 5


def test_a_negative_time_limit_is_a_usage_error():
    result = _extract_seeds("-1", timeout=60)
    assert result.returncode == 2 and "--time-limit" in result.stderr


def _jobs(texts: list[str]) -> list[extraction.Job]:
    return [(i, f"a{i}.txt", f"/x/a{i}.txt", text.encode()) for i, text in enumerate(texts)]


def test_files_analysed_together_get_the_entries_each_gets_alone():
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.iterdir()) if p.is_file()]
    together = dict(o for chunk in extraction.run(_jobs(texts), workers=1) for o in chunk)
    alone = {i: extraction.analyse(f"a{i}.txt", f"/x/a{i}.txt", t.encode()) for i, t in enumerate(texts)}
    assert together == alone and all(e.tags for entries in alone.values() for e in entries)


def test_a_file_whose_tagging_takes_too_long_is_abandoned_alone(monkeypatch):
    from tui.nlp.ner import Recognizer

    tag_many = Recognizer.tag_many

    def endless(self, texts):  # (``tag`` tags through ``tag_many``)
        while any("STUCK" in t for t in texts):
            deadline.check()
            time.sleep(0.001)
        return tag_many(self, texts)

    monkeypatch.setattr(Recognizer, "tag_many", endless)
    jobs = _jobs([ARTICLE, STUCK, ARTICLE])
    outcomes = dict(o for chunk in extraction.run(jobs, workers=1, time_limit=0.3) for o in chunk)
    assert [bool(outcomes[i][0].abandoned) for i in range(3)] == [False, True, False]
    assert {s.text for s in outcomes[0][0].tags} >= {"Donald Trump", "Wladimir Putin"} and outcomes[1][0].tags == []
    assert outcomes[0][0].dates and outcomes[1][0].dates == []
