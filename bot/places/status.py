"""The community's channels, for ``status`` (only when it lives in more than one)."""

from __future__ import annotations

from bot.handling import Ctx
from bot.places import service


def status_lines(ctx: Ctx) -> list[str]:
    community = ctx.community
    if community is None:
        return []
    platforms = service.platforms_of(ctx.session, community_id=community.id)
    if len(platforms) < 2:
        return []
    where = ", ".join(sorted({p.capitalize() for p in platforms}))
    return [ctx.t("place.status", count=len(platforms), where=where)]
