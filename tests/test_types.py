"""The types hold: mypy, as pyproject.toml's [tool.mypy] sets it (strict on the core and the
session, basic on the app), finds nothing."""

import subprocess
import sys

from tests.conftest import ROOT


def test_the_tree_passes_the_type_checks():
    out = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
