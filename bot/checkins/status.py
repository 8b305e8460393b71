"""``status``: has the caller checked in for the next meeting?"""

from __future__ import annotations

from bot.checkins.service import brings_in
from bot.handling import Ctx
from bot.meetings.service import next_meeting


def status_lines(ctx: Ctx) -> list[str]:
    community = ctx.need_community()
    member = ctx.member
    if member is None or not member.is_current:
        return []
    meeting = next_meeting(ctx.session, community_id=community.id, now=ctx.now)
    if meeting is None:
        return []
    brings = brings_in(ctx.session, meeting_id=meeting.id, member_id=member.id)
    n = meeting.number or "×"
    if brings:
        return [ctx.t("checkin.status_done", n=n)]
    return [ctx.t("checkin.status_open", n=n)]
