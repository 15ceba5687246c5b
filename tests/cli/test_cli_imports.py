"""Starting the CLI (every command, `--help` too) imports neither the cleaner nor a model library."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("summarizer.clean", "summarizer.evaluation.clean_eval", "trafilatura", "lxml", "torch", "transformers", "gradio", "ray")


def test_building_the_cli_imports_nothing_heavy() -> None:
    probe = "import json, sys; import summarizer.cli as c; c.app; print(json.dumps(sorted(sys.modules)))"
    loaded = json.loads(subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout)
    heavy = [m for m in loaded if any(m == h or m.startswith(h + ".") for h in HEAVY)]
    assert heavy == []
