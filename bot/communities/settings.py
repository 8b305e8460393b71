"""The ``config key=value`` keys: parsing, validation and display.

Every key has a range that makes sense for a CoP, and a value outside it is refused with a
message that names the range: a setting that is silently accepted but makes no sense (a
meeting every day, an end date in the year 9999) costs more than a refusal.
"""

from __future__ import annotations

from calendar import monthrange
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
from bot.communities.models import DURATION_MONTHS, EVALUATION_MIN_ANSWERS, Community
from bot.errors import InvalidInput
from bot.meetings.calendar import country_codes, known_country

WEEKDAYS = {
    "mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6,
    "ma": 0, "di": 1, "wo": 2, "do": 3, "vr": 4, "za": 5, "zo": 6,
}  # fmt: skip
WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# Keys whose change moves the generated meeting dates.
SCHEDULE_KEYS = frozenset({"cadence", "start", "end", "weekday", "time", "duration", "holidays"})

DAY = 24 * 60
# (lowest, highest) in minutes. The lower bounds of the lead times stay at a minute because
# a real-time rehearsal (`make live-check`) runs a whole meeting cycle in minutes.
MINUTE_RANGES: dict[str, tuple[int, int]] = {
    "duration": (1, 8 * 60),
    "checkin_before": (1, 21 * DAY),
    "reminder_after": (1, 14 * DAY),
    "brief_before": (1, 14 * DAY),
    "evaluation_after": (0, 7 * DAY),
    "evaluation_window": (1, 30 * DAY),
}
CADENCE_RANGE = (7, 13 * 7)  # weekly to quarterly
SIZE_LIMITS = (2, 500)
# Evaluation results are shown from this many answers on: three at least (fewer would point
# at people), and upwards as a community prefers (Viva Glint asks five for scores).
MIN_ANSWERS_LIMITS = (EVALUATION_MIN_ANSWERS, 50)
# The trajectory: it starts today at the earliest and within two years, and lasts at most
# three (the source material's 18 months, with room to spare). This also bounds the number
# of meetings a series can have: three years of weekly meetings.
START_WITHIN_DAYS = 2 * 366
MAX_TRAJECTORY_MONTHS = 36
NO_HOLIDAYS = ("none", "geen", "off", "uit")


def _weekday(value: str) -> int:
    key = value.strip().lower()[:3]
    if key[:2] in WEEKDAYS and key not in WEEKDAYS:
        key = key[:2]
    if key not in WEEKDAYS:
        raise InvalidInput("error.bad_weekday", value=value)
    return WEEKDAYS[key]


def _out_of_range(key: str, value: str, low: str, high: str) -> InvalidInput:
    return InvalidInput("error.out_of_range", key=key, value=value[:40], low=low, high=high)


