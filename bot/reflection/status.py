"""``status`` and the member's home: when the halfway reflection comes, or that it is done;
organisers also see how many answered."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from bot.handling import Ctx
from bot.members.models import Role
from bot.prompts.models import PromptStatus
from bot.prompts.service import status_of
from bot.reflection.service import KIND, answered_counts
from bot.timed.service import planned_at


def status_lines(ctx: Ctx) -> list[str]:
    community = ctx.need_community()
    member = ctx.member
    if member is None or not member.is_current:
        return []
    lines: list[str] = []
    mine = status_of(ctx.session, member_id=member.id, kind=KIND)
    if mine == PromptStatus.ANSWERED.value:
        lines.append(ctx.t("reflection.status_done"))
    elif mine is None:
        # An open one is listed with the member's open questions; a planned one is said here.
        due = planned_at(ctx.session, community_id=community.id, kind=KIND)
        if due is not None:
            day = due.astimezone(ZoneInfo(community.tz)).strftime("%Y-%m-%d")
            lines.append(ctx.t("reflection.status_planned", date=day))
    if member.role == Role.ORGANISER.value:
        answered, asked = answered_counts(ctx.session, community_id=community.id)
        if asked:
            lines.append(ctx.t("reflection.status_answered", answered=answered, asked=asked))
    return lines
