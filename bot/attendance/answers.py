"""A member says whether they come (a button, a typed reply to the check-in, `coming`), and
what follows: a facilitator who cannot come is passed over for that meeting, and a check-in
of someone not coming stops asking."""

from __future__ import annotations

from bot.attendance import service
from bot.attendance.models import Intent
from bot.checkins.service import KIND as CHECKIN
from bot.errors import Conflict
from bot.facilitation.flows import notify
from bot.facilitation.service import assign_for_meeting, upcoming_turns
from bot.handling import Ctx
from bot.meetings.models import Meeting, MeetingStatus
from bot.meetings.service import meeting_by_id
from bot.members.models import Member
from bot.prompts.service import close, open_about


def check_open(meeting: Meeting, ctx: Ctx) -> None:
    if meeting.is_cancelled:
        raise Conflict("attendance.error.cancelled", n=meeting.number)
    if meeting.starts_at <= ctx.now or meeting.status != MeetingStatus.PLANNED.value:
        raise Conflict("attendance.error.past", n=meeting.number)


def say(ctx: Ctx, *, member: Member, meeting: Meeting, intent: Intent) -> None:
    """Record ``intent`` and act on it; replies what was noted."""
    check_open(meeting, ctx)
    service.set_intent(ctx.session, member=member, meeting=meeting, intent=intent, now=ctx.now)
    if intent is Intent.NO:
        _close_checkin(ctx, member=member, meeting=meeting)
        _pass_over(ctx, member=member, meeting=meeting)
    ctx.reply(ctx.t(f"attendance.noted.{intent.value}", n=meeting.number))


def say_typed(ctx: Ctx, *, member_id: int, meeting_id: int, intent: Intent) -> None:
    """``say`` for a reply typed outside the check-in (``handlers.plain_reply``)."""
    member = ctx.need_member()
    meeting = meeting_by_id(ctx.session, meeting_id=meeting_id)
    if meeting is None or member.id != member_id:
        raise Conflict("attendance.error.past", n="?")
    say(ctx, member=member, meeting=meeting, intent=intent)


def _close_checkin(ctx: Ctx, *, member: Member, meeting: Meeting) -> None:
    """Someone who is not coming is not asked what they bring in, nor reminded."""
    prompt = open_about(ctx.session, member_id=member.id, meeting_id=meeting.id, kind=CHECKIN)
    if prompt is not None:
        close(prompt, now=ctx.now)


def _pass_over(ctx: Ctx, *, member: Member, meeting: Meeting) -> None:
    """A facilitator of this meeting who cannot come: the next in line takes the turn (and is
    told), while they keep their place for next time."""
    turns = upcoming_turns(ctx.session, member=member, now=ctx.now, limit=None)
    if not any(m.id == meeting.id for m, _ in turns):
        return
    community = ctx.need_community()
    outcome = assign_for_meeting(ctx.session, community=community, meeting=meeting, now=ctx.now)
    notify(outcome, community=community, send=ctx.send)
