"""digest (the weekly overview now) and report (Markdown + CSV of a period)."""

from __future__ import annotations

from datetime import date

from bot.commands.parser import Parsed, parse_date
from bot.commands.registry import Action, Verb, community_named, up_to
from bot.communities.models import Community
from bot.context import Submission
from bot.digest.flows import build_digest
from bot.digest.harvest import collect_harvest
from bot.digest.messaging import FINAL_REPORT
from bot.digest.report import default_period, render_csv, render_markdown
from bot.digest.report_html import render_html
from bot.errors import InvalidInput, PermissionDenied, UsageError
from bot.handling import Ctx
from bot.meetings.service import local_date
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
    _report(ctx, community, start, end)


def final_report(ctx: Ctx, submission: Submission) -> None:
    """The button on the digest after the programme's end: the report of the whole programme,
    for the community the digest was about (the core resolved it from the button)."""
    community, member = ctx.community, ctx.member
    if community is None or member is None:
        raise PermissionDenied("error.permission.organiser")
    ctx.require(Role.ORGANISER)
    start, end = default_period(community, now=ctx.now)
    _report(ctx, community, start, end)


def _report(ctx: Ctx, community: Community, start: date, end: date) -> None:
    today = local_date(community, ctx.now)
    if start > today:
        # Nothing has happened in it yet: an empty report would read as a failed programme.
        raise InvalidInput(
            "error.report_future",
            start=start.isoformat(),
            end=end.isoformat(),
            today=today.isoformat(),
        )
    harvest = collect_harvest(ctx.session, community=community, start=start, end=end, now=ctx.now)
    data = harvest.report
    markdown = render_markdown(data, ctx.lang)
    table = render_csv(data)
    title = ctx.t("report.reply_title", name=community.name)
    summary = ctx.t(
        "report.reply",
        start=start.isoformat(),
        end=end.isoformat(),
        meetings=len(data.meetings),
    )
    if end > today:
        summary += " " + ctx.t("report.until_today", today=today.isoformat())
    ctx.reply(
        Message(
            # Platforms that cannot upload files still get the whole document.
            text=f"{title}\n{summary}\n\n{markdown}",
            blocks=(
                Header(title),
                Text(summary),
                File("report.md", markdown, "text/markdown"),
                File("meetings.csv", table, "text/csv"),
                File("report.html", render_html(harvest, ctx.lang), "text/html"),
            ),
        )
    )


VERBS = [
    Verb("digest", digest, role=Role.ORGANISER, aliases=("overzicht",)),
    Verb("report", report, role=Role.ORGANISER, aliases=("rapport",), args=up_to(2)),
]

ACTIONS = {FINAL_REPORT: Action(final_report, about=community_named)}
