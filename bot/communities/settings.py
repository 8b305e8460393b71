"""The ``config key=value`` keys: parsing, validation and display."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from bot.commands.parser import (
    as_int,
    check_text,
    format_duration,
    parse_date,
    parse_duration,
    parse_time,
)
from bot.communities.models import Community
from bot.errors import InvalidInput

WEEKDAYS = {
    "mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6,
    "ma": 0, "di": 1, "wo": 2, "do": 3, "vr": 4, "za": 5, "zo": 6,
}  # fmt: skip
WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MAX_LEAD_MINUTES = 60 * 24 * 60
# Keys whose change moves the generated meeting dates.
SCHEDULE_KEYS = frozenset({"cadence", "start", "end", "weekday", "time", "duration"})


def _weekday(value: str) -> int:
    key = value.strip().lower()[:3]
    if key[:2] in WEEKDAYS and key not in WEEKDAYS:
        key = key[:2]
    if key not in WEEKDAYS:
        raise InvalidInput("error.bad_weekday", value=value)
    return WEEKDAYS[key]


def _minutes(value: str, *, allow_zero: bool = True) -> int:
    minutes = int(parse_duration(value).total_seconds() // 60)
    if minutes > MAX_LEAD_MINUTES or (minutes == 0 and not allow_zero):
        raise InvalidInput("error.bad_duration", value=value)
    return minutes


def _tz(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput("error.bad_tz", value=value) from None
    if value not in available_timezones():
        raise InvalidInput("error.bad_tz", value=value)
    return value


def _yes_no(value: str) -> bool:
    lowered = value.strip().lower()
    if lowered in ("yes", "ja", "true", "open", "1", "y", "j"):
        return True
    if lowered in ("no", "nee", "false", "closed", "gesloten", "0", "n"):
        return False
    raise InvalidInput("error.bad_yes_no", value=value)


def _size(value: str) -> int:
    size = as_int(value)
    if size is None or not 2 <= size <= 500:
        raise InvalidInput("error.bad_number", value=value[:40])
    return size


def _digest(community: Community, value: str) -> None:
    parts = value.split()
    if len(parts) != 2:
        raise InvalidInput("error.bad_digest", value=value)
    community.digest_weekday = _weekday(parts[0])
    community.digest_time = parse_time(parts[1]).strftime("%H:%M")


def _quiet(value: str) -> str:
    if value.strip().lower() in ("off", "uit", "none"):
        return "off"
    start, sep, end = value.partition("-")
    if not sep:
        raise InvalidInput("error.bad_quiet", value=value)
    return f"{parse_time(start).strftime('%H:%M')}-{parse_time(end).strftime('%H:%M')}"


def _cadence(value: str) -> int:
    days = parse_duration(value).days
    if days < 1 or days > 365:
        raise InvalidInput("error.bad_duration", value=value)
    return days


def _end(value: str, community: Community) -> date:
    end = parse_date(value)
    if community.start_date is not None and end <= community.start_date:
        raise InvalidInput("error.end_before_start", value=value)
    return end


def _start(community: Community, value: str) -> None:
    start = parse_date(value)
    community.start_date = start
    if community.end_date is None or community.end_date <= start:
        community.end_date = add_months(start, 18)


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _lang(value: str) -> str:
    lowered = value.strip().lower()
    if lowered not in ("nl", "en"):
        raise InvalidInput("error.bad_lang", value=value)
    return lowered


def _facilitation(value: str) -> str:
    lowered = value.strip().lower()
    aliases = {"core": "core", "kern": "core", "kerngroep": "core", "all": "all", "alle": "all",
               "whole": "all", "iedereen": "all"}  # fmt: skip
    if lowered not in aliases:
        raise InvalidInput("error.bad_facilitation", value=value)
    return aliases[lowered]


@dataclass(frozen=True)
class Key:
    name: str
    apply: Callable[[Community, str], None]
    show: Callable[[Community], str]


def _set(attr: str, conv: Callable[[str], object]) -> Callable[[Community, str], None]:
    def apply(community: Community, value: str) -> None:
        setattr(community, attr, conv(value))

    return apply


def _lead(attr: str) -> Key:
    name = attr.removesuffix("_min")
    return Key(
        name,
        _set(attr, _minutes),
        lambda c: format_duration(timedelta(minutes=getattr(c, attr))),
    )


KEYS: dict[str, Key] = {
    k.name: k
    for k in (
        Key("name", _set("name", lambda v: check_text(v)[:200]), lambda c: c.name),
        Key("question", _set("question", check_text), lambda c: c.question or "-"),
        Key("ambition", _set("ambition", check_text), lambda c: c.ambition or "-"),
        Key("lang", _set("lang", _lang), lambda c: c.lang),
        Key("tz", _set("tz", _tz), lambda c: c.tz),
        Key("cadence", _set("cadence_days", _cadence), lambda c: format_duration(timedelta(days=c.cadence_days))),
        Key("start", _start, lambda c: c.start_date.isoformat() if c.start_date else "-"),
        Key("end", lambda c, v: setattr(c, "end_date", _end(v, c)),
            lambda c: c.end_date.isoformat() if c.end_date else "-"),
        Key("weekday", _set("weekday", _weekday),
            lambda c: WEEKDAY_NAMES[c.weekday] if c.weekday is not None else "-"),
        Key("time", _set("meeting_time", lambda v: parse_time(v).strftime("%H:%M")), lambda c: c.meeting_time),
        Key("duration", _set("duration_minutes", lambda v: _minutes(v, allow_zero=False)),
            lambda c: format_duration(timedelta(minutes=c.duration_minutes))),
        Key("size", _set("target_size", _size), lambda c: str(c.target_size)),
        Key("open", _set("is_open", _yes_no), lambda c: "yes" if c.is_open else "no"),
        Key("facilitation", _set("facilitation", _facilitation), lambda c: c.facilitation),
        _lead("checkin_before_min"),
        _lead("reminder_after_min"),
        _lead("brief_before_min"),
        _lead("evaluation_after_min"),
        _lead("evaluation_window_min"),
        Key("digest", _digest, lambda c: f"{WEEKDAY_NAMES[c.digest_weekday]} {c.digest_time}"),
        Key("quiet", _set("quiet_hours", _quiet), lambda c: c.quiet_hours),
        Key("holidays", _set("holiday_country", lambda v: v.strip().upper()[:8]),
            lambda c: c.holiday_country),
    )
}  # fmt: skip

DUTCH_KEYS = {
    "naam": "name", "vraag": "question", "vraagstuk": "question", "ambitie": "ambition",
    "taal": "lang", "tijdzone": "tz", "frequentie": "cadence", "eind": "end",
    "dag": "weekday", "tijd": "time", "duur": "duration", "grootte": "size",
    "facilitatie": "facilitation", "feestdagen": "holidays",
}  # fmt: skip
