"""Timed work of the rotation: choose the facilitators, and brief them before the meeting."""

from __future__ import annotations

from datetime import timedelta

from bot.attendance.service import not_coming_by_community
from bot.checkins.service import checkin_at
from bot.errors import CopError
from bot.facilitation import flows
from bot.facilitation.expiry import swaps_pending_by_community
from bot.facilitation.service import (
    Outcome,
    assign_for_meeting,
    counted_by_community,
)
from bot.members.service import wake_paused
from bot.timed.around import Around, Spec
from bot.timed.registry import JobCtx, Skip


def _assign(jctx: JobCtx) -> Outcome:
    meeting = jctx.need_meeting()
    # Someone back from holiday counts as available again before the choice is made (among
    # the current members, read once for both).
    members = jctx.current_members()
    wake_paused(jctx.session, community=jctx.community, now=jctx.now, members=members)
    session = jctx.session
    # A wave's rotations read their turns, their pending swaps and who will not come for the
    # claim's communities at once; turns and swaps are the rotation's own to change, so each
    # community's are handed out once (a second job of the community reads them again).
    counted = jctx.take_for_claim(
        "facilitation.turns", lambda ids: counted_by_community(session, community_ids=ids)
    )
    swaps_at = jctx.take_for_claim(
        "facilitation.swaps", lambda ids: swaps_pending_by_community(session, community_ids=ids)
    )
    said_no = jctx.read_for_claim(
        "attendance.not_coming", lambda ids: not_coming_by_community(session, community_ids=ids)
    )
    try:
        return assign_for_meeting(
            session,
            community=jctx.community,
            meeting=meeting,
            now=jctx.now,
            members=members,
            meetings=jctx.meetings(),
            counted=counted,
            absent=(said_no or {}).get(meeting.id, set()),
            swaps_at=swaps_at,
        )
    except CopError as exc:
        raise Skip(f"cannot choose facilitators: {exc.key}") from None


def rotation(jctx: JobCtx) -> None:
    """Choose the two facilitators (unless already chosen), DM them and tell the channel."""
    outcome = _assign(jctx)
    if not outcome.complete:
        raise Skip("too few available members to choose two facilitators")
    flows.notify(outcome, community=jctx.community, send=jctx.send)


def facilitator_brief(jctx: JobCtx) -> None:
    """The facilitators' preparation: their roles, the check-ins, the topics the last
    evaluation suggested and the buddy experiments still running."""
    outcome = _assign(jctx)  # fills a turn left empty by someone who left or went away
    if not outcome.current:
        raise Skip("no facilitators to brief")
    flows.notify(outcome, community=jctx.community, send=jctx.send)
    for item in flows.briefs(jctx.session, community=jctx.community, outcome=outcome, now=jctx.now):
        jctx.send(item)


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
