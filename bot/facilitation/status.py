"""``status``: who facilitates the next meeting, and the caller's own coming turns."""

from __future__ import annotations

from bot.facilitation.messaging import names_by_role, role_name
from bot.facilitation.service import coming_turns, seated, upcoming_turns
from bot.handling import Ctx
from bot.meetings.messaging import meeting_label
from bot.meetings.service import next_meeting


def status_lines(ctx: Ctx) -> list[str]:
    community = ctx.need_community()
    lines: list[str] = []
    meeting = next_meeting(ctx.session, community_id=community.id, now=ctx.now)
    if meeting is not None:
        # The community's coming turns, read once: the caller's own below come from the same.
        turns = coming_turns(ctx.session, community_id=community.id, now=ctx.now)
        known = [ctx.member] if ctx.member is not None else []
        roles = seated(ctx.session, rows=turns, meeting_ids=[meeting.id], known=known)
        if roles[meeting.id]:
            lines.append(ctx.t("facilitation.status.next", **names_by_role(roles[meeting.id])))
        else:
            lines.append(ctx.t("facilitation.status.next_none"))
    if ctx.member is not None and ctx.member.is_current:
        for upcoming, role in upcoming_turns(ctx.session, member=ctx.member, now=ctx.now):
            lines.append(
                ctx.t(
                    "facilitation.status.you",
                    meeting=meeting_label(community, upcoming),
                    role=role_name(ctx.lang, role),
                )
            )
    return lines
