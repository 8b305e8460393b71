"""Asking the organiser before a change of the series moves or drops what people decided.

A change that touches a theme, facilitators, answers or a date chosen by hand is not made:
copbot shows what it would do and stores the command as a ``PendingChange``. Confirming (the
button, or typing `schedule confirm`) runs the command again; when it still does exactly
what was shown (the plan's fingerprint), it is made, otherwise the new plan is shown and
asked about instead.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import select, update

from bot.commands import parser
from bot.commands.parser import parse_id
from bot.commands.registry import Action, community_of, role_needed, verbs
from bot.context import Submission
from bot.errors import Conflict, NotFound, PermissionDenied
from bot.events import SeriesChanged, publish
from bot.handling import Ctx
from bot.meetings.changes import SeriesPlan, apply_plan, next_number
from bot.meetings.messaging import describe_plan, describe_stakes
from bot.meetings.models import Meeting, PendingChange
from bot.meetings.school import warnings
from bot.members.models import Role
from bot.messages import Button, Buttons, Message, Text

CONFIRM = "schedule.confirm"
DISCARD = "schedule.discard"
# A question left unanswered for a day is stale: the schedule may have moved on.
PENDING_FOR = timedelta(days=1)
PENDING, CONFIRMED, DISCARDED, SUPERSEDED = "pending", "confirmed", "discarded", "superseded"


def settle(
    ctx: Ctx, *, plan: SeriesPlan, command: str, undo: Callable[[], None] | None = None
) -> tuple[list[str], list[Meeting]] | None:
    """Make the planned change, or ask first when it moves or drops decided things.

    Returns the lines describing what was done and the meetings made; None when the
    organiser was asked (then ``undo`` has reverted whatever the caller changed already).
    """
    fingerprint = plan.fingerprint()
    first_number = next_number(ctx.session, community_id=plan.community.id)
    lines = describe_plan(plan, lang=ctx.lang, first_number=first_number)
    # School holidays of members' regions, for every meeting the change moves or makes.
    moments = [(move.meeting.number, move.after) for move in plan.moves] + [
        (first_number + offset, start) for offset, (_, start) in enumerate(plan.new)
    ]
    lines.extend(warnings(ctx.session, community=plan.community, moments=moments, lang=ctx.lang))
    if plan.needs_confirmation and ctx.confirmed != fingerprint:
        if ctx.confirmed is not None:
            lines.insert(0, ctx.t("meeting.confirm_changed"))
        lines.append(describe_stakes(plan, lang=ctx.lang))
        if undo is not None:
            undo()
        ask(ctx, command=command, fingerprint=fingerprint, lines=lines)
        return None
    # The caller re-plans the timed work once, after whatever else the command changes.
    made = apply_plan(ctx.session, plan=plan, now=ctx.now)
    if plan.changes_anything:
        changed = SeriesChanged(
            plan.community, len(plan.moves), len(made), len(plan.dropped), ctx.now
        )
        publish(ctx.session, changed, send=ctx.send)
    return lines, made


def ask(ctx: Ctx, *, command: str, fingerprint: str, lines: list[str]) -> None:
    community, member = ctx.need_community(), ctx.need_member()
    # A newer question replaces this organiser's older one: only the latest can be confirmed.
    ctx.session.execute(
        update(PendingChange)
        .where(
            PendingChange.community_id == community.id,
            PendingChange.member_id == member.id,
            PendingChange.status == PENDING,
        )
        .values(status=SUPERSEDED)
        .execution_options(synchronize_session=False)
    )
    change = PendingChange(
        community_id=community.id,
        member_id=member.id,
        command=command[: parser.MAX_COMMAND_LENGTH],
        fingerprint=fingerprint,
        status=PENDING,
        created_at=ctx.now,
    )
    ctx.session.add(change)
    ctx.session.flush()
    question = ctx.t("meeting.confirm_question")
    body = "\n".join(lines)
    value = str(change.id)
    ctx.reply(
        Message(
            text=f"{body}\n{question}",
            blocks=(
                Text(body),
                Text(question),
                Buttons(
                    (
                        Button(ctx.t("meeting.confirm_button"), CONFIRM, value, "primary"),
                        Button(ctx.t("meeting.discard_button"), DISCARD, value, "danger"),
                    )
                ),
            ),
        )
    )


def latest_pending(ctx: Ctx) -> PendingChange:
    """The caller's open question in this community (for a typed `schedule confirm`)."""
    community, member = ctx.need_community(), ctx.need_member()
    change = ctx.session.scalars(
        select(PendingChange)
        .where(
            PendingChange.community_id == community.id,
            PendingChange.member_id == member.id,
            PendingChange.status == PENDING,
        )
        .order_by(PendingChange.id.desc())
    ).first()
    if change is None:
        raise NotFound("meeting.confirm_none")
    return change


def run_confirmed(ctx: Ctx, change: PendingChange) -> None:
    """Run the stored command again, as confirmed."""
    if change.status != PENDING or change.created_at + PENDING_FOR < ctx.now:
        raise Conflict("meeting.confirm_stale")
    change.status = CONFIRMED
    parsed = parser.parse(change.command)
    verb = verbs().get(parsed.verb)
    if verb is None:  # pragma: no cover - only schedule commands are stored
        raise Conflict("meeting.confirm_stale")
    needed = role_needed(verb, parsed)
    if needed is not None:
        ctx.require(needed)
    ctx.confirmed = change.fingerprint
    verb.handler(ctx, parsed)


def discard(ctx: Ctx, change: PendingChange) -> None:
    if change.status != PENDING:
        raise Conflict("meeting.confirm_stale")
    change.status = DISCARDED
    ctx.reply(ctx.t("meeting.discarded"))


def _from_button(ctx: Ctx, submission: Submission) -> PendingChange:
    """The change a button names; the core resolved its community from the button, so the
    clicker's member row is the one there."""
    number = parse_id(submission.value)
    change = ctx.session.get(PendingChange, number) if number is not None else None
    if change is None:
        raise NotFound("meeting.confirm_none")
    if ctx.community is None or ctx.member is None or not ctx.member.is_current:
        raise PermissionDenied("error.permission.organiser")
    ctx.require(Role.ORGANISER)
    return change


def confirm_button(ctx: Ctx, submission: Submission) -> None:
    run_confirmed(ctx, _from_button(ctx, submission))


def discard_button(ctx: Ctx, submission: Submission) -> None:
    discard(ctx, _from_button(ctx, submission))


ACTIONS = {
    CONFIRM: Action(confirm_button, about=community_of(PendingChange)),
    DISCARD: Action(discard_button, about=community_of(PendingChange)),
}
