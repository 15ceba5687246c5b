"""`summarizer models ...`: list the registry, download for offline use, build tiny test models, convert."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Optional

import typer

from summarizer.cli.common import Config, Device, build_settings
from summarizer.errors import ConfigError, ModelUnavailableError, first_line

app = typer.Typer(help="List, download, convert and build models.", no_args_is_help=True)


@app.command("list")
def list_models(
    task: Annotated[Optional[str], typer.Option("--task", help="Only this task.")] = None,
) -> None:
    """Show the default and alternative models per task, with licence and download size."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from summarizer.registry import TASKS, load_registry

    if task is not None and task not in TASKS:
        raise ConfigError(f"unknown task {task!r}; choose one of: {', '.join(TASKS)}")
    console = Console()
    if not console.is_terminal and "COLUMNS" not in os.environ:
        console = Console(width=160)  # piped: one row per model, ids whole (grep-able); a terminal gets its own width
    entries = [e for e in load_registry() if not task or e.task == task]
    # Narrow terminals (80 columns): tasks as section rows and notes under the id, so ids stay whole.
    wide = console.width >= 120
    table = Table(title="Models (★ = default)")
    if wide:
        table.add_column("task", no_wrap=True)
    table.add_column("model", overflow="fold")  # an id too long for the column folds whole, never cut with "…"
    for column in ("family", "licence", "size"):
        table.add_column(column, overflow="fold")
    if wide:
        table.add_column("notes", ratio=1)
    shown_task = None
    for entry in entries:
        star = "★ " if entry.default else "  "
        size = f"{entry.size_mb / 1000:.1f} GB" if entry.size_mb and entry.size_mb >= 1000 else f"{entry.size_mb} MB"
        if wide:
            table.add_row(entry.task, star + entry.id, entry.family, entry.licence, size, entry.notes)
            continue
        if entry.task != shown_task:
            if shown_task is not None:
                table.add_section()
            table.add_row(Text(entry.task, style="bold"))
            shown_task = entry.task
        model = Text(star + entry.id)
        if entry.notes:
            model.append("\n  " + entry.notes, style="dim")
        table.add_row(model, entry.family, entry.licence, size)
    console.print(table)


@app.command("download")
def download(
    model_ids: Annotated[Optional[list[str]], typer.Argument(metavar="ID", help="Hub ids. [default: the default model of every task]")] = None,
    to: Annotated[Optional[Path], typer.Option("--to", help="Save each model under DIR/<id>; else the Hugging Face cache.")] = None,
) -> None:
    """Download models from the Hugging Face Hub for later offline use (HF_HUB_OFFLINE=1)."""
    from huggingface_hub import snapshot_download

    from summarizer.registry import TASKS, default_model

    ids = model_ids or [default_model(t) for t in TASKS]
    # Weights, configs and tokenizer files; skip other frameworks' duplicates of the weights.
    ignore = ["*.msgpack", "*.h5", "tf_model*", "flax_model*", "rust_model*", "*.onnx", "onnx/*"]
    for model_id in ids:
        target = (to / model_id.replace("/", "--")) if to else None
        typer.echo(f"downloading {model_id} …", err=True)
        try:
            path = snapshot_download(model_id, local_dir=target, ignore_patterns=ignore)
        except Exception as exc:  # noqa: BLE001 — network/auth failures become one line
            raise ModelUnavailableError(f"cannot download {model_id!r}: {first_line(exc)}") from None
        typer.echo(path)


@app.command("tiny")
def tiny(
    out_dir: Annotated[Path, typer.Argument(metavar="DIR", help="Folder to write the four checkpoints into: DIR/translation, DIR/summarization, DIR/ko-summarization, DIR/cross-lingual.")],
    seed: Annotated[int, typer.Option("--seed", help="Random seed for weights.")] = 0,
) -> None:
    """Build tiny, seeded, real-architecture checkpoints for offline smoke tests.

    Writes DIR/translation (Marian ko→en), DIR/summarization (BART), DIR/ko-summarization (KoBART-style)
    and DIR/cross-lingual (mT5). Their English is meaningless: they test the plumbing, not quality.
    """
    from summarizer.tiny import TINY_MODELS_NOTE, build_tiny_checkpoints

    paths = build_tiny_checkpoints(out_dir, seed=seed)
    for task, path in paths.items():
        typer.echo(f"{task}: {path}")
    typer.echo(TINY_MODELS_NOTE, err=True)
    typer.echo(
        f"try: summarizer run examples/newspim_gwangju_ai_2020.txt --translation-model {paths['translation']} "
        f"--summary-model {paths['summarization']}",
        err=True,
    )


@app.command("convert")
def convert(
    model: Annotated[str, typer.Argument(metavar="ID|DIR", help="Hub id or local folder of a transformers model.")],
    to: Annotated[str, typer.Option("--to", help="Target format (only ct2: CTranslate2).")] = "ct2",
    quantization: Annotated[str, typer.Option("--quantization", help="int8, int8_float16, float16, bfloat16 or float32.")] = "int8",
    out: Annotated[Optional[Path], typer.Option("--out", help="Output folder. [default: where the loader looks for it]")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing conversion.")] = False,
) -> None:
    """Convert a model to CTranslate2 (int8 on CPU is several times faster); picked up automatically after."""
    if to != "ct2":
        raise ConfigError(f"unknown target format {to!r}; only ct2 is supported")
    from summarizer.convert import convert_model

    typer.echo(convert_model(model, out, quantization=quantization, force=force))


@app.command("check")
def check(
    model: Annotated[str, typer.Argument(metavar="ID|DIR", help="Hub id or local model folder.")],
    task: Annotated[Optional[str], typer.Option("--task", help="Task to drive it as. [default: from its family]")] = None,
    device: Device = None,
    config: Config = None,
) -> None:
    """Load a model and show how it will be driven (family, languages, special tokens, window, decoding) and any problem."""
    from summarizer.model_check import check_model
    from summarizer.registry import TASKS

    if task is not None and task not in TASKS:
        raise ConfigError(f"unknown task {task!r}; choose one of: {', '.join(TASKS)}")
    # Through Settings like run and batch: auto by default, cuda:N accepted, SUMMARIZER_DEVICE and the config file apply.
    report = check_model(model, task, build_settings(device=device, config=config).device)
    typer.echo(f"model: {report.model}")
    for label, value in report.lines:
        typer.echo(f"{label}: {value}")
    if report.problems:
        raise ModelUnavailableError("; ".join(report.problems))
    typer.echo("ok")
