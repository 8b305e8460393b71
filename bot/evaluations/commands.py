"""``evaluate`` (re-open your evaluation; facilitators: ``evaluate send``) and ``results``."""

from __future__ import annotations

from bot.commands.parser import Parsed
from bot.commands.registry import NO_ARGS, Verb, up_to
from bot.ctx import Ctx
from bot.errors import Conflict, CopError, UsageError
from bot.evaluations import service
from bot.evaluations.messaging import evaluation_message, label_or_none, summary_message
from bot.meetings.messaging import local_time
from bot.meetings.models import Meeting
from bot.meetings.service import by_number, last_meeting
from bot.members.models import Role

SEND = ("send", "verstuur", "stuur")


def _still_open(ctx: Ctx) -> Meeting:
    """The last meeting, while its evaluation can still be answered."""
    community = ctx.need_community()
    meeting = last_meeting(ctx.session, community_id=community.id, now=ctx.now)
    if meeting is None:
        raise CopError("evaluation.error.no_meeting")
    if service.is_closed(community, meeting, now=ctx.now):
        raise Conflict("evaluation.error.closed", n=meeting.number or "×")
    return meeting


def evaluate(ctx: Ctx, parsed: Parsed) -> None:
    sub = (parsed.arg(0) or "").lower()
    if sub in SEND:
        _send(ctx)
    elif sub:
        raise UsageError()
    else:
        _own(ctx)


def _own(ctx: Ctx) -> None:
    member = ctx.need_member()
    community = ctx.need_community()
    meeting = _still_open(ctx)
    prompt = service.reopen(
        ctx.session, member=member, community=community, meeting=meeting, now=ctx.now
    )
    ctx.reply(evaluation_message(member, community, meeting, prompt_id=prompt.id))


def _send(ctx: Ctx) -> None:
    community = ctx.need_community()
    meeting = _still_open(ctx)
    items = service.open_wave(ctx.session, community=community, meeting=meeting, now=ctx.now)
    for item in items:
        ctx.send(item)
    ctx.reply(ctx.t("evaluation.sent", count=len(items), n=meeting.number or "×"))


def results(ctx: Ctx, parsed: Parsed) -> None:
    community = ctx.need_community()
    if len(parsed.tokens) > 1:
        raise UsageError()
    if parsed.arg(0) is not None:
        meeting = by_number(ctx.session, community_id=community.id, number=parsed.number(0))
    else:
        found = service.last_evaluated(ctx.session, community_id=community.id)
        if found is None:
            raise CopError("evaluation.error.no_results")
        meeting = found
    number = meeting.number or "×"
    if meeting.is_cancelled:
        raise Conflict("evaluation.error.cancelled", n=number)
    if meeting.starts_at > ctx.now:
        raise Conflict(
            "evaluation.error.not_held", n=number, when=local_time(community, meeting.starts_at)
        )
    summary = service.summaries(ctx.session, meeting_ids=[meeting.id])[meeting.id]
    if summary is None:
        count = service.answered_counts(ctx.session, meeting_ids=[meeting.id])[meeting.id]
        raise CopError(
            "evaluation.error.too_few", n=number, count=count, minimum=service.MIN_ANSWERS
        )
    still_open = None
    if not service.is_closed(community, meeting, now=ctx.now):
        still_open = local_time(community, service.close_at(community, meeting))
    following = label_or_none(service.following_meeting(ctx.session, meeting=meeting), community)
    ctx.reply(
        summary_message(
            ctx.lang, number=number, summary=summary, next_label=following, still_open=still_open
        )
    )


VERBS = [
    Verb(
        "evaluate",
        evaluate,
        role=Role.PARTICIPANT,
        aliases=("evalueer", "evaluatie", "evaluation"),
        sub_roles={word: Role.FACILITATOR for word in SEND},
        sub_args={word: NO_ARGS for word in SEND},
    ),
    Verb(
        "results",
        results,
        role=Role.PARTICIPANT,
        aliases=("resultaten", "uitslag"),
        args=up_to(1),
    ),
]
