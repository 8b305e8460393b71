"""A community's programme as plain facts, per meeting: its date, theme, facilitators,
response rates, rating, buddy groups and experiments. An overview above the slices, read
through their service functions (``Core.programme``; the demo prints it as its timeline)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot.buddies.experiments import experiment_stats
from bot.buddies.service import groups_of_round, round_for
from bot.checkins import service as checkins
from bot.communities.service import community_by_id
from bot.evaluations import results
from bot.evaluations import service as evaluations
from bot.facilitation.service import facilitators_for
from bot.meetings.models import Meeting
from bot.meetings.service import active_meetings


@dataclass(frozen=True)
class MeetingFacts:
    number: int
    starts_at: datetime
    local_start: datetime  # in the community's timezone
    theme: str | None
    status: str
    content: str | None  # the facilitators' names
    process: str | None
    checkin: tuple[int, int] | None  # (answered, asked)
    evaluation: tuple[int, int] | None
    mean_rating: float | None
    # The buddy groups made after this meeting, as their members' names; None: no round.
    groups: list[list[str]] | None
    experiments: tuple[int, int]  # (agreed, reported) in the cycle after it


def meeting_starts(session: Session, *, community_id: int) -> list[datetime]:
    return [m.starts_at for m in active_meetings(session, community_id=community_id)]


def programme(session: Session, *, community_id: int, after: timedelta) -> list[MeetingFacts]:
    """The facts of every meeting that is not cancelled. Evaluation results count as they
    stand ``after`` the last meeting's end (their window must have closed to show)."""
    community = community_by_id(session, community_id=community_id)
    if community is None:
        return []
    zone = ZoneInfo(community.tz)
    meetings = active_meetings(session, community_id=community_id)
    ids = [m.id for m in meetings]
    seats = facilitators_for(session, meeting_ids=ids)
    checkin_rates = checkins.response_rates(session, meeting_ids=ids)
    evaluation_rates = evaluations.response_rates(session, meeting_ids=ids)
    moment = max((m.ends_at for m in meetings), default=community.created_at) + after
    shown = results.summaries(session, community=community, meeting_ids=ids, now=moment)
    experiments = _experiments(session, community_id, meetings)
    facts = []
    for meeting in meetings:
        roles = seats.get(meeting.id, {})
        summary = shown.get(meeting.id)
        facts.append(
            MeetingFacts(
                number=meeting.number or 0,
                starts_at=meeting.starts_at,
                local_start=meeting.starts_at.astimezone(zone),
                theme=meeting.theme,
                status=meeting.status,
                content=roles["content"].display_name if "content" in roles else None,
                process=roles["process"].display_name if "process" in roles else None,
                checkin=checkin_rates.get(meeting.id),
                evaluation=evaluation_rates.get(meeting.id),
                mean_rating=summary.mean if summary is not None else None,
                groups=_groups(session, community_id, meeting.id),
                experiments=experiments[meeting.id],
            )
        )
    return facts


def _groups(session: Session, community_id: int, meeting_id: int) -> list[list[str]] | None:
    found = round_for(session, community_id=community_id, meeting_id=meeting_id)
    if found is None:
        return None
    return [
        [m.display_name for m in g.members] for g in groups_of_round(session, round_id=found.id)
    ]


def _experiments(
    session: Session, community_id: int, meetings: list[Meeting]
) -> dict[int, tuple[int, int]]:
    """Experiments agreed and reported in the cycle that starts when each meeting ends."""
    totals = [
        experiment_stats(session, community_id=community_id, since=meeting.ends_at)
        for meeting in meetings
    ]
    totals.append((0, 0))
    return {
        meeting.id: (
            totals[index][0] - totals[index + 1][0],
            totals[index][1] - totals[index + 1][1],
        )
        for index, meeting in enumerate(meetings)
    }
