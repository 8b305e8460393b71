"""``status``: has the caller checked in for the next meeting?"""

from __future__ import annotations

from bot.checkins.models import CheckinAnswer
from bot.handling import Ctx
from bot.meetings.service import next_meeting
from bot.prompts.service import answer_of


def status_lines(ctx: Ctx) -> list[str]:
    community = ctx.need_community()
    member = ctx.member
    if member is None or not member.is_current:
        return []
    meeting = next_meeting(ctx.session, community_id=community.id, now=ctx.now)
    if meeting is None:
        return []
    answer = answer_of(ctx.session, model=CheckinAnswer, meeting_id=meeting.id, member_id=member.id)
    n = meeting.number or "×"
    if answer is not None and answer.bring_in:
        return [ctx.t("checkin.status_done", n=n)]
    return [ctx.t("checkin.status_open", n=n)]
