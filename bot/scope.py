"""Which community an input belongs to, decided once, from what the input carries.

In order: what the input itself is about (the prompt a DM answer or a form fills in, the row a
button's value names: a swap, a buddy group, a community), then the channel it was said in,
and only when nothing says, a guess: the community the person joined last, preferring those
of the place's workspace. A member of two communities who answers the older one's check-in
form thus answers it in the older community, whatever they joined since.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.communities.models import Community
from bot.communities.service import in_channel
from bot.context import Actor, Place
from bot.members.models import Member, Status
from bot.members.profile import follow_platform
from bot.members.service import member_of, memberships_of, primary
from bot.places.models import CommunityPlace
from bot.places.service import in_workspace

# A member's last activity is written when it is older than this: the digest judges activity
# by weeks and cycles, and writing the moment on every input made each read-only command
# update the member's row.
SEEN_WITHIN = timedelta(minutes=5)

if TYPE_CHECKING:
    # bot.handling imports this module (FoundBy): the unit of work's type only.
    from bot.handling import Ctx

# "input": the input named its community; "channel": said in the community's channel;
# "guess": the person's latest membership; None: no community at all.
FoundBy = Literal["input", "channel", "guess"]


@dataclass(frozen=True)
class Scope:
    community: Community | None
    member: Member | None
    found_by: FoundBy | None


def resolve(session: Session, *, actor: Actor, place: Place, about: int | None) -> Scope:
    """The community of an input and the caller's member row in it. ``about`` is the id of
    the community the input names (None when it names none)."""
    if about is not None:
        named = session.get(Community, about)
        # A community that is gone is still what the input was about: no guess instead.
        member = membership(session, community=named, actor=actor) if named else None
        return Scope(named, member, "input")
    if place.kind != "dm":
        # Any of the community's places: its home or a channel linked to it.
        here = in_channel(session, platform=place.platform, channel_id=place.conversation_id)
        if here is not None:
            return Scope(here, membership(session, community=here, actor=actor), "channel")
    community, member = latest_membership(session, actor=actor, place=place)
    return Scope(community, member, "guess" if community is not None else None)


def enter(ctx: Ctx, *, about: int | None) -> None:
    """Find the community and the caller's member row for the unit of work in ``ctx``, and
    note that the member was here."""
    found = resolve(ctx.session, actor=ctx.actor, place=ctx.place, about=about)
    community, member = found.community, found.member
    ctx.community, ctx.member, ctx.found_by = community, member, found.found_by
    actor, place = ctx.actor, ctx.place
    if member is not None:
        last = member.last_active_at
        if last is None or not ctx.now - SEEN_WITHIN < last <= ctx.now:
            member.last_active_at = ctx.now
        # Assigned only when it changed: an equal assignment still makes the row dirty, and
        # a read-only command would then flush a write of nothing.
        name = actor.display_name[:200] if actor.display_name else None
        if name and name != member.display_name and member.status != Status.FORGOTTEN.value:
            member.display_name = name
        # A member with a second account (`link me`) is reached on, and follows, the
        # account they linked it to.
        own = (member.platform, member.user_id) == (actor.platform, actor.user_id)
        if own:
            follow_platform(member, lang=actor.lang, tz=actor.tz)
        if actor.address and place.kind == "dm" and own and member.address != actor.address:
            member.address = actor.address
    # Only a community's own channel says where it posts there: a command in a group chat
    # or another channel of the team must not move it.
    if community is not None and place.address:
        here = ctx.here(community)
        if here is not None and here.address != place.address:
            here.address = place.address


def membership(session: Session, *, community: Community, actor: Actor) -> Member | None:
    """The actor's member row in ``community`` (also a former member's); for a second
    account linked with `link me`, the member it belongs to."""
    found = member_of(
        session, community_id=community.id, platform=actor.platform, user_id=actor.user_id
    )
    return primary(session, found) if found is not None else None


def current_memberships(session: Session, *, actor: Actor) -> list[Member]:
    """The actor's memberships they are still part of (active or away), newest first."""
    return memberships_of(session, platform=actor.platform, user_id=actor.user_id)


def latest_membership(
    session: Session, *, actor: Actor, place: Place | None = None
) -> tuple[Community | None, Member | None]:
    """The guess when nothing says: the community the actor joined last and is still part of,
    one with a place in the place's workspace first (someone in two organisations' tenants
    talks to the one they are in)."""
    members = current_memberships(session, actor=actor)
    if not members:
        return None, None
    ids = {m.community_id for m in members}
    communities = {c.id: c for c in session.scalars(select(Community).where(Community.id.in_(ids)))}
    if place is not None:
        here = set(
            session.scalars(
                select(CommunityPlace.community_id).where(
                    in_workspace(place), CommunityPlace.community_id.in_(ids)
                )
            )
        )
        for member in members:
            if member.community_id in here:
                return communities[member.community_id], member
    return communities[members[0].community_id], members[0]


def workspace_communities(session: Session, *, place: Place) -> list[Community]:
    """The communities with a place in the place's workspace (its tenant or its team),
    oldest first."""
    ids = select(CommunityPlace.community_id).where(in_workspace(place))
    return list(
        session.scalars(select(Community).where(Community.id.in_(ids)).order_by(Community.id))
    )
