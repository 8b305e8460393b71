"""A member's meetings as iCalendar (RFC 5545), with the icalendar library.

Each meeting is one event whose UID never changes, so a calendar that imported an earlier
file or subscribes to the feed updates the same event: a moved meeting has the same UID and
a higher SEQUENCE, a cancelled one STATUS:CANCELLED. Times are in the community's timezone,
with its VTIMEZONE. Nothing about other people is in it: the member's own facilitator roles
are, the names of others are not.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from bot.communities.models import Community
from bot.i18n import t
from bot.meetings.models import Meeting

PRODID = "-//copbot//copbot meetings//EN"
MIME = "text/calendar"


def uid(community: Community, meeting: Meeting, *, home: str) -> str:
    """Stable for the meeting's life, and unique beyond this copbot: the community is named
    by a digest of its home channel (``platform:channel``), not only by its row id."""
    where = hashlib.sha256(home.encode()).hexdigest()
    return f"copbot-{where[:16]}-{community.id}-{meeting.id}@copbot"


def build(
    *,
    community: Community,
    home: str,
    meetings: Sequence[Meeting],
    roles: Mapping[int, str],
    lang: str,
    now: datetime,
) -> str:
    """The calendar of ``meetings`` for one member; ``roles``: meeting id -> their
    facilitator role there."""
    zone = ZoneInfo(community.tz)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", community.name)
    cal.add("x-wr-timezone", community.tz)
    stamp = now.astimezone(UTC).replace(microsecond=0)
    for meeting in meetings:
        event = Event()
        event.add("uid", uid(community, meeting, home=home))
        event.add("dtstamp", stamp)
        event.add("dtstart", meeting.starts_at.astimezone(zone))
        event.add("dtend", meeting.ends_at.astimezone(zone))
        event.add("sequence", meeting.sequence)
        event.add("status", "CANCELLED" if meeting.is_cancelled else "CONFIRMED")
        title = t(lang, "invites.summary", name=community.name, n=meeting.number)
        if meeting.theme:
            title += f" · {meeting.theme}"
        event.add("summary", title)
        lines = []
        if meeting.is_cancelled:
            lines.append(t(lang, "invites.cancelled"))
        role = roles.get(meeting.id)
        if role is not None:
            lines.append(t(lang, "invites.your_role", role=t(lang, f"facilitation.role.{role}")))
        if community.question:
            lines.append(community.question)
        if lines:
            event.add("description", "\n".join(lines))
        cal.add_component(event)
    if meetings:
        first = min(m.starts_at for m in meetings).astimezone(zone).date()
        last = max(m.starts_at for m in meetings).astimezone(zone).date()
        cal.add_missing_timezones(
            first_date=first - timedelta(days=366), last_date=last + timedelta(days=366)
        )
    text: str = cal.to_ical().decode("utf-8")
    return text
