"""The weekly digest job: DM every active organiser."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.communities.models import Community
from bot.digest import flows
from bot.digest.service import read_ahead
from bot.members import flows as members
from bot.members.followup import remind, unfinished_intakes
from bot.prompts.service import of_kind_by_community
from bot.timed.around import Spec
from bot.timed.registry import JobCtx

logger = logging.getLogger(__name__)


def send_digest(jctx: JobCtx) -> None:
    """The runner has already skipped a digest past its ``expires_at`` (a day after its
    moment: old news), and plans next week's once this one is done."""
    community, job = jctx.community, jctx.job
    # Follow-ups ride on the weekly rhythm: a member whose intake stalled gets their one
    # reminder, and this digest names them to the organisers.
    # The members and the stalled intakes are read once, for the reminders and the digest.
    current = jctx.current_members()
    session = jctx.session
    # The claim's intakes in one query; the reminders below change them, so each
    # community's go to its first job that asks (``take_for_claim``).
    intakes = jctx.take_for_claim(
        "members.intakes",
        lambda ids: of_kind_by_community(session, community_ids=ids, kind="intake"),
    )
    unfinished = unfinished_intakes(
        session, community=community, now=jctx.now, members=current, intakes=intakes
    )
    reminded = remind(jctx.session, community=community, now=jctx.now, unfinished=unfinished)
    for item in members.intake_reminders(community=community, reminded=reminded):
        jctx.send(item)
    items = flows.weekly(
        jctx.session,
        community=community,
        due_at=job.due_at,
        now=jctx.now,
        members=current,
        stalled=[m for m, _ in unfinished],
        meetings=jctx.meetings(),
        ahead=jctx.read_for_claim(
            "digest",
            lambda ids: read_ahead(jctx.session, community_ids=ids, now=jctx.now),
        ),
    )
    for item in items:
        jctx.send(item)
    logger.info("digest %s for %d organisers", job.key, len(items))


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
