"""goal, log, success: a member's own logbook (``log`` alone lists the latest entries)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from bot.commands.parser import Parsed, check_text
from bot.commands.registry import ANY_ARGS, TEXT, Verb
from bot.ctx import Ctx
from bot.logbook.models import EntryKind
from bot.logbook.service import add_entry, entries_of
from bot.members.models import Role


def _add(kind: EntryKind, ctx: Ctx, parsed: Parsed) -> None:
    member = ctx.need_member()
    if kind == EntryKind.LOG and not parsed.tokens:
        _list(ctx)
        return
    text = check_text(parsed.rest(0))
    add_entry(ctx.session, member=member, kind=kind, text=text, now=ctx.now)
    ctx.reply(ctx.t(f"logbook.saved.{kind.value}"))


def _list(ctx: Ctx) -> None:
    member = ctx.need_member()
    zone = ZoneInfo(member.tz or ctx.need_community().tz)
    entries = entries_of(ctx.session, member_id=member.id, limit=10)
    if not entries:
        ctx.reply(ctx.t("logbook.empty"))
        return
    lines = [
        f"{e.created_at.astimezone(zone).strftime('%Y-%m-%d')} [{ctx.t('logbook.kind.' + e.kind)}] {e.text}"
        for e in entries
    ]
    ctx.reply(ctx.t("logbook.title") + "\n" + "\n".join(lines))


def goal(ctx: Ctx, parsed: Parsed) -> None:
    _add(EntryKind.GOAL, ctx, parsed)


def log(ctx: Ctx, parsed: Parsed) -> None:
    _add(EntryKind.LOG, ctx, parsed)


def success(ctx: Ctx, parsed: Parsed) -> None:
    _add(EntryKind.SUCCESS, ctx, parsed)


VERBS = [
    Verb("goal", goal, role=Role.PARTICIPANT, aliases=("doel",), args=TEXT),
    # `log` alone lists the logbook.
    Verb("log", log, role=Role.PARTICIPANT, aliases=("logboek", "notitie"), args=ANY_ARGS),
    Verb("success", success, role=Role.PARTICIPANT, aliases=("succes",), args=TEXT),
]
