"""The language Chronik speaks: gettext catalogs in ``tui/locales`` (English and German).

``_("…")`` translates a message into the active language; ``N_("…")`` only marks a string for
extraction (for strings made at import time, translated where they are shown); ``ngettext``
picks the plural form. The language comes from ``--lang``, else ``LC_ALL``, ``LC_MESSAGES``,
``LANG`` (the first that is set, as gettext reads them), else English. Only our own catalogs are
read: a locale the host has not generated (common over SSH) makes no difference and no warning,
and an unknown or malformed one means English. The catalogs are maintained with Babel's
``pybabel extract/update/compile`` (``babel.cfg``; the steps are in the README).
"""

from __future__ import annotations

import gettext as _gettext
import os
from pathlib import Path

DOMAIN = "chronik"
LOCALES = Path(__file__).with_name("locales")
LANGUAGES = {"en": "English", "de": "Deutsch"}  # code -> the language's own name

_translation: _gettext.NullTranslations = _gettext.NullTranslations()
_language = "en"
_locale = "en"


def requested(lang: str | None = None) -> str | None:
    """The locale asked for: ``lang``, else the first of LC_ALL, LC_MESSAGES and LANG that is set
    (and is not C or POSIX, which ask for no translation)."""
    if lang:
        return lang
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return None if value.split(".")[0] in ("C", "POSIX") else value
    return None


def normalise(value: str | None) -> str:
    """A locale name Babel knows ("de_DE", "en", "de_AT"), from whatever the environment says
    ("de_DE.UTF-8", "de_DE@euro", "de-de", "garbage"); English when it knows none."""
    if value:  # (Babel only when there is a name to look up: a plain start needs none)
        from babel import Locale, UnknownLocaleError

        name = value.split(".")[0].split("@")[0].replace("-", "_")
        try:
            return str(Locale.parse(name))
        except (UnknownLocaleError, ValueError, TypeError):
            pass
    return "en"


def set_language(lang: str | None = None) -> str:
    """Speak the language of ``lang`` (or of the environment); returns the full locale name,
    whose language part is one of ``LANGUAGES`` ("de_AT" stays "de_AT" for dates and numbers,
    "fr_FR" becomes "en": there is no French catalog)."""
    global _translation, _language, _locale
    locale = normalise(requested(lang))
    language = locale.split("_")[0]
    if language not in LANGUAGES:
        locale = language = "en"
    _translation = _gettext.translation(DOMAIN, LOCALES, languages=[language], fallback=True)
    _language, _locale = language, locale
    return locale


def language() -> str:
    """The active language: a key of ``LANGUAGES``."""
    return _language


def locale() -> str:
    """The active locale, for Babel's dates and numbers ("de_DE", "en")."""
    return _locale


def _(message: str) -> str:
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


def N_(message: str) -> str:
    return message


def reason(text: str) -> str:
    """A one-line reason made in English and kept (a load report, a note in a snapshot), in the
    active language: the whole line if the catalog has it, else its head before ": " or " (",
    with the details (a path, a system error, sizes) as they are."""
    whole = _(text)
    if whole != text:
        return whole
    for sep in (": ", " ("):
        head, found, tail = text.partition(sep)
        if found and _(head) != head:
            return _(head) + sep + tail
    return text


__all__ = ["LANGUAGES", "N_", "_", "language", "locale", "ngettext", "normalise", "reason", "requested", "set_language"]
