"""Quiet hours: direct messages never arrive at night in the member's own timezone."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

MORNING = time(8, 0)


def parse_quiet(quiet: str | None) -> tuple[time, time] | None:
    """'22:00-07:00' -> (22:00, 07:00); 'off' or empty -> None."""
    if not quiet or quiet == "off":
        return None
    start, _, end = quiet.partition("-")
    h1, m1 = (int(x) for x in start.split(":"))
    h2, m2 = (int(x) for x in end.split(":"))
    return time(h1, m1), time(h2, m2)


def defer_for_quiet_hours(
    when: datetime, *, tz: str | None, quiet: str | None, deadline: datetime | None = None
) -> datetime:
    """Move ``when`` out of the quiet window to the next sensible morning hour (08:00, or the
    window's end if later), but never past ``deadline``: then the window's own end, and only
    when even that is too late (the member has a meeting at that hour) does ``when`` stand."""
    window = parse_quiet(quiet)
    if window is None:
        return when
    try:
        zone = ZoneInfo(tz or "Europe/Amsterdam")
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo("Europe/Amsterdam")
    local = when.astimezone(zone)
    start, end = window
    clock = local.time()
    in_quiet = (start <= clock or clock < end) if start > end else (start <= clock < end)
    if not in_quiet:
        return when
    morning = max(MORNING, end) if end <= MORNING or start > end else end
    day = local.date() if clock < end else local.date() + timedelta(days=1)
    for hour in (morning, end):
        target = datetime.combine(day, hour, tzinfo=zone).astimezone(when.tzinfo)
        if deadline is None or target <= deadline:
            return target
    return when
