"""One settings object. Precedence: explicit overrides (CLI flags) > SUMMARIZER_* env > config file > registry."""

from __future__ import annotations

import dataclasses
import functools
import logging
import math
import os
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Mapping

from summarizer.errors import ConfigError
from summarizer.registry import default_model

logger = logging.getLogger(__name__)

STRATEGIES = ("translate-then-summarize", "summarize-then-translate", "cross-lingual")
BACKENDS = ("auto", "transformers", "ctranslate2")
# The summarizer task each strategy needs.
STRATEGY_SUMMARY_TASK = {
    "translate-then-summarize": "summarization",
    "summarize-then-translate": "ko-summarization",
    "cross-lingual": "cross-lingual",
}
DEFAULT_CONFIG_FILE = Path("~/.config/summarizer/config.toml")
# (setting, lowest value, whether the lowest value itself is allowed): checked once, when Settings is built.
_LOWER_BOUNDS = (
    ("num_beams", 1, True), ("max_length_ratio", 0, False), ("no_repeat_ngram_size", 0, True),
    ("repetition_penalty", 0, False), ("batch_max_tokens", 0, True), ("summary_min_tokens", 0, True),
    ("summary_max_tokens", 1, True), ("max_chars", 1, True), ("cpu_threads", 0, True),
)  # fmt: skip
# Highest sensible values: past them a backend fails deep inside (integer overflow, a huge allocation), not with one line.
_UPPER_BOUNDS = (
    ("num_beams", 64), ("no_repeat_ngram_size", 64), ("batch_max_tokens", 1_000_000), ("summary_min_tokens", 4096),
    ("summary_max_tokens", 4096), ("cpu_threads", 1024), ("max_length_ratio", 100),
)  # fmt: skip
# SUMMARIZER_* variables read elsewhere (not settings): not reported as unknown.
# SUMMARIZER_CHROMIUM: the browser the test suite drives (tests/conftest.py).
OTHER_ENV_NAMES = frozenset({"SUMMARIZER_CONFIG", "SUMMARIZER_DEBUG", "SUMMARIZER_DATA", "SUMMARIZER_CACHE", "SUMMARIZER_CHROMIUM"})
_warned_env_names: set[str] = set()


@dataclass(frozen=True)
class Settings:
    """Everything that selects models and shapes generation. Build with Settings.load()."""

    translation_model: str = ""  # empty → registry default
    summary_model: str = ""  # empty → registry default for the strategy's summary task
    strategy: str = "translate-then-summarize"
    device: str = "auto"  # auto | cpu | cuda | cuda:N
    backend: str = "auto"  # auto (CTranslate2, converted once on first use; else transformers) | transformers | ctranslate2
    num_beams: int = 4
    max_length_ratio: float = 1.8
    no_repeat_ngram_size: int = 4
    repetition_penalty: float = 1.0
    batch_max_tokens: int = 0  # decoding tokens per batch (rows × beams × (source + cap)); 0 → by device
    summary_min_tokens: int = 30
    summary_max_tokens: int = 160
    max_chars: int = 200_000  # larger articles are refused, not truncated
    force: bool = False  # translate text that does not look Korean
    retry_degenerate: bool = True  # decode degenerate translations and looping summaries again, stricter
    cpu_threads: int = 0  # 0 → torch / CTranslate2 default
    translation_cache: str = ""  # folder of the persistent translation cache (translation_cache.py); "" → none
    keep: tuple[str, ...] = ()  # in-article furniture the cleaner leaves in the body (clean/keep.py); () → prose only

    def __post_init__(self) -> None:
        if self.strategy not in STRATEGIES:
            raise ConfigError(f"unknown strategy {self.strategy!r}; choose one of: {', '.join(STRATEGIES)}")
        if self.backend not in BACKENDS:
            raise ConfigError(f"unknown backend {self.backend!r}; choose one of: {', '.join(BACKENDS)}")
        device = self.device
        if not (device in ("auto", "cpu", "cuda") or (device.startswith("cuda:") and device[5:].isdigit())):
            raise ConfigError(f"unknown device {device!r}; use auto, cpu, cuda or cuda:N")
        for name, low, inclusive in _LOWER_BOUNDS:
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
                raise ConfigError(f"setting {name} must be a finite number, not {value!r}")
            if value < low or (value == low and not inclusive):
                raise ConfigError(f"setting {name} must be {'≥' if inclusive else '>'} {low:g}, not {value!r}")
        for name, high in _UPPER_BOUNDS:
            if getattr(self, name) > high:
                raise ConfigError(f"setting {name} must be ≤ {high:,}, not {getattr(self, name)!r}")
        if self.summary_min_tokens > self.summary_max_tokens:
            raise ConfigError("summary_min_tokens must not exceed summary_max_tokens")
        from summarizer.clean.keep import parse_keep

        # One canonical form ('caption,credit' or ['credit', 'caption'] → ('caption', 'credit')); unknown names raise.
        object.__setattr__(self, "keep", tuple(sorted(parse_keep(self.keep))))

    @property
    def summary_task(self) -> str:
        return STRATEGY_SUMMARY_TASK[self.strategy]

    @property
    def resolved_translation_model(self) -> str:
        return self.translation_model or default_model("translation")

    @property
    def resolved_summary_model(self) -> str:
        return self.summary_model or default_model(self.summary_task)

    def replace(self, **changes: Any) -> "Settings":
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})

    @classmethod
    def load(
        cls,
        overrides: Mapping[str, Any] | None = None,
        config_file: str | os.PathLike[str] | None = None,
        env: Mapping[str, str] | None = None,
    ) -> "Settings":
        """Merge config file < SUMMARIZER_* env < overrides (None values in overrides are ignored)."""
        env = os.environ if env is None else env
        values: dict[str, Any] = {}
        values.update(_read_config_file(config_file, env))
        values.update(_read_env(env))
        values.update({k: v for k, v in (overrides or {}).items() if v is not None})
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ConfigError(f"unknown setting(s): {', '.join(unknown)}")
        return cls(**{k: _coerce(k, v) for k, v in values.items()})


