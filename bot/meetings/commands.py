"""schedule (list/add/move/cancel/generate/confirm/discard), theme, pause (list/add/remove)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from bot.commands.parser import Parsed, check_text, parse_date, parse_local_datetime
from bot.commands.registry import ANY_ARGS, NO_ARGS, Args, Verb, exactly
from bot.errors import UsageError
from bot.events import MeetingAdded, MeetingCancelled, MeetingMoved, publish
from bot.handling import Ctx
from bot.i18n import t
from bot.meetings import confirm, school, service
from bot.meetings.changes import plan_series
from bot.meetings.models import Blackout, Meeting, MeetingStatus
from bot.members.models import Role
from bot.messages import Header, Message, Text
from bot.timed.planner import replan
from bot.timed.status import upcoming_lines

CONFIRM_WORDS = ("confirm", "bevestig", "bevestigen")
DISCARD_WORDS = ("discard", "verwerp", "laat")


def fmt_meeting(ctx: Ctx, meeting: Meeting, *, lang: str | None = None) -> str:
    """'3. 2027-03-04 10:00 · theme (cancelled)', in ``lang`` (default: the caller's)."""
    community = ctx.need_community()
    local = meeting.starts_at.astimezone(ZoneInfo(community.tz))
    when = local.strftime("%Y-%m-%d %H:%M")
    theme = f" · {meeting.theme}" if meeting.theme else ""
    state = (
        ""
        if meeting.status == MeetingStatus.PLANNED.value
        else f" ({t(lang or ctx.lang, 'meeting.' + meeting.status)})"
    )
    return f"{meeting.number}. {when}{theme}{state}"


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
        "genereer": _generate,
        **dict.fromkeys(CONFIRM_WORDS, _confirm),
        **dict.fromkeys(DISCARD_WORDS, _discard),
    }.get(sub)
    if handler is None:
        raise UsageError()
    handler(ctx, parsed)


def _list(ctx: Ctx, parsed: Parsed) -> None:
    community = ctx.need_community()
    meetings = service.meetings_of(ctx.session, community_id=community.id)
    title = ctx.t("meeting.schedule_title", name=community.name, tz=community.tz)
    ahead = [m for m in meetings if m.starts_at > ctx.now]
    notes = school.marks(ctx.session, community=community, meetings=ahead, lang=ctx.lang)
    lines = [
        f"{fmt_meeting(ctx, m)} {notes[m.id]}" if m.id in notes else fmt_meeting(ctx, m)
        for m in meetings
    ] or [ctx.t("meeting.none")]
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
    if day is None or clock is None or len(parsed.tokens) > 3:
        raise UsageError()
    start = parse_local_datetime(day, clock, tz=community.tz)
    meeting = service.add(ctx, community=community, start=start)
    replan(ctx.session, community=community, now=ctx.now)
    ctx.reply(
        "\n".join(
            [ctx.t("meeting.added", meeting=fmt_meeting(ctx, meeting)), *_school(ctx, meeting)]
        )
    )
    publish(ctx.session, MeetingAdded(community, meeting, ctx.now), send=ctx.send)


def _move(ctx: Ctx, parsed: Parsed) -> None:
    community = ctx.need_community()
    number = parsed.number(1)
    day, clock = parsed.arg(2), parsed.arg(3)
    if day is None or clock is None or len(parsed.tokens) > 4:
        raise UsageError()
    meeting = service.by_number(ctx.session, community_id=community.id, number=number)
    before = fmt_meeting(ctx, meeting, lang=ctx.channel_lang)
    was = meeting.starts_at
    start = parse_local_datetime(day, clock, tz=community.tz)
    service.move(ctx, community=community, meeting=meeting, start=start)
    replan(ctx.session, community=community, now=ctx.now)
    after = fmt_meeting(ctx, meeting, lang=ctx.channel_lang)
    ctx.announce(ctx.channel_t("meeting.moved", before=before, meeting=after))
    warned = _school(ctx, meeting)
    if warned:
        ctx.reply("\n".join(warned))
    publish(ctx.session, MeetingMoved(community, meeting, was, ctx.now), send=ctx.send)


