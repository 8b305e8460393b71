"""How other messages name a meeting: on the community's wall clock, where it happens."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.communities.models import Community
from bot.meetings.models import Meeting


def local_time(community: Community, moment: datetime) -> str:
    """'2027-01-14 14:00' in the community's timezone."""
    return moment.astimezone(ZoneInfo(community.tz)).strftime("%Y-%m-%d %H:%M")


def meeting_label(community: Community, meeting: Meeting) -> str:
    """'3 (2027-01-14 14:00 · Theme)': number ('×' for a cancelled one), local start, theme."""
    theme = f" · {meeting.theme}" if meeting.theme else ""
    return f"{meeting.number or '×'} ({local_time(community, meeting.starts_at)}{theme})"
