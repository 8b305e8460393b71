"""Who is told what about facilitator turns, under which idempotency key: the rules come
from ``service``, the words from ``messaging``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy.orm import Session

from bot.attendance.service import head_count
from bot.buddies.service import current_groups, not_run, open_experiments, reports_for
from bot.checkins.service import answers_for
from bot.communities.models import Community
from bot.evaluations.service import topics_before
from bot.facilitation.messaging import (
    BriefInputs,
    announcement,
    assigned_message,
    brief_message,
    released_message,
    swap_declined_message,
    swap_request_message,
)
from bot.facilitation.models import SwapRequest
from bot.facilitation.rotation import other_role
from bot.facilitation.service import Outcome
from bot.i18n import t
from bot.meetings.messaging import meeting_label
from bot.meetings.models import Meeting
from bot.members.messaging import lang_of, person
from bot.members.models import Member
from bot.members.service import rows_of
from bot.messages import Message, Person, Text, names_only
from bot.outbox.service import Outgoing

Send = Callable[[Outgoing], None]


def notify(outcome: Outcome, *, community: Community, send: Send, note: str = "") -> None:
    """DM every current facilitator about their turn, tell whoever lost a turn, and announce
    the pair in the channel. Keys name the assignment rows, so each turn is told once however
    often this runs (the timed job after a ``rotate``, a retried job)."""
    meeting = outcome.meeting
    for role, row in outcome.current.items():
        member = outcome.members.get(row.member_id)
        if member is None:
            continue
        send(
            Outgoing(
                key=f"rotation:{meeting.id}:{member.id}:{row.id}",
                member=member,
                community=community,
                deadline=meeting.starts_at,
                message=assigned_message(
                    community=community,
                    meeting=meeting,
                    member=member,
                    role=role,
                    partner=outcome.member(other_role(role)),
                ),
            )
        )
    for row in outcome.released:
        member = outcome.members.get(row.member_id)
        if member is None or not member.is_current:
            continue
        send(
            Outgoing(
                key=f"rotation:{meeting.id}:{member.id}:{row.id}:{row.status}",
                member=member,
                community=community,
                message=released_message(
                    community=community, meeting=meeting, member=member, role=row.role
                ),
            )
        )
    if outcome.complete:
        ids = ":".join(str(outcome.current[role].id) for role in ("content", "process"))
        send(
            Outgoing(
                key=f"rotation:{meeting.id}:channel:{ids}",
                community=community,
                message=announcement(community, outcome, note=note),
            )
        )


def briefs(
    session: Session, *, community: Community, outcome: Outcome, now: datetime
) -> list[Outgoing]:
    """Each current facilitator's preparation, once per meeting."""
    meeting = outcome.meeting
    inputs = gather(session, community=community, meeting=meeting, now=now)
    items = []
    for role, row in outcome.current.items():
        member = outcome.members.get(row.member_id)
        if member is None:
            continue
        items.append(
            Outgoing(
                key=f"brief:{meeting.id}:{member.id}",
                member=member,
                community=community,
                deadline=meeting.starts_at,
                message=brief_message(
                    community=community,
                    meeting=meeting,
                    member=member,
                    role=role,
                    partner=outcome.member(other_role(role)),
                    inputs=inputs,
                ),
            )
        )
    return items


def gather(
    session: Session, *, community: Community, meeting: Meeting, now: datetime
) -> BriefInputs:
    # Everyone named in the brief is mentioned (one query for the whole community).
    names = {
        member.id: str(person(member)) for member in rows_of(session, community_id=community.id)
    }
    bring_in = {
        a.member_id: a.bring_in for a in answers_for(session, meeting_id=meeting.id) if a.bring_in
    }
    # Report-backs come from the experiment reports, not the check-in answers only: a member
    # may have reported through the mid-cycle nudge before the check-in.
    reports = reports_for(session, meeting_id=meeting.id)
    people = sorted(
        set(bring_in) | set(reports), key=lambda m: names_only(names.get(m, "?")).lower()
    )
    # Groups whose members all left count for nothing either way.
    groups = [
        g
        for g in current_groups(session, community_id=community.id)
        if any(m.is_current for m in g.members)
    ]
    return BriefInputs(
        checkins=[(names.get(m, "?"), bring_in.get(m), reports.get(m)) for m in people],
        topics=topics_before(session, meeting=meeting, now=now),
        experiments=[
            (e.members, e.text) for e in open_experiments(session, community_id=community.id)
        ],
        groups=len(groups),
        agreed=sum(1 for g in groups if g.experiment is not None),
        not_run=[(g.members, g.text) for g in not_run(session, community_id=community.id)],
        head_count=head_count(session, community=community, meeting=meeting),
    )


def swap_requested(
    *,
    community: Community,
    meeting: Meeting,
    swap: SwapRequest,
    giver: Member,
    taker: Member,
    by: Member,
) -> list[Outgoing]:
    """Both sides of a proposed swap are asked to confirm it."""
    return [
        Outgoing(
            key=f"swap:{swap.id}:{reader.id}",
            member=reader,
            community=community,
            deadline=meeting.starts_at,
            message=swap_request_message(
                community=community,
                meeting=meeting,
                swap=swap,
                reader=reader,
                giver=giver,
                taker=taker,
                by=by,
            ),
        )
        for reader in (giver, taker)
    ]


def swap_declined(
    *,
    community: Community,
    meeting: Meeting,
    swap: SwapRequest,
    readers: list[Member],
    decliner: Member,
) -> list[Outgoing]:
    """Everyone else in a declined swap hears who declined it."""
    return [
        Outgoing(
            key=f"swap:{swap.id}:declined:{reader.id}",
            member=reader,
            community=community,
            message=swap_declined_message(
                community=community, meeting=meeting, reader=reader, decliner=decliner
            ),
        )
        for reader in readers
        if reader.is_current
    ]


def passed_by_other(
    *,
    community: Community,
    meeting: Meeting,
    who: Member,
    by: Member,
    taker: Person | str,
    now: datetime,
) -> Outgoing:
    """Someone whose turn another person passed on hears who did."""
    text = t(
        lang_of(who, community),
        "facilitation.pass.by_other",
        by=person(by),
        meeting=meeting_label(community, meeting),
        taker=taker,
    )
    return Outgoing(
        key=f"pass:{meeting.id}:{who.id}:{int(now.timestamp())}",
        member=who,
        community=community,
        message=Message(text=text, blocks=(Text(text),)),
    )
