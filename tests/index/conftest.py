from __future__ import annotations

import shutil

import pytest

from tests.conftest import SEEDS


@pytest.fixture
def corpus(tmp_path):
    """A writable copy of the seeds, for tests that change files between loads."""
    folder = tmp_path / "articles"
    shutil.copytree(SEEDS, folder)
    for f in folder.iterdir():
        f.chmod(0o644)
    return folder
