"""Who is told what about members, under which idempotency key: the rules come from
``service``, ``admission`` and ``followup``, the words from ``messaging``."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.communities.models import Community
from bot.i18n import as_lang, t
from bot.members.messaging import (
    intake_question,
    intake_reminder,
    invitation,
    join_request,
    lang_of,
    person,
    role_told,
)
from bot.members.models import JoinRequest, Member
from bot.messages import Message, Person, plain
from bot.outbox.service import Outgoing
from bot.prompts.models import Prompt


def _stamp(now: datetime) -> int:
    return int(now.timestamp())


def welcome(*, community: Community, member: Member, message: Message, now: datetime) -> Outgoing:
    """The newcomer's welcome, as a DM."""
    return Outgoing(
        key=f"welcome:{member.id}:{_stamp(now)}", member=member, community=community,
        message=message,
    )  # fmt: skip


def intake(*, community: Community, member: Member, prompt: Prompt, now: datetime) -> Outgoing:
    """The first question of the member's intake, as a DM."""
    return Outgoing(
        key=f"intake:{member.id}:{_stamp(now)}",
        member=member,
        community=community,
        message=intake_question(member, community, prompt_id=prompt.id, step=prompt.step),
    )


def intake_reminders(
    *, community: Community, reminded: Sequence[tuple[Member, Prompt]]
) -> list[Outgoing]:
    """One reminder per unfinished intake, ever (``bot.members.followup.remind``)."""
    return [
        Outgoing(
            key=f"intake_reminder:{member.id}",
            member=member,
            community=community,
            message=intake_reminder(member, community, prompt=prompt),
        )
        for member, prompt in reminded
    ]


def size_crossed(
    *, community: Community, organisers: Sequence[Member], size: int, now: datetime
) -> list[Outgoing]:
    """The organisers hear once that a join or leave took the group out of its range."""
    return [
        Outgoing(
            key=f"size:{community.id}:{size}:{_stamp(now)}",
            member=organiser,
            community=community,
            message=plain(
                t(
                    lang_of(organiser, community),
                    "community.size_crossed",
                    name=community.name,
                    size=size,
                )
            ),
        )
        for organiser in organisers
    ]


def role_changed(
    *, community: Community, member: Member, role: str, by: Member, now: datetime
) -> Outgoing:
    """Someone given a new role by another hears it from whom."""
    return Outgoing(
        key=f"role:{member.id}:{role}:{_stamp(now)}",
        member=member,
        community=community,
        message=role_told(member=member, community=community, by=by),
    )


def invited(*, community: Community, guest: Member) -> Outgoing:
    """An invitation with a Join button, once per person and community: a second sync, or
    someone leaving and joining the channel again, does not invite twice. ``guest`` is a row
    that is never stored: the outbox needs a member row for the address."""
    return Outgoing(
        key=f"invite:{community.id}:{guest.platform}:{guest.user_id}",
        member=guest,
        community=community,
        message=invitation(community),
    )


def requested(
    *, community: Community, request: JoinRequest, organisers: Sequence[Member]
) -> list[Outgoing]:
    """A closed community's organisers are asked to let someone in (Let in / Decline)."""
    who = Person(request.platform, request.user_id, request.display_name)
    return [
        Outgoing(
            key=f"join_request:{request.id}:{organiser.id}",
            member=organiser,
            community=community,
            message=join_request(lang_of(organiser, community), community, who=who,
                                 request_id=request.id),
        )
        for organiser in organisers
    ]  # fmt: skip


def approved(
    *, community: Community, request: JoinRequest, member: Member, now: datetime
) -> Outgoing:
    """The person let in hears it."""
    return Outgoing(
        key=f"join_approved:{request.id}:{_stamp(now)}",
        member=member,
        community=community,
        message=plain(
            t(lang_of(member, community), "member.request_approved", name=community.name)
        ),
    )


def joined(*, community: Community, member: Member, now: datetime) -> Outgoing:
    """The community's places hear who joined (let in by an organiser, said elsewhere)."""
    return Outgoing(
        key=f"joined:{member.id}:{_stamp(now)}",
        community=community,
        message=plain(t(community.lang, "member.joined", who=person(member), name=community.name)),
    )


def declined(*, community: Community, request: JoinRequest) -> Outgoing:
    """The person turned down hears it; not a member, so a row that is never stored carries
    the address for the outbox."""
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
    return Outgoing(
        key=f"join_declined:{request.id}",
        member=guest,
        community=community,
        message=plain(t(lang, "member.request_declined", name=community.name)),
    )
