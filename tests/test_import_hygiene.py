"""The core never imports the UI toolkit: scripts and the CLI start without it."""

import subprocess
import sys

from tests.conftest import ROOT


def test_core_packages_do_not_import_textual_or_rich():
    code = (
        "import sys, tui.corpus, tui.nlp, tui.index, tui.index.library, tui.cli\n"
        "from tui.corpus import load_corpus\n"
        "load_corpus(['seeds'])\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
