"""calendar (your file and your feed address), calendar reset, calendar off."""

from __future__ import annotations

from bot.commands.parser import Parsed
from bot.commands.registry import NO_ARGS, Verb
from bot.errors import UsageError
from bot.handling import Ctx
from bot.invites import flows, service
from bot.members.models import Role

RESET = ("reset", "vernieuw", "nieuw", "renew")
OFF = ("off", "uit", "stop", "revoke", "intrekken")


def calendar(ctx: Ctx, parsed: Parsed) -> None:
    member = ctx.need_member()
    community = ctx.need_community()
    sub = (parsed.arg(0) or "").lower()
    if sub in OFF:
        dropped = service.drop_feed(ctx.session, member=member)
        ctx.reply(ctx.t("invites.off" if dropped else "invites.off_none"))
        return
    if sub in RESET:
        feed = service.reset_feed(ctx.session, member=member, now=ctx.now)
    elif sub:
        raise UsageError()
    else:
        feed = service.ensure_feed(ctx.session, member=member, now=ctx.now)
    ctx.send(
        flows.feed(
            ctx.session, community=community, member=member, feed=feed,
            public_url=ctx.public_url, now=ctx.now,
        )
    )  # fmt: skip
    ctx.reply(ctx.t("invites.sent"))


VERBS = [
    Verb(
        "calendar",
        calendar,
        role=Role.PARTICIPANT,
        aliases=("kalender", "ical"),
        args=NO_ARGS,
        sub_args={**dict.fromkeys(RESET, NO_ARGS), **dict.fromkeys(OFF, NO_ARGS)},
    )
]
