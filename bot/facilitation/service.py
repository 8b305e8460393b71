"""Facilitator turns: who facilitates which meeting, passing a turn on, and swaps.

The choice itself is ``bot.facilitation.rotation`` (pure); this module feeds it the history
from the database and records the outcome. Every fan-out query loads a whole community or a
list of meetings at once.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import Session

from bot.attendance.service import not_coming
from bot.communities.models import Community
from bot.errors import Conflict, NotFound
from bot.facilitation.expiry import expire_swaps
from bot.facilitation.models import (
    Assignment,
    AssignmentStatus,
)
from bot.facilitation.rotation import (
    SEATS,
    Seat,
    Turn,
    choose_pair,
    choose_replacement,
    other_role,
)
from bot.meetings.models import Meeting, MeetingStatus
from bot.meetings.service import (
    active_meetings,
    local_date,
    still_to_come,
    with_meetings,
)
from bot.members.messaging import person
from bot.members.models import Member, Status
from bot.members.service import current_members, members_by_ids, organisers
from bot.sqlutil import by_community, remembered, table_of

logger = logging.getLogger(__name__)

COUNTED = (AssignmentStatus.ASSIGNED.value, AssignmentStatus.PASSED.value)


@dataclass
class Outcome:
    """The facilitators of a meeting after an assignment, and what changed."""

    meeting: Meeting
    current: dict[str, Assignment] = field(default_factory=dict)  # role -> row
    members: dict[int, Member] = field(default_factory=dict)
    added: list[Assignment] = field(default_factory=list)
    released: list[Assignment] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return all(role in self.current for role in SEATS)

    def member(self, role: str) -> Member | None:
        row = self.current.get(role)
        return self.members.get(row.member_id) if row is not None else None


def as_role(value: str) -> Seat:
    if value not in SEATS:
        raise ValueError(f"not a facilitator role: {value!r}")
    return value


def is_upcoming(meeting: Meeting, *, now: datetime) -> bool:
    return meeting.status == MeetingStatus.PLANNED.value and meeting.starts_at > now


def available_at(member: Member, *, day: date) -> bool:
    """Active, or away only until before the meeting day (back in time to facilitate)."""
    if member.is_active:
        return True
    return (
        member.status == Status.PAUSED.value
        and member.paused_until is not None
        and member.paused_until < day
    )


def pool(community: Community, members: Sequence[Member], *, day: date) -> list[Member]:
    """Who can facilitate on ``day``: the core group (``facilitation=core``) or everyone.

    A core group of fewer than two cannot fill both roles, so then the whole group is asked.
    """
    available = [m for m in members if available_at(m, day=day)]
    if community.facilitation == "core":
        core = [m for m in available if m.in_core_group]
        if len(core) >= 2:
            return core
        logger.info("community %s: core group too small, rotating in the whole group", community.id)
    return available


@dataclass
class _History:
    meetings: list[Meeting]
    position: dict[int, int]  # meeting id -> place in the schedule
    rows: list[Assignment]

    def turns(self) -> list[Turn]:
        return [
            Turn(
                position=self.position[row.meeting_id],
                role=as_role(row.role),
                member=row.member_id,
                passed=row.status == AssignmentStatus.PASSED.value,
            )
            for row in self.rows
            if row.status in COUNTED and row.meeting_id in self.position
        ]

    def of(self, meeting_id: int, status: AssignmentStatus) -> list[Assignment]:
        return [r for r in self.rows if r.meeting_id == meeting_id and r.status == status.value]


# The rotation's and the digest's statements, built once: building and keying them on every
# call cost more than running them (a due wave runs them for every claim, a command for one
# community).
@cache
def _counted_of_many() -> Select[Assignment]:
    return (
        select(Assignment)
        .where(
            Assignment.community_id.in_(bindparam("community_ids", expanding=True)),
            Assignment.status.in_(COUNTED),
        )
        .order_by(Assignment.id)
    )


def counted_by_community(
    session: Session, *, community_ids: Iterable[int]
) -> dict[int, list[Assignment]]:
    """The turns that count (assigned or passed) of several communities in one query, each
    community's in the order they were made: what ``assign_for_meeting`` reads as ``counted``
    (a due wave's rotations, a claim's communities at once)."""
    return by_community(session, _counted_of_many(), community_ids=community_ids)


def _history(
    session: Session,
    *,
    community_id: int,
    meetings: list[Meeting] | None = None,
    counted: list[Assignment] | None = None,
) -> _History:
    """``meetings`` and ``counted`` (``counted_by_community``): the community's, when the
    caller has read them already."""
    if meetings is None:
        meetings = active_meetings(session, community_id=community_id)
    else:
        meetings = [m for m in meetings if not m.is_cancelled]
    position = {m.id: i for i, m in enumerate(meetings)}
    if counted is None:
        counted = counted_by_community(session, community_ids=[community_id])[community_id]
    return _History(meetings=meetings, position=position, rows=counted)


def _release(row: Assignment, *, status: AssignmentStatus, now: datetime) -> None:
    row.status = status.value
    row.ended_at = now


def _assign(
    session: Session, *, meeting: Meeting, role: str, member_id: int, now: datetime
) -> Assignment:
    row = Assignment(
        community_id=meeting.community_id,
        meeting_id=meeting.id,
        role=role,
        member_id=member_id,
        status=AssignmentStatus.ASSIGNED.value,
        created_at=now,
    )
    session.add(row)
    return row


def _turn_of(session: Session, *, meeting: Meeting, member: Member) -> Assignment:
    """The member's current turn at ``meeting``; having none is a Conflict."""
    row = session.scalars(
        select(Assignment).where(
            Assignment.meeting_id == meeting.id,
            Assignment.member_id == member.id,
            Assignment.status == AssignmentStatus.ASSIGNED.value,
        )
    ).first()
    if row is None:
        raise Conflict(
            "error.facilitation.not_assigned", who=person(member), n=meeting.number or "-"
        )
    return row


