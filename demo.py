"""Start the web demo: `python demo.py [--port 7860] [--host 127.0.0.1] [--no-url-fetch] ...`.

The same as `summarizer demo`: options, SUMMARIZER_* env vars and the config file all work the same way.
"""

from __future__ import annotations

import sys

import typer

from summarizer.cli import run_app
from summarizer.cli.demo_cmd import demo

# A one-command app: its usage line reads "demo.py [OPTIONS]", not "demo.py demo [OPTIONS]".
demo_app = typer.Typer(add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None,
                       context_settings={"help_option_names": ["-h", "--help"]})
demo_app.command()(demo)

if __name__ == "__main__":
    run_app(demo_app, sys.argv[1:], prog_name="demo.py")
