"""The one list of copbot's chat platforms: the only place a platform is registered.

Each name is a package ``adapters/<name>/`` whose ``platform.py`` declares it
(``adapters.platform.Platform``). Adding a platform is that folder and one name here; the
server, the scheduler, the schema and the command line read the declarations.
"""

from __future__ import annotations

import importlib
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from adapters.platform import Command, Mode, Platform

NAMES: tuple[str, ...] = ("slack", "teams", "console")


def installed() -> tuple[Platform, ...]:
    """Every platform's declaration, in the order of ``NAMES``. Read on first use, not at
    import; the declarations import no SDK, so this is cheap in every process."""
    return _load(NAMES)


@cache
def _load(names: tuple[str, ...]) -> tuple[Platform, ...]:
    found = []
    for name in names:
        declared: Platform = importlib.import_module(f"adapters.{name}.platform").PLATFORM
        if declared.name != name:
            raise RuntimeError(f"adapters.{name}.platform declares {declared.name!r}")
        found.append(declared)
    return tuple(found)


def modes() -> dict[str, tuple[Platform, Mode]]:
    """``serve``'s other ways to run, by flag."""
    return {mode.flag: (p, mode) for p in installed() for mode in p.modes}


def commands() -> dict[str, Command]:
    """The platforms' own ``copbot`` commands, by name."""
    return {command.name: command for p in installed() for command in p.commands}
