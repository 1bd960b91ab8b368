"""The user's keymap: binding ids mapped to keys, from a TOML file in the config directory.

A problem in the file (broken TOML, a value that is not a string of keys, an id no binding
has) is one line in ``problems``, shown when the app starts; the rest of the keymap applies.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path

from tui.i18n import _


def keymap_path() -> Path:
    """``keymap.toml`` in the user's config directory, found as the cache and the reading state
    find theirs (platformdirs): ``$XDG_CONFIG_HOME/chronik`` or ``~/.config/chronik`` on Linux."""
    import platformdirs

    return Path(platformdirs.user_config_dir("chronik")) / "keymap.toml"


def read_keymap(path: Path | None = None) -> tuple[dict[str, str], list[str]]:
    """(binding id -> keys, problems) from ``path`` (default ``keymap_path()``), ``[keymap]``
    table; no file is no problem."""
    path = path or keymap_path()
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        return {}, []
    except OSError as exc:
        return {}, [
            _("{path}: could not be read ({error}); the default keys apply").format(
                path=path, error=exc.strerror or exc
            )
        ]
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        return {}, [_("{path}: not valid TOML ({error}); the default keys apply").format(path=path, error=exc)]
    table = data.get("keymap", {})
    if not isinstance(table, dict):
        return {}, [_("{path}: [keymap] must be a table of binding ids and keys").format(path=path)]
    keys, problems = {}, []
    for k, v in table.items():
        if isinstance(v, str) and v.strip():
            keys[str(k)] = v
        else:
            problems.append(_('{path}: {id!r} must be keys in quotes, such as "T" or "w,e"').format(path=path, id=k))
    return keys, problems


def unknown_ids(keymap: Mapping[str, str], known: set[str]) -> list[str]:
    """One problem line per id in ``keymap`` that no binding has, with the nearest known id."""
    import difflib

    problems = []
    for k in keymap:
        if k in known:
            continue
        near = difflib.get_close_matches(k, sorted(known), n=1)
        problems.append(
            _("keymap: no binding has the id {id!r}; did you mean {near!r}?").format(id=k, near=near[0])
            if near
            else _("keymap: no binding has the id {id!r}; it is ignored").format(id=k)
        )
    return problems


def binding_ids() -> set[str]:
    """The id of every binding of every widget, screen and app class loaded (Chronik's and Textual's)."""
    from textual.binding import Binding
    from textual.dom import DOMNode

    import tui.app.app  # noqa: F401  (every screen and widget of Chronik's, with their bindings)

    ids: set[str] = set()
    todo: list[type] = [DOMNode]
    seen: set[type] = set()
    while todo:
        cls = todo.pop()
        if cls in seen:
            continue
        seen.add(cls)
        todo.extend(cls.__subclasses__())
        ids.update(b.id for b in vars(cls).get("BINDINGS", ()) if isinstance(b, Binding) and b.id)
    return ids


def user_keymap() -> dict[str, str]:
    """Binding id -> keys from the user's keymap file, without its problems."""
    return read_keymap()[0]
