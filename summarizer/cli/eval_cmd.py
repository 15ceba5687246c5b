"""`summarizer eval ...`: evaluation harnesses (separate from unit tests)."""

from __future__ import annotations

import typer

from summarizer.cli import eval_clean_cmd, eval_fidelity_cmd, eval_mt_cmd

app = typer.Typer(help="Measure extraction, translation and number-fidelity quality on the shared evaluation data.", no_args_is_help=True)
app.command("clean")(eval_clean_cmd.eval_clean)
app.command("mt")(eval_mt_cmd.eval_mt)
app.command("fidelity")(eval_fidelity_cmd.eval_fidelity)