def _minutes(key: str, value: str) -> int:
    minutes = int(parse_duration(value).total_seconds() // 60)
    low, high = MINUTE_RANGES[key]
    if not low <= minutes <= high:
        raise _out_of_range(
            key,
            value,
            format_duration(timedelta(minutes=low)),
            format_duration(timedelta(minutes=high)),
        )
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
    low, high = SIZE_LIMITS
    size = as_int(value)
    if size is None:
        raise InvalidInput("error.bad_number", value=value[:40])
    if not low <= size <= high:
        raise _out_of_range("size", value, str(low), str(high))
    return size


def _min_answers(value: str) -> int:
    low, high = MIN_ANSWERS_LIMITS
    number = as_int(value)
    if number is None:
        raise InvalidInput("error.bad_number", value=value[:40])
    if not low <= number <= high:
        raise _out_of_range("min_answers", value, str(low), str(high))
    return number


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
    delta = parse_duration(value)
    low, high = CADENCE_RANGE
    # Whole weeks: meetings keep their weekday (and a cadence of "6w3h" would drift the time).
    if delta.seconds or delta.days % 7 or not low <= delta.days <= high:
        raise _out_of_range("cadence", value, "1w", format_duration(timedelta(days=high)))
    return delta.days


def _end(community: Community, value: str, today: date) -> None:
    end = parse_date(value)
    if community.start_date is not None and end <= community.start_date:
        raise InvalidInput("error.end_before_start", value=value)
    if end <= today:
        raise InvalidInput("error.end_in_past", value=value)
    community.end_date = end


def _start(community: Community, value: str, today: date) -> None:
    start = parse_date(value)
    latest = today + timedelta(days=START_WITHIN_DAYS)
    if not today <= start <= latest:
        raise _out_of_range("start", value, today.isoformat(), latest.isoformat())
    community.start_date = start
    if community.end_date is None or community.end_date <= start:
        community.end_date = add_months(start, DURATION_MONTHS)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the month's last day when it is shorter)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


def check_trajectory(community: Community) -> None:
    """After all keys are applied: the trajectory is at most MAX_TRAJECTORY_MONTHS long."""
    start, end = community.start_date, community.end_date
    if start is None or end is None:
        return
    latest = add_months(start, MAX_TRAJECTORY_MONTHS)
    if end > latest:
        raise InvalidInput(
            "error.trajectory_too_long",
            end=end.isoformat(),
            months=MAX_TRAJECTORY_MONTHS,
            latest=latest.isoformat(),
        )


def _holidays(value: str) -> str:
    code = value.strip()
    if code.lower() in NO_HOLIDAYS:
        return "none"
    if not known_country(code.upper()):
        raise InvalidInput("error.bad_holidays", value=code[:20], codes=", ".join(country_codes()))
    return code.upper()


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


Apply = Callable[[Community, str, date], None]


@dataclass(frozen=True)
class Key:
    name: str
    apply: Apply  # (community, value, the community's today)
    show: Callable[[Community], str]


def _set(attr: str, conv: Callable[[str], object]) -> Apply:
    def apply(community: Community, value: str, today: date) -> None:
        setattr(community, attr, conv(value))

    return apply


def _plain(apply: Callable[[Community, str], None]) -> Apply:
    return lambda community, value, today: apply(community, value)


def _lead(attr: str) -> Key:
    name = attr.removesuffix("_min")
    return Key(
        name,
        _set(attr, lambda value: _minutes(name, value)),
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
        Key("end", _end, lambda c: c.end_date.isoformat() if c.end_date else "-"),
        Key("weekday", _set("weekday", _weekday),
            lambda c: WEEKDAY_NAMES[c.weekday] if c.weekday is not None else "-"),
        Key("time", _set("meeting_time", lambda v: parse_time(v).strftime("%H:%M")), lambda c: c.meeting_time),
        Key("duration", _set("duration_minutes", lambda v: _minutes("duration", v)),
            lambda c: format_duration(timedelta(minutes=c.duration_minutes))),
        Key("size", _set("target_size", _size), lambda c: str(c.target_size)),
        Key("open", _set("is_open", _yes_no), lambda c: "yes" if c.is_open else "no"),
        Key("facilitation", _set("facilitation", _facilitation), lambda c: c.facilitation),
        _lead("checkin_before_min"),
        _lead("reminder_after_min"),
        _lead("brief_before_min"),
        _lead("evaluation_after_min"),
        _lead("evaluation_window_min"),
        Key("min_answers", _set("evaluation_min_answers", _min_answers),
            lambda c: str(c.evaluation_min_answers)),
        Key("digest", _plain(_digest), lambda c: f"{WEEKDAY_NAMES[c.digest_weekday]} {c.digest_time}"),
        Key("quiet", _set("quiet_hours", _quiet), lambda c: c.quiet_hours),
        Key("holidays", _set("holiday_country", _holidays), lambda c: c.holiday_country),
    )
}  # fmt: skip

DUTCH_KEYS = {
    "naam": "name", "vraag": "question", "vraagstuk": "question", "ambitie": "ambition",
    "taal": "lang", "tijdzone": "tz", "frequentie": "cadence", "eind": "end",
    "dag": "weekday", "tijd": "time", "duur": "duration", "grootte": "size",
    "facilitatie": "facilitation", "feestdagen": "holidays", "min_antwoorden": "min_answers",
    "checkin_vooraf": "checkin_before", "herinnering_na": "reminder_after",
    "brief_vooraf": "brief_before", "evaluatie_na": "evaluation_after",
    "evaluatie_duur": "evaluation_window", "overzicht": "digest", "stilte": "quiet",
}  # fmt: skip
# The name a Dutch reader sees for a key: the first Dutch name listed for it (both are
# accepted as input in any language).
DUTCH_NAMES = {key: name for name, key in reversed(DUTCH_KEYS.items())}
# Values that are words copbot chose (not text someone typed), shown in the reader's
# language; the Dutch words are accepted as input too.
DUTCH_WORDS = dict(zip(WEEKDAY_NAMES, ("ma", "di", "wo", "do", "vr", "za", "zo"), strict=True)) | {
    "yes": "ja", "no": "nee", "core": "kern", "all": "alle", "none": "geen", "off": "uit",
}  # fmt: skip
WORD_VALUED = frozenset({"weekday", "open", "facilitation", "digest", "quiet", "holidays"})


def key_name(key: str, lang: str) -> str:
    return DUTCH_NAMES.get(key, key) if lang == "nl" else key


def shown(key: str, community: Community, lang: str) -> str:
    """``key``'s value as the reader of ``lang`` sees it in `config`."""
    value = KEYS[key].show(community)
    if lang != "nl" or key not in WORD_VALUED:
        return value
    return " ".join(DUTCH_WORDS.get(word, word) for word in value.split(" "))
