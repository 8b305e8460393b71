"""The buttons of the question "you left the channel: leave the community too?"."""

from __future__ import annotations

from bot.commands.parser import parse, parse_id
from bot.commands.registry import ActionHandler, Verb
from bot.communities.models import Community
from bot.context import Submission
from bot.ctx import Ctx
from bot.members.commands import leave


def _their_community(ctx: Ctx, submission: Submission) -> Community:
    """The community the button names, and the clicker's own membership of it."""
    return ctx.enter(parse_id(submission.value))


def leave_too(ctx: Ctx, submission: Submission) -> None:
    _their_community(ctx, submission)
    leave(ctx, parse("leave"))


def stay(ctx: Ctx, submission: Submission) -> None:
    community = _their_community(ctx, submission)
    ctx.need_member()
    ctx.reply(ctx.t("reach.stayed", name=community.name))


VERBS: list[Verb] = []
ACTIONS: dict[str, ActionHandler] = {"reach.leave": leave_too, "reach.stay": stay}