def assign_for_meeting(
    session: Session,
    *,
    community: Community,
    meeting: Meeting,
    now: datetime,
    force: bool = False,
    members: list[Member] | None = None,
    meetings: list[Meeting] | None = None,
    counted: list[Assignment] | None = None,
    absent: set[int] | None = None,
    swaps_at: set[int] | None = None,
) -> Outcome:
    """Make sure ``meeting`` has a content and a process facilitator.

    Without ``force`` only empty roles are filled; turns of members who left or are away on
    the meeting day are released first (without counting, so they keep their place). With
    ``force`` the pair is chosen afresh, keeping whoever the rotation picks again.
    When too few people are available the outcome is not ``complete``. When the caller has
    read them already: ``members`` (the community's current members), ``meetings`` (all of
    its meetings), ``counted`` (its turns that count, ``counted_by_community``), ``absent``
    (who said they will not come to ``meeting``) and ``swaps_at`` (its meetings with a swap
    pending, ``swaps_pending_by_community``).
    """
    if meeting.community_id != community.id or meeting.is_cancelled:
        raise NotFound("error.no_such_meeting", n=meeting.number or "-")
    if not is_upcoming(meeting, now=now):
        raise Conflict("error.facilitation.meeting_past", n=meeting.number or "-")
    history = _history(session, community_id=community.id, meetings=meetings, counted=counted)
    if members is None:
        members = current_members(session, community_id=community.id)
    by_id = {m.id: m for m in members}
    day = local_date(community, meeting.starts_at)
    outcome = Outcome(meeting=meeting, members=by_id)
    current = {row.role: row for row in history.of(meeting.id, AssignmentStatus.ASSIGNED)}
    # Who may facilitate that day: available, and in the core group when only it rotates
    # (someone demoted to participant is out of it, and so are their turns). Someone who said
    # they cannot come is passed over, as someone away is: released, not counted, so they
    # keep their place for next time.
    if absent is None:
        absent = not_coming(session, meeting_id=meeting.id)
    eligible = {m.id for m in pool(community, members, day=day) if m.id not in absent}
    for role, row in list(current.items()):
        if row.member_id not in eligible:
            _release(row, status=AssignmentStatus.RELEASED, now=now)
            outcome.released.append(row)
            del current[role]
    passers = {row.member_id for row in history.of(meeting.id, AssignmentStatus.PASSED)}
    candidates = [m.id for m in members if m.id in eligible and m.id not in passers]
    turns = history.turns()
    position = history.position[meeting.id]
    # Meetings from this one to the last planned: the horizon within which everyone should
    # get a turn (rotation rule 2).
    remaining = len(history.meetings) - position
    wanted: dict[str, int] = {}
    if force or not current:
        pair = choose_pair(
            candidates=candidates,
            history=turns,
            position=position,
            seed=community.id,
            remaining=remaining,
        )
        if pair is not None:
            wanted = {role: member_id for role, member_id in pair.by_role().items()}
    elif len(current) == 1:
        kept_role, kept = next(iter(current.items()))
        role = other_role(kept_role)
        pick = choose_replacement(
            role=role,
            partner=kept.member_id,
            candidates=candidates,
            history=turns,
            position=position,
            seed=community.id,
            remaining=remaining,
        )
        wanted = {kept_role: kept.member_id}
        if pick is not None:
            wanted[role] = pick
    else:
        wanted = {role: row.member_id for role, row in current.items()}
    for role, row in list(current.items()):
        if wanted.get(role) != row.member_id:
            _release(row, status=AssignmentStatus.RELEASED, now=now)
            outcome.released.append(row)
            del current[role]
    session.flush()  # the released rows free their (meeting, role) slot before new ones
    for role, member_id in wanted.items():
        if role in current:
            continue
        row = _assign(session, meeting=meeting, role=role, member_id=member_id, now=now)
        current[role] = row
        outcome.added.append(row)
    session.flush()
    if (outcome.added or outcome.released) and (swaps_at is None or meeting.id in swaps_at):
        expire_swaps(session, meeting_id=meeting.id, now=now)
    outcome.current = current
    return outcome


