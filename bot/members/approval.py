"""Joining a closed community: the request, the organisers' Let in / Decline buttons, and
the answer to the person who asked."""

from __future__ import annotations

from bot.commands.parser import parse_id
from bot.commands.registry import Action, community_of
from bot.communities.models import Community
from bot.context import Submission
from bot.errors import Conflict, NotFound, PermissionDenied
from bot.handling import Ctx
from bot.i18n import as_lang, t
from bot.members import admission, service
from bot.members.messaging import lang_of, person
from bot.members.models import JoinRequest, Member, RequestStatus, Role
from bot.messages import Button, Buttons, Message, Person, Text, plain
from bot.outbox.service import Outgoing
from bot.sqlutil import lock_person

APPROVE = "member.approve"
DECLINE = "member.decline"


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
    who = Person(request.platform, request.user_id, request.display_name)
    for organiser in service.organisers(ctx.session, community_id=community.id):
        lang = lang_of(organiser, community)
        text = t(lang, "member.request", who=who, name=community.name)
        ctx.send(
            Outgoing(
                key=f"join_request:{request.id}:{organiser.id}",
                member=organiser,
                community=community,
                message=Message(
                    text=text,
                    blocks=(
                        Text(text),
                        Buttons(
                            (
                                Button(
                                    t(lang, "member.approve_button"),
                                    APPROVE,
                                    str(request.id),
                                    "primary",
                                ),
                                Button(
                                    t(lang, "member.decline_button"),
                                    DECLINE,
                                    str(request.id),
                                    "danger",
                                ),
                            )
                        ),
                    ),
                ),
            )
        )
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
    stamp = int(ctx.now.timestamp())
    ctx.send(
        Outgoing(
            key=f"join_approved:{request.id}:{stamp}",
            member=member,
            community=community,
            message=plain(
                t(lang_of(member, community), "member.request_approved", name=community.name)
            ),
        )
    )
    # Imported here: bot.members.joining asks this module for a closed community's request.
    from bot.members.joining import send_welcome, warn_on_size_change

    send_welcome(ctx, member)
    ctx.send(
        Outgoing(
            key=f"joined:{member.id}:{stamp}",
            community=community,
            message=plain(
                t(community.lang, "member.joined", who=person(member), name=community.name)
            ),
        )
    )
    warn_on_size_change(ctx, community, grew=True)
    ctx.reply(ctx.t("member.request_let_in", who=who, name=community.name))


def decline(ctx: Ctx, submission: Submission) -> None:
    request, community = _decide(ctx, submission, RequestStatus.DECLINED)
    if request is None:
        return
    # Not a member: a row that is never stored carries the address for the outbox.
    guest = Member(
        community_id=community.id,
        platform=request.platform,
        user_id=request.user_id,
        display_name=request.display_name,
        address=request.address,
        tz=request.tz,
        lang=request.lang,
    )
    lang = as_lang(request.lang or community.lang)
    ctx.send(
        Outgoing(
            key=f"join_declined:{request.id}",
            member=guest,
            community=community,
            message=plain(t(lang, "member.request_declined", name=community.name)),
        )
    )
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
