import logging

import pytest

from summarizer.errors import ConfigError
from summarizer.settings import Settings


def test_precedence_flags_over_env_over_file(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text('[summarizer]\ntranslation-model = "from-file"\nsummary_model = "file-sum"\nstrategy = "cross-lingual"\nnum_beams = 2\n')
    env = {"SUMMARIZER_TRANSLATION_MODEL": "from-env", "SUMMARIZER_DEVICE": "cpu"}
    s = Settings.load({"translation_model": None}, config_file=config, env=env)
    assert (s.translation_model, s.summary_model, s.strategy, s.num_beams, s.device) == ("from-env", "file-sum", "cross-lingual", 2, "cpu")
    s = Settings.load({"translation_model": "from-flag"}, config_file=config, env=env)
    assert s.translation_model == "from-flag"


def test_registry_defaults_per_strategy():
    s = Settings.load(env={}, config_file=None)
    assert s.resolved_translation_model == "Helsinki-NLP/opus-mt-tc-big-ko-en"
    assert s.resolved_summary_model == "facebook/bart-large-cnn"
    assert s.replace(strategy="summarize-then-translate").resolved_summary_model == "gogamza/kobart-summarization"
    assert s.replace(strategy="cross-lingual").resolved_summary_model == "csebuetnlp/mT5_m2o_english_crossSum"


@pytest.mark.parametrize(
    "overrides,fragment",
    [({"strategy": "magic"}, "unknown strategy"), ({"device": "tpu"}, "unknown device"), ({"backend": "onnx"}, "unknown backend"),
     ({"num_beams": "many"}, "expects a whole number"), ({"colour": "red"}, "unknown setting")],
)
def test_bad_values_are_config_errors(overrides, fragment):
    with pytest.raises(ConfigError, match=fragment):
        Settings.load(overrides, env={})


def test_env_bool_and_missing_explicit_config(tmp_path):
    assert Settings.load(env={"SUMMARIZER_FORCE": "true"}).force is True
    with pytest.raises(ConfigError, match="config file not found"):
        Settings.load(config_file=tmp_path / "none.toml", env={})
    with pytest.raises(ConfigError, match="is a folder; give a .toml file"):  # was "not found" (a user test)
        Settings.load(config_file=tmp_path, env={})
    broken = tmp_path / "broken.toml"
    broken.write_text("strategy = [")
    with pytest.raises(ConfigError, match="cannot parse"):
        Settings.load(config_file=broken, env={})


@pytest.mark.parametrize(
    ("env", "fragment"),
    [
        ({"SUMMARIZER_MAX_LENGTH_RATIO": "nan"}, "max_length_ratio expects a finite number"),
        ({"SUMMARIZER_MAX_LENGTH_RATIO": "inf"}, "max_length_ratio expects a finite number"),
        ({"SUMMARIZER_REPETITION_PENALTY": "-1"}, "repetition_penalty must be > 0"),
        ({"SUMMARIZER_REPETITION_PENALTY": "0"}, "repetition_penalty must be > 0"),
        ({"SUMMARIZER_MAX_CHARS": "-5"}, "max_chars must be ≥ 1"),
        ({"SUMMARIZER_CPU_THREADS": "-3"}, "cpu_threads must be ≥ 0"),
        ({"SUMMARIZER_NUM_BEAMS": "2.5"}, "num_beams expects a whole number"),
        ({"SUMMARIZER_FORCE": "ture"}, "force expects true or false"),
    ],
)
def test_bad_environment_values_fail_at_load_with_one_line(env, fragment):
    with pytest.raises(ConfigError, match=fragment) as caught:
        Settings.load(env=env)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("toml", "fragment"),
    [
        ("summarizer = 5\n", "must be a table"),
        ("batch_max_tokens = 1e400\n", "batch_max_tokens expects a whole number"),
        ("max_length_ratio = 1e400\n", "max_length_ratio expects a finite number"),
        ("max_length_ratio = nan\n", "max_length_ratio expects a finite number"),
        ("keep = 5\n", "keep expects a list"),
        ("strategy = [1]\n", "strategy expects a string"),
    ],
)
def test_bad_config_file_values_fail_at_load(tmp_path, toml, fragment):
    config = tmp_path / "config.toml"
    config.write_text(toml)
    with pytest.raises(ConfigError, match=fragment):
        Settings.load(config_file=config, env={})


def test_direct_construction_and_replace_are_checked_too():
    with pytest.raises(ConfigError, match="max_chars"):
        Settings(max_chars=0)
    with pytest.raises(ConfigError, match="summary_max_tokens"):
        Settings().replace(summary_max_tokens=-1)


def test_bool_words_and_unknown_variables_are_warned_once(caplog):
    assert Settings.load(env={"SUMMARIZER_FORCE": "yes"}).force is True
    assert Settings.load(env={"SUMMARIZER_FORCE": "0"}).force is False
    with caplog.at_level(logging.WARNING, logger="summarizer.settings"):
        Settings.load(env={"SUMMARIZER_DEVCE": "cpu", "SUMMARIZER_CONFIG": "", "SUMMARIZER_DEBUG": "1"})
        Settings.load(env={"SUMMARIZER_DEVCE": "cpu"})
    warnings = [r.getMessage() for r in caplog.records if "SUMMARIZER_" in r.getMessage()]
    assert len(warnings) == 1 and "SUMMARIZER_DEVCE" in warnings[0]
    assert "SUMMARIZER_CONFIG" not in warnings[0] and "SUMMARIZER_DEBUG" not in warnings[0]


@pytest.mark.parametrize(("name", "value"), [("num_beams", 10**20), ("cpu_threads", 99_999_999_999), ("summary_max_tokens", 10**9)])
def test_values_past_a_sensible_maximum_are_one_config_error(name: str, value: int) -> None:
    # an adversarial run: NUM_BEAMS=1e20 ended as 'unexpected TypeError' inside translate_batch, CPU_THREADS=1e11 as an overflow
    with pytest.raises(ConfigError, match=f"setting {name} must be ≤"):
        Settings.load({name: value})
