"""Errors a user can cause. Each carries a one-line message; the CLI prints it and exits 2."""

from __future__ import annotations


class SummarizerError(Exception):
    """Base class for every error this package raises on purpose (bad input, missing model...)."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        # Keep the message on one line: it is shown as-is on stderr, in the demo and in error records.
        super().__init__(" ".join(str(message).split()))

    @property
    def message(self) -> str:
        return str(self)


class InputError(SummarizerError):
    """The input cannot be used: missing file, empty, undecodable, too large, malformed."""


class EmptyInputError(InputError):
    """The input is empty or holds only whitespace / page chrome."""


class DecodeError(InputError):
    """The bytes are not text in any encoding we accept (UTF-8, CP949/EUC-KR)."""


class NotKoreanError(InputError):
    """The article text is not Korean (pass force=True / --force to translate it anyway)."""


class InputTooLargeError(InputError):
    """The input exceeds the configured size limit."""


class OutputError(SummarizerError):
    """Results cannot be written where asked: disk full, closed pipe, a parent that is a file, a locked OUTPUT."""


class ModelError(SummarizerError):
    """A model cannot be loaded or used."""


class ModelUnavailableError(ModelError):
    """The model is not on this machine and cannot be downloaded (offline, unknown id, gated)."""


class ConfigError(SummarizerError):
    """A setting has an invalid value (unknown strategy, device, backend, malformed config file)."""


class MissingDependencyError(SummarizerError):
    """An optional extra (ray, gradio, ctranslate2, playwright) is needed but not installed."""


def first_line(exc: BaseException) -> str:
    """The first non-empty line of `exc`'s message, or its class name when the message is empty."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return lines[0] if lines else type(exc).__name__
