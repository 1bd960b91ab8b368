"""Saved web pages, PDFs and feeds: titles, dates, authors, clean text and extras, and bad input.

The fixtures are made here: a news page with navigation, a cookie banner, comments, related
links and JSON-LD; a two-column PDF whose content stream interleaves the columns, with a
hyphenated line end and a running header and footer (written with fpdf2); an RSS and an Atom
feed.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.corpus import load_corpus
from tui.corpus.discover import Candidate
from tui.corpus.loader import LoadError, build_articles

BERLIN = dt.timezone(dt.timedelta(hours=2))

PAGE = """<!DOCTYPE html>
<html lang="de-DE">
<head>
<meta charset="utf-8">
<title>Trump telefoniert mit Putin | Beispielzeitung</title>
<meta property="og:title" content="Trump telefoniert erneut mit Putin">
<meta property="og:site_name" content="Beispiel">
<meta name="author" content="Redaktion">
<link rel="canonical" href="https://www.beispielzeitung.de/politik/trump-putin-123.html">
<script type="application/ld+json">
{"@context": "https://schema.org", "@graph": [
 {"@type": "WebSite", "name": "Beispielzeitung Online"},
 {"@type": "NewsArticle", "headline": "Trump und Putin sprechen über die Ukraine",
  "datePublished": "2025-10-16T18:30:00+02:00", "author": [{"@type": "Person", "name": "Anna Muster"}],
  "publisher": {"@type": "Organization", "name": "Beispielzeitung"}}]}
</script>
<script>var t = "<b>Skriptinhalt</b>"; document.write(t);</script>
<style>body { color: red } .geheim::after { content: "Stilinhalt" }</style>
</head>
<body>
<header><nav><ul><li><a href="/">Startseite</a></li><li><a href="/politik">Politik</a></li>
<li><a href="/sport">Sport</a></li></ul></nav></header>
<div id="cookie-banner" class="consent">Wir verwenden Cookies. <button>Akzeptieren</button></div>
<main><article>
<h1>Trump und Putin sprechen über die Ukraine</h1>
<p class="byline">Von Anna Muster</p>
<p>Washington – US-Präsident Donald Trump hat am Donnerstag erneut mit dem russischen Präsidenten
Wladimir Putin telefoniert. Das Gespräch habe mehr als zwei Stunden gedauert, teilte das Weiße Haus mit.</p>
<p>Beide Seiten vereinbarten ein Treffen in Budapest. Der ukrainische Präsident Wolodymyr Selenskyj
wird am Freitag in Washington erwartet.</p>
<p>Kremlsprecher Dmitri Peskow sprach von einem offenen und vertrauensvollen Gespräch. Die
Vorbereitungen für das Treffen sollen sofort beginnen, hieß es in Moskau.</p>
</article>
<aside class="related"><h2>Mehr zum Thema</h2><ul><li><a href="/a">Selenskyj reist nach Washington</a></li>
<li><a href="/b">Was Marschflugkörper können</a></li></ul></aside>
<section id="comments"><h2>Kommentare</h2><div class="comment"><p>Leser123: Endlich redet man!</p></div></section>
</main>
<footer><p>© 2025 Beispielzeitung GmbH</p><a href="/impressum">Impressum</a></footer>
</body></html>
"""

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Beispielzeitung</title><link>https://www.beispielzeitung.de</link><language>de-de</language>
<item><title>Trump telefoniert mit Putin</title><link>https://www.beispielzeitung.de/1</link>
<guid isPermaLink="false">bz-1</guid><pubDate>Thu, 16 Oct 2025 18:30:00 +0200</pubDate>
<author>anna@example.org (Anna Muster)</author><description>Kurzfassung</description>
<content:encoded><![CDATA[<p>Washington – US-Präsident Donald Trump hat am Donnerstag erneut mit Wladimir Putin
telefoniert.</p><script>alert("Skriptinhalt")</script><p>Beide vereinbarten ein Treffen in Budapest.</p>]]>
</content:encoded></item>
<item><title>Selenskyj in Washington</title><link>https://www.beispielzeitung.de/2</link><guid>bz-2</guid>
<pubDate>Fri, 17 Oct 2025 09:00:00 +0200</pubDate>
<description>Der ukrainische Präsident trifft Trump im Weißen Haus.</description></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de">
<title>Nachrichtenblog</title><id>urn:blog</id><updated>2025-10-17T10:00:00+02:00</updated>
<entry><title>Gipfel in Budapest geplant</title><id>urn:blog:gipfel</id>
<link href="https://blog.example.org/gipfel"/><published>2025-10-17T08:15:00+02:00</published>
<updated>2025-10-17T09:00:00+02:00</updated><author><name>Max Beispiel</name></author>
<content type="html">&lt;p&gt;Das Treffen von Trump und Putin soll in Budapest stattfinden.&lt;/p&gt;</content></entry>
</feed>
"""