def _school(ctx: Ctx, meeting: Meeting) -> list[str]:
    """Warnings for a meeting in a school holiday of members' regions (to the editor only)."""
    return school.warnings(
        ctx.session,
        community=ctx.need_community(),
        moments=[(meeting.number, meeting.starts_at)],
        lang=ctx.lang,
    )


def _cancel(ctx: Ctx, parsed: Parsed) -> None:
    community = ctx.need_community()
    if len(parsed.tokens) > 2:
        raise UsageError()
    number = parsed.number(1)
    meeting = service.by_number(ctx.session, community_id=community.id, number=number)
    service.cancel(ctx, community=community, meeting=meeting)
    replan(ctx.session, community=community, now=ctx.now)
    when = fmt_meeting(ctx, meeting, lang=ctx.channel_lang)
    ctx.announce(ctx.channel_t("meeting.cancelled_note", meeting=when))
    publish(ctx.session, MeetingCancelled(community, meeting, ctx.now), send=ctx.send)


def _generate(ctx: Ctx, parsed: Parsed) -> None:
    community = ctx.need_community()
    if community.start_date is None:
        raise UsageError("error.no_start")
    plan = plan_series(
        ctx.session,
        community=community,
        blackouts=service.blackouts_of(ctx.session, community_id=community.id),
        now=ctx.now,
        lang=ctx.lang,
    )
    result = confirm.settle(ctx, plan=plan, command=parsed.text)
    if result is not None:
        replan(ctx.session, community=community, now=ctx.now)
        ctx.reply("\n".join(result[0]))


def _confirm(ctx: Ctx, parsed: Parsed) -> None:
    confirm.run_confirmed(ctx, confirm.latest_pending(ctx))


def _discard(ctx: Ctx, parsed: Parsed) -> None:
    confirm.discard(ctx, confirm.latest_pending(ctx))


# `theme <n> -` clears a theme (as `-` skips an open question elsewhere).
CLEAR_THEME = ("-", "–", "clear", "wis", "wissen")


def theme(ctx: Ctx, parsed: Parsed) -> None:
    community = ctx.need_community()
    number = parsed.number(0)
    text = check_text(parsed.rest(1))
    meeting = service.by_number(ctx.session, community_id=community.id, number=number)
    meeting.sequence += 1  # calendars show the theme
    if text.lower() in CLEAR_THEME:
        meeting.theme = None
        ctx.reply(ctx.t("meeting.theme_cleared", meeting=fmt_meeting(ctx, meeting)))
        return
    meeting.theme = text[:500]
    ctx.reply(ctx.t("meeting.theme_set", meeting=fmt_meeting(ctx, meeting)))


# -- pauses ---------------------------------------------------------------------------------

LIST_WORDS = ("list", "lijst")
REMOVE_WORDS = ("remove", "verwijder", "delete", "weg")


def pause(ctx: Ctx, parsed: Parsed) -> None:
    sub = (parsed.arg(0) or "").lower()
    if sub in ("", *LIST_WORDS):
        _pauses(ctx, parsed)
    elif sub in REMOVE_WORDS:
        _remove_pause(ctx, parsed)
    else:
        _add_pause(ctx, parsed)


def fmt_pause(blackout: Blackout) -> str:
    return f"{blackout.number}. {blackout.starts_on.isoformat()} – {blackout.ends_on.isoformat()} · {blackout.label}"


def _pauses(ctx: Ctx, parsed: Parsed) -> None:
    community = ctx.need_community()
    if len(parsed.tokens) > 1:
        raise UsageError()
    pauses = service.blackouts_of(ctx.session, community_id=community.id)
    title = ctx.t("meeting.pauses_title", name=community.name)
    body = "\n".join(fmt_pause(b) for b in pauses) or ctx.t("meeting.pauses_none")
    hint = ctx.t("meeting.pauses_hint")
    ctx.reply(
        Message(text=f"{title}\n{body}\n{hint}", blocks=(Header(title), Text(body), Text(hint)))
    )


