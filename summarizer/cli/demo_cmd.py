"""`summarizer demo`: serve the Gradio demo over the same Pipeline and settings as the other commands."""

from __future__ import annotations

import importlib.util
import logging
from typing import Annotated, Optional

import typer

from summarizer.cli.common import Backend, Config, Device, Strategy, SummaryModel, TranslationModel, build_settings
from summarizer.errors import MissingDependencyError

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


def demo(
    port: Annotated[int, typer.Option("--port", "-p", min=1, max=65535, help="Port to serve on.")] = 7860,
    host: Annotated[
        str, typer.Option("--host", help="Interface to bind; 0.0.0.0 serves every interface (mind who can reach it).")
    ] = "127.0.0.1",
    share: Annotated[bool, typer.Option("--share", help="Also open a public *.gradio.live link (off by default).")] = False,
    max_input_chars: Annotated[
        Optional[int],
        typer.Option(
            "--max-input-chars", min=1,
            help="Longest page accepted, pasted (characters) or uploaded/fetched (bytes). [default: 4 × max_chars, what the pipeline accepts]",
        ),
    ] = None,
    concurrency: Annotated[
        Optional[int],
        typer.Option("--concurrency", min=1, help="Jobs run at once on CPU (default 1); on a GPU always 1."),
    ] = None,
    no_url_fetch: Annotated[bool, typer.Option("--no-url-fetch", help="Hide the URL tab: the server fetches no pages.")] = False,
    translation_model: TranslationModel = None,
    summary_model: SummaryModel = None,
    strategy: Strategy = None,
    device: Device = None,
    backend: Backend = None,
    config: Config = None,
) -> None:
    """Serve the web demo: paste, upload or fetch a Korean news page and read it in English."""
    if importlib.util.find_spec("gradio") is None:
        raise MissingDependencyError('the demo needs gradio: install the [demo] extra (pip install "korean-news-summarizer[demo]")')
    from summarizer.demo.address import check_address

    check_address(host, port)  # before gradio, torch and the models load: a taken port fails in a second, not minutes
    settings = build_settings(translation_model, summary_model, strategy, device, backend, config=config)
    # Imported here: gradio (and torch, for the device list) only load when the demo runs.
    from summarizer.demo import DemoConfig, launch_demo

    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    logging.getLogger("summarizer").setLevel(logging.INFO)  # model loading and refused requests, not HTTP chatter
    if host not in LOOPBACK_HOSTS:
        typer.echo(f"note: serving on {host}: anyone who can reach this address can use the demo", err=True)
    demo_config = DemoConfig(
        settings=settings, max_input_chars=max_input_chars, concurrency=concurrency, url_fetch=not no_url_fetch
    )
    launch_demo(demo_config, host=host, port=port, share=share, block=True)
