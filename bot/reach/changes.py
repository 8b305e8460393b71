"""What copbot does when something happens to a workspace, a place or a person.

The adapters translate the platforms' lifecycle events (an app uninstalled, a channel archived,
someone joining a channel, a deactivated account) into ``bot.context.Change``; ``CHANGES`` maps
each kind to its handler. No platform words here.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select

from bot.communities.models import Community
from bot.context import Change
from bot.ctx import Ctx

Handler = Callable[[Ctx, Change], None]


def community_at(ctx: Ctx, change: Change) -> Community | None:
    if not change.place_id:
        return None
    return ctx.session.scalars(
        select(Community).where(
            Community.platform == change.platform, Community.channel_id == change.place_id
        )
    ).first()


def place_restored(ctx: Ctx, change: Change) -> None:
    """copbot was added to a place. Where no community lives yet, it introduces itself."""
    ctx.community = community_at(ctx, change)
    if ctx.community is None:
        ctx.announce(ctx.t("help.outside"))


CHANGES: dict[str, Handler] = {
    "place_restored": place_restored,
}


def apply_change(ctx: Ctx, change: Change) -> None:
    handler = CHANGES.get(change.kind)
    if handler is not None:
        handler(ctx, change)