def _add_pause(ctx: Ctx, parsed: Parsed) -> None:
    community = ctx.need_community()
    ctx.require(Role.ORGANISER)
    first, last = parsed.arg(0), parsed.arg(1)
    if first is None:
        raise UsageError()
    if not first[:1].isdigit():
        # `pause zomervakantie zuid 2027`: a region's school holiday in one command.
        holiday = school.pause_for(
            parsed.args, today=service.local_date(community, ctx.now), lang=ctx.lang
        )
        starts_on, ends_on, label = holiday.first, holiday.last, holiday.label
    else:
        if last is None:
            raise UsageError()
        label = check_text(parsed.rest(2)) if len(parsed.tokens) > 2 else ctx.t("meeting.blackout")
        starts_on, ends_on = parse_date(first), parse_date(last)
    blackout = service.new_blackout(
        ctx.session, community=community, starts_on=starts_on, ends_on=ends_on, label=label
    )
    pauses = [*service.blackouts_of(ctx.session, community_id=community.id), blackout]
    plan = plan_series(
        ctx.session, community=community, blackouts=pauses, now=ctx.now, lang=ctx.lang
    )
    result = confirm.settle(ctx, plan=plan, command=parsed.text)
    if result is None:
        return
    ctx.session.add(blackout)
    ctx.session.flush()
    replan(ctx.session, community=community, now=ctx.now)
    lines = [
        ctx.t(
            "meeting.blackout_added",
            n=blackout.number,
            start=starts_on.isoformat(),
            end=ends_on.isoformat(),
            label=label,
        )
    ]
    if plan.changes_anything:
        lines.extend(result[0])
    else:
        lines.extend(result[0][1:])  # the shift notes, without "the schedule stays as it is"
    for meeting in service.clashes(
        ctx.session, community=community, blackout=blackout, now=ctx.now
    ):
        lines.append(ctx.t("meeting.clash", meeting=fmt_meeting(ctx, meeting)))
    ctx.reply("\n".join(lines))


def _remove_pause(ctx: Ctx, parsed: Parsed) -> None:
    community = ctx.need_community()
    if len(parsed.tokens) != 2:
        raise UsageError()
    blackout = service.blackout_by_number(
        ctx.session,
        community_id=community.id,
        number=parsed.number(1, unknown="error.no_such_pause"),
    )
    pauses = [
        b for b in service.blackouts_of(ctx.session, community_id=community.id) if b is not blackout
    ]
    plan = plan_series(
        ctx.session, community=community, blackouts=pauses, now=ctx.now, lang=ctx.lang
    )
    result = confirm.settle(ctx, plan=plan, command=parsed.text)
    if result is None:
        return
    ctx.session.delete(blackout)
    ctx.session.flush()
    replan(ctx.session, community=community, now=ctx.now)
    lines = [ctx.t("meeting.blackout_removed", pause=fmt_pause(blackout))]
    lines.extend(result[0] if plan.changes_anything else result[0][1:])
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
            "genereer": Role.ORGANISER,
            **dict.fromkeys(CONFIRM_WORDS, Role.ORGANISER),
            **dict.fromkeys(DISCARD_WORDS, Role.ORGANISER),
        },
        sub_args={
            "list": NO_ARGS,
            "add": exactly(2),
            "toevoegen": exactly(2),
            "move": exactly(3),
            "verplaats": exactly(3),
            "cancel": exactly(1),
            "annuleer": exactly(1),
            "generate": NO_ARGS,
            "genereer": NO_ARGS,
            **dict.fromkeys(CONFIRM_WORDS, NO_ARGS),
            **dict.fromkeys(DISCARD_WORDS, NO_ARGS),
        },
    ),
    Verb("theme", theme, role=Role.FACILITATOR, aliases=("thema",), args=Args(2, None)),
    # Listing pauses is for everyone; adding and removing them is the organiser's.
    Verb(
        "pause",
        pause,
        role=Role.PARTICIPANT,
        aliases=("pauze", "blackout"),
        sub_roles=dict.fromkeys(REMOVE_WORDS, Role.ORGANISER),
        # `pause` alone lists them, `pause <from> <to> [label]` adds one.
        args=ANY_ARGS,
        sub_args={
            **dict.fromkeys(LIST_WORDS, NO_ARGS),
            **dict.fromkeys(REMOVE_WORDS, exactly(1)),
        },
    ),
]

ACTIONS = confirm.ACTIONS
