"""facilitators, rotate, swap, pass; and the swap confirm/decline buttons."""

from __future__ import annotations

from bot.commands.parser import Parsed, parse_number
from bot.commands.registry import Action, Args, Verb, community_of, exactly, up_to
from bot.communities.models import Community
from bot.context import Submission
from bot.errors import Conflict, PermissionDenied, UsageError
from bot.facilitation import flows, service, swaps
from bot.facilitation.messaging import (
    pair_text,
    role_name,
    roles_text,
)
from bot.facilitation.models import SwapRequest
from bot.handling import Ctx
from bot.i18n import as_lang, t
from bot.meetings.messaging import meeting_label
from bot.meetings.models import Meeting
from bot.meetings.service import active_meetings, by_number, meeting_by_id, next_meeting
from bot.members.messaging import person
from bot.members.models import Member, Role
from bot.members.service import member_by_id, members_by_ids, wake_paused
from bot.messages import Header, Message, Text

UPCOMING_SHOWN = 6


def _meeting(ctx: Ctx, number: str | None) -> Meeting:
    """Meeting ``<n>``, or the next one when no number is given."""
    community = ctx.need_community()
    if number is not None:
        return by_number(ctx.session, community_id=community.id, number=parse_number(number))
    meeting = next_meeting(ctx.session, community_id=community.id, now=ctx.now)
    if meeting is None:
        raise Conflict("error.facilitation.no_next_meeting")
    return meeting


def _channel_lang(community: Community) -> str:
    return as_lang(community.lang)


def facilitators(ctx: Ctx, parsed: Parsed) -> None:
    community = ctx.need_community()
    meetings = [
        m
        for m in active_meetings(ctx.session, community_id=community.id)
        if service.is_upcoming(m, now=ctx.now)
    ][:UPCOMING_SHOWN]
    if not meetings:
        ctx.reply(ctx.t("facilitation.list_none"))
        return
    found = service.facilitators_for(ctx.session, meeting_ids=[m.id for m in meetings])
    lines = []
    for meeting in meetings:
        pair = roles_text(ctx.lang, found.get(meeting.id, {}))
        lines.append(f"• {meeting_label(community, meeting)}: {pair}")
    mode = ctx.t(f"facilitation.mode.{community.facilitation}")
    title = ctx.t("facilitation.list_title", name=community.name)
    body = "\n".join(lines)
    ctx.reply(
        Message(
            text=f"{title}\n{body}\n{mode}",
            blocks=(Header(title), Text(body), Text(mode)),
        )
    )


def rotate(ctx: Ctx, parsed: Parsed) -> None:
    """Choose (again) the facilitators of the next meeting, or of meeting <n>, right now."""
    community = ctx.need_community()
    meeting = _meeting(ctx, parsed.arg(0))
    wake_paused(ctx.session, community=community, now=ctx.now)
    outcome = service.assign_for_meeting(
        ctx.session, community=community, meeting=meeting, now=ctx.now, force=True
    )
    if not outcome.complete:
        raise Conflict("error.facilitation.too_few")
    flows.notify(outcome, community=community, send=ctx.send)
    key = "facilitation.rotated" if outcome.added else "facilitation.rotated_same"
    ctx.reply(
        ctx.t(key, meeting=meeting_label(community, meeting), pair=pair_text(ctx.lang, outcome))
    )


def swap(ctx: Ctx, parsed: Parsed) -> None:
    community = ctx.need_community()
    caller = ctx.need_member()
    number, first, second = parsed.arg(0), parsed.arg(1), parsed.arg(2)
    if number is None or first is None or second is None or len(parsed.tokens) > 3:
        raise UsageError()
    meeting = by_number(ctx.session, community_id=community.id, number=parse_number(number))
    giver, taker = ctx.find_member(first), ctx.find_member(second)
    if caller.id != giver.id and caller.role_enum.rank < Role.FACILITATOR.rank:
        raise PermissionDenied("error.facilitation.swap_permission")
    request = swaps.request_swap(
        ctx.session,
        community=community,
        meeting=meeting,
        from_member=giver,
        to_member=taker,
        by=caller,
        now=ctx.now,
    )
    for item in flows.swap_requested(
        community=community, meeting=meeting, swap=request, giver=giver, taker=taker, by=caller
    ):
        ctx.send(item)
    ctx.reply(
        ctx.t(
            "facilitation.swap.requested",
            giver=person(giver),
            taker=person(taker),
            role=role_name(ctx.lang, request.role),
            n=meeting.number or "-",
        )
    )