def _read_env(env: Mapping[str, str]) -> dict[str, Any]:
    values = {}
    known = set(OTHER_ENV_NAMES)
    for f in fields(Settings):
        key = "SUMMARIZER_" + f.name.upper()
        known.add(key)
        if env.get(key):
            values[f.name] = env[key]
    _warn_unknown_env(sorted(k for k in env if k.startswith("SUMMARIZER_") and k not in known))
    return values


def _warn_unknown_env(names: list[str]) -> None:
    """A misspelt variable (SUMMARIZER_DEVCE) would otherwise be ignored without a word; once per name."""
    fresh = [n for n in names if n not in _warned_env_names]
    if fresh:
        _warned_env_names.update(fresh)
        logger.warning("ignoring unknown environment variable(s) %s (not a summarizer setting)", ", ".join(fresh))


def _read_config_file(config_file: str | os.PathLike[str] | None, env: Mapping[str, str]) -> dict[str, Any]:
    explicit = config_file or env.get("SUMMARIZER_CONFIG")
    path = Path(explicit or DEFAULT_CONFIG_FILE).expanduser()
    if not path.is_file():
        if explicit and path.is_dir():
            raise ConfigError(f"config file {path} is a folder; give a .toml file")
        if explicit:
            raise ConfigError(f"config file not found: {path}")
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot parse config file {path}: {exc}") from None
    # Accept either top-level keys or a [summarizer] table; dashes or underscores.
    data = data.get("summarizer", data)
    if not isinstance(data, dict):
        raise ConfigError(f"config file {path}: 'summarizer' must be a table of settings ([summarizer]), not {data!r}")
    return {str(k).replace("-", "_"): v for k, v in data.items()}


def _coerce(name: str, value: Any) -> Any:
    """A value from a flag, the environment or the config file, as the setting's type (pydantic's parsing:
    'ture' is no bool, 'nan', 'inf' and 1e400 are no finite float, 2.5 is no int)."""
    kind = {f.name: f.type for f in fields(Settings)}[name]
    adapter = _adapter(kind)
    if adapter is None:
        if kind.startswith("tuple"):  # 'caption,copyright' from the environment, a list from the config file
            if isinstance(value, str):
                return tuple(value.split(","))
            if isinstance(value, (list, tuple)):
                return tuple(str(v) for v in value)
            raise ConfigError(f"setting {name} expects a list of names, got {value!r}")
        if isinstance(value, (dict, list)):
            raise ConfigError(f"setting {name} expects a string, got {value!r}")
        return str(value)
    try:
        return adapter.validate_python(value.strip() if isinstance(value, str) else value)
    except ValueError:  # pydantic's ValidationError
        shown = {"bool": "true or false", "int": "a whole number", "float": "a finite number"}[kind]
        raise ConfigError(f"setting {name} expects {shown}, got {value!r}") from None


@functools.cache
def _adapter(kind: str) -> Any:
    from pydantic import ConfigDict, TypeAdapter  # imported on first use: `summarizer --help` stays fast

    types = {"bool": bool, "int": int, "float": float}
    if kind not in types:
        return None
    return TypeAdapter(types[kind], config=ConfigDict(allow_inf_nan=False) if kind == "float" else None)