def current_outcome(session: Session, *, community: Community, meeting: Meeting) -> Outcome:
    rows = session.scalars(
        select(Assignment).where(
            Assignment.meeting_id == meeting.id,
            Assignment.status == AssignmentStatus.ASSIGNED.value,
        )
    ).all()
    members = current_members(session, community_id=community.id)
    return Outcome(
        meeting=meeting,
        current={row.role: row for row in rows},
        members={m.id: m for m in members},
    )


def pass_turn(
    session: Session, *, community: Community, meeting: Meeting, member: Member, now: datetime
) -> tuple[str, Outcome]:
    """``member`` cannot make it: their turn goes to the next in line for that role.
    Returns the role passed on and the new facilitators."""
    if not is_upcoming(meeting, now=now):
        raise Conflict("error.facilitation.meeting_past", n=meeting.number or "-")
    row = _turn_of(session, meeting=meeting, member=member)
    _release(row, status=AssignmentStatus.PASSED, now=now)
    session.flush()
    outcome = assign_for_meeting(session, community=community, meeting=meeting, now=now)
    if row.role not in outcome.current:
        # Nobody to take over: the pass is withdrawn (the caller's transaction rolls back).
        raise Conflict("error.facilitation.no_replacement", n=meeting.number or "-")
    return row.role, outcome


def reassign_turns(
    session: Session, *, community: Community, member: Member, now: datetime
) -> list[Outcome]:
    """The member may no longer facilitate (demoted out of the core group): their upcoming
    turns go to the next in line. Returns the meetings that changed."""
    outcomes = []
    for meeting, _ in upcoming_turns(session, member=member, now=now, limit=None):
        outcome = assign_for_meeting(session, community=community, meeting=meeting, now=now)
        if outcome.released:
            outcomes.append(outcome)
    return outcomes


def assigned_meetings(session: Session, *, meeting_ids: Sequence[int]) -> set[int]:
    """Which of these meetings have a facilitator chosen (one query)."""
    return set(
        session.scalars(
            select(Assignment.meeting_id).where(
                Assignment.meeting_id.in_(meeting_ids),
                Assignment.status == AssignmentStatus.ASSIGNED.value,
            )
        )
    )


def facilitators_of(
    session: Session, *, community: Community, meetings: Sequence[Meeting]
) -> list[Member]:
    """Who to tell about these meetings' group: their facilitators still in the community, or
    the organisers while nobody is chosen (too few people to rotate)."""
    chosen = facilitators_for(session, meeting_ids=[m.id for m in meetings])
    found: dict[int, Member] = {}
    for roles in chosen.values():
        for member in roles.values():
            if member.is_current:
                found.setdefault(member.id, member)
    return list(found.values()) or organisers(session, community_id=community.id)


def facilitators_for(
    session: Session, *, meeting_ids: Sequence[int], known: Iterable[Member] = ()
) -> dict[int, dict[str, Member]]:
    """meeting id -> {role: member} for each meeting asked (empty when nobody is chosen yet).
    ``known``: members the caller has read already (the current ones, in the weekly digest);
    only facilitators not among them are read."""
    ids = list(meeting_ids)
    rows = session.execute(_facilitators_for(), {"meetings": ids}).all() if ids else []
    return seated(session, rows=rows, meeting_ids=ids, known=known)


