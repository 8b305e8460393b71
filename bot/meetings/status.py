"""The next meeting, for ``status``."""

from __future__ import annotations

from bot.handling import Ctx
from bot.meetings.commands import fmt_meeting
from bot.meetings.service import next_meeting


def status_lines(ctx: Ctx) -> list[str]:
    community = ctx.need_community()
    meeting = next_meeting(ctx.session, community_id=community.id, now=ctx.now)
    if meeting is None:
        return [ctx.t("meeting.next_none")]
    return [ctx.t("meeting.next", meeting=fmt_meeting(ctx, meeting))]