LEFT = [
    "Washington - US-Präsident Donald Trump hat",
    "am Donnerstag erneut mit dem russischen",
    "Präsidenten Wladimir Putin telefoniert. Es",
    "ging um die Lieferung weiterer Marsch-",
    "flugkörper an die Ukraine. Das Gespräch",
    "habe mehr als zwei Stunden gedauert.",
]
RIGHT = [
    "Kremlsprecher Dmitri Peskow sprach von",
    "einem offenen und vertrauensvollen Ge-",
    "spräch. Beide Seiten vereinbarten ein",
    "Treffen in Budapest, dessen Vorbereitung",
    "sofort beginnen soll, hieß es in Moskau.",
    "Selenskyj wird in Washington erwartet.",
]


def make_pdf(path: Path, pages: int = 2, text: bool = True, password: str | None = None) -> Path:
    """Two columns per page, written line by line across both (as many newspaper PDFs are),
    under a running header and above a page number."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_title("Trump und Putin telefonieren erneut")
    pdf.set_author("Anna Muster")
    pdf.set_creation_date(dt.datetime(2025, 10, 16, 18, 30, tzinfo=dt.UTC))
    if password:
        pdf.set_encryption(owner_password="owner", user_password=password)
    pdf.set_font("helvetica", size=10)
    for n in range(pages):
        pdf.add_page()
        if not text:
            pdf.rect(20, 20, 100, 100, style="F")  # a "scan": no text at all
            continue
        pdf.set_xy(10, 8)
        pdf.cell(0, 5, "Beispielzeitung - Politik - Ausgabe 42")
        for i, (left, right) in enumerate(zip(LEFT, RIGHT)):
            pdf.set_xy(10, 20 + 5 * i)
            pdf.cell(90, 5, left)
            pdf.set_xy(110, 20 + 5 * i)
            pdf.cell(90, 5, right)
        pdf.set_xy(100, 285)
        pdf.cell(10, 5, f"Seite {n + 1}")
    pdf.output(str(path))
    return path


def one(path: Path):
    articles, report = load_corpus([path])
    assert report.skipped == [], report.skipped
    assert len(articles) == 1
    return articles[0]


def test_a_news_page_gives_its_article_text_and_its_own_metadata(tmp_path):
    (tmp_path / "seite.html").write_text(PAGE, encoding="utf-8")
    a = one(tmp_path / "seite.html")
    assert a.format == "html"
    # JSON-LD wins over og: and <meta>, which win over the page's <title>.
    assert a.title == "Trump und Putin sprechen über die Ukraine"
    assert a.published is not None and a.published.value == dt.datetime(2025, 10, 16, 18, 30, tzinfo=BERLIN)
    assert (a.author, a.source, a.language) == ("Anna Muster", "Beispielzeitung", "de")
    assert a.url == "https://www.beispielzeitung.de/politik/trump-putin-123.html"
    assert "Washington – US-Präsident Donald Trump hat am Donnerstag erneut" in a.text
    assert "hieß es in Moskau." in a.text
    for debris in (
        "Startseite",
        "Cookies",
        "Leser123",
        "Mehr zum Thema",
        "Impressum",
        "Skriptinhalt",
        "Stilinhalt",
        "color: red",
        "Von Anna Muster",
    ):
        assert debris not in a.text, debris
    kinds = {e.kind for e in a.extras}
    assert {"navigation", "banner", "comments", "teasers", "copyright"} <= kinds
    assert not any("Skriptinhalt" in e.text or "color: red" in e.text for e in a.extras)
    assert any("Leser123" in e.text for e in a.extras if e.kind == "comments")


def test_a_two_column_pdf_reads_column_after_column_with_hyphens_joined_and_no_running_lines(tmp_path):
    a = one(make_pdf(tmp_path / "zeitung.pdf"))
    assert a.format == "pdf"
    assert a.title == "Trump und Putin telefonieren erneut" and a.author == "Anna Muster"
    assert a.published is not None and a.published.date == dt.date(2025, 10, 16)
    assert "Lieferung weiterer Marschflugkörper an die Ukraine" in a.text
    assert "vertrauensvollen Gespräch. Beide Seiten" in a.text
    # The left column comes whole before the right one, not line by line across both.
    assert a.text.index("habe mehr als zwei Stunden gedauert") < a.text.index("Kremlsprecher Dmitri Peskow")
    assert "Ausgabe 42" not in a.text and "Seite 1" not in a.text and "Seite 2" not in a.text
    assert any("Ausgabe 42" in e.text for e in a.extras if e.kind == "page-header")


def test_an_rss_feed_is_one_article_per_entry(tmp_path):
    (tmp_path / "news.rss").write_text(RSS, encoding="utf-8")
    articles, report = load_corpus([tmp_path])
    assert report.loaded == 2 and report.skipped == []
    first, second = articles
    assert (first.id, second.id) == ("news.rss#bz-1", "news.rss#bz-2")
    assert {a.format for a in articles} == {"feed"}
    assert first.title == "Trump telefoniert mit Putin" and first.author == "Anna Muster"
    assert first.published is not None and first.published.value == dt.datetime(2025, 10, 16, 18, 30, tzinfo=BERLIN)
    assert (first.url, first.source, first.language) == ("https://www.beispielzeitung.de/1", "Beispielzeitung", "de")
    # The full content wins over the summary; scripts never become text.
    assert "erneut mit Wladimir Putin telefoniert." in first.text and "Budapest" in first.text
    assert "Kurzfassung" not in first.text and "Skriptinhalt" not in first.text
    assert second.text == "Der ukrainische Präsident trifft Trump im Weißen Haus."


def test_an_atom_feed_is_recognised_by_its_content_whatever_its_name(tmp_path):
    (tmp_path / "blog.txt").write_text(ATOM, encoding="utf-8")
    a = one(tmp_path / "blog.txt")
    assert (a.id, a.format, a.title, a.author) == (
        "blog.txt#urn:blog:gipfel",
        "feed",
        "Gipfel in Budapest geplant",
        "Max Beispiel",
    )
    assert a.published is not None and a.published.value == dt.datetime(2025, 10, 17, 8, 15, tzinfo=BERLIN)
    assert a.text == "Das Treffen von Trump und Putin soll in Budapest stattfinden."


RDF = """<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://agentur.example.org/"><title>Agenturticker</title><link>https://agentur.example.org/</link>
<dc:language>de</dc:language></channel>
<item rdf:about="https://agentur.example.org/meldung/7"><title>Waffenruhe vereinbart</title>
<link>https://agentur.example.org/meldung/7</link><dc:date>2025-10-18T07:45:00+02:00</dc:date>
<dc:creator>Agentur</dc:creator><description>Die Konfliktparteien haben sich in Genf auf eine Waffenruhe geeinigt.</description>
</item></rdf:RDF>
"""


def test_an_rdf_feed_is_read_like_rss_and_atom(tmp_path):
    (tmp_path / "ticker.rdf").write_text(RDF, encoding="utf-8")
    a = one(tmp_path / "ticker.rdf")
    assert (a.id, a.format, a.title, a.author, a.source) == (
        "ticker.rdf#https://agentur.example.org/meldung/7",
        "feed",
        "Waffenruhe vereinbart",
        "Agentur",
        "Agenturticker",
    )
    assert a.published is not None and a.published.value == dt.datetime(2025, 10, 18, 7, 45, tzinfo=BERLIN)
    assert a.text == "Die Konfliktparteien haben sich in Genf auf eine Waffenruhe geeinigt."


def test_a_feed_of_five_hundred_entries_is_five_hundred_articles(tmp_path):
    items = "".join(
        f"<item><title>Meldung {i}</title><guid>m{i}</guid><description>Text der Meldung {i} aus Wien."
        "</description></item>"
        for i in range(500)
    )
    (tmp_path / "viele.xml").write_text(f'<rss version="2.0"><channel><title>T</title>{items}</channel></rss>')
    articles, report = load_corpus([tmp_path])
    assert report.loaded == 500 and len({a.id for a in articles}) == 500
    assert articles[499].id == "viele.xml#m499" and articles[499].title == "Meldung 499"


# -- bad input -----------------------------------------------------------------------------------

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">]>
<rss version="2.0"><channel><title>&e;</title><item><title>&e;</title><description>&e;</description></item></channel></rss>
"""


