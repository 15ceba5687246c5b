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
     ({"num_beams": "many"}, "expects an int"), ({"colour": "red"}, "unknown setting")],
)
def test_bad_values_are_config_errors(overrides, fragment):
    with pytest.raises(ConfigError, match=fragment):
        Settings.load(overrides, env={})


def test_env_bool_and_missing_explicit_config(tmp_path):
    assert Settings.load(env={"SUMMARIZER_FORCE": "true"}).force is True
    with pytest.raises(ConfigError, match="config file not found"):
        Settings.load(config_file=tmp_path / "none.toml", env={})
    broken = tmp_path / "broken.toml"
    broken.write_text("strategy = [")
    with pytest.raises(ConfigError, match="cannot parse"):
        Settings.load(config_file=broken, env={})
