"""The user's keymap: binding ids mapped to keys, from a TOML file in the config directory."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path


def user_keymap() -> dict[str, str]:
    """Binding id -> keys from ``$XDG_CONFIG_HOME/chronik/keymap.toml`` (``[keymap]`` table), if any."""
    base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    path = base / "chronik" / "keymap.toml"
    try:
        with open(path, "rb") as fh:
            table = tomllib.load(fh).get("keymap", {})
    except (OSError, tomllib.TOMLDecodeError):
        return {}
    return {str(k): str(v) for k, v in table.items() if isinstance(v, str)}
