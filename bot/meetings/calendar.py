"""Days on which no meeting may fall: blackout periods and national public holidays.

Holiday names come from the ``holidays`` package in the community's language where the
package has it (Dutch for NL and BE), so a Dutch reply says "Koningsdag", not "King's Day".
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import cache, lru_cache

import holidays

from bot.meetings.models import Blackout

# The package's language codes for ours; a country without that language keeps its default.
PACKAGE_LANG = {"nl": "nl", "en": "en_US"}


def _table(country: str, year: int, language: str | None) -> dict[date, str]:
    try:
        table = holidays.country_holidays(country, years=year, language=language)
    except (NotImplementedError, KeyError, AttributeError):
        return {}
    return {day: str(name) for day, name in table.items()}


@lru_cache(maxsize=256)
def _holidays(country: str, year: int, lang: str) -> dict[date, str]:
    supported = _languages(country)
    if supported is None:
        return {}
    wanted = PACKAGE_LANG.get(lang)
    return _table(country, year, wanted if wanted in supported else None)


@cache
def _languages(country: str) -> tuple[str, ...] | None:
    """The languages the package has ``country``'s holiday names in; None for a country it
    does not know (or `none`: no holidays at all)."""
    if len(country) != 2:
        return None
    try:
        return tuple(holidays.country_holidays(country).supported_languages)
    except (NotImplementedError, KeyError, AttributeError):
        return None


@cache
def country_codes() -> tuple[str, ...]:
    """The two-letter codes the ``holidays`` package knows, for `config holidays=`. Listing
    them loads every country's module, so only a refusal asks for it."""
    return tuple(sorted(code for code in holidays.list_supported_countries() if len(code) == 2))


def known_country(country: str) -> bool:
    return _languages(country) is not None


def public_holiday(day: date, *, country: str, lang: str = "en") -> str | None:
    """The name of the public holiday on ``day``, in ``lang`` where the package has it."""
    return _holidays(country, day.year, lang).get(day)


def blocked_reason(
    day: date, *, country: str, blackouts: Iterable[Blackout], lang: str = "en"
) -> str | None:
    """Why ``day`` cannot host a meeting, or None when it can."""
    for blackout in blackouts:
        if blackout.starts_on <= day <= blackout.ends_on:
            return blackout.label
    return public_holiday(day, country=country, lang=lang)
