"""Front matter wins over heuristics; what it cannot use is reported and kept."""

from __future__ import annotations

import datetime as dt

from tui.corpus import load_corpus
from tui.corpus.frontmatter import parse_iso_published, split_front_matter

ARTICLE = """---
title: "Gipfel in Budapest: Termin offen"
date: 2025-10-17T00:16
source: dpa
author: Anna Beispiel
url: https://www.example.org/politik/gipfel
lang: de
---
Trump zum Telefonat mit Putin: Gipfeltreffen in Budapest vereinbart

12.02.2025 - 18:27:49

Der Text beginnt hier und geht weiter. Mehr folgt.
"""


def load_text(tmp_path, text: str):
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    articles, report = load_corpus([tmp_path])
    assert report.skipped == []
    return articles[0]


def test_front_matter_fields_win_over_heuristics(tmp_path):
    article = load_text(tmp_path, ARTICLE)
    assert article.title == "Gipfel in Budapest: Termin offen"
    assert article.published.isoformat() == "2025-10-17T00:16"
    assert article.source == "dpa"
    assert article.author == "Anna Beispiel"
    assert article.url == "https://www.example.org/politik/gipfel"
    assert article.language == "de"
    assert "title:" not in article.text and "---" not in article.text


def test_front_matter_is_removed_in_raw_mode_and_body_kept_verbatim(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    articles, _ = load_corpus([tmp_path], raw=True)
    assert articles[0].text == ARTICLE.split("---\n", 2)[2]


def test_unknown_keys_and_bad_dates_are_reported_and_kept_as_extras(tmp_path):
    article = load_text(tmp_path, "---\ntitle: T\ndate: 31.02.2025\nmood: grim\n---\nText des Artikels.\n")
    assert article.published is None
    assert any("date '31.02.2025' is not an ISO 8601 date" in p for p in article.problems)
    assert any("unknown key 'mood'" in p for p in article.problems)
    kept = [e.text for e in article.extras if e.kind == "front-matter"]
    assert kept == ["date: 31.02.2025", "mood: grim"]


def test_url_host_is_the_source_when_nothing_else_names_one(tmp_path):
    article = load_text(tmp_path, "---\nurl: https://www.tagesschau.de/a/b\n---\nEin Satz Text.\n")
    assert article.source == "tagesschau.de"


def test_a_rule_at_the_top_that_is_not_closed_is_body_text():
    fm, body = split_front_matter("---\nEin Satz, kein Schlüssel.\n")
    assert fm is None and body.startswith("---")
    fm, body = split_front_matter("---\ntitle: x\nnoch ein Satz ohne Doppelpunkt\n---\nText")
    assert fm is None


def test_iso_dates_keep_their_precision():
    assert parse_iso_published("2025-03-18").isoformat() == "2025-03-18"
    assert parse_iso_published("2025-03-18T14:30").isoformat() == "2025-03-18T14:30"
    assert parse_iso_published("2025-03-18 14:30:05").isoformat() == "2025-03-18T14:30:05"
    aware = parse_iso_published("2025-03-18T14:30:05+01:00")
    assert aware.value.utcoffset() == dt.timedelta(hours=1)
    assert aware.isoformat() == "2025-03-18T14:30:05+01:00"
    assert parse_iso_published("2025-02-30") is None
    assert parse_iso_published("morgen") is None
