"""Days on which no meeting may fall: blackout periods and national public holidays."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import lru_cache

import holidays

from bot.meetings.models import Blackout


@lru_cache(maxsize=64)
def _holidays(country: str, year: int) -> dict[date, str]:
    try:
        table = holidays.country_holidays(country, years=year)
    except (NotImplementedError, KeyError):
        return {}
    return {day: str(name) for day, name in table.items()}


def known_country(country: str) -> bool:
    try:
        holidays.country_holidays(country)
    except (NotImplementedError, KeyError):
        return False
    return True


def blocked_reason(day: date, *, country: str, blackouts: Iterable[Blackout]) -> str | None:
    """Why ``day`` cannot host a meeting, or None when it can."""
    for blackout in blackouts:
        if blackout.starts_on <= day <= blackout.ends_on:
            return blackout.label
    return _holidays(country, day.year).get(day)
