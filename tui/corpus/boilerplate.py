"""What on a news page is not the article: recognised by its shape, not by its words in one site.

``line_kind`` judges a single physical line (table rows, credits, phone lines,
navigation words: things that never wrap); ``paragraph_kind`` judges a reflowed
paragraph (cross-promotion, teaser items, which may wrap in PDF text).
Both return an extra's kind or None for article text.
"""

from __future__ import annotations

import re

from tui.corpus import meta

_TABLE_RULE = re.compile(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
# A row starts or ends with a pipe, or has at least two " | " separators.
_TABLE_ROW = re.compile(r"^\|.*\||^[^|]{1,80}\|(?:[^|]{0,80}\|)*\s*$|^[^|]{1,80}(?:\s\|\s[^|]{0,80}){2,}$")
_CREDIT = re.compile(
    r"^(?:©|\(c\)\s|Foto(?:s)?\s*:|Bild(?:er)?\s*:|Bildquelle\s*:|Photo\s*:|Credit\s*:|Grafik\s*:|Quelle\s*:\s*(?:imago|getty|picture))",
    re.I,
)
_SECTION = re.compile(r"^(?:(?:Veröffentlicht|Erschienen)\s*in|(?:Ressort|Rubrik|Kategorie)\s*:)\s*(\S.{0,40})$", re.I)
_CONTACT_LEAD = re.compile(
    r"^(?:Tel\.?|Telefon|Fax|E-?Mail|Kontakt|Geschäftsstelle|Redaktion|Anschrift|Adresse|Hotline)\b", re.I
)
_PHONE = re.compile(r"(?:\+\d{1,3}[\s/-]?)?\(?0?\d{2,5}\)?[\s/-]?\d[\d\s/-]{4,}\d")
# Matching starts only where a run of address characters starts: tried at every position of a
# long run without an "@", the search would cost the square of its length.
_DIGIT = re.compile(r"\d")
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PROMO = re.compile(
    r"^(?:\+\+\+.*\+\+\+$"
    r"|[^.!?:]{0,50}\b(?:interessant|wissenswert|lesenswert|spannend)\s*:"
    r"|(?:Lesen Sie (?:auch|hier|mehr)|Mehr (?:zum Thema|dazu|News|Nachrichten|Artikel|Infos|zu[mr]?|über)|Auch interessant"
    r"|Passend (?:dazu|zum Thema)|Empfehlungen? der Redaktion|Das könnte Sie (?:auch )?interessieren|Hier lesen Sie"
    r"|Jetzt lesen|Siehe auch|Zum Thema)\b[^.!?]{0,80}:)",
    re.I,
)
_TEASER_HEADING = re.compile(
    r"^(?:Weitere (?:Meldungen|Nachrichten|Artikel|Beiträge|News|Themen)|Mehr (?:zum Thema|dazu|News|Nachrichten|Artikel)"
    r"|Das könnte Sie (?:auch )?interessieren|Auch interessant|Lesen Sie auch|Meistgelesen|Top-?(?:Artikel|Themen|News)"
    r"|Empfehlungen? der Redaktion|Verwandte (?:Artikel|Themen)|Ähnliche Artikel)\s*:?$",
    re.I,
)
_TEASER_ITEM = re.compile(
    r"(?:weiterlesen|mehr lesen|lesen sie mehr|zum artikel|artikel lesen|mehr erfahren|read more)\s*(?:\.\.\.|…|»|›|>|→)?\s*$",
    re.I,
)
# A line made only of these words (and separators) is navigation: "Zurück", "Nach oben",
# "Facebook Twitter WhatsApp", "Artikel teilen".
_NAV_WORDS = frozenset(
    """
    zurück weiter nach oben zum seitenanfang startseite home drucken teilen artikel
    seite kommentare kommentieren mehr anzeigen schließen menü menu anzeige werbung newsletter
    facebook twitter x whatsapp e-mail mail linkedin instagram telegram pinterest xing threads bluesky
    weiterlesen lesen alle zur übersicht nächster vorheriger top merken vorlesen share print
    """.split()
)


def section_label(line: str) -> str | None:
    m = _SECTION.match(line)
    return m.group(1).strip() if m else None


def _is_navigation(line: str) -> bool:
    words = line.strip(" ›»>→<|·•").lower()
    if not words or len(words) > 60:
        return False
    tokens = [t for t in re.split(r"[\s|·•/]+", words) if t]
    return bool(tokens) and all(t.strip(":") in _NAV_WORDS for t in tokens)


def _is_contact(line: str) -> bool:
    # A contact line is short and has a phone number (seven digits or more) or an address.
    if len(line) > 200 or ("@" not in line and _DIGIT.search(line) is None) or meta.parse_date_line(line):
        return False
    if len(line.split()) > 10 or line.endswith((".", "!", "?")) and not _EMAIL.search(line):
        return False
    digits = sum(ch.isdigit() for ch in line)
    has_number = bool(_PHONE.search(line)) and digits >= 7
    if _CONTACT_LEAD.match(line):
        return has_number or bool(_EMAIL.search(line))
    # A short line that is mostly a phone number is contact debris whatever its label.
    return has_number and digits >= 0.4 * len(line.replace(" ", ""))


def line_kind(line: str) -> str | None:
    """The extra-kind of a physical line that is page furniture, else None."""
    if _TABLE_RULE.match(line) or ("|" in line and _TABLE_ROW.match(line)):
        return "table"
    if meta.is_copyright_line(line) or _CREDIT.match(line):
        return "credit" if len(line) <= 160 else None
    if meta.parse_source_line(line) and (line.startswith(("@", "(")) or ":" in line):
        return "source"
    if section_label(line):
        return "section"
    if _is_contact(line):
        return "contact"
    if _is_navigation(line):
        return "navigation"
    return None


def is_teaser_heading(text: str) -> bool:
    return bool(_TEASER_HEADING.match(text))


def paragraph_kind(text: str) -> str | None:
    """The extra-kind of a reflowed paragraph that is promotion or a teaser, else None."""
    if len(text) <= 400 and _PROMO.match(text):
        return "promo"
    if _TEASER_ITEM.search(text[-40:]):  # the tail is enough, and long paragraphs stay cheap
        return "teasers"
    if is_teaser_heading(text):
        return "teasers"
    return None
