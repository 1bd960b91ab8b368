"""The five sample articles: titles, metadata, boilerplate set aside, PDF text reflowed."""

from __future__ import annotations

import re

import pytest

from tui.corpus import load_corpus


@pytest.fixture(scope="module")
def seeds():
    from tests.conftest import SEEDS

    articles, report = load_corpus([SEEDS])
    assert report.skipped == []
    return {a.id[:3]: a for a in articles}


def extras_of(article, kind: str) -> list[str]:
    return [e.text for e in article.extras if e.kind == kind]


def test_titles(seeds):
    assert {k: a.title for k, a in seeds.items()} == {
        "000": "Brisantes Telefonat: Trump und Putin – was planen sie wirklich?",
        "001": "Trump telefoniert mit Putin: Ukraine-Verhandlungen geplant",
        "002": "Putin lobt Trump: Geheimes Telefonat über Ukraine-Krieg entfaltet Wirkung",
        "003": "Putin und Trump telefonieren",
        "004": "Trump spricht mit Putin über Waffenstillstand zwischen Russland und Ukraine",
    }


def test_publication_dates(seeds):
    assert {k: a.published.isoformat() if a.published else None for k, a in seeds.items()} == {
        "000": None,
        "001": "2025-02-12T18:27:49",
        "002": None,
        "003": "2025-10-17T00:16",
        "004": None,
    }


def test_author_source_place(seeds):
    assert seeds["003"].author == "Thomas"
    assert seeds["001"].source == "dpa"
    assert seeds["002"].place == "Sotschi"
    assert seeds["000"].section == "Politik"


def test_boilerplate_is_in_extras_not_in_text(seeds):
    expected = {
        "000": {
            "section": ["Veröffentlicht inPolitik"],
            "credit": ["© imago images/Russian Look"],
            "promo": ["Zu diesem Thema interessant:", "+++ Zu den Hintergründen", "Mehr News über Putin und Trump:"],
        },
        "001": {
            "source": ["@ dpa.de"],
            "teasers": ["Weitere Meldungen", "weiterlesen..."],
            "date": ["12.02.2025 - 18:27:49"],
        },
        "002": {"table": ["Details | |", "---|---|", "Ort | Sotschi, Russland |", "Quellen |"]},
        "003": {
            "contact": ["Geschäftsstelle 01716440507"],
            "navigation": ["Zurück"],
            "byline": ["von Thomas"],
            "copyright": ["© All rights reserved Fallschrimjäger-Traditionsverband Ost e.V."],
        },
    }
    for key, kinds in expected.items():
        article = seeds[key]
        for kind, needles in kinds.items():
            found = extras_of(article, kind)
            for needle in needles:
                assert any(needle in e for e in found), (key, kind, needle, found)
                assert needle not in article.text, (key, needle)
    assert len(extras_of(seeds["001"], "teasers")) == 7  # the heading and six teasers
    assert "(Wirtschaft, 19.03.2025" not in seeds["001"].text
    assert "+++" not in seeds["000"].text and "|" not in seeds["002"].text


def test_pdf_article_has_no_line_break_inside_a_sentence(seeds):
    article = seeds["004"]
    assert "\n" not in article.text.replace("\n\n", "")
    for p in article.paragraphs:
        chunk = article.text[p.start : p.end]
        if p.kind == "paragraph":
            assert re.search(r"[.!?“\"]$", chunk), chunk  # every paragraph ends a sentence
    assert "Trump und sein Team haben wiederholt betont, dass die Kämpfe enden müssen," in article.text
    assert "zwischen hochrangigen US-Beamten, angeführt" in article.text
    headings = [article.text[p.start : p.end] for p in article.paragraphs if p.kind == "heading"]
    assert "Neueste Entwicklungen in den Verhandlungen" in headings
    assert "Herausforderungen für einen dauerhaften Frieden" in headings


def test_paragraph_offsets_cover_the_text(seeds):
    for article in seeds.values():
        rebuilt = "\n\n".join(article.text[p.start : p.end] for p in article.paragraphs)
        assert rebuilt == article.text


def test_titles_are_not_repeated_in_the_text(seeds):
    for article in seeds.values():
        assert not article.text.startswith(article.title)
