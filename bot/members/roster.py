"""Invite the people of a channel (its roster, fetched by the adapter) to join."""

from __future__ import annotations

from sqlalchemy import select

from bot.communities.models import Community
from bot.context import Actor
from bot.handling import Ctx
from bot.members import admission, flows
from bot.members.models import Member, Role


def invite_roster(ctx: Ctx, roster: list[Actor]) -> None:
    """DM an invitation with a Join button to everyone in the channel who is not a member.

    People are invited, never enrolled: joining stays their own choice.
    """
    community = ctx.need_community()
    ctx.require(Role.FACILITATOR)
    invited = invite_people(ctx, community=community, people=roster)
    ctx.reply(ctx.t("member.invited", count=invited))


def invite_people(ctx: Ctx, *, community: Community, people: list[Actor]) -> int:
    """Queue the invitation for each of ``people`` who is not a current member; returns how
    many. The key makes it once per person and community: a second sync, or someone leaving
    and joining the channel again, does not invite twice."""
    known = {
        (m.platform, m.user_id): m
        for m in ctx.session.scalars(select(Member).where(Member.community_id == community.id))
    }
    invited = 0
    for person in people:
        existing = known.get((person.platform, person.user_id))
        if existing is not None and (existing.is_current or existing.merged_into_id):
            continue
        guest = Member(
            community_id=community.id,
            platform=person.platform,
            user_id=person.user_id,
            display_name=(person.display_name or person.user_id)[:200],
            address=person.address,
            tz=person.tz,
            team_id=ctx.place.team_id,
        )
        admission.invite(ctx.session, community=community, person=person, now=ctx.now)
        ctx.send(flows.invited(community=community, guest=guest))
        invited += 1
    return invited
