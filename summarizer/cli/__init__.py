"""The `summarizer` command. Each command lives in its own module; this one wires them and maps errors.

Errors a user can cause (SummarizerError) print one line on stderr and exit 2 — never a traceback.
Set SUMMARIZER_DEBUG=1 to see tracebacks of unexpected errors.
"""

from __future__ import annotations

import os
import sys

import typer

from summarizer.errors import SummarizerError

app = typer.Typer(
    name="summarizer",
    help="Turn Korean news pages into clean English: cleaned article, full translation and summary.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # help texts show "[default: 160]" and "[env: …]" literally (rich markup would eat them)
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _register() -> None:
    # Imports are cheap: every command module imports torch & co. only inside its function body.
    from summarizer.cli import batch_cmd, bench_cmd, clean_cmd, demo_cmd, eval_cmd, models_cmd, run_cmd

    app.command("run")(run_cmd.run)
    app.command("clean")(clean_cmd.clean)
    app.command("batch")(batch_cmd.batch)
    app.command("bench")(bench_cmd.bench)
    app.command("demo")(demo_cmd.demo)
    app.add_typer(models_cmd.app, name="models")
    app.add_typer(eval_cmd.app, name="eval")


def _show_version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"summarizer {version('korean-news-summarizer')}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_show_version, is_eager=True, help="Print the version and exit."),
) -> None:
    """Turn Korean news pages into clean English: cleaned article, full translation and summary."""


_register()


def main(argv: list[str] | None = None) -> None:
    """Entry point of the `summarizer` script."""
    run_app(app, argv)


def run_app(command: typer.Typer, argv: list[str] | None = None, prog_name: str | None = None) -> None:
    """Run a typer app with the command's error mapping: SummarizerError → one `error:` line, exit 2."""
    try:
        # Standalone mode: typer/click print usage errors themselves (exit 2) and handle --help.
        command(args=argv, prog_name=prog_name)
    except SummarizerError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 — last line of defence: one line, no traceback
        if os.environ.get("SUMMARIZER_DEBUG"):
            raise
        text = " ".join(str(exc).split())  # one line, even for a many-line message (torch's UnpicklingError)
        text = text if len(text) <= 300 else text[:299] + "…"
        typer.echo(f"error: unexpected {type(exc).__name__}: {text} (set SUMMARIZER_DEBUG=1 for a traceback)", err=True)
        sys.exit(1)