def bad_files(folder: Path) -> dict[str, str]:
    """Each bad file, and the start of the one-line reason it gets."""
    (folder / "laughs.xml").write_text(BILLION_LAUGHS)
    (folder / "daten.xml").write_text('<?xml version="1.0"?><config><wert>1</wert></config>')
    (folder / "kaputt.pdf").write_bytes(make_pdf(folder / "tmp.pdf").read_bytes()[:900])
    (folder / "tmp.pdf").unlink()
    make_pdf(folder / "scan.pdf", text=False)
    make_pdf(folder / "geheim.pdf", password="geheim")
    (folder / "falsch.pdf").write_text("Das ist kein PDF.")
    (folder / "leer.rss").write_text('<rss version="2.0"><channel><title>Leer</title></channel></rss>')
    (folder / "leer.html").write_text("<!DOCTYPE html><html><head><title>x</title></head><body></body></html>")
    return {
        "laughs.xml": "XML declares entities",
        "daten.xml": "not a feed",
        "kaputt.pdf": "unreadable PDF",
        "scan.pdf": "no text layer: scanned PDF?",
        "geheim.pdf": "encrypted PDF",
        "falsch.pdf": "not a PDF",
        "leer.rss": "feed without entries",
        "leer.html": "no text",
    }


def test_each_bad_file_is_one_line_in_the_report_and_everything_else_loads(tmp_path):
    expected = bad_files(tmp_path)
    (tmp_path / "seite.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "news.rss").write_text(RSS, encoding="utf-8")
    make_pdf(tmp_path / "zeitung.pdf")
    (tmp_path / "notiz.txt").write_text("Ein Titel\n\nDer Rat tagte am Montag in Wien.\n")
    articles, report = load_corpus([tmp_path])
    assert sorted(a.id for a in articles) == [
        "news.rss#bz-1",
        "news.rss#bz-2",
        "notiz.txt",
        "seite.html",
        "zeitung.pdf",
    ]
    got = {Path(s.path).name: s.reason for s in report.skipped}
    assert set(got) == set(expected)
    for name, start in expected.items():
        assert got[name].startswith(start), (name, got[name])
        assert "\n" not in got[name]


def test_what_a_page_leaves_out_without_a_telling_class_is_kept_as_an_extra(tmp_path):
    page = (
        "<html><head><title>Streik bei der Bahn</title></head><body><div id='nav'>Home | Politik</div>"
        "<div class='article-body'><h2>Streik bei der Bahn</h2><p>Die Gewerkschaft hat für Donnerstag einen "
        "Streik angekündigt. Betroffen sind vor allem Pendler in München und Nürnberg.</p><p>Die Bahn rechnet "
        "mit massiven Ausfällen.</p></div><div class='x'><a href='/1'>Lesen Sie auch: Wetter</a></div></body></html>"
    )
    (tmp_path / "bahn.html").write_text(page, encoding="utf-8")
    a = one(tmp_path / "bahn.html")
    assert "Pendler in München" in a.text and "Wetter" not in a.text and "Home" not in a.text
    extras = {e.kind: e.text for e in a.extras}
    assert extras["navigation"] == "Home | Politik" and extras["left-out"] == "Lesen Sie auch: Wetter"


def test_a_page_that_states_no_date_is_dated_by_its_date_line_outside_the_article(tmp_path):
    page = (
        "<html><head><title>Gipfel in Wien</title></head><body><div class='meta'><span class='date'>"
        "Donnerstag, 16. Oktober 2025</span></div><article><p>Die Außenminister trafen sich in Wien zu langen "
        "Gesprächen über die Lage im Nahen Osten.</p></article></body></html>"
    )
    (tmp_path / "gipfel.html").write_text(page, encoding="utf-8")
    a = one(tmp_path / "gipfel.html")
    assert a.published is not None and a.published.isoformat() == "2025-10-16"


def test_truncated_html_still_gives_what_it_has(tmp_path):
    (tmp_path / "halb.html").write_text(PAGE[: PAGE.index("Beide Seiten")], encoding="utf-8")
    a = one(tmp_path / "halb.html")
    assert "Wladimir Putin telefoniert" in a.text and a.title == "Trump und Putin sprechen über die Ukraine"


def test_a_page_larger_than_the_limit_is_skipped(tmp_path):
    (tmp_path / "riesig.html").write_text(PAGE.replace("<main>", "<main>" + "<p>Wort</p>" * 200_000))
    articles, report = load_corpus([tmp_path], limit_mb=1)
    assert articles == [] and report.skipped[0].reason.startswith("too large")


def test_javascript_and_file_links_of_a_feed_are_kept_as_text_never_followed(tmp_path):
    feed = RSS.replace("https://www.beispielzeitung.de/1", "javascript:alert(1)").replace(
        "https://www.beispielzeitung.de/2", "file:///etc/passwd"
    )
    (tmp_path / "news.rss").write_text(feed)
    articles, _ = load_corpus([tmp_path])
    from tui.corpus.safetext import (
        web_url,  # what the `u` key opens: http and https only
    )

    assert [a.url.split(":")[0] for a in articles] == ["javascript", "file"]
    assert [web_url(a.url) for a in articles] == [None, None]


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=3000), st.sampled_from(["x.html", "x.pdf", "x.xml", "x.rss", "x.txt"]))
def test_any_bytes_under_any_article_name_give_articles_or_a_reason(data, name):
    try:
        articles = build_articles(Candidate(name, name), data)
    except LoadError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    for a in articles:
        assert a.id.startswith(name) and isinstance(a.text, str)
        assert not any(ch in a.text for ch in "\x1b\x00\x07")


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/&;\"' =abcdpriftmlhx!-[]\n")), max_size=400))
def test_tag_soup_as_a_page_or_a_feed_never_crashes(soup):
    for name, prefix in (("x.html", "<html><body>"), ("x.xml", '<rss version="2.0"><channel>')):
        try:
            build_articles(Candidate(name, name), (prefix + soup).encode())
        except LoadError:
            pass


def test_chronik_extract_gives_each_format(tmp_path):
    (tmp_path / "seite.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "news.rss").write_text(RSS, encoding="utf-8")
    make_pdf(tmp_path / "zeitung.pdf")
    (tmp_path / "notiz.md").write_text("# Ein Titel\n\nDer Rat tagte am Montag in Wien.\n")
    (tmp_path / "brief.txt").write_text("Ein Titel\n\nDer Rat tagte am Montag in Wien.\n")
    run = subprocess.run(
        [sys.executable, "-m", "tui", "extract", "--no-cache", "--no-entities", str(tmp_path)],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    records = [json.loads(line) for line in run.stdout.splitlines()]
    formats = {r["id"]: r["format"] for r in records if "id" in r}
    assert formats == {
        "brief.txt": "text",
        "news.rss#bz-1": "feed",
        "news.rss#bz-2": "feed",
        "notiz.md": "markdown",
        "seite.html": "html",
        "zeitung.pdf": "pdf",
    }
    by_id = {r["id"]: r for r in records if "id" in r}
    assert by_id["seite.html"]["published"] == "2025-10-16T18:30:00+02:00"
    assert by_id["zeitung.pdf"]["author"] == "Anna Muster"
