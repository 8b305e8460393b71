"""calendar (your file and your feed address), calendar reset, calendar off."""

from __future__ import annotations

from bot.commands.parser import Parsed
from bot.commands.registry import NO_ARGS, Verb
from bot.errors import UsageError
from bot.handling import Ctx
from bot.invites import service
from bot.invites.messaging import feed_message
from bot.members.messaging import lang_of
from bot.members.models import Role
from bot.outbox.service import Outgoing

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
    file = service.calendar_file(ctx.session, community=community, member=member, now=ctx.now)
    # The address is a secret and worth keeping: it goes to the member's DM, not the channel.
    ctx.send(
        Outgoing(
            key=f"calendar-feed:{member.id}:{feed.id}:{int(ctx.now.timestamp())}",
            member=member,
            community=community,
            message=feed_message(
                lang=lang_of(member, community),
                url=service.feed_url(ctx.public_url, feed.token),
                public=ctx.public_url is not None,
                file=file,
            ),
        )
    )
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
