"""The README's Python examples run as written (those that need no server of their own and no
object of the reader's: the API example), against the seed index."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from conftest import ROOT


def test_the_readme_python_examples_run(seed_assistant, seed_home, tmp_path):
    blocks = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(), re.S)
    runnable = [b for b in blocks if "Client(" not in b and "my_" not in b]
    assert runnable, "the README has no runnable Python example"
    env = dict(os.environ, RAG_HOME=str(seed_home), HF_HUB_OFFLINE="1")
    for block in runnable:
        code = block.replace("    ...", "    pass")
        done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True)
        assert done.returncode == 0, f"README example failed:\n{block}\n{done.stderr[-2000:]}"
        assert done.stdout.strip(), "the example printed nothing"
