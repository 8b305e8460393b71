"""``status``: one overview composed from every slice that has something to say."""

from __future__ import annotations

from bot.commands.parser import Parsed
from bot.errors import UsageError
from bot.handling import Ctx
from bot.members.service import current_count
from bot.messages import Fields, Header, Message, Text
from bot.slice import StatusLines
from bot.slices import installed


def providers(*, personal: bool = False) -> list[StatusLines]:
    """The slices' status lines in the order of the slices, the member's own next steps
    first; ``personal``: only those (the member's overview, ``bot.overview.home``, shows
    no more)."""
    declared = [s.status for s in installed() if s.status is not None]
    own = [d.lines for d in declared if d.personal]
    return own if personal else own + [d.lines for d in declared if not d.personal]


def status_lines(ctx: Ctx) -> list[str]:
    return [line for provider in providers() for line in provider(ctx)]


def status(ctx: Ctx, parsed: Parsed) -> None:
    community = ctx.need_community()
    member = ctx.need_member()
    size = current_count(ctx.session, community_id=community.id)
    pairs = [
        (ctx.t("community.question"), community.question or "-"),
        (ctx.t("community.ambition"), community.ambition or "-"),
        (ctx.t("community.members"), f"{size} / {community.target_size}"),
        (ctx.t("community.your_role"), ctx.t(f"role.{member.role}")),
    ]
    lines = status_lines(ctx)
    title = community.name
    text = "\n".join([title, *(f"{k}: {v}" for k, v in pairs), *lines])
    blocks: tuple[Header | Fields | Text, ...] = (Header(title), Fields(tuple(pairs)))
    if lines:
        blocks += (Text("\n".join(lines)),)
    if parsed.tokens:
        raise UsageError()
    ctx.reply(Message(text=text, blocks=blocks))
