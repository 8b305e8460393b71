"""The weekly digest job: DM every active organiser."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.communities.models import Community
from bot.digest.messaging import render
from bot.digest.service import collect
from bot.members.followup import intake_reminders
from bot.members.messaging import lang_of
from bot.members.service import organisers
from bot.messages import Message
from bot.outbox.service import Outgoing
from bot.timed.around import Spec
from bot.timed.registry import JobCtx

logger = logging.getLogger(__name__)

# Quiet hours never hold a digest longer than this (its planned row expires then too).
STALE_AFTER = timedelta(days=1)


def send_digest(jctx: JobCtx) -> None:
    """The runner has already skipped a digest past its ``expires_at`` (a day after its
    moment: old news), and plans next week's once this one is done."""
    community, job = jctx.community, jctx.job
    local_day = job.due_at.astimezone(ZoneInfo(community.tz)).date().isoformat()
    # Follow-ups ride on the weekly rhythm: a member whose intake stalled gets their one
    # reminder, and this digest names them to the organisers.
    for item in intake_reminders(jctx.session, community=community, now=jctx.now):
        jctx.send(item)
    people = organisers(jctx.session, community_id=community.id)
    if people:
        data = collect(jctx.session, community=community, now=jctx.now)
        # At most one rendering per language, however many organisers there are.
        rendered: dict[str, Message] = {}
        for member in people:
            lang = lang_of(member, community)
            if lang not in rendered:
                rendered[lang] = render(data, lang)
            jctx.send(
                Outgoing(
                    key=f"digest:{community.id}:{local_day}:{member.id}",
                    message=rendered[lang],
                    member=member,
                    community=community,
                    deadline=job.due_at + STALE_AFTER,
                )
            )
    logger.info("digest %s for %d organisers", job.key, len(people))


def next_digest_at(community: Community, *, now: datetime) -> datetime:
    """The next digest moment at the community's weekday and wall-clock time, in its zone.

    Computed on the local calendar, so it stays at 09:00 local across DST changes.
    """
    zone = ZoneInfo(community.tz)
    local_now = now.astimezone(zone)
    hour, minute = (int(x) for x in community.digest_time.split(":"))
    days_ahead = (community.digest_weekday - local_now.weekday()) % 7
    day = local_now.date() + timedelta(days=days_ahead)
    candidate = datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)
    if candidate <= local_now:
        day += timedelta(days=7)
        candidate = datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)
    return candidate.astimezone(ZoneInfo("UTC"))


def next_digest(community: Community, now: datetime) -> Spec:
    """This week's digest row: one per community and local day."""
    due = next_digest_at(community, now=now)
    local_day = due.astimezone(ZoneInfo(community.tz)).date().isoformat()
    return Spec(f"digest:{community.id}:{local_day}", "digest", due, due + timedelta(days=1))
