"""One settings object. Precedence: explicit overrides (CLI flags) > SUMMARIZER_* env > config file > registry."""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Mapping

from summarizer.errors import ConfigError
from summarizer.registry import default_model

STRATEGIES = ("translate-then-summarize", "summarize-then-translate", "cross-lingual")
BACKENDS = ("auto", "transformers", "ctranslate2")
# The summarizer task each strategy needs.
STRATEGY_SUMMARY_TASK = {
    "translate-then-summarize": "summarization",
    "summarize-then-translate": "ko-summarization",
    "cross-lingual": "cross-lingual",
}
DEFAULT_CONFIG_FILE = Path("~/.config/summarizer/config.toml")


@dataclass(frozen=True)
class Settings:
    """Everything that selects models and shapes generation. Build with Settings.load()."""

    translation_model: str = ""  # empty → registry default
    summary_model: str = ""  # empty → registry default for the strategy's summary task
    strategy: str = "translate-then-summarize"
    device: str = "auto"  # auto | cpu | cuda | cuda:N
    backend: str = "auto"  # auto (CTranslate2 when a converted model is present) | transformers | ctranslate2
    num_beams: int = 4
    max_length_ratio: float = 1.8
    no_repeat_ngram_size: int = 4
    repetition_penalty: float = 1.0
    batch_max_tokens: int = 4096
    summary_min_tokens: int = 30
    summary_max_tokens: int = 160
    max_chars: int = 200_000  # larger articles are refused, not truncated
    force: bool = False  # translate text that does not look Korean
    cpu_threads: int = 0  # 0 → torch / CTranslate2 default
    keep: tuple[str, ...] = ()  # in-article furniture the cleaner leaves in the body (clean/keep.py); () → prose only

    def __post_init__(self) -> None:
        if self.strategy not in STRATEGIES:
            raise ConfigError(f"unknown strategy {self.strategy!r}; choose one of: {', '.join(STRATEGIES)}")
        if self.backend not in BACKENDS:
            raise ConfigError(f"unknown backend {self.backend!r}; choose one of: {', '.join(BACKENDS)}")
        device = self.device
        if not (device in ("auto", "cpu", "cuda") or (device.startswith("cuda:") and device[5:].isdigit())):
            raise ConfigError(f"unknown device {device!r}; use auto, cpu, cuda or cuda:N")
        if self.num_beams < 1 or self.max_length_ratio <= 0 or self.batch_max_tokens < 16:
            raise ConfigError("num_beams must be ≥ 1, max_length_ratio > 0 and batch_max_tokens ≥ 16")
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
    for f in fields(Settings):
        key = "SUMMARIZER_" + f.name.upper()
        if env.get(key):
            values[f.name] = env[key]
    return values


def _read_config_file(config_file: str | os.PathLike[str] | None, env: Mapping[str, str]) -> dict[str, Any]:
    explicit = config_file or env.get("SUMMARIZER_CONFIG")
    path = Path(explicit or DEFAULT_CONFIG_FILE).expanduser()
    if not path.is_file():
        if explicit:
            raise ConfigError(f"config file not found: {path}")
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot parse config file {path}: {exc}") from None
    # Accept either top-level keys or a [summarizer] table; dashes or underscores.
    data = data.get("summarizer", data)
    return {str(k).replace("-", "_"): v for k, v in data.items()}


def _coerce(name: str, value: Any) -> Any:
    kind = {f.name: f.type for f in fields(Settings)}[name]
    try:
        if kind == "bool":
            return value if isinstance(value, bool) else str(value).strip().lower() in ("1", "true", "yes", "on")
        if kind == "int":
            return int(value)
        if kind == "float":
            return float(value)
        if kind.startswith("tuple"):  # 'caption,copyright' from the environment, a list from the config file
            return tuple(value.split(",")) if isinstance(value, str) else tuple(str(v) for v in value)
    except (TypeError, ValueError):
        raise ConfigError(f"setting {name} expects {'an' if kind[:1] in 'aeiou' else 'a'} {kind}, got {value!r}") from None
    return str(value)
