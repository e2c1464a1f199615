"""JSON as the standard has it, read and written one way: NaN, the infinities, numbers past
Python's int-string limit and deep nesting are each a JSONProblem with a message (Python's
``json`` reads the first two, raises ValueError or RecursionError on the others); nothing
non-standard is ever written."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from ctannot import Document
from ctannot.formats import strict_json, table
from ctannot.formats.web_annotation import dumps


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NaN", "NaN is not a JSON number"),
        ('{"a": [Infinity]}', "Infinity is not a JSON number"),
        ("-Infinity", "-Infinity is not a JSON number"),
        ("1" * 5000, "a number ctannot does not read: Exceeds the limit (4300 digits)"),
        ("[" * 100_000 + "]" * 100_000, "JSON nested too deeply"),
        ('{"a": 1', "not valid JSON: Expecting ',' delimiter (column 8)"),
        ('{\n"a" 1}', "not valid JSON: Expecting ':' delimiter (line 2, column 5)"),
    ],
)
def test_what_is_not_standard_json_is_a_problem_said_in_words(text: str, expected: str) -> None:
    with pytest.raises(strict_json.JSONProblem) as caught:
        strict_json.loads(text)
    assert str(caught.value).startswith(expected)


@pytest.mark.parametrize(
    "value",
    [math.nan, math.inf, -math.inf, {"a": [math.nan]}, 10**5000, {1, 2}],
    ids=["nan", "inf", "-inf", "nested-nan", "long-int", "set"],
)
def test_what_json_cannot_hold_is_never_written(value: Any) -> None:
    with pytest.raises(strict_json.JSONProblem, match="cannot be written as standard JSON"):
        strict_json.dumps(value)


def test_a_document_with_nan_in_its_metadata_is_refused_not_written() -> None:
    """Through the API (the readers refuse NaN first), a NaN would have been written as such."""
    document = Document("d", "Le GAFI se réunit à Paris.", "fr", {"score": math.nan})
    with pytest.raises(strict_json.JSONProblem):
        dumps(document)
    with pytest.raises(strict_json.JSONProblem):
        table.dump_csv(document)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet='[]{}:,"0123456789.eE+-NaInfityrulsf \\u\n', max_size=60))
@example('{"a": NaN}')
@example("1" * 4301)
@example("[" * 5000)
def test_any_text_is_read_or_a_json_problem(text: str) -> None:
    try:
        value = strict_json.loads(text)
    except strict_json.JSONProblem as exc:
        problem = str(exc)
    else:
        assert json.loads(strict_json.dumps(value)) == value
        return
    assert problem.startswith(("not valid JSON", "JSON nested", "a number", "NaN", "Infinity", "-Infinity"))
