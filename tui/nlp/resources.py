"""The shipped tagger model and lexicon: where they live, how they are read and written.

Everything is loaded lazily, once per process, on the first call that needs
it: importing ``tui.nlp`` costs nothing. The files are produced by
``python -m tui.nlp.train`` and are plain gzip'd tab-separated text, so a
diff of a retrained lexicon can be read.
"""

from __future__ import annotations

import gc
import gzip
import threading
from functools import cache
from pathlib import Path

from tui.nlp.features import Lexicon

DATA_DIR = Path(__file__).parent / "data"
MODEL_FILE = DATA_DIR / "ner.crfsuite"
NAMES_FILE = DATA_DIR / "names.tsv.gz"
CLUSTERS_FILE = DATA_DIR / "clusters.tsv.gz"
STATS_FILE = DATA_DIR / "wordstats.tsv.gz"

_lock = threading.Lock()


class ModelMissing(RuntimeError):
    """The tagger files are absent: the package was built without them."""


def _write(path: Path, rows) -> None:
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as f:
        for row in rows:
            f.write("\t".join(str(x) for x in row) + "\n")


def _read(path: Path):
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            yield line.rstrip("\n").split("\t")


def save_lexicon(lex: Lexicon, data_dir: Path = DATA_DIR) -> None:
    _write(data_dir / NAMES_FILE.name, ((w, " ".join(sorted(labs))) for w, labs in sorted(lex.names().items())))
    _write(data_dir / CLUSTERS_FILE.name, ((w, c, -p) for w, (c, p) in sorted(lex.clusters.items())))
    _write(data_dir / STATS_FILE.name, ((w, *v) for w, v in sorted(lex.stats.items())))


def read_lexicon(data_dir: Path = DATA_DIR) -> Lexicon:
    # A few dozen distinct label sets serve 300,000 names: share them.
    sets: dict[str, frozenset[str]] = {}
    names = {w: sets.get(labs) or sets.setdefault(labs, frozenset(labs.split()))
             for w, labs in _read(data_dir / NAMES_FILE.name)}
    clusters = {w: (int(c), -int(p)) for w, c, p in _read(data_dir / CLUSTERS_FILE.name)}
    stats = {w: (float(d), float(lc), int(fq)) for w, d, lc, fq in _read(data_dir / STATS_FILE.name)}
    return Lexicon.from_names(names, stats, clusters)


@cache
def lexicon() -> Lexicon:
    with _lock:
        try:
            lex = read_lexicon()
        except FileNotFoundError as exc:
            raise ModelMissing(f"entity lexicon missing: {exc.filename}; run python -m tui.nlp.train") from None
        # The lexicon lives as long as the process: keep the cyclic garbage collector from
        # rescanning its half a million containers on every full collection.
        gc.freeze()
        return lex


def open_tagger(model: Path = MODEL_FILE):
    """A new CRFsuite tagger. Taggers are not thread-safe: one per thread."""
    import pycrfsuite

    if not model.is_file():
        raise ModelMissing(f"entity model missing: {model}; run python -m tui.nlp.train")
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    return tagger
