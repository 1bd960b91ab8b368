"""The catalogs are complete and current, and the language follows --lang and the environment
without depending on the host's locales."""

from __future__ import annotations

import gettext
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from tui import i18n

ROOT = Path(__file__).resolve().parents[1]
LOCALES = ROOT / "tui" / "locales"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def extracted() -> set:
    """Every message the code marks for translation, as ``pybabel extract`` (babel.cfg) finds it."""
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        ROOT / "tui", method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        found.add(message if isinstance(message, str) else tuple(message))
    return found


def catalog(language: str):
    with open(LOCALES / language / "LC_MESSAGES" / "chronik.po", "rb") as f:
        return read_po(f, locale=language)


def key(message) -> str | tuple:
    return message.id if isinstance(message.id, str) else tuple(message.id)


def test_every_message_of_the_code_has_a_german_translation():
    german = {key(m): m for m in catalog("de") if m.id}
    missing = sorted(map(str, extracted() - set(german)))
    untranslated = sorted(
        str(k)
        for k, m in german.items()
        if m.fuzzy or not all(m.string if isinstance(m.string, tuple) else (m.string,))
    )
    assert not missing, f"not in the German catalog (pybabel update, then translate): {missing}"
    assert not untranslated, f"no German translation yet: {untranslated}"


def test_the_template_and_the_catalogs_hold_exactly_what_the_code_marks():
    with open(LOCALES / "chronik.pot", "rb") as f:
        template = {key(m) for m in read_po(f) if m.id}
    code = extracted()
    assert template == code, "run pybabel extract (see the README): " + str(sorted(map(str, template ^ code))[:10])
    for language in ("de", "en"):
        assert {key(m) for m in catalog(language) if m.id} == code, f"run pybabel update for {language}"


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_compiled_catalogs_are_those_of_the_po_files(language):
    """The .mo files are committed; compiled afresh, each .po gives the same translations.

    Compared are the messages and what gettext reads from the header (charset, plural rule), not
    the header's text: that names the Babel version which wrote it, and differs for every release.
    """
    compiled = io.BytesIO()
    write_mo(compiled, catalog(language))
    fresh = gettext.GNUTranslations(io.BytesIO(compiled.getvalue()))
    with open(LOCALES / language / "LC_MESSAGES" / "chronik.mo", "rb") as f:
        committed = gettext.GNUTranslations(f)
    hint = f"run pybabel compile -d tui/locales -D chronik ({language})"
    messages = lambda t: {k: v for k, v in t._catalog.items() if k != ""}  # noqa: E731
    assert messages(committed) == messages(fresh), hint
    assert committed.charset() == fresh.charset(), hint
    assert [committed.plural(n) for n in range(200)] == [fresh.plural(n) for n in range(200)], hint


def test_translations_keep_every_placeholder():
    fields = re.compile(r"\{[^}]*\}|%\([a-z_]+\)[sr]|%[sr]")
    for m in catalog("de"):
        if not m.id:
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        for s in strings:
            assert sorted(fields.findall(s)) == sorted(fields.findall(ids[-1])), (m.id, s)


@pytest.mark.parametrize(
    "env, lang, expected",
    [
        ({"LANG": "de_DE.UTF-8"}, None, ("de", "de_DE")),
        ({"LC_ALL": "en_US.UTF-8", "LANG": "de_DE.UTF-8"}, None, ("en", "en_US")),
        ({"LC_MESSAGES": "de_AT.UTF-8", "LANG": "en_GB.UTF-8"}, None, ("de", "de_AT")),
        ({"LANG": "de_DE.UTF-8"}, "en", ("en", "en")),
        ({"LANG": "fr_FR.UTF-8"}, None, ("en", "en")),  # no French catalog
        ({"LANG": "C.UTF-8"}, None, ("en", "en")),
        ({"LANG": "nonsense!!"}, None, ("en", "en")),
        ({}, "de-de", ("de", "de_DE")),
        ({}, None, ("en", "en")),
    ],
)
def test_the_language_follows_lang_then_the_environment_then_english(monkeypatch, env, lang, expected):
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    try:
        locale = i18n.set_language(lang)
        assert (i18n.language(), locale) == expected
    finally:
        i18n.set_language("en")


def run_cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), **env},
    )


def test_a_locale_the_host_does_not_have_still_speaks_german_without_a_warning(tmp_path):
    # This host (and CI) generates no de_CH locale; Chronik needs only its own catalog.
    result = run_cli("--list", str(tmp_path / "missing"), env={"LANG": "de_CH.UTF-8"})
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"chronik: übersprungen {tmp_path / 'missing'}: Datei oder Ordner gibt es nicht",
        "chronik: keine Artikel geladen",
    ]
    unknown = run_cli("--list", str(tmp_path / "missing"), env={"LANG": "xx_YY.UTF-8", "LC_ALL": ""})
    assert unknown.stderr.splitlines()[-1] == "chronik: no articles loaded"


def test_lang_wins_over_the_environment_and_translates_argparse_too():
    result = run_cli("--lang", "de", "--help", env={"LANG": "en_US.UTF-8"})
    assert re.match(r"Aufruf: +chronik", result.stdout) and "diese Hilfe zeigen und beenden" in result.stdout
    bad = run_cli("search", env={"LANG": "de_DE.UTF-8"})
    assert bad.returncode == 2 and "diese Argumente sind nötig: QUERY" in bad.stderr


def test_kept_english_reasons_are_shown_in_the_active_language_with_their_details():
    try:
        i18n.set_language("de")
        assert i18n.reason("empty file") == "leere Datei"
        assert i18n.reason("too large: 7.0 MB > 5 MB (--limit-mb)") == "zu groß: 7.0 MB > 5 MB (--limit-mb)"
        assert i18n.reason("cannot open: Permission denied") == "lässt sich nicht öffnen: Permission denied"
        assert i18n.reason("cache not used (/tmp/c): disk full") == "Cache nicht benutzt (/tmp/c): disk full"
        assert i18n.reason("something new") == "something new"
    finally:
        i18n.set_language("en")
    assert i18n.reason("empty file") == "empty file"