def pass_turn(ctx: Ctx, parsed: Parsed) -> None:
    community = ctx.need_community()
    caller = ctx.need_member()
    if parsed.arg(0) is None or len(parsed.tokens) > 2:
        raise UsageError()
    meeting = _meeting(ctx, parsed.arg(0))
    who = caller
    if parsed.arg(1) is not None:
        who = ctx.find_member(parsed.arg(1) or "")
        if who.id != caller.id:
            ctx.require(Role.FACILITATOR)
    role, outcome = service.pass_turn(
        ctx.session, community=community, meeting=meeting, member=who, now=ctx.now
    )
    taker = outcome.member(role)
    taker_name = person(taker) if taker is not None else "?"
    lang = _channel_lang(community)
    note = t(
        lang,
        "facilitation.pass.note",
        who=person(who),
        taker=taker_name,
        role=role_name(lang, role),
    )
    flows.notify(outcome, community=community, send=ctx.send, note=note)
    if who.id != caller.id:
        ctx.send(
            flows.passed_by_other(
                community=community,
                meeting=meeting,
                who=who,
                by=caller,
                taker=taker_name,
                now=ctx.now,
            )
        )
    # Typed for someone else, it means "that person cannot come", not "I cannot".
    ctx.reply(
        ctx.t(
            "facilitation.pass.done" if who.id == caller.id else "facilitation.pass.done_other",
            n=meeting.number or "-",
            who=person(who),
            taker=taker_name,
            role=role_name(ctx.lang, role),
        )
    )


# -- swap buttons ---------------------------------------------------------------------------


def _swap_party(ctx: Ctx, submission: Submission) -> tuple[SwapRequest, Member, Community]:
    """The swap and the clicker's member row in its community (the core resolved the swap's
    community from the button)."""
    request = swaps.pending_swap_for(ctx.session, swap_id=submission.value)
    community, member = ctx.community, ctx.member
    if community is None or member is None or not member.is_current:
        raise PermissionDenied("error.facilitation.swap_not_yours")
    if member.id not in (request.from_member_id, request.to_member_id):
        raise PermissionDenied("error.facilitation.swap_not_yours")
    return request, member, community


def confirm_swap(ctx: Ctx, submission: Submission) -> None:
    request, member, community = _swap_party(ctx, submission)
    result = swaps.confirm_swap(ctx.session, swap=request, member=member, now=ctx.now)
    if result.stale:
        ctx.reply(ctx.t("facilitation.swap.stale"))
        return
    if not result.done:
        waiting = person(result.waiting_for) if result.waiting_for else "?"
        ctx.reply(ctx.t("facilitation.swap.waiting", who=waiting))
        return
    meeting = meeting_by_id(ctx.session, meeting_id=request.meeting_id)
    giver = member_by_id(ctx.session, member_id=request.from_member_id)
    taker = member_by_id(ctx.session, member_id=request.to_member_id)
    if meeting is None or giver is None or taker is None:  # pragma: no cover - rows cascade
        raise Conflict("error.facilitation.swap_expired")
    outcome = service.current_outcome(ctx.session, community=community, meeting=meeting)
    lang = _channel_lang(community)
    note = t(
        lang,
        "facilitation.swap.done_note",
        giver=person(giver),
        taker=person(taker),
        role=role_name(lang, request.role),
    )
    flows.notify(outcome, community=community, send=ctx.send, note=note)
    ctx.reply(ctx.t("facilitation.swap.done", meeting=meeting_label(community, meeting)))


def decline_swap(ctx: Ctx, submission: Submission) -> None:
    request, member, community = _swap_party(ctx, submission)
    swaps.decline_swap(ctx.session, swap=request, now=ctx.now)
    meeting = meeting_by_id(ctx.session, meeting_id=request.meeting_id)
    others = {request.from_member_id, request.to_member_id, request.requested_by_id} - {
        member.id,
        None,
    }
    people = members_by_ids(ctx.session, member_ids=(m for m in others if m is not None))
    if meeting is not None:
        for item in flows.swap_declined(
            community=community,
            meeting=meeting,
            swap=request,
            readers=list(people),
            decliner=member,
        ):
            ctx.send(item)
    ctx.reply(ctx.t("facilitation.swap.declined"))


VERBS = [
    Verb("facilitators", facilitators, role=Role.PARTICIPANT, aliases=("facilitatoren",)),
    Verb("rotate", rotate, role=Role.FACILITATOR, aliases=("rouleer", "rouleren"), args=up_to(1)),
    # Anyone may ask to hand over their own turn; the handler checks the rest.
    Verb("swap", swap, role=Role.PARTICIPANT, aliases=("ruil", "ruilen"), args=exactly(3)),
    Verb(
        "pass",
        pass_turn,
        role=Role.PARTICIPANT,
        aliases=("overdragen", "verhinderd"),
        args=Args(1, 2),
    ),
]

ACTIONS = {
    "swap.confirm": Action(confirm_swap, about=community_of(SwapRequest)),
    "swap.decline": Action(decline_swap, about=community_of(SwapRequest)),
}
