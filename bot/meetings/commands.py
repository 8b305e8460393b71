"""schedule (list/add/move/cancel/generate), theme, pause (blackout periods)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from bot.commands.parser import Parsed, check_text, parse_date, parse_local_datetime
from bot.commands.registry import Verb
from bot.ctx import Ctx
from bot.errors import UsageError
from bot.meetings import service
from bot.meetings.models import Meeting, MeetingStatus
from bot.members.models import Role
from bot.messages import Header, Message, Text
from bot.timed.planner import replan
from bot.timed.status import upcoming_lines


def fmt_meeting(ctx: Ctx, meeting: Meeting) -> str:
    community = ctx.need_community()
    local = meeting.starts_at.astimezone(ZoneInfo(community.tz))
    number = meeting.number if meeting.number is not None else "×"
    when = local.strftime("%Y-%m-%d %H:%M")
    theme = f" · {meeting.theme}" if meeting.theme else ""
    state = (
        ""
        if meeting.status == MeetingStatus.PLANNED.value
        else f" ({ctx.t('meeting.' + meeting.status)})"
    )
    return f"{number}. {when}{theme}{state}"


def schedule(ctx: Ctx, parsed: Parsed) -> None:
    sub = (parsed.arg(0) or "").lower()
    handler = {
        "": _list,
        "list": _list,
        "add": _add,
        "toevoegen": _add,
        "move": _move,
        "verplaats": _move,
        "cancel": _cancel,
        "annuleer": _cancel,
        "generate": _generate,
    }.get(sub)
    if handler is None:
        raise UsageError()
    handler(ctx, parsed)


def _list(ctx: Ctx, parsed: Parsed) -> None:
    community = ctx.need_community()
    meetings = service.meetings_of(ctx.session, community_id=community.id)
    title = ctx.t("meeting.schedule_title", name=community.name, tz=community.tz)
    lines = [fmt_meeting(ctx, m) for m in meetings] or [ctx.t("meeting.none")]
    upcoming = upcoming_lines(ctx, limit=8)
    body = "\n".join(lines)
    blocks: tuple[Header | Text, ...] = (Header(title), Text(body))
    text = f"{title}\n{body}"
    if upcoming:
        extra = ctx.t("timed.upcoming_title") + "\n" + "\n".join(upcoming)
        blocks += (Text(extra),)
        text += "\n\n" + extra
    ctx.reply(Message(text=text, blocks=blocks))


def _add(ctx: Ctx, parsed: Parsed) -> None:
    community = ctx.need_community()
    day, clock = parsed.arg(1), parsed.arg(2)
    if day is None or clock is None:
        raise UsageError()
    start = parse_local_datetime(day, clock, tz=community.tz)
    meeting = service.add(ctx, community=community, start=start)
    replan(ctx.session, community=community, now=ctx.now)
    ctx.reply(ctx.t("meeting.added", meeting=fmt_meeting(ctx, meeting)))


def _move(ctx: Ctx, parsed: Parsed) -> None:
    community = ctx.need_community()
    number = parsed.number(1)
    day, clock = parsed.arg(2), parsed.arg(3)
    if day is None or clock is None:
        raise UsageError()
    meeting = service.by_number(ctx.session, community_id=community.id, number=number)
    start = parse_local_datetime(day, clock, tz=community.tz)
    service.move(ctx, community=community, meeting=meeting, start=start)
    replan(ctx.session, community=community, now=ctx.now)
    ctx.announce(ctx.t("meeting.moved", meeting=fmt_meeting(ctx, meeting)))


def _cancel(ctx: Ctx, parsed: Parsed) -> None:
    community = ctx.need_community()
    number = parsed.number(1)
    meeting = service.by_number(ctx.session, community_id=community.id, number=number)
    when = fmt_meeting(ctx, meeting)
    service.cancel(ctx, community=community, meeting=meeting)
    replan(ctx.session, community=community, now=ctx.now)
    ctx.announce(ctx.t("meeting.cancelled_note", meeting=when))


def _generate(ctx: Ctx, parsed: Parsed) -> None:
    community = ctx.need_community()
    if community.start_date is None:
        raise UsageError("error.no_start")
    notes = service.regenerate(ctx, community=community)
    replan(ctx.session, community=community, now=ctx.now)
    ctx.reply("\n".join(notes) or ctx.t("meeting.none"))


# `theme <n> -` clears a theme (as `-` skips an open question elsewhere).
CLEAR_THEME = ("-", "–", "clear", "wis", "wissen")


def theme(ctx: Ctx, parsed: Parsed) -> None:
    community = ctx.need_community()
    number = parsed.number(0)
    text = check_text(parsed.rest(1))
    meeting = service.by_number(ctx.session, community_id=community.id, number=number)
    if text.lower() in CLEAR_THEME:
        meeting.theme = None
        ctx.reply(ctx.t("meeting.theme_cleared", meeting=fmt_meeting(ctx, meeting)))
        return
    meeting.theme = text[:500]
    ctx.reply(ctx.t("meeting.theme_set", meeting=fmt_meeting(ctx, meeting)))


def pause(ctx: Ctx, parsed: Parsed) -> None:
    community = ctx.need_community()
    first, last = parsed.arg(0), parsed.arg(1)
    if first is None or last is None:
        raise UsageError()
    label = check_text(parsed.rest(2)) if len(parsed.tokens) > 2 else ctx.t("meeting.blackout")
    starts_on, ends_on = parse_date(first), parse_date(last)
    _, clashes = service.add_blackout(
        ctx, community=community, starts_on=starts_on, ends_on=ends_on, label=label
    )
    notes = (
        service.regenerate(ctx, community=community) if any(m.generated for m in clashes) else []
    )
    still = [
        m
        for m in clashes
        if m.status == MeetingStatus.PLANNED.value
        and starts_on <= service.local_date(community, m.starts_at) <= ends_on
    ]
    replan(ctx.session, community=community, now=ctx.now)
    lines = [ctx.t("meeting.blackout_added", start=first, end=last, label=label), *notes[1:]]
    for meeting in still:
        lines.append(ctx.t("meeting.clash", meeting=fmt_meeting(ctx, meeting)))
    ctx.reply("\n".join(lines))


VERBS = [
    Verb(
        "schedule",
        schedule,
        role=Role.PARTICIPANT,
        aliases=("planning", "agenda"),
        sub_roles={
            "add": Role.FACILITATOR,
            "toevoegen": Role.FACILITATOR,
            "move": Role.FACILITATOR,
            "verplaats": Role.FACILITATOR,
            "cancel": Role.FACILITATOR,
            "annuleer": Role.FACILITATOR,
            "generate": Role.ORGANISER,
        },
    ),
    Verb("theme", theme, role=Role.FACILITATOR, aliases=("thema",)),
    Verb("pause", pause, role=Role.ORGANISER, aliases=("pauze", "blackout")),
]
