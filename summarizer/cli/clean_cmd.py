"""`summarizer clean FILE|-`: clean one news page (HTML or text dump) and print the Article as JSON or text."""

from __future__ import annotations

import json
from enum import Enum
from typing import Annotated, Optional

import typer

from summarizer.cli.common import Keep, show_notices, write_stdout


class CleanFormat(str, Enum):
    json = "json"
    text = "text"


def clean(
    file: Annotated[str, typer.Argument(metavar="FILE|-", help="Page to clean: an HTML file or a text dump of a page, or - for stdin.", show_default=False)],
    output_format: Annotated[CleanFormat, typer.Option("--format", "-f", help="json: the whole Article; text: title and body paragraphs.")] = CleanFormat.json,
    url: Annotated[Optional[str], typer.Option("--url", help="Where the page came from (names the outlet, helps trafilatura).")] = None,
    keep: Keep = None,
) -> None:
    """Strip page chrome from a Korean news page and print the article: title, body, dates, reporters, removed blocks.

    The input type (HTML or plain text) and the encoding (UTF-8, EUC-KR/CP949) are detected. An empty body is
    not an error here: the Article is printed with a warning on stderr.
    """
    from summarizer.clean import clean_article
    from summarizer.settings import Settings
    from summarizer.textio import read_input

    show_notices(quiet=False)  # settings warnings (e.g. a misspelt SUMMARIZER_ variable) as 'warning: …' lines
    # Through Settings so SUMMARIZER_KEEP and the config file apply here as they do to run and batch.
    settings = Settings.load({"keep": tuple(keep) if keep else None})
    article = clean_article(read_input(file), url=url, keep=settings.keep)
    for warning in article.warnings:
        typer.echo(f"warning: {warning}", err=True)
    if output_format is CleanFormat.json:
        write_stdout(json.dumps(article.to_dict(), ensure_ascii=False, indent=2))
        return
    blocks = [article.title] if article.title else []
    write_stdout("\n\n".join(blocks + list(article.paragraphs)))
