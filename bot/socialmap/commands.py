"""map (kaart): the social map of the community's organisations, on demand."""

from __future__ import annotations

from bot.commands.parser import Parsed
from bot.commands.registry import Verb
from bot.handling import Ctx
from bot.members.models import Role
from bot.socialmap.messaging import map_message
from bot.socialmap.service import build


def social_map(ctx: Ctx, parsed: Parsed) -> None:
    community = ctx.need_community()
    smap = build(ctx.session, community_id=community.id, now=ctx.now)
    ctx.reply(map_message(smap, lang=ctx.lang, name=community.name))


VERBS = [Verb("map", social_map, role=Role.PARTICIPANT, aliases=("kaart",))]
