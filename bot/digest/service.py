"""Monitoring: the facts of the weekly organiser digest, set against the community's ambition.

``collect`` gathers everything with a fixed number of queries, whatever the number of members
(members, meetings and log entries are each read once; the other slices answer for all
meetings in one call), so a digest for 40 people costs what one for 10 does.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot.attendance.service import absent_twice, attended_counts
from bot.buddies.service import experiments_per_cycle
from bot.communities.models import SIZE_RANGE, Community
from bot.digest import sources
from bot.digest.sources import EvalSummary, Rate
from bot.evaluations.service import rating_trend
from bot.logbook.service import Success, week_in_logbook, weeks_in_logbook
from bot.meetings.models import Meeting, MeetingStatus
from bot.meetings.school import clashes
from bot.meetings.service import active_meetings, cadence_dates, local_date
from bot.members.followup import unfinished_intakes
from bot.members.messaging import person
from bot.members.models import Member
from bot.members.service import current_members, members_by_ids
from bot.outbox.rows import failed_for_good, failed_for_good_by_community
from bot.socialmap.service import SocialMap
from bot.socialmap.service import build as build_map
from bot.timed.service import last_done, last_done_by_community

logger = logging.getLogger(__name__)

WEEK = timedelta(days=7)
MAX_HIGHLIGHTS = 5
MAX_NAMES = 10
# The smallest fall in the mean rating worth an organiser's attention.
MIN_DROP = 0.2


@dataclass(frozen=True)
class Flag:
    """A risk for the organisers: a text key and its parameters (rendered per language)."""

    key: str
    params: dict[str, str | int | float] = field(default_factory=dict)


@dataclass(frozen=True)
class MeetingInfo:
    id: int
    number: int | None
    starts_at: datetime
    theme: str | None
    held: bool
    facilitators: dict[str, str]


@dataclass(frozen=True)
class Highlight:
    """A success of the week; ``author`` (a person marker: a mention) only when they shared
    it with the group."""

    text: str
    author: str | None = None


@dataclass(frozen=True)
class MeetingPoint:
    """One started meeting's response figures, for the digest's charts."""

    number: int | None
    checkin: Rate | None
    evaluation: Rate | None
    # (came, recorded) once the meeting's attendance was recorded.
    attendance: tuple[int, int] | None = None


@dataclass(frozen=True)
class CyclePoint:
    """One buddy cycle's experiments: ``number`` is the meeting that opened it (0: the cycle
    before the first meeting)."""

    number: int
    agreed: int
    reported: int


@dataclass
class DigestData:
    community_name: str
    question: str | None
    ambition: str | None
    tz: str
    now: datetime
    cadence_days: int
    target_size: int
    size: int
    recently_active: int
    meetings_held: int
    meetings_planned: int
    entries_week: int
    experiments: tuple[int, int]  # (agreed, reported back)
    last_meeting: MeetingInfo | None
    checkin_last: Rate | None
    checkin_overall: Rate | None
    evaluation_last: Rate | None
    evaluation_overall: Rate | None
    summary_last: EvalSummary | None
    trend: list[tuple[int, float]]
    highlights: list[Highlight]
    next_meeting: MeetingInfo | None
    flags: list[Flag]
    community_id: int = 0
    # The programme has run its course: its last meeting was held and no further one fits
    # before the end date. The digest then offers the final report instead of `schedule add`.
    programme_over: bool = False
    end_date: date | None = None
    per_meeting: list[MeetingPoint] = field(default_factory=list)
    per_cycle: list[CyclePoint] = field(default_factory=list)
    # Once a cycle, in the first digest after a meeting: the social map.
    social_map: SocialMap | None = None
    # (came, recorded) at the last meeting, when its attendance was recorded.
    attendance_last: tuple[int, int] | None = None


def last_digest_at(session: Session, *, community_id: int) -> datetime | None:
    """When the previous weekly digest ran: the start of 'since the last digest'."""
    return last_done(session, community_id=community_id, kind="digest")


@dataclass(frozen=True)
class ReadAhead:
    """What the weekly job reads for the communities of its claim at once (``read_ahead``):
    when each one's previous digest ran, its logbook's week, and the messages that failed
    for good since that digest (``failed_for_good``)."""

    previous: datetime | None
    logbook: tuple[int, list[Success]]
    failed: list[tuple[bool, int | None]] = field(default_factory=list)


def read_ahead(session: Session, *, community_ids: set[int], now: datetime) -> dict[int, ReadAhead]:
    """``ReadAhead`` of several communities, in a statement for each of its parts. No timed
    job writes any of them (a community has one weekly digest due at a time, planned when
    the last one ended; messages fail in delivery runs), so the claim's digests can share
    them."""
    previous = last_done_by_community(session, community_ids=community_ids, kind="digest")
    weeks = weeks_in_logbook(
        session, community_ids=community_ids, low=now - WEEK, limit=MAX_HIGHLIGHTS
    )
    # Since the previous digest, or ever: no message of a community predates it.
    failed = failed_for_good_by_community(
        session, since={i: previous.get(i) for i in community_ids}
    )
    return {i: ReadAhead(previous.get(i), weeks[i], failed[i]) for i in community_ids}


def unreachable(
    session: Session,
    *,
    community_id: int,
    since: datetime,
    failed: list[tuple[bool, int | None]] | None = None,
) -> list[str | None]:
    """The people a message permanently failed to reach, as mentions (None: the channel).
    ``failed``: those messages since ``since`` (``failed_for_good``), when read already."""
    if failed is None:
        failed = failed_for_good(session, community_id=community_id, since=since)
    # One query for everyone named, however many messages failed.
    members = {
        m.id: m
        for m in members_by_ids(session, member_ids=(mid for _, mid in failed if mid is not None))
    }
    names: list[str | None] = []
    for to_channel, member_id in failed:
        member = members.get(member_id) if member_id is not None else None
        label = None if to_channel or member is None else str(person(member))
        if label not in names:
            names.append(label)
    return names


def _info(
    meeting: Meeting, *, now: datetime, facilitators: dict[int, dict[str, str]]
) -> MeetingInfo:
    return MeetingInfo(
        id=meeting.id,
        number=meeting.number,
        starts_at=meeting.starts_at,
        theme=meeting.theme,
        held=meeting.status == MeetingStatus.HELD.value or meeting.ends_at <= now,
        facilitators=facilitators.get(meeting.id, {}),
    )


def _sum(rates: dict[int, Rate]) -> Rate | None:
    total: Rate | None = None
    for rate in rates.values():
        total = rate if total is None else total + rate
    return total


def _quiet(members: list[Member], started: list[Meeting], *, community: Community) -> list[str]:
    """Members with no sign of life across the last two meetings (from the check-in of the
    older one on). Any answer, click, log entry or command sets ``last_active_at``."""
    if len(started) < 2:
        return []
    window = started[-2].starts_at - timedelta(minutes=community.checkin_before_min)
    return [
        str(person(m))
        for m in members
        if m.is_active
        and m.joined_at < window
        and (m.last_active_at is None or m.last_active_at < window)
    ]


def _names(names: list[str]) -> str:
    shown = ", ".join(names[:MAX_NAMES])
    return shown + (f" (+{len(names) - MAX_NAMES})" if len(names) > MAX_NAMES else "")


def programme_over(
    community: Community, *, last: Meeting | None, upcoming: Meeting | None, now: datetime
) -> bool:
    """No meeting ahead, at least one held, and the programme has nothing left to plan: its
    end date has passed, or every meeting of its series (start to end) is behind us."""
    if upcoming is not None or last is None:
        return False
    today = local_date(community, now)
    if community.end_date is not None and community.end_date <= today:
        return True
    series = cadence_dates(community)
    return bool(series) and max(series) <= today


def collect(
    session: Session,
    *,
    community: Community,
    now: datetime,
    members: list[Member] | None = None,
    stalled: list[Member] | None = None,
    meetings: list[Meeting] | None = None,
    ahead: ReadAhead | None = None,
) -> DigestData:
    """The digest's facts. ``members`` (the current ones) and ``stalled`` (whose intake
    stalled, ``unfinished_intakes``): what the weekly job has read already for its
    reminders, so the job reads them once; ``meetings`` (all of the community's) and
    ``ahead``: what its batch of timed jobs has read already."""
    if members is None:
        members = current_members(session, community_id=community.id)
    if stalled is None:
        stalled = [
            m for m, _ in unfinished_intakes(session, community=community, now=now, members=members)
        ]
    if meetings is None:
        meetings = active_meetings(session, community_id=community.id)
    else:
        meetings = [m for m in meetings if not m.is_cancelled]
    started = [m for m in meetings if m.starts_at <= now]
    upcoming = [
        m for m in meetings if m.starts_at > now and m.status == MeetingStatus.PLANNED.value
    ]
    nxt = upcoming[0] if upcoming else None
    last = started[-1] if started else None
    started_ids = [m.id for m in started]

    facilitators = sources.facilitators(session, meeting_ids=[nxt.id] if nxt else [], known=members)
    checkins = sources.checkin_rates(session, meeting_ids=started_ids)
    evaluations = sources.evaluation_rates(session, meeting_ids=started_ids)
    summaries = sources.evaluation_summaries(
        session, community=community, meeting_ids=[last.id] if last else [], now=now
    )
    trend = rating_trend(session, community=community, now=now, meetings=meetings)
    cycles = experiments_per_cycle(session, community_id=community.id)
    # Every experiment belongs to a cycle: the totals are the cycles' sums.
    experiments = (sum(agreed for _, agreed, _ in cycles), sum(back for _, _, back in cycles))
    # Groups report back at the next check-in: only past the middle of the cycle (when they
    # are nudged) is a missing report a risk rather than simply not yet due.
    midpoint = (
        None
        if last is None
        else last.ends_at
        if nxt is None
        else last.ends_at + (nxt.starts_at - last.ends_at) / 2
    )
    late_in_cycle = midpoint is not None and now >= midpoint
    previous = ahead.previous if ahead else last_digest_at(session, community_id=community.id)
    # The same pairs are named once: when the previous digest was already past this cycle's
    # midpoint and no buddy agreed or reported anything since, there is no news to repeat.
    told_already = (
        midpoint is not None
        and previous is not None
        and previous >= midpoint
        and not sources.experiment_news(session, community_id=community.id, since=previous)
    )
    without_report = (
        sources.groups_without_report(session, community_id=community.id)
        if late_in_cycle and not told_already
        else []
    )

    week_ago = now - WEEK
    # Newest first and never more than a handful: a highlight, not a dossier. The author's
    # name only where they chose to share the success.
    entries_week, latest = (
        ahead.logbook
        if ahead
        else week_in_logbook(session, community_id=community.id, low=week_ago, limit=MAX_HIGHLIGHTS)
    )
    authors = {
        m.id: m
        for m in members_by_ids(
            session, member_ids=(s.member_id for s in latest if s.member_id is not None)
        )
    }
    highlights = [
        Highlight(
            s.text,
            str(person(authors[s.member_id])) if s.shared and s.member_id in authors else None,
        )
        for s in latest
    ]
    since = previous or community.created_at
    gone = unreachable(
        session, community_id=community.id, since=since, failed=ahead.failed if ahead else None
    )

    numbers = {m.id: m.number for m in meetings}
    per_cycle = sorted(
        (
            CyclePoint(numbers.get(mid) or 0 if mid is not None else 0, agreed, reported)
            for mid, agreed, reported in cycles
            if mid is None or mid in numbers
        ),
        key=lambda c: c.number,
    )
    attended = attended_counts(session, meeting_ids=[m.id for m in started])
    cycle = timedelta(days=community.cadence_days)
    data = DigestData(
        community_name=community.name,
        question=community.question,
        ambition=community.ambition,
        tz=community.tz,
        now=now,
        cadence_days=community.cadence_days,
        target_size=community.target_size,
        size=len(members),
        recently_active=sum(
            1 for m in members if m.last_active_at is not None and m.last_active_at >= now - cycle
        ),
        meetings_held=sum(
            1 for m in meetings if m.status == MeetingStatus.HELD.value or m.ends_at <= now
        ),
        meetings_planned=len(meetings),
        entries_week=entries_week,
        experiments=experiments,
        last_meeting=_info(last, now=now, facilitators={}) if last else None,
        checkin_last=checkins.get(last.id) if last else None,
        checkin_overall=_sum(checkins),
        evaluation_last=evaluations.get(last.id) if last else None,
        evaluation_overall=_sum(evaluations),
        summary_last=summaries.get(last.id) if last else None,
        trend=trend,
        highlights=highlights,
        next_meeting=_info(nxt, now=now, facilitators=facilitators) if nxt else None,
        flags=[],
        community_id=community.id,
        programme_over=programme_over(community, last=last, upcoming=nxt, now=now),
        end_date=community.end_date,
        per_meeting=[
            MeetingPoint(m.number, checkins.get(m.id), evaluations.get(m.id), attended.get(m.id))
            for m in started
        ],
        per_cycle=per_cycle,
        social_map=(
            build_map(session, community_id=community.id, now=now)
            if last is not None and last.starts_at >= now - WEEK
            else None
        ),
    )
    data.flags = _flags(
        data,
        stalled=[str(person(m)) for m in stalled],
        quiet=_quiet(members, started, community=community),
        without_report=without_report,
        unreachable=gone,
    )
    data.flags.extend(_school_flags(session, community=community, upcoming=upcoming, now=now))
    if last is not None:
        data.attendance_last = attended.get(last.id)
    drifting = absent_twice(session, meetings=started)
    if drifting:
        data.flags.append(
            Flag(
                "digest.flag.absent_twice",
                {"count": len(drifting), "names": _names([str(person(m)) for m in drifting])},
            )
        )
    return data


def falling(trend: list[tuple[int, float]]) -> bool:
    """A real drop between the last two meetings, as the figures are shown (one decimal):
    never '3.8 → 3.8', and not the noise of a tenth."""
    if len(trend) < 2:
        return False
    before, after = round(trend[-2][1], 1), round(trend[-1][1], 1)
    return before - after >= MIN_DROP - 1e-9


# School holidays of members' regions are flagged for the meetings of the coming weeks: far
# enough ahead to move a meeting, near enough not to repeat the whole year every week.
SCHOOL_HORIZON = timedelta(weeks=12)


def _school_flags(
    session: Session, *, community: Community, upcoming: list[Meeting], now: datetime
) -> list[Flag]:
    moments = [(m.number, m.starts_at) for m in upcoming if m.starts_at <= now + SCHOOL_HORIZON]
    return [
        Flag(
            f"digest.flag.school.{clash.holiday.name}",
            {
                "n": clash.number,
                "when": clash.start.astimezone(ZoneInfo(community.tz)).strftime("%Y-%m-%d"),
                "region": clash.holiday.region,
                "count": clash.members,
            },
        )
        for clash in clashes(session, community=community, moments=moments)
    ]


def _flags(
    data: DigestData,
    *,
    stalled: list[str],
    quiet: list[str],
    without_report: list[str],
    unreachable: list[str | None],
) -> list[Flag]:
    flags: list[Flag] = []
    low, high = SIZE_RANGE
    if data.size < low:
        flags.append(Flag("digest.flag.size_low", {"count": data.size, "low": low}))
    elif data.size > high:
        flags.append(Flag("digest.flag.size_high", {"size": data.size, "high": high}))
    if quiet:
        flags.append(Flag("digest.flag.quiet", {"count": len(quiet), "names": _names(quiet)}))
    if without_report:
        flags.append(
            Flag(
                "digest.flag.no_report",
                {"count": len(without_report), "names": _names(without_report)},
            )
        )
    if stalled:
        flags.append(Flag("digest.flag.intake", {"count": len(stalled), "names": _names(stalled)}))
    nxt = data.next_meeting
    if nxt is not None and len(nxt.facilitators) < 2:
        flags.append(
            Flag(
                "digest.flag.no_facilitators",
                {"n": nxt.number or "-", "count": len(nxt.facilitators)},
            )
        )
    if falling(data.trend):
        (n1, m1), (n2, m2) = data.trend[-2], data.trend[-1]
        flags.append(
            Flag(
                "digest.flag.falling",
                {"n1": n1, "m1": m1, "n2": n2, "m2": m2},
            )
        )
    for name in unreachable:
        if name is None:
            flags.append(Flag("digest.flag.unreachable_channel"))
        else:
            flags.append(Flag("digest.flag.unreachable", {"who": name}))
    return flags
