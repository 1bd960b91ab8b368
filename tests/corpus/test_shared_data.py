"""The rules on real data they were not written for: 10kGNAD and KRAUTS (skipped without ../shared/data)."""

from __future__ import annotations

import csv
import html
import re

from tui.corpus import load_corpus


def test_10kgnad_articles_all_load_with_text_kept(shared_data, tmp_path):
    with open(shared_data / "10kgnad" / "test.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";", quotechar="'"))[:300]
    for i, (_, text) in enumerate(rows):
        (tmp_path / f"{i:04d}.txt").write_text(text, encoding="utf-8")
    articles, report = load_corpus([tmp_path])
    assert report.loaded == len(rows) and report.skipped == []
    for article, (_, original) in zip(articles, rows):
        assert article.text and article.title
        # Nothing of an article is lost: cleaned text plus extras hold every word.
        kept = set((article.text + " " + " ".join(e.text for e in article.extras)).split())
        assert set(original.split()) <= kept
    places = [a.place for a in articles if a.place]
    assert places.count("Wien") >= 30  # derStandard's "Wien – ..." datelines


def test_krauts_raw_text_lines_up_with_the_source_offsets(shared_data, tmp_path):
    folder = shared_data / "krauts" / "KRAUTS_Dolomiten-42_raw-text"
    expected = {}
    for path in sorted(folder.glob("*.tml")):
        xml = path.read_text(encoding="utf-8")
        dct = re.search(r'<DCT><TIMEX3[^>]*value="([^"]+)"', xml).group(1)
        text = html.unescape(re.search(r"<TEXT>(.*)</TEXT>", xml, re.S).group(1))
        (tmp_path / (path.name + ".txt")).write_text(f"---\ndate: {dct}\n---\n{text}", encoding="utf-8")
        expected[path.name + ".txt"] = (text, dct)
    articles, report = load_corpus([tmp_path], raw=True)
    assert report.loaded == 42
    for article in articles:
        text, dct = expected[article.id]
        assert article.text == text
        assert article.published.isoformat() == dct
