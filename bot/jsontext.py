"""The text of copbot's JSON columns, written and read with orjson.

A due wave writes and reads back a message for every member (24,000 at 1,000 communities), and
every input is stored as its platform's payload before it is acknowledged: the standard
library's ``json`` took 8 us to write and 6 us to read a check-in prompt, orjson 1 and 2.
What orjson refuses or would read otherwise (an integer beyond 64 bits, a dict key that is
not a string, a lone surrogate, NaN in stored text) and the types the standard library
refuses too (a datetime, a dataclass) go to the standard library, which answers as it always
did. One difference is kept: a float that is not a number is written as null, not as
``NaN``, which is not JSON (PostgreSQL refused it).
"""

from __future__ import annotations

import json
import re
from typing import Any, NoReturn

import orjson

_PASS_ON = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS


def _refused(_value: Any) -> NoReturn:
    raise TypeError("not orjson's to write")


def dumps(value: Any) -> str:
    """``json.dumps(value)``, as text of the same values (not escaped to ASCII)."""
    try:
        return orjson.dumps(value, default=_refused, option=_PASS_ON).decode()
    except TypeError:  # orjson.JSONEncodeError included
        return json.dumps(value)


# orjson reads an integer beyond 64 bits as a float, losing digits: a run of 19 digits or more
# (in a string too, or a long fraction) goes to the standard library.
_LONG_NUMBER = re.compile(r"\d{19}")
_LONG_NUMBER_BYTES = re.compile(rb"\d{19}")


def loads(text: str | bytes | bytearray | memoryview) -> Any:
    """``json.loads(text)``."""
    if isinstance(text, memoryview):
        text = bytes(text)
    long_number = _LONG_NUMBER if isinstance(text, str) else _LONG_NUMBER_BYTES
    if long_number.search(text) is None:  # type: ignore[arg-type]
        try:
            return orjson.loads(text)
        except orjson.JSONDecodeError:
            pass
    return json.loads(text)
