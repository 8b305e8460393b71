"""The one list of copbot's slices: the only place a slice is registered.

Each name is a package ``bot/<name>/`` whose ``slice.py`` declares it (``bot.slice.Slice``).
The lists are layers, and ``tests/test_layers.py`` holds them (every import, also inside a
function or under ``TYPE_CHECKING``): the ``BASE`` comes first and imports no feature and no
overview (what features must hear of, it publishes or asks through ``bot.events``, and the
features declare their handlers); the ``FEATURES`` import the base and, of each other, only
the public ``service``, ``flows`` and ``messaging`` modules; the ``OVERVIEWS`` composed from
them all come last. The order is the order of ``status`` lines, of the timed work planned
around a meeting and of the my-data export; forget-me erases the features' rows in this
order and then the base's in reverse, so the member row, by which the others find the
person, goes last.
"""

from __future__ import annotations

import importlib
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.slice import Slice

BASE = (
    "commands",
    "communities",
    "members",
    "meetings",
    "outbox",
    "prompts",
    "places",
    "timed",
    "reach",
    "files",
    "journal",
)
FEATURES = (
    "facilitation",
    "buddies",
    "checkins",
    "attendance",
    "invites",
    "evaluations",
    "logbook",
    "reflection",
    "digest",
    "socialmap",
    "privacy",
)
# Above the slices: overviews composed from what every slice declares.
OVERVIEWS = ("overview",)
NAMES = BASE + FEATURES + OVERVIEWS


@cache
def installed() -> tuple[Slice, ...]:
    """Every slice's declaration, base first. Loaded on first use, not at import: the slices
    import the registries that ask for them."""
    found = []
    for name in NAMES:
        declared: Slice = importlib.import_module(f"bot.{name}.slice").SLICE
        if declared.name != name:
            raise RuntimeError(f"bot.{name}.slice declares {declared.name!r}")
        found.append(declared)
    return tuple(found)


def base() -> tuple[Slice, ...]:
    return tuple(s for s in installed() if s.name in BASE)


def features() -> tuple[Slice, ...]:
    return tuple(s for s in installed() if s.name in FEATURES)
