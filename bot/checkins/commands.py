"""``checkin``: your own check-in for the next meeting; ``checkin send`` / ``checkin summary``
for facilitators."""

from __future__ import annotations

from bot.attendance.messaging import head_count_line
from bot.attendance.service import head_count
from bot.checkins import flows, service
from bot.checkins.messaging import checkin_message, summary_lines
from bot.checkins.prompts import answer_text
from bot.commands.parser import Parsed, check_text
from bot.commands.registry import ANY_ARGS, Verb
from bot.errors import CopError
from bot.evaluations.service import topics_before
from bot.handling import Ctx
from bot.meetings.messaging import meeting_label
from bot.meetings.models import Meeting
from bot.meetings.service import by_number, next_meeting
from bot.members.models import Role

SEND = ("send", "verstuur", "stuur")
SUMMARY = ("summary", "samenvatting", "overzicht")


def _next(ctx: Ctx) -> Meeting:
    community = ctx.need_community()
    meeting = next_meeting(ctx.session, community_id=community.id, now=ctx.now)
    if meeting is None:
        raise CopError("checkin.error.no_meeting")
    return meeting


def checkin(ctx: Ctx, parsed: Parsed) -> None:
    sub = (parsed.arg(0) or "").lower()
    if sub in SEND and len(parsed.tokens) == 1:
        _send(ctx)
    elif sub in SUMMARY and len(parsed.tokens) <= 2:
        _summary(ctx, parsed)
    elif sub:
        # Anything else is the check-in itself: `checkin I bring the case of Mrs J.`
        _own(ctx, answer=check_text(parsed.rest(0)))
    else:
        _own(ctx)


def _own(ctx: Ctx, *, answer: str | None = None) -> None:
    member = ctx.need_member()
    community = ctx.need_community()
    meeting = _next(ctx)
    prompt = service.reopen(ctx.session, member=member, meeting=meeting, now=ctx.now)
    if answer is None:
        ctx.reply(checkin_message(member, community, meeting, prompt_id=prompt.id))
        return
    # Answered as if replied to the question: with an open experiment, its question follows.
    answer_text(ctx, prompt, answer)


def _send(ctx: Ctx) -> None:
    community = ctx.need_community()
    meeting = _next(ctx)
    items = flows.open_wave(ctx.session, community=community, meeting=meeting, now=ctx.now)
    for item in items:
        ctx.send(item)
    ctx.reply(ctx.t("checkin.sent", count=len(items), meeting=meeting_label(community, meeting)))


def _summary(ctx: Ctx, parsed: Parsed) -> None:
    community = ctx.need_community()
    if parsed.arg(1) is not None:
        meeting = by_number(ctx.session, community_id=community.id, number=parsed.number(1))
    else:
        meeting = _next(ctx)
    found = service.summary(ctx.session, meeting_id=meeting.id)
    lines = (
        []
        if found is None
        else summary_lines(ctx.lang, meeting=found[0], answers=found[1], missing=found[2])
    )
    counts = head_count(ctx.session, community=community, meeting=meeting)
    lines.insert(1, head_count_line(ctx.lang, counts))
    # What the evaluation of the meeting before this one suggested (preparation input).
    topics = topics_before(ctx.session, meeting=meeting, now=ctx.now)
    if topics:
        lines.append(ctx.t("checkin.summary_topics") + "\n" + "\n".join(f"• {x}" for x in topics))
    ctx.reply("\n".join(lines))


FACILITATOR_SUBS = {word: Role.FACILITATOR for word in (*SEND, *SUMMARY)}

VERBS = [
    Verb(
        "checkin",
        checkin,
        role=Role.PARTICIPANT,
        aliases=("inchecken", "check-in"),
        sub_roles=FACILITATOR_SUBS,
        # `checkin <text>` is the check-in itself: whatever follows is the answer.
        args=ANY_ARGS,
    )
]
