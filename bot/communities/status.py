"""``status``: one overview composed from every slice that has something to say."""

from __future__ import annotations

from collections.abc import Callable

from bot.buddies import status as buddies
from bot.checkins import status as checkins
from bot.facilitation import status as facilitation
from bot.handling import Ctx
from bot.meetings import status as meetings
from bot.places import status as places
from bot.timed import status as timed

StatusLines = Callable[[Ctx], list[str]]

# In display order. The member's own next steps come first; the personal overview
# (bot.home) shows only those.
MEMBER_PROVIDERS: tuple[StatusLines, ...] = (
    meetings.status_lines,
    facilitation.status_lines,
    buddies.status_lines,
    checkins.status_lines,
)
PROVIDERS: tuple[StatusLines, ...] = (*MEMBER_PROVIDERS, places.status_lines, timed.status_lines)


def status_lines(ctx: Ctx) -> list[str]:
    return [line for provider in PROVIDERS for line in provider(ctx)]
