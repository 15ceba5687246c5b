"""Fuzz: whatever lines a dump holds, the batch reader gives one record per non-blank line and never raises."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarizer.batch_io import read_records
from summarizer.batch_output import encode_record
from summarizer.batch_records import plan_records

_ADVERSARIAL = st.sampled_from(
    [
        b'{"id": 1, "text": ' + b"7" * 4400 + b"}",  # over Python's int-conversion limit
        b'{"n": 1e99999, "text": "x"}',  # parses to inf
        b"[" * 50_000,
        b'{"a":' * 50_000,
        b'{"text": "' + b"\xed\xa0\x80" + b'"}',  # an encoded surrogate: invalid UTF-8
        b'{"id": "\xc3\x28", "text": "\xff"}',
        b'{"text": "a\x00b"}',
        b"\x00\x00\x00",
        b'{"text": "' + b"\xea\xb0\x80" * 200_000 + b'"}',  # a 600 kB string
        b'{"id": null, "text": null}',
        b'{"id": [1], "html": {"x": 1}}',
        b'{"id": "line-3", "text": "x"}',
        b'"\\ud800"',
        b"\xef\xbb\xbf{}",
        b"{}",
        b"\r",
    ]
)
_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(["id", "text", "html", "url", "x"]), inner, max_size=4),
    max_leaves=12,
)
_LINE = st.one_of(
    _ADVERSARIAL,
    st.binary(min_size=1, max_size=200),
    _JSON_VALUES.map(lambda v: json.dumps(v).encode()),
    st.dictionaries(st.sampled_from(["id", "text", "html", "url"]), _JSON_VALUES, max_size=4).map(lambda v: json.dumps(v, ensure_ascii=False).encode("utf-8", "surrogatepass")),
).map(lambda raw: raw.replace(b"\n", b" "))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(lines=st.lists(_LINE, min_size=1, max_size=8))
def test_one_record_per_line_and_no_exception(tmp_path: Path, lines: list[bytes]) -> None:
    source = tmp_path / "fuzz.jsonl"
    source.write_bytes(b"\n".join(lines) + b"\n")
    records = list(plan_records(read_records(source, "jsonl"), frozenset()))
    assert len(records) == sum(1 for line in lines if line.strip())
    for record in records:
        assert (record.payload is None) == (record.error is not None)
        assert record.error is None or "\n" not in record.error
        encode_record({"id": record.id, "status": "error", "error": record.error, "line": record.line})
