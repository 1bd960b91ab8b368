"""Every encoding a German article file comes in reads as the same text."""

from __future__ import annotations

import codecs

import pytest

from tui.corpus import load_corpus
from tui.corpus.decode import DecodeError, decode_bytes

BODY = "Grüße aus Köln\n\nDer Bürgermeister sagte: „Das Straßenfest fällt aus.“ Überraschend – für alle.\n"


def load_one(tmp_path, data: bytes, name: str = "a.txt", raw: bool = False):
    (tmp_path / name).write_bytes(data)
    articles, report = load_corpus([tmp_path], raw=raw)
    assert report.skipped == [], report.skipped
    return articles[0]


@pytest.mark.parametrize(
    "encoded",
    [
        BODY.encode("utf-8"),
        codecs.BOM_UTF8 + BODY.encode("utf-8"),
        codecs.BOM_UTF16_LE + BODY.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + BODY.encode("utf-16-be"),
        BODY.encode("utf-16"),
        codecs.BOM_UTF32_LE + BODY.encode("utf-32-le"),
        BODY.encode("cp1252"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf16-native", "utf32le-bom", "cp1252"],
)
def test_each_encoding_gives_the_same_text(tmp_path, encoded):
    article = load_one(tmp_path, encoded)
    assert article.title == "Grüße aus Köln"
    assert article.text == "Der Bürgermeister sagte: „Das Straßenfest fällt aus.“ Überraschend – für alle."
    assert "Ã" not in article.text


def test_latin1_file_with_umlauts_is_not_mojibake(tmp_path):
    article = load_one(tmp_path, "Über die Brücke\n\nÄrger in Gießen über höhere Preise.".encode("latin-1"))
    assert article.title == "Über die Brücke"
    assert article.text == "Ärger in Gießen über höhere Preise."


def test_utf16_without_bom_is_recognised(tmp_path):
    article = load_one(tmp_path, BODY.encode("utf-16-le"))
    assert article.title == "Grüße aus Köln"


def test_double_encoded_utf8_is_repaired_and_reported(tmp_path):
    broken = BODY.encode("utf-8").decode("cp1252").encode("utf-8")
    article = load_one(tmp_path, broken)
    assert article.title == "Grüße aus Köln"
    assert any("decoded twice" in p for p in article.problems)


@pytest.mark.parametrize("newline", [b"\r\n", b"\r"])
def test_crlf_and_cr_become_lf(tmp_path, newline):
    data = BODY.encode("utf-8").replace(b"\n", newline)
    article = load_one(tmp_path, data, raw=True)
    assert "\r" not in article.text
    assert article.text == BODY


def test_text_is_nfc_normalised(tmp_path):
    decomposed = "Ko\u0308ln feiert\n\nDie Stadt Ko\u0308ln feiert ein Fest mit vielen Gästen.".encode("utf-8")
    article = load_one(tmp_path, decomposed)
    assert article.title == "Köln feiert"
    assert "K\u00f6ln" in article.text and "\u0308" not in article.text


def test_escape_sequences_and_control_characters_are_removed_and_noted(tmp_path):
    hostile = (
        "Titel\x1b[2J\x1b[H mit Tricks\n\n"
        "Text\x1b]0;pwned\x07 mit \x1b]8;;http://evil\x1b\\Link\x1b]8;;\x1b\\ und\x07 Glocke\x08 "
        "und C1\u009b31m Rest.\n"
    ).encode("utf-8")
    article = load_one(tmp_path, hostile)
    assert article.title == "Titel mit Tricks"
    assert article.text == "Text mit Link und Glocke und C1 Rest."
    assert any("escape sequence" in p for p in article.problems)
    assert any("control character" in p for p in article.problems)


def test_unterminated_osc_sequence_loses_only_its_introducer():
    decoded = decode_bytes("Anfang \x1b]0;kein Ende hier und weiter".encode("utf-8"))
    assert decoded.text == "Anfang 0;kein Ende hier und weiter"


def test_binary_and_undecodable_data_raise_decode_error():
    with pytest.raises(DecodeError, match="NUL"):
        decode_bytes(b"abc\x00\x01\x02\x03def\x00")
    with pytest.raises(DecodeError, match="undecodable"):
        decode_bytes(bytes([0x81, 0x02, 0x03, 0x04]) * 50)
