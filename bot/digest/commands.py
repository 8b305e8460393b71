"""digest (the weekly overview now) and report (Markdown + CSV of a period)."""

from __future__ import annotations

from bot.commands.parser import Parsed, parse_date
from bot.commands.registry import Verb
from bot.ctx import Ctx
from bot.digest.messaging import build_digest
from bot.digest.report import collect_report, default_period, render_csv, render_markdown
from bot.errors import InvalidInput, UsageError
from bot.members.models import Role
from bot.messages import File, Header, Message, Text


def digest(ctx: Ctx, parsed: Parsed) -> None:
    if parsed.tokens:
        raise UsageError()
    community = ctx.need_community()
    ctx.reply(build_digest(ctx.session, community=community, now=ctx.now, lang=ctx.lang))


def report(ctx: Ctx, parsed: Parsed) -> None:
    community = ctx.need_community()
    if len(parsed.tokens) == 0:
        start, end = default_period(community, now=ctx.now)
    elif len(parsed.tokens) == 2:
        start, end = parse_date(parsed.args[0]), parse_date(parsed.args[1])
        if end < start:
            raise InvalidInput("error.report_order", start=start.isoformat(), end=end.isoformat())
    else:
        raise UsageError()
    data = collect_report(ctx.session, community=community, start=start, end=end, now=ctx.now)
    markdown = render_markdown(data, ctx.lang)
    table = render_csv(data)
    title = ctx.t("report.reply_title", name=community.name)
    summary = ctx.t(
        "report.reply",
        start=start.isoformat(),
        end=end.isoformat(),
        meetings=len(data.meetings),
    )
    ctx.reply(
        Message(
            # Platforms that cannot upload files still get the whole document.
            text=f"{title}\n{summary}\n\n{markdown}",
            blocks=(
                Header(title),
                Text(summary),
                File("report.md", markdown, "text/markdown"),
                File("meetings.csv", table, "text/csv"),
            ),
        )
    )


VERBS = [
    Verb("digest", digest, role=Role.ORGANISER, aliases=("overzicht",)),
    Verb("report", report, role=Role.ORGANISER, aliases=("rapport",)),
]
