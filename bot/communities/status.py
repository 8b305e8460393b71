"""``status``: one overview composed from every slice that has something to say."""

from __future__ import annotations

import importlib
from collections.abc import Callable

from bot.ctx import Ctx

# Each module offers status_lines(ctx) -> list[str]; listed explicitly, in display order.
PROVIDERS = (
    "bot.meetings.status",
    "bot.facilitation.status",
    "bot.buddies.status",
    "bot.checkins.status",
    "bot.timed.status",
)


def status_lines(ctx: Ctx) -> list[str]:
    lines: list[str] = []
    for name in PROVIDERS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        provider: Callable[[Ctx], list[str]] = module.status_lines
        lines.extend(provider(ctx))
    return lines
