"""The JSON columns' text (``bot.jsontext``, orjson) reads back what the standard library's
``json`` would, for any JSON value, and hands what orjson refuses to the standard library."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from bot import jsontext

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()  # beyond 64 bits too
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(alphabet=st.characters(codec=None))  # lone surrogates too
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner) | st.dictionaries(st.text() | st.integers(), inner),
    max_leaves=30,
)


@given(VALUES)
@example(-9_223_372_036_854_775_809)  # beyond 64 bits: orjson would read a float
@example({"n": 2**64, "s": "\ud800"})
def test_any_value_reads_back_as_the_standard_library_reads_it(value: object) -> None:
    expected = json.loads(json.dumps(value))
    text = jsontext.dumps(value)
    assert json.loads(text) == expected
    assert jsontext.loads(text) == expected
    assert jsontext.loads(text.encode()) == expected
    assert jsontext.loads(memoryview(text.encode())) == expected


@given(VALUES)
@example([-9_223_372_036_854_775_809, 2**64])
def test_text_the_standard_library_wrote_reads_back_the_same(value: object) -> None:
    text = json.dumps(value)
    assert jsontext.loads(text) == json.loads(text)


def test_what_the_standard_library_refuses_is_refused() -> None:
    @dataclass
    class Point:
        x: int

    for value in ({"at": datetime(2027, 3, 1, tzinfo=UTC)}, [Point(1)], {1.5j: 1}):
        with pytest.raises(TypeError):
            json.dumps(value)
        with pytest.raises(TypeError):
            jsontext.dumps(value)


def test_stored_nan_still_reads_and_a_new_one_is_written_as_null() -> None:
    assert jsontext.loads('{"x": NaN}')["x"] != jsontext.loads('{"x": NaN}')["x"]
    assert jsontext.dumps(float("nan")) == "null"
