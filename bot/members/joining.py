"""Joining a community: `join` typed in its channel or in a private chat, and the Join button.

In the community's channel `join` joins that community (in a channel without one, there is
nothing to join). Typed in the private chat (the 1:1 chat with copbot, the Slack DM) the
person's workspace decides: with one community there, it is joined; with several, copbot
offers those the person can join as buttons. However one joins, the channel hears who joined
(through the outbox when it was not said there), in the community's language.
"""

from __future__ import annotations

from bot.commands.parser import Parsed
from bot.commands.registry import Action, community_named
from bot.communities.models import SIZE_RANGE, Community
from bot.context import Submission
from bot.errors import Conflict, InvalidInput, NoCommunity, NotFound
from bot.events import Welcoming, ask
from bot.handling import Ctx
from bot.meetings.service import meetings_of
from bot.members import admission, approval, flows, service
from bot.members.messaging import person, welcome
from bot.members.models import Member
from bot.members.prompts import start_intake
from bot.messages import Button, Buttons, Message, Text
from bot.scope import current_memberships, workspace_communities

JOIN_ACTION = "member.join"


def join(ctx: Ctx, parsed: Parsed) -> None:
    community = ctx.community
    if community is not None and ctx.found_by == "channel":
        join_or_ask(ctx, community)
        return
    if ctx.place.kind != "dm":
        # A channel without a community: joining means this channel, which has none.
        raise NoCommunity()
    # In the private chat the person's latest community is no answer: the workspace is.
    choices = workspace_communities(ctx.session, place=ctx.place)
    if not choices:
        raise NoCommunity("member.join_none")
    if len(choices) == 1:
        ctx.community = choices[0]  # its answers speak the community's language
        join_or_ask(ctx, choices[0])
        return
    mine = {m.community_id for m in current_memberships(ctx.session, actor=ctx.actor)}
    if all(c.id in mine for c in choices):
        raise Conflict("member.join_all_already")
    # Offered are the communities the person may join at once; a closed one they were not
    # invited to is asked for in its channel, where its organisers can see who asks.
    offered = [
        c
        for c in choices
        if c.id not in mine and admission.may_join(ctx.session, community=c, actor=ctx.actor)
    ]
    if not offered:
        raise InvalidInput("member.join_closed_here")
    text = ctx.t("member.join_choose", count=len(offered))
    buttons = tuple(Button(c.name, JOIN_ACTION, str(c.id)) for c in offered)
    ctx.reply(Message(text=text, blocks=(Text(text), Buttons(buttons))))


def join_or_ask(ctx: Ctx, community: Community) -> None:
    """Join ``community``, or ask its organisers when it is closed to the caller."""
    if ctx.member is not None and ctx.member.community_id == community.id and ctx.member.is_current:
        raise Conflict("error.already_member")
    if not admission.may_join(ctx.session, community=community, actor=ctx.actor):
        approval.ask_to_join(ctx, community)
        return
    enter(ctx, community)


def join_button(ctx: Ctx, submission: Submission) -> None:
    """The Join button of an invitation, or one of the communities `join` offered (the core
    resolved the community from the button). Only an invitation or an open door lets in: a
    value naming any other community is answered like one that does not exist."""
    community = ctx.community
    if community is None or not admission.may_join(
        ctx.session, community=community, actor=ctx.actor
    ):
        ctx.community = None  # an outsider learns nothing of it, not even its language
        raise NotFound("error.not_invited")
    enter(ctx, community)


def enter(ctx: Ctx, community: Community) -> Member:
    """Make the caller a member of ``community``: welcome and intake by DM, the newcomer
    announced in the channel (in the community's language), organisers warned when the size
    leaves its range."""
    ctx.community = community
    member, _ = service.join(
        ctx.session, community=community, actor=ctx.actor, now=ctx.now, team_id=ctx.place.team_id
    )
    ctx.member = member
    send_welcome(ctx, member)
    ctx.announce(ctx.channel_t("member.joined", who=person(member), name=community.name))
    if not ctx.in_channel_of(community):
        # The announcement went to the channel: the newcomer hears here that it worked.
        ctx.reply(ctx.t("member.joined_you", name=community.name))
    warn_on_size_change(ctx, community, grew=True)
    return member


def send_welcome(ctx: Ctx, member: Member) -> None:
    """The newcomer's welcome and the first intake question, as DMs."""
    community = ctx.need_community()
    message = welcome(
        member=member,
        community=community,
        meetings=meetings_of(ctx.session, community_id=community.id),
        now=ctx.now,
        adds=ask(ctx.session, Welcoming(community, member, ctx.now)),
    )
    ctx.send(flows.welcome(community=community, member=member, message=message, now=ctx.now))
    start_intake(ctx, member)


def warn_on_size_change(ctx: Ctx, community: Community, *, grew: bool) -> None:
    """Tell the organisers once, when a join or leave takes the group out of 8-25; warning
    at every further join would be noise, and a group still growing towards 8 is normal."""
    size = service.current_count(ctx.session, community_id=community.id)
    low, high = SIZE_RANGE
    if size != (high + 1 if grew else low - 1):
        return
    organisers = service.organisers(ctx.session, community_id=community.id)
    for item in flows.size_crossed(
        community=community, organisers=organisers, size=size, now=ctx.now
    ):
        ctx.send(item)


ACTIONS = {JOIN_ACTION: Action(join_button, about=community_named)}
