"""What the rules that plan timed work are given: a meeting in its series, and the rows they
plan (``Spec``). Each slice's ``scheduled.py`` holds its rules; ``bot.timed.planner`` asks
every rule the slices declare (``bot.slice.TimedKind``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.communities.models import Community
from bot.meetings.models import Meeting


@dataclass(frozen=True)
class Spec:
    """A row to plan: ``key`` is its idempotency key (one row per key, ever)."""

    key: str
    kind: str
    due_at: datetime
    expires_at: datetime | None
    meeting_id: int | None = None


@dataclass(frozen=True)
class Around:
    """A meeting that takes place, with its neighbours in the series."""

    community: Community
    meeting: Meeting
    prev: Meeting | None
    next: Meeting | None
    number: int  # 1 for the first meeting that takes place, 2 for the second, ...
    # Every meeting that takes place, in order: for rules about the series as a whole (the
    # halfway meeting), which prev and next cannot answer.
    series: Sequence[Meeting] = ()

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.community.tz)

    def shift(self, moment: datetime, delta: timedelta) -> datetime:
        return shift(moment, delta, zone=self.zone)

    def before_start(self, minutes: int) -> datetime:
        """``minutes`` before the meeting starts (whole days on the local calendar)."""
        return self.shift(self.meeting.starts_at, -timedelta(minutes=minutes))


def shift(moment: datetime, delta: timedelta, *, zone: ZoneInfo) -> datetime:
    """``moment`` moved by ``delta``: whole days on the community's calendar, the rest as
    elapsed time.

    Three days before a 14:00 meeting is 14:00 local, also when the clocks change in between.
    Fifteen minutes before a meeting is fifteen real minutes, also in the night the clocks
    change: on the wall clock it could land in the skipped hour (and come out *after* the
    meeting) or in the repeated one (and come out an hour early).
    """
    whole_days = timedelta(days=abs(delta).days)
    days = whole_days if delta >= timedelta(0) else -whole_days
    rest = delta - days
    if days:
        local = moment.astimezone(zone).replace(tzinfo=None) + days
        moment = local.replace(tzinfo=zone)
    # In UTC: arithmetic on a zoned datetime would be wall-clock arithmetic again.
    return moment.astimezone(UTC) + rest
