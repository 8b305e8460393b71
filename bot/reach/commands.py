"""The buttons of the question "you left the channel: leave the community too?"."""

from __future__ import annotations

from bot.commands.parser import parse
from bot.commands.registry import Action, Verb, community_named
from bot.communities.models import Community
from bot.context import Submission
from bot.errors import NotFound
from bot.handling import Ctx
from bot.members.commands import leave


def _their_community(ctx: Ctx, submission: Submission) -> Community:
    """The community the button names (the core resolved it, and the clicker's own
    membership of it, from the button)."""
    if ctx.community is None:
        raise NotFound()
    return ctx.community


def leave_too(ctx: Ctx, submission: Submission) -> None:
    _their_community(ctx, submission)
    leave(ctx, parse("leave"))


def stay(ctx: Ctx, submission: Submission) -> None:
    community = _their_community(ctx, submission)
    ctx.need_member()
    ctx.reply(ctx.t("reach.stayed", name=community.name))


VERBS: list[Verb] = []
ACTIONS = {
    "reach.leave": Action(leave_too, about=community_named),
    "reach.stay": Action(stay, about=community_named),
}
