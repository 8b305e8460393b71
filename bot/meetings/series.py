"""The cadence series as days: pure date arithmetic, no database.

The series has places numbered from 0. Place ``i`` has a *series day* (what the cadence
gives) and a *day* (where the meeting goes: the series day, or a week or more later when the
series day is blocked by a holiday or pause). The numbering is what keeps a change of
settings tied to the meetings that exist: the meeting in place 5 stays the meeting in place
5, whatever its new date.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

# A blocked day moves a week at a time, at most this often, and never onto or past the next
# place's day: with a short cadence a place inside a long pause is skipped instead, so two
# places never share a day.
MAX_SHIFT_WEEKS = 4
# A defensive ceiling on the number of places, whatever the settings say; the settings'
# own bounds (three years, at least weekly) stay below it.
MAX_PLACES = 400

Blocked = Callable[[date], str | None]


@dataclass(frozen=True)
class Place:
    index: int
    series_day: date
    day: date | None  # None: no free day near the series day, the place is skipped
    reason: str | None = None  # what blocks the series day (a holiday, a pause)


def first_day(start: date, weekday: int | None) -> date:
    """The first meeting day: the start, or the first ``weekday`` after it."""
    if weekday is None:
        return start
    return start + timedelta(days=(weekday - start.weekday()) % 7)


def in_week(day: date, weekday: int | None) -> date:
    """``day`` moved to ``weekday`` within its own (Monday-first) week."""
    if weekday is None:
        return day
    return day + timedelta(days=weekday - day.weekday())


def fits(day: date, *, end: date, cadence_days: int) -> bool:
    """A place belongs to the series when at least half a cadence fits between it and the
    end: 18 months at six weeks gives 13 meetings, and an end date a few weeks after a
    meeting keeps that meeting rather than dropping it for want of a whole cycle."""
    return day + timedelta(days=cadence_days - cadence_days // 2) <= end


def series_days(
    *,
    start: date,
    end: date,
    weekday: int | None,
    cadence_days: int,
    after: tuple[int, date] | None = None,
) -> list[tuple[int, date]]:
    """(index, series day) of every place, from the start or, with ``after`` = (index, day)
    of the last place that has begun, of every place after it.

    Continuing after the last place that has begun makes a new cadence or weekday apply from
    there on, instead of re-laying the whole series from the start (which would put the
    next places in the past). A start moved past that place restarts the series there.
    """
    if cadence_days < 1:
        raise ValueError("cadence must be at least a day")
    step = timedelta(days=cadence_days)
    base = first_day(start, weekday)
    if after is None or base > after[1]:
        first_index = 0 if after is None else after[0] + 1
        days = [(first_index, base)]  # a series always has its first meeting
        day = base + step
    else:
        first_index = after[0] + 1
        days = []
        day = in_week(after[1] + step, weekday)
        # A weekday moved to earlier in the week must not land on or before the anchor.
        if day <= after[1]:
            day += timedelta(days=7)
    index = first_index + len(days)
    while fits(day, end=end, cadence_days=cadence_days) and len(days) < MAX_PLACES:
        days.append((index, day))
        index += 1
        day += step
    return days


def place(days: list[tuple[int, date]], *, blocked: Blocked, after: date | None) -> list[Place]:
    """Where each place's meeting goes: its series day, or the first free day a week (or
    more) later and before the next place's series day; skipped when there is none.
    ``after``: the day of the last place that has begun (nothing may come on or before it).
    """
    placed: list[Place] = []
    previous = after
    for position, (index, series_day) in enumerate(days):
        limit = days[position + 1][1] if position + 1 < len(days) else None
        reason = blocked(series_day)
        if reason is None and (previous is None or series_day > previous):
            placed.append(Place(index, series_day, series_day))
            previous = series_day
            continue
        candidate = series_day
        found: date | None = None
        for _ in range(MAX_SHIFT_WEEKS):
            candidate += timedelta(days=7)
            if limit is not None and candidate >= limit:
                break
            if blocked(candidate) is None and (previous is None or candidate > previous):
                found = candidate
                break
        placed.append(Place(index, series_day, found, reason))
        if found is not None:
            previous = found
    return placed
