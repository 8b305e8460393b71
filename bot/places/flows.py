"""Who hears that a community's places changed, under which idempotency key."""

from __future__ import annotations

from datetime import datetime

from bot.communities.models import Community
from bot.i18n import t
from bot.members.messaging import lang_of, person
from bot.members.models import Member
from bot.messages import Message, plain
from bot.outbox.service import Outgoing
from bot.places.models import CommunityPlace


def linked(
    *, community: Community, place: CommunityPlace, where: str, by: Member, count: int, lang: str
) -> Outgoing:
    """Every other place of the community hears that ``place`` joined it."""
    return Outgoing(
        key=f"linked:{community.id}:{place.id}",
        community=community,
        skip_place=place.id,
        message=plain(
            t(
                lang,
                "link.linked_elsewhere",
                name=community.name,
                where=where,
                who=person(by),
                count=count,
            )
        ),
    )


def farewell(*, place: CommunityPlace, message: Message) -> Outgoing:
    """The place being unlinked hears it, said elsewhere."""
    return Outgoing(key=f"unlinked:{place.id}", place=place, message=message)


def unlinked(
    *, community: Community, place: CommunityPlace, here: CommunityPlace | None, message: Message
) -> Outgoing:
    """The community's other places hear that ``place`` left (not where it was said)."""
    return Outgoing(
        key=f"unlinked:{community.id}:{place.id}",
        community=community,
        skip_place=here.id if here is not None else None,
        message=message,
    )


def person_code(*, community: Community, member: Member, code: str, now: datetime) -> Outgoing:
    """`link me`'s code, to the member's own DM: only the owner of that account sees it."""
    return Outgoing(
        key=f"link-me:{member.id}:{int(now.timestamp())}",
        member=member,
        community=community,
        message=plain(
            t(lang_of(member, community), "link.me_code", code=code, name=community.name)
        ),
    )
