from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED_DATA = ROOT.parent / "shared" / "data"


def pytest_addoption(parser) -> None:
    parser.addoption("--slow", action="store_true", help="also run the checks marked slow (CI always does)")


def pytest_collection_modifyitems(config, items) -> None:
    # The slowest checks (a hostile corpus through the command line and a real terminal, resizing
    # storms) run in CI and with --slow; a run at the desk stays within three minutes.
    if config.getoption("--slow") or os.environ.get("CI", "").lower() not in ("", "0", "false", "no"):
        return
    skip = pytest.mark.skip(reason="slow: runs in CI, or with --slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is not present")
    return SHARED_DATA


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory, monkeypatch):
    """Tests never touch the user's cache or data: the extraction cache and the reading state go
    to temporary folders (subprocesses inherit them)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("xdg-data")))
    # English unless a test asks for another language, whatever the machine's locale is.
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    from tui import i18n

    i18n.set_language("en")
