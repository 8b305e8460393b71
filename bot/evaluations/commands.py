"""``evaluate`` (re-open your evaluation; facilitators: ``evaluate send``, ``evaluate close``)
and ``results``."""

from __future__ import annotations

from bot.commands.parser import Parsed, parse_id
from bot.commands.registry import NO_ARGS, Action, Verb, community_of, up_to
from bot.context import Submission
from bot.errors import Conflict, CopError, NotFound, UsageError
from bot.evaluations import flows, results, service
from bot.evaluations.messaging import evaluation_message, label_or_none, summary_message
from bot.handling import Ctx
from bot.meetings.messaging import local_time
from bot.meetings.models import Meeting
from bot.meetings.service import by_number, last_meeting, meeting_by_id
from bot.members.models import Role
from bot.messages import Button, Buttons, Message, Text

SEND = ("send", "verstuur", "stuur")
CLOSE = ("close", "sluit", "sluiten")
CLOSE_ACTION = "evaluation.close"


def _last(ctx: Ctx) -> Meeting:
    community = ctx.need_community()
    meeting = last_meeting(ctx.session, community_id=community.id, now=ctx.now)
    if meeting is None:
        raise CopError("evaluation.error.no_meeting")
    return meeting


def _still_open(ctx: Ctx) -> Meeting:
    """The last meeting, while its evaluation can still be answered."""
    community = ctx.need_community()
    meeting = _last(ctx)
    if results.is_closed(ctx.session, community=community, meeting=meeting, now=ctx.now):
        raise Conflict("evaluation.error.closed", n=meeting.number or "×")
    return meeting


def evaluate(ctx: Ctx, parsed: Parsed) -> None:
    sub = (parsed.arg(0) or "").lower()
    if sub in SEND:
        _send(ctx)
    elif sub in CLOSE:
        _close(ctx, _last(ctx))
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
    items = flows.open_wave(ctx.session, community=community, meeting=meeting, now=ctx.now)
    for item in items:
        ctx.send(item)
    ctx.reply(ctx.t("evaluation.sent", count=len(items), n=meeting.number or "×"))


def _close(ctx: Ctx, meeting: Meeting) -> None:
    """Close the evaluation early (enough answered) and share its results now."""
    community = ctx.need_community()
    results.close_early(ctx.session, community=community, meeting=meeting, now=ctx.now)
    for item in flows.closing_messages(
        ctx.session, community=community, meeting=meeting, now=ctx.now
    ):
        ctx.send(item)
    ctx.reply(ctx.t("evaluation.closed_now", n=meeting.number or "×"))


def close_button(ctx: Ctx, submission: Submission) -> None:
    """The button under an open evaluation's `results`: the same as `evaluate close`, for
    the meeting it names (the core took the community from it)."""
    meeting_id = parse_id(submission.value)
    meeting = meeting_by_id(ctx.session, meeting_id=meeting_id)
    if meeting is None:
        raise NotFound("error.prompt_closed")
    ctx.require(Role.FACILITATOR)
    _close(ctx, meeting)


def results_verb(ctx: Ctx, parsed: Parsed) -> None:
    community = ctx.need_community()
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
    count = service.answered_counts(ctx.session, meeting_ids=[meeting.id])[meeting.id]
    if not results.is_closed(ctx.session, community=community, meeting=meeting, now=ctx.now):
        _while_open(ctx, meeting, count=count)
        return
    summary = results.summaries(
        ctx.session, community=community, meeting_ids=[meeting.id], now=ctx.now
    )[meeting.id]
    if summary is None:
        raise CopError(
            "evaluation.error.too_few", n=number, count=count, minimum=community.min_answers
        )
    following = label_or_none(service.following_meeting(ctx.session, meeting=meeting), community)
    ctx.reply(summary_message(ctx.lang, number=number, summary=summary, next_label=following))


def _while_open(ctx: Ctx, meeting: Meeting, *, count: int) -> None:
    """No figures while answers still come in: each new one would show in the change."""
    community = ctx.need_community()
    until = local_time(
        community, results.closed_at(ctx.session, community=community, meeting=meeting)
    )
    text = ctx.t("evaluation.still_open", n=meeting.number or "×", until=until, count=count)
    member = ctx.member
    may_close = member is not None and member.role_enum.rank >= Role.FACILITATOR.rank
    if not (may_close and count >= community.min_answers):
        ctx.reply(text)
        return
    hint = ctx.t("evaluation.can_close")
    button = Button(ctx.t("evaluation.close_button"), CLOSE_ACTION, str(meeting.id), "primary")
    ctx.reply(Message(text=f"{text}\n{hint}", blocks=(Text(text), Text(hint), Buttons((button,)))))


VERBS = [
    Verb(
        "evaluate",
        evaluate,
        role=Role.PARTICIPANT,
        aliases=("evalueer", "evaluatie", "evaluation"),
        sub_roles={word: Role.FACILITATOR for word in (*SEND, *CLOSE)},
        sub_args={word: NO_ARGS for word in (*SEND, *CLOSE)},
    ),
    Verb(
        "results",
        results_verb,
        role=Role.PARTICIPANT,
        aliases=("resultaten", "uitslag"),
        args=up_to(1),
    ),
]

ACTIONS = {CLOSE_ACTION: Action(close_button, about=community_of(Meeting))}