def seated(
    session: Session,
    *,
    rows: Iterable[tuple[int, str, int]],
    meeting_ids: Sequence[int],
    known: Iterable[Member] = (),
) -> dict[int, dict[str, Member]]:
    """``facilitators_for`` of turns read already: (meeting id, role, member id) rows of
    these meetings."""
    found: dict[int, dict[str, Member]] = {mid: {} for mid in meeting_ids}
    rows = [row for row in rows if row[0] in found]
    # The facilitators of every meeting asked that the caller has not read in one more query
    # (none at all when it has read them all: the digest's are current members).
    held = {m.id: m for m in known}
    wanted = {member_id for _, _, member_id in rows}
    members = {i: held[i] for i in wanted if i in held}
    members |= {m.id: m for m in members_by_ids(session, member_ids=wanted - members.keys())}
    for meeting_id, role, member_id in rows:
        if member_id in members:
            found[meeting_id][role] = members[member_id]
    return found


def coming_turns(
    session: Session, *, community_id: int, now: datetime
) -> list[tuple[int, str, int]]:
    """(meeting id, role, member id) of every turn assigned at a meeting of the community
    still to come, read once per unit of work: ``status`` takes both the next meeting's
    facilitators and the caller's own turns from it, in one query instead of one each."""
    return remembered(
        session,
        ("coming_turns", community_id, now),
        lambda: list(session.execute(_coming_turns(), {"community": community_id, "now": now})),
        kinds=(Assignment, Meeting),
    )


def upcoming_turns(
    session: Session, *, member: Member, now: datetime, limit: int | None = 3
) -> list[tuple[Meeting, str]]:
    """The meetings ``member`` facilitates from now on, with their role."""
    coming = coming_turns(session, community_id=member.community_id, now=now)
    mine = [(meeting_id, role) for meeting_id, role, member_id in coming if member_id == member.id]
    turns = [
        (meeting, role)
        for (_, role), meeting in with_meetings(session, rows=mine, meeting_id=lambda r: r[0])
    ]
    return turns if limit is None else turns[:limit]


# Asked on every view (``status`` and the home tab ``_coming_turns``; the programme, the
# digest and ``facilitators`` ``_facilitators_for``): built once with bind parameters
# (building an expression costs more than SQLAlchemy's cached compile and the query), on the
# tables' columns (``table_of``).
@cache
def _facilitators_for() -> Select[int, str, int]:
    turns = table_of(Assignment).c
    return select(turns.meeting_id, turns.role, turns.member_id).where(
        turns.meeting_id.in_(bindparam("meetings", expanding=True)),
        turns.status == AssignmentStatus.ASSIGNED.value,
    )


@cache
def _coming_turns() -> Select[int, str, int]:
    turns = table_of(Assignment).c
    return select(turns.meeting_id, turns.role, turns.member_id).where(
        turns.community_id == bindparam("community"),
        turns.status == AssignmentStatus.ASSIGNED.value,
        still_to_come(turns.meeting_id, now=bindparam("now")),
    )


def roles_by_member(session: Session, *, member_ids: Sequence[int]) -> dict[int, dict[int, str]]:
    """member id -> {meeting id: their current facilitator role}, in one query."""
    found: dict[int, dict[int, str]] = {m: {} for m in member_ids}
    if not member_ids:
        return found
    for member_id, meeting_id, role in session.execute(
        select(Assignment.member_id, Assignment.meeting_id, Assignment.role).where(
            Assignment.member_id.in_(list(member_ids)),
            Assignment.status == AssignmentStatus.ASSIGNED.value,
        )
    ):
        found[member_id][meeting_id] = role
    return found


def assigned_turns(session: Session, *, community_id: int) -> list[tuple[int, int]]:
    """(meeting id, member id) of every turn assigned in the community, in one query."""
    return [
        (meeting_id, member_id)
        for meeting_id, member_id in session.execute(
            select(Assignment.meeting_id, Assignment.member_id).where(
                Assignment.community_id == community_id,
                Assignment.status == AssignmentStatus.ASSIGNED.value,
            )
        )
        if member_id is not None
    ]


def counts(session: Session, *, community_id: int) -> dict[int, dict[str, int]]:
    """member id -> turns per role (assigned or passed), for overviews."""
    result: dict[int, dict[str, int]] = {}
    for row in _history(session, community_id=community_id).rows:
        per = result.setdefault(row.member_id, dict.fromkeys(SEATS, 0))
        per[row.role] = per.get(row.role, 0) + 1
    return result
