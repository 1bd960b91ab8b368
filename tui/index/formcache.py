"""The tagger's scores of common word forms, kept beside the extraction cache between runs.

Tagging a text costs most where a word form is met for the first time in a process: its
features are made and their weights summed (``tui.nlp.crf.Scorer``). An analysis process that
starts with the sums of the forms earlier processes met analyses new articles faster: the
files of a start after changes, or a live folder's next ones. The sums are the tagger's own, stored exactly
(float64): tags come out the same with or without them.

One file in the cache folder, named by the versions it fits (Chronik, the model and its
lexicon, the tagger's code); any other such file is stale and goes when a new one is written.
A missing, stale or damaged file is ignored. The file goes with the extraction cache (its name
begins with the cache's).
"""

from __future__ import annotations

import hashlib
import os
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from tui.index.cache import Cache

KEPT = 50_000  # forms written: some 25 MB of sums
FIRST_AT = 20_000  # forms a process has met before it writes them
STEP = 10_000  # and how many more it meets before it writes them again


def path_for(cache_path: Path) -> Path:
    """The file of sums for the extraction cache at ``cache_path``."""
    from tui.index.cache import versions
    from tui.nlp import crf, features

    h = hashlib.sha256(versions().encode())
    for module in (crf, features):
        h.update(Path(str(module.__file__)).read_bytes())
    return cache_path.with_name(f"{cache_path.name}.forms-{h.hexdigest()[:16]}.npz")


def beside(cache: Cache | None) -> Path | None:
    """The file of sums for a working extraction ``cache``; None without one (nothing is kept)."""
    if cache is None or not cache.enabled:
        return None
    return path_for(cache.path)


def load(path: Path) -> tuple[list[str], np.ndarray] | None:
    """The forms and their sums kept at ``path``; None when there are none to be had."""
    try:
        with np.load(path, allow_pickle=False) as data:
            forms = data["forms"].tobytes().decode("utf-8").split("\n")
            sums = np.asarray(data["sums"], dtype=np.float64)
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):  # UnicodeDecodeError is a ValueError
        return None
    if not forms or len(forms) != len(sums):
        return None
    return forms, sums


def save(path: Path, forms: list[str], sums: np.ndarray) -> None:
    """Writes ``forms`` and ``sums`` to ``path`` at once (another process reads the old file or
    the new one, never half of one), and removes stale files of older versions."""
    keep = [k for k, w in enumerate(forms) if w and "\n" not in w]
    if len(keep) != len(forms):
        forms, sums = [forms[k] for k in keep], sums[keep]
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(partial, "wb") as f:
            np.savez(f, forms=np.frombuffer("\n".join(forms).encode("utf-8"), dtype=np.uint8), sums=sums)
        os.replace(partial, path)
    except OSError:
        partial.unlink(missing_ok=True)
        return
    stem = path.name.split(".forms-", 1)[0] + ".forms-"
    try:
        stale = [p for p in path.parent.iterdir() if p.name.startswith(stem) and p.suffix == ".npz" and p != path]
    except OSError:
        return
    for old in stale:
        try:
            old.unlink(missing_ok=True)
        except OSError:  # another process's, or not ours to remove: it is only stale
            pass
