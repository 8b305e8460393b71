"""Timed work of the rotation: choose the facilitators, and brief them before the meeting."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.attendance.service import head_count
from bot.buddies.experiments import not_run, open_experiments, reports_for
from bot.buddies.service import current_groups
from bot.checkins.service import answers_for, checkin_at
from bot.communities.models import Community
from bot.errors import CopError
from bot.evaluations.results import topics_before
from bot.facilitation.messaging import BriefInputs, brief_message, notify
from bot.facilitation.service import Outcome, assign_for_meeting, other_role
from bot.meetings.models import Meeting
from bot.members.messaging import person
from bot.members.models import Member
from bot.members.service import wake_paused
from bot.messages import names_only
from bot.outbox.service import Outgoing
from bot.timed.around import Around, Spec
from bot.timed.registry import JobCtx, Skip


def _assign(jctx: JobCtx) -> Outcome:
    meeting = jctx.need_meeting()
    # Someone back from holiday counts as available again before the choice is made.
    wake_paused(jctx.session, community=jctx.community, now=jctx.now)
    try:
        return assign_for_meeting(
            jctx.session, community=jctx.community, meeting=meeting, now=jctx.now
        )
    except CopError as exc:
        raise Skip(f"cannot choose facilitators: {exc.key}") from None


def rotation(jctx: JobCtx) -> None:
    """Choose the two facilitators (unless already chosen), DM them and tell the channel."""
    outcome = _assign(jctx)
    if not outcome.complete:
        raise Skip("too few available members to choose two facilitators")
    notify(outcome, community=jctx.community, send=jctx.send)


def facilitator_brief(jctx: JobCtx) -> None:
    """The facilitators' preparation: their roles, the check-ins, the topics the last
    evaluation suggested and the buddy experiments still running."""
    outcome = _assign(jctx)  # fills a turn left empty by someone who left or went away
    if not outcome.current:
        raise Skip("no facilitators to brief")
    community, meeting = jctx.community, outcome.meeting
    notify(outcome, community=community, send=jctx.send)
    inputs = gather(jctx.session, community=community, meeting=meeting, now=jctx.now)
    for role, row in outcome.current.items():
        member = outcome.members.get(row.member_id)
        if member is None:
            continue
        jctx.send(
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


def gather(
    session: Session, *, community: Community, meeting: Meeting, now: datetime
) -> BriefInputs:
    # Everyone named in the brief is mentioned (one query for the whole community).
    names = {
        member.id: str(person(member))
        for member in session.scalars(select(Member).where(Member.community_id == community.id))
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


def plan_rotation(around: Around) -> Spec:
    """Facilitators are chosen when the previous meeting ends, so they have the whole cycle
    to prepare; the first meeting gets its pair a day before its check-in."""
    meeting, checkin = around.meeting, checkin_at(around)
    chosen = (
        around.prev.ends_at
        if around.prev is not None
        else around.shift(checkin, -timedelta(days=1))
    )
    return Spec(
        f"rotation:{meeting.id}", "rotation", min(chosen, checkin), meeting.starts_at, meeting.id
    )


def plan_brief(around: Around) -> Spec:
    meeting = around.meeting
    due = around.before_start(around.community.brief_before_min)
    return Spec(f"brief:{meeting.id}", "facilitator_brief", due, meeting.starts_at, meeting.id)
