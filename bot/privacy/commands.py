"""my-data (everything stored about you) and forget-me (erase it, after a confirmation).

Both work for anyone who is or was a member, also after leaving, so neither needs a role.
"""

from __future__ import annotations

from typing import Any

from bot.commands.parser import Parsed
from bot.commands.registry import Verb, up_to
from bot.communities.service import community_by_id
from bot.context import Submission
from bot.errors import UsageError
from bot.events import MemberLeft, publish
from bot.handling import Ctx
from bot.i18n import Lang, as_lang, t
from bot.members.models import Member
from bot.members.service import accounts_of
from bot.messages import Button, Buttons, Message, Text
from bot.privacy import service
from bot.privacy.messaging import my_data_message

CONFIRM_WORDS = ("confirm", "bevestig", "ja", "yes")
CONFIRM_ACTION = "privacy.forget_confirm"


def _lang(ctx: Ctx, members: list[Member]) -> Lang:
    """Someone who left is no longer found by the core, but still has a language with us."""
    if ctx.community is not None or not members:
        return ctx.lang
    latest = members[-1]
    community = community_by_id(ctx.session, community_id=latest.community_id)
    return as_lang(latest.lang or (community.lang if community is not None else None))


def my_data(ctx: Ctx, parsed: Parsed) -> None:
    if parsed.tokens:
        raise UsageError()
    members = accounts_of(ctx.session, platform=ctx.actor.platform, user_id=ctx.actor.user_id)
    data = service.export_all(
        ctx.session,
        platform=ctx.actor.platform,
        user_id=ctx.actor.user_id,
        members=members,
        now=ctx.now,
    )
    installed = _platform_records(ctx)
    if installed:
        data["installations"] = installed
    ctx.reply(my_data_message(_lang(ctx, members), data))


def _platform_records(ctx: Ctx) -> list[dict[str, Any]]:
    """What the person's platform adapter keeps about them (Slack: the installations they
    made), found by the account they typed from."""
    records = ctx.records.get(ctx.actor.platform)
    return records.export(ctx.session, user_id=ctx.actor.user_id) if records else []


def forget_me(ctx: Ctx, parsed: Parsed) -> None:
    word = (parsed.arg(0) or "").lower()
    if word in CONFIRM_WORDS and len(parsed.tokens) == 1:
        _forget(ctx)
        return
    if parsed.tokens:
        raise UsageError()
    members = accounts_of(ctx.session, platform=ctx.actor.platform, user_id=ctx.actor.user_id)
    count = service.communities_count(
        ctx.session, platform=ctx.actor.platform, user_id=ctx.actor.user_id, members=members
    )
    installs = len(_platform_records(ctx))
    if not count and not installs:
        ctx.reply(ctx.t("privacy.nothing"))
        return
    lang = _lang(ctx, members)
    lines = [t(lang, "privacy.forget_ask", count=count)] if count else []
    if installs:
        lines.append(t(lang, "privacy.forget_installs", count=installs))
    if not count:
        lines.append(t(lang, "privacy.forget_sure"))
    sole = service.sole_organiser_of(ctx.session, members=members)
    if sole:
        lines.append(t(lang, "privacy.forget_last_organiser", names=", ".join(sole)))
    text = "\n".join(lines)
    button = Button(t(lang, "privacy.forget_button"), CONFIRM_ACTION, "", "danger")
    ctx.reply(Message(text=text, blocks=(Text(text), Buttons((button,)))))


def confirm(ctx: Ctx, submission: Submission) -> None:
    _forget(ctx)


def _forget(ctx: Ctx) -> None:
    members = accounts_of(ctx.session, platform=ctx.actor.platform, user_id=ctx.actor.user_id)
    lang = _lang(ctx, members)  # before the member's language setting is erased
    # Their other account (`link me`) too: read before forget_all anonymises the rows.
    accounts = {(ctx.actor.platform, ctx.actor.user_id)} | {
        (m.platform, m.user_id) for m in members
    }
    for member in members:
        community = community_by_id(ctx.session, community_id=member.community_id)
        if member.is_current and community is not None:
            # Their buddy is not left alone without a word (nor told who went).
            publish(ctx.session, MemberLeft(community, member, ctx.now), send=ctx.send)
    count = service.forget_all(
        ctx.session,
        platform=ctx.actor.platform,
        user_id=ctx.actor.user_id,
        members=members,
        now=ctx.now,
    )
    installs = _forget_platform_records(ctx, accounts)
    if count:
        ctx.reply(t(lang, "privacy.forgotten", count=count))
    else:
        ctx.reply(t(lang, "privacy.forgotten_installs" if installs else "privacy.nothing"))


def _forget_platform_records(ctx: Ctx, accounts: set[tuple[str, str]]) -> int:
    """Erase the person from what their platforms' adapters keep (Slack: the installer of an
    installation). The installations stay, so copbot keeps working for everyone else there;
    only the installer's user id and any user token go. Returns how many named them."""
    erased = 0
    for platform, user_id in sorted(accounts):
        records = ctx.records.get(platform)
        if records is not None:
            erased += records.forget(ctx.session, user_id=user_id)
    return erased


VERBS = [
    Verb("my-data", my_data, role=None, aliases=("mijn-gegevens",)),
    Verb("forget-me", forget_me, role=None, aliases=("vergeet-mij",), args=up_to(1)),
]

ACTIONS = {CONFIRM_ACTION: confirm}
