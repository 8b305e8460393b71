"""What a platform says about a person's language and time zone, and what they chose.

A member's own choice (`language`, `timezone`) always wins. Without one, copbot follows their
platform: a new time zone moves their quiet hours, and a change of locale (the platform reports
another language than the last time) becomes the language copbot speaks with them. The first
locale copbot sees is only noted: it says nothing about a change, and the member keeps the
community's language until they or their platform change it.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from bot.i18n import LANGS
from bot.members.models import Member


def valid_tz(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def follow_platform(member: Member, *, lang: str | None, tz: str | None) -> None:
    """Apply the platform's locale and time zone to ``member`` where they did not choose."""
    # Only what changes is assigned: an assignment, even of the same value, makes the row
    # dirty, and every input of the member would then pay for a flush that writes nothing.
    if lang in LANGS and lang != member.platform_lang:
        if member.platform_lang and not member.lang_chosen:
            member.lang = lang
        member.platform_lang = lang
    if tz and tz != member.tz and not member.tz_chosen and len(tz) <= 64 and valid_tz(tz):
        member.tz = tz


def choose_tz(member: Member, tz: str | None) -> None:
    """The member's own time zone; None goes back to following the platform."""
    member.tz_chosen = tz is not None
    if tz is not None:
        member.tz = tz


def canonical_tz(name: str) -> str | None:
    """The IANA name as the tz database spells it ('europe/amsterdam' -> 'Europe/Amsterdam'),
    or None when there is no such zone."""
    found = {zone.lower(): zone for zone in available_timezones()}.get(name.strip().lower())
    return found
