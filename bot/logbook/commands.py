"""goal, log, success: a member's own logbook (``log`` alone lists the latest entries)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from bot.commands.parser import Parsed, check_text, parse_id
from bot.commands.registry import ANY_ARGS, TEXT, Action, Verb, community_of
from bot.context import Submission
from bot.errors import CopError, NotFound
from bot.handling import Ctx
from bot.logbook import flows
from bot.logbook.messaging import share_offer
from bot.logbook.models import EntryKind, LogEntry
from bot.logbook.service import add_entry, entries_of, entry_text
from bot.members.models import Role


def _add(kind: EntryKind, ctx: Ctx, parsed: Parsed) -> None:
    member = ctx.need_member()
    if kind == EntryKind.LOG and not parsed.tokens:
        _list(ctx)
        return
    text = check_text(parsed.rest(0))
    entry = add_entry(ctx.session, member=member, kind=kind, text=text, now=ctx.now)
    if kind == EntryKind.SUCCESS:
        # The author decides, per success, whether the group sees it with their name.
        ctx.reply(share_offer(lang=ctx.lang, entry_id=entry.id))
        return
    ctx.reply(ctx.t(f"logbook.saved.{kind.value}"))


def _list(ctx: Ctx) -> None:
    member = ctx.need_member()
    zone = ZoneInfo(member.tz or ctx.need_community().tz)
    entries = entries_of(ctx.session, member_id=member.id, limit=10)
    if not entries:
        ctx.reply(ctx.t("logbook.empty"))
        return
    lines = [
        f"{e.created_at.astimezone(zone).strftime('%Y-%m-%d')} "
        f"[{ctx.t('logbook.kind.' + e.kind)}] {entry_text(ctx.lang, e)}"
        for e in entries
    ]
    ctx.reply(ctx.t("logbook.title") + "\n" + "\n".join(lines))


def goal(ctx: Ctx, parsed: Parsed) -> None:
    _add(EntryKind.GOAL, ctx, parsed)


def log(ctx: Ctx, parsed: Parsed) -> None:
    _add(EntryKind.LOG, ctx, parsed)


def success(ctx: Ctx, parsed: Parsed) -> None:
    _add(EntryKind.SUCCESS, ctx, parsed)


def share_success(ctx: Ctx, submission: Submission) -> None:
    """The author's click: their success goes to the channel with their name, once."""
    entry_id = parse_id(submission.value)
    entry = ctx.session.get(LogEntry, entry_id) if entry_id is not None else None
    if entry is None or entry.kind != EntryKind.SUCCESS.value or entry.member_id is None:
        raise NotFound("error.prompt_closed")
    # The core resolved the entry's community from the button: the caller's row there.
    author, community = ctx.member, ctx.community
    if author is None or author.id != entry.member_id or community is None:
        raise CopError("logbook.error.not_yours")
    if not entry.shared:
        entry.shared = True
        ctx.send(flows.success_shared(community=community, author=author, entry=entry))
    ctx.reply(ctx.t("logbook.shared"))


VERBS = [
    Verb("goal", goal, role=Role.PARTICIPANT, aliases=("doel",), args=TEXT),
    # `log` alone lists the logbook.
    Verb("log", log, role=Role.PARTICIPANT, aliases=("logboek", "notitie"), args=ANY_ARGS),
    Verb("success", success, role=Role.PARTICIPANT, aliases=("succes",), args=TEXT),
]

ACTIONS = {"success.share": Action(share_success, about=community_of(LogEntry))}
