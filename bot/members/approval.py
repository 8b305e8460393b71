"""Joining a closed community: the request, the organisers' Let in / Decline buttons, and
the answer to the person who asked."""

from __future__ import annotations

from bot.commands.parser import parse_id
from bot.commands.registry import Action, community_of
from bot.communities.models import Community
from bot.context import Submission
from bot.errors import Conflict, NotFound, PermissionDenied
from bot.handling import Ctx
from bot.members import admission, flows, service
from bot.members.messaging import APPROVE, DECLINE
from bot.members.models import JoinRequest, RequestStatus, Role
from bot.messages import Person
from bot.sqlutil import lock_person


def ask_to_join(ctx: Ctx, community: Community) -> None:
    """``join`` by someone a closed community has not let in yet: ask its organisers."""
    earlier = admission.request_of(ctx.session, community=community, actor=ctx.actor)
    if earlier is not None and earlier.status == RequestStatus.DECLINED.value:
        ctx.reply(ctx.t("member.request_was_declined", name=community.name))
        return
    if earlier is not None:
        ctx.reply(ctx.t("member.request_waiting", name=community.name))
        return
    request = admission.ask(ctx.session, community=community, actor=ctx.actor, now=ctx.now)
    organisers = service.organisers(ctx.session, community_id=community.id)
    for item in flows.requested(community=community, request=request, organisers=organisers):
        ctx.send(item)
    ctx.reply(ctx.t("member.request_sent", name=community.name))


def approve(ctx: Ctx, submission: Submission) -> None:
    request, community = _decide(ctx, submission, RequestStatus.APPROVED)
    if request is None:
        return
    # The newcomer may be typing `join` at this very moment: their inputs wait for this one.
    lock_person(ctx.session, platform=request.platform, user_id=request.user_id)
    who = Person(request.platform, request.user_id, request.display_name)
    try:
        member, _ = service.join(
            ctx.session, community=community, actor=admission.requester(request), now=ctx.now
        )
    except Conflict:  # joined meanwhile (an invitation), nothing more to do
        ctx.reply(ctx.t("member.request_already_in", who=who, name=community.name))
        return
    ctx.send(flows.approved(community=community, request=request, member=member, now=ctx.now))
    # Imported here: bot.members.joining asks this module for a closed community's request.
    from bot.members.joining import send_welcome, warn_on_size_change

    send_welcome(ctx, member)
    ctx.send(flows.joined(community=community, member=member, now=ctx.now))
    warn_on_size_change(ctx, community, grew=True)
    ctx.reply(ctx.t("member.request_let_in", who=who, name=community.name))


def decline(ctx: Ctx, submission: Submission) -> None:
    request, community = _decide(ctx, submission, RequestStatus.DECLINED)
    if request is None:
        return
    ctx.send(flows.declined(community=community, request=request))
    who = Person(request.platform, request.user_id, request.display_name)
    ctx.reply(ctx.t("member.request_turned_down", who=who, name=community.name))


def _decide(
    ctx: Ctx, submission: Submission, status: RequestStatus
) -> tuple[JoinRequest | None, Community]:
    """The request, answered by this organiser; None when another organiser was first. The
    core resolved the request's community from the button: the caller's row there."""
    request_id = parse_id(submission.value)
    request = ctx.session.get(JoinRequest, request_id) if request_id is not None else None
    community, organiser = ctx.community, ctx.member
    if request is None or community is None:
        raise NotFound("member.request_gone")
    if organiser is None or not organiser.is_current or organiser.role != Role.ORGANISER.value:
        raise PermissionDenied("error.permission.organiser")
    if not admission.decide(ctx.session, request=request, status=status, by=organiser, now=ctx.now):
        who = Person(request.platform, request.user_id, request.display_name)
        outcome = ctx.t(f"member.request_status.{request.status}")
        ctx.reply(ctx.t("member.request_answered", who=who, outcome=outcome))
        return None, community
    return request, community


ACTIONS = {
    APPROVE: Action(approve, about=community_of(JoinRequest)),
    DECLINE: Action(decline, about=community_of(JoinRequest)),
}
