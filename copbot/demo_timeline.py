"""The demo's timeline: per meeting its date, theme, facilitators, response rates, rating,
buddy pairs and experiments, read through the slices' service functions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot.buddies.experiments import experiment_stats
from bot.buddies.service import groups_of_round, round_for
from bot.checkins import service as checkins
from bot.communities.models import Community
from bot.evaluations import results
from bot.evaluations import service as evaluations
from bot.facilitation.service import facilitators_for
from bot.meetings.models import Meeting
from bot.meetings.service import active_meetings

DAYS = ("ma", "di", "wo", "do", "vr", "za", "zo")


@dataclass
class MeetingLine:
    number: int
    starts_at: datetime
    local: str
    theme: str
    status: str
    content: str = "–"
    process: str = "–"
    checkin: tuple[int, int] | None = None
    evaluation: tuple[int, int] | None = None
    mean_rating: float | None = None
    # The buddy groups made after this meeting, as their members' names; None: no round.
    groups: list[list[str]] | None = None
    experiments: tuple[int, int] | None = None  # (agreed, reported) in the cycle after it
    notes: list[str] = field(default_factory=list)


def collect_timeline(
    session: Session, *, community_id: int, notes: list[tuple[datetime, str]]
) -> list[MeetingLine]:
    community = session.get(Community, community_id)
    if community is None:
        return []
    zone = ZoneInfo(community.tz)
    meetings = active_meetings(session, community_id=community_id)
    ids = [m.id for m in meetings]
    lines = []
    for meeting in meetings:
        local = meeting.starts_at.astimezone(zone)
        lines.append(
            MeetingLine(
                number=meeting.number or 0,
                starts_at=meeting.starts_at,
                local=f"{DAYS[local.weekday()]} {local:%Y-%m-%d %H:%M}",
                theme=meeting.theme or "(geen thema)",
                status=meeting.status,
            )
        )
    by_id = dict(zip(ids, lines, strict=True))
    for mid, roles in facilitators_for(session, meeting_ids=ids).items():
        by_id[mid].content = roles["content"].display_name if "content" in roles else "–"
        by_id[mid].process = roles["process"].display_name if "process" in roles else "–"
    for mid, rate in checkins.response_rates(session, meeting_ids=ids).items():
        by_id[mid].checkin = rate
    for mid, rate in evaluations.response_rates(session, meeting_ids=ids).items():
        by_id[mid].evaluation = rate
    # The timeline is drawn after the programme: every evaluation has closed by then.
    after = max((m.ends_at for m in meetings), default=community.created_at) + timedelta(days=60)
    shown = results.summaries(session, community=community, meeting_ids=ids, now=after)
    for mid, summary in shown.items():
        if summary is not None:
            by_id[mid].mean_rating = summary.mean
    for meeting in meetings:
        by_id[meeting.id].groups = _groups(session, community_id, meeting.id)
    _experiments(session, community_id, meetings, by_id)
    _attach_notes(lines, notes)
    return lines


def _groups(session: Session, community_id: int, meeting_id: int) -> list[list[str]] | None:
    found = round_for(session, community_id=community_id, meeting_id=meeting_id)
    if found is None:
        return None
    return [
        [m.display_name for m in g.members] for g in groups_of_round(session, round_id=found.id)
    ]


def _experiments(
    session: Session, community_id: int, meetings: list[Meeting], by_id: dict[int, MeetingLine]
) -> None:
    """Experiments agreed and reported in the cycle that starts when each meeting ends."""
    totals = [
        experiment_stats(session, community_id=community_id, since=meeting.ends_at)
        for meeting in meetings
    ]
    totals.append((0, 0))
    for index, meeting in enumerate(meetings):
        agreed = totals[index][0] - totals[index + 1][0]
        reported = totals[index][1] - totals[index + 1][1]
        by_id[meeting.id].experiments = (agreed, reported)


def _attach_notes(lines: list[MeetingLine], notes: list[tuple[datetime, str]]) -> None:
    """Each noteworthy moment goes with the first meeting at or after it."""
    for when, text in notes:
        target = next((line for line in lines if line.starts_at >= when), None)
        if target is None and lines:
            target = lines[-1]
        if target is not None:
            target.notes.append(f"{when.astimezone(ZoneInfo('Europe/Amsterdam')):%Y-%m-%d} {text}")


def _rate(rate: tuple[int, int] | None) -> str:
    if rate is None:
        return "–"
    answered, asked = rate
    percent = f" ({round(100 * answered / asked)}%)" if asked else ""
    return f"{answered}/{asked}{percent}"


def _group(names: list[str]) -> str:
    """'Ann & Bob'; a trio (the odd one out, or a latecomer added) is marked as one."""
    size = {2: "", 3: " (trio)"}.get(len(names), f" ({len(names)} people)")
    return " & ".join(names) + size


def format_timeline(lines: list[MeetingLine]) -> str:
    out = [f"Timeline: {len(lines)} meetings"]
    for line in lines:
        rating = f"{line.mean_rating:.1f}" if line.mean_rating is not None else "–"
        groups = f"{len(line.groups)} new" if line.groups is not None else "–"
        experiments = (
            f"{line.experiments[0]} agreed, {line.experiments[1]} reported"
            if line.experiments is not None
            else "–"
        )
        out += [
            "",
            f"Meeting {line.number:>2} · {line.local} · {line.theme}",
            f"  facilitators   content: {line.content} · process: {line.process}",
            f"  check-in       {_rate(line.checkin)}",
            f"  evaluation     {_rate(line.evaluation)} · mean rating {rating}",
            f"  buddy groups   {groups}",
            *(f"{'':17}{_group(names)}" for names in line.groups or ()),
            f"  experiments    {experiments}",
        ]
        out += [f"  · {note}" for note in line.notes]
    return "\n".join(out)
