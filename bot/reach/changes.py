"""What copbot does when something happens to a workspace, a place or a person.

The adapters translate the platforms' lifecycle events (an app uninstalled, a channel archived,
someone joining a channel, a deactivated account) into ``bot.context.Change``; ``CHANGES`` maps
each kind to its handler. No platform words here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace

from bot.communities.models import Community
from bot.communities.service import communities_by_ids, community_by_id
from bot.context import Change
from bot.errors import InvalidInput
from bot.handling import Ctx
from bot.i18n import t
from bot.inbound import (
    clean_actor,
    clean_id,
    clean_optional,
    clean_optional_id,
    clean_place,
    clean_text,
)
from bot.members import service as members
from bot.members.models import Member, Status
from bot.members.profile import follow_platform
from bot.members.roster import invite_people
from bot.outbox.rows import first_event, forget_events
from bot.places.models import CommunityPlace
from bot.places.service import places_in
from bot.reach import flows
from bot.reach.models import Scope
from bot.reach.service import Released, hold, move_place, release

logger = logging.getLogger(__name__)

Handler = Callable[[Ctx, Change], None]
REASONS = ("archived", "deleted", "removed")


def places_of(ctx: Ctx, change: Change) -> list[CommunityPlace]:
    """The community places the change is about: its channel, or else every one of its
    workspace (a Teams team archived or removed concerns all its channels)."""
    return places_in(
        ctx.session,
        platform=change.platform,
        channel_id=change.place_id,
        team_id=change.workspace_id,
    )


def communities_of(ctx: Ctx, change: Change) -> list[Community]:
    """The communities with a place the change is about."""
    ids = {place.community_id for place in places_of(ctx, change)}
    return communities_by_ids(ctx.session, community_ids=ids)


def tell_organisers(ctx: Ctx, community: Community, key: str, text: Callable[[str], str]) -> None:
    for item in flows.organisers_told(ctx.session, community=community, key=key, text=text):
        ctx.send(item)


def _back(ctx: Ctx, community: Community, released: Released, key: str) -> None:
    def text(lang: str) -> str:
        said = t(lang, "reach.back", name=community.name, count=released.sent)
        if released.dropped:
            said += " " + t(lang, "reach.dropped", count=released.dropped)
        return said

    tell_organisers(ctx, community, key, text)


def _stamp(ctx: Ctx) -> int:
    return int(ctx.now.timestamp())


# -- the app in a workspace --------------------------------------------------------------
def workspace_removed(ctx: Ctx, change: Change) -> None:
    """Uninstalled, token revoked, team deleted: nothing can be sent there, so nothing is
    tried. Its organisers hear where copbot stood once it is back."""
    if not change.workspace_id:
        return
    if hold(ctx.session, platform=change.platform, scope=Scope.WORKSPACE,
            key=change.workspace_id, reason=change.reason or "removed", now=ctx.now):  # fmt: skip
        logger.warning("%s workspace %s: copbot removed (%s); holding what waits for it",
                       change.platform, change.workspace_id, change.reason)  # fmt: skip
    _forget_hellos(ctx, change)


def workspace_restored(ctx: Ctx, change: Change) -> None:
    if not change.workspace_id:
        return
    released = release(ctx.session, platform=change.platform, scope=Scope.WORKSPACE,
                       key=change.workspace_id, now=ctx.now)  # fmt: skip
    if released is None:
        return
    logger.info("%s workspace %s is back: %d held messages released",
                change.platform, change.workspace_id, released.sent)  # fmt: skip
    ctx.session.flush()
    for community in communities_of(ctx, replace(change, place_id=None)):
        _back(ctx, community, released, f"back:{community.id}:{_stamp(ctx)}")


# -- a channel or group chat -------------------------------------------------------------
def place_gone(ctx: Ctx, change: Change) -> None:
    """Archived, deleted, or copbot taken out: announcements wait, organisers are told."""
    reason = change.reason if change.reason in REASONS else "removed"
    for place in places_of(ctx, change):
        community = community_by_id(ctx.session, community_id=place.community_id)
        if community is None or not hold(ctx.session, platform=change.platform,
                                         scope=Scope.PLACE, key=place.channel_id, reason=reason,
                                         now=ctx.now):  # fmt: skip
            continue

        def text(lang: str, name: str = community.name) -> str:
            return t(lang, "reach.place_gone", name=name, why=t(lang, f"reach.why.{reason}"))

        tell_organisers(ctx, community, f"gone:{community.id}:{place.id}:{_stamp(ctx)}", text)
    if change.place_id:
        _forget_hellos(ctx, change)


def place_restored(ctx: Ctx, change: Change) -> None:
    """copbot can post there again (added again, unarchived, restored). Added where no
    community lives yet, it introduces itself once."""
    if change.workspace_id:
        # Being added to a channel of a team also proves the app is installed there.
        workspace_restored(ctx, change)
    found = places_of(ctx, change)
    for place in found:
        community = community_by_id(ctx.session, community_id=place.community_id)
        released = release(ctx.session, platform=change.platform, scope=Scope.PLACE,
                           key=place.channel_id, now=ctx.now)  # fmt: skip
        if released is not None and community is not None:
            _back(ctx, community, released, f"back:{community.id}:{place.id}:{_stamp(ctx)}")
    if change.reason == "added" and change.place_id and not found and _first_hello(ctx, change):
        ctx.announce(t(change.lang, "help.outside"))


def _hello_key(change: Change) -> str:
    return f"hello:{change.workspace_id or '-'}:{change.place_id or '-'}"


def _first_hello(ctx: Ctx, change: Change) -> bool:
    """Teams sends both an installation update and a members-added update when the app is
    added: one introduction is enough."""
    return first_event(ctx.session, platform=change.platform, key=_hello_key(change), now=ctx.now)


def _forget_hellos(ctx: Ctx, change: Change) -> None:
    """Removed from there: when copbot is added again, it introduces itself again."""
    if not change.place_id:
        forget_events(
            ctx.session, platform=change.platform, starts=f"hello:{change.workspace_id or '-'}:"
        )
    else:
        forget_events(
            ctx.session, platform=change.platform, starts="hello:", ends=f":{change.place_id}"
        )


def place_moved(ctx: Ctx, change: Change) -> None:
    if not change.place_id or not change.new_place_id:
        return
    for place in places_of(ctx, change):
        place.channel_id = change.new_place_id
    move_place(ctx.session, platform=change.platform, old=change.place_id,
               new=change.new_place_id)  # fmt: skip


# -- people --------------------------------------------------------------------------------
def joined_place(ctx: Ctx, change: Change) -> None:
    """A newcomer in the channel is invited by DM, as ``members sync`` does."""
    if change.actor is None:
        return
    for community in communities_of(ctx, change):
        invite_people(ctx, community=community, people=[change.actor])


def left_place(ctx: Ctx, change: Change) -> None:
    """Someone who leaves the channel is asked whether to leave the community too."""
    if change.actor is None:
        return
    for community in communities_of(ctx, change):
        member = _member(ctx, community, change.platform, change.actor.user_id)
        if member is None or not member.is_current:
            continue
        ctx.send(flows.left(community=community, member=member, now=ctx.now))


def person_changed(ctx: Ctx, change: Change) -> None:
    """A new time zone moves their quiet hours and a new locale their language (unless they
    chose their own); a new name is shown from now on. An account that is active again gets
    its DMs again."""
    actor = change.actor
    if actor is None:
        return
    for member in _rows(ctx, change):
        if member.status == Status.FORGOTTEN.value:
            continue
        follow_platform(member, lang=actor.lang, tz=actor.tz)
        if actor.display_name:
            member.display_name = actor.display_name[:200]
    person_back(ctx, change)


def person_gone(ctx: Ctx, change: Change) -> None:
    """A deactivated account (or copbot removed from their own chat): no more DMs."""
    if change.actor is not None:
        hold(ctx.session, platform=change.platform, scope=Scope.PERSON,
             key=change.actor.user_id, reason=change.reason or "deactivated", now=ctx.now)  # fmt: skip


def person_back(ctx: Ctx, change: Change) -> None:
    if change.actor is not None:
        release(ctx.session, platform=change.platform, scope=Scope.PERSON,
                key=change.actor.user_id, now=ctx.now)  # fmt: skip


def _rows(ctx: Ctx, change: Change) -> list[Member]:
    assert change.actor is not None
    return members.memberships_of(
        ctx.session, platform=change.platform, user_id=change.actor.user_id, current=False
    )


def _member(ctx: Ctx, community: Community, platform: str, user_id: str) -> Member | None:
    return members.member_of(
        ctx.session, community_id=community.id, platform=platform, user_id=user_id
    )


CHANGES: dict[str, Handler] = {
    "workspace_removed": workspace_removed,
    "workspace_restored": workspace_restored,
    "place_gone": place_gone,
    "place_restored": place_restored,
    "place_moved": place_moved,
    "joined_place": joined_place,
    "left_place": left_place,
    "person_changed": person_changed,
    "person_gone": person_gone,
    "person_back": person_back,
}


def storable_change(change: Change) -> Change | None:
    """The change with its ids as the database can hold them, or None when an id holds a
    character no real id has (a NUL): such a change cannot be about anything copbot knows."""
    try:
        return replace(
            change,
            platform=clean_id(change.platform),
            workspace_id=clean_optional_id(change.workspace_id),
            place_id=clean_optional_id(change.place_id),
            new_place_id=clean_optional_id(change.new_place_id),
            actor=clean_actor(change.actor) if change.actor is not None else None,
            place=clean_place(change.place) if change.place is not None else None,
            reason=clean_text(change.reason),
            lang=clean_optional(change.lang),
        )
    except InvalidInput:
        return None


def apply_change(ctx: Ctx, change: Change) -> None:
    CHANGES[change.kind](ctx, change)
