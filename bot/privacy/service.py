"""my-data and forget-me across every slice that keeps something about a person.

Each slice answers for its own tables through ``bot/<slice>/privacy.py`` with
``export(session, *, member) -> dict``, ``forget(session, *, member, now) -> None`` and, where
it keeps what the person wrote or answered, ``words(session, *, member) -> list[str]``; the
tuple below lists them explicitly. The words (and the person's names and ids) are also taken
out of the messages copbot sent to others, which quote them.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.attendance import privacy as attendance
from bot.buddies import privacy as buddies
from bot.checkins import privacy as checkins
from bot.communities.models import Community
from bot.evaluations import privacy as evaluations
from bot.facilitation import privacy as facilitation
from bot.files import privacy as files
from bot.i18n import t
from bot.invites import privacy as invites
from bot.logbook import privacy as logbook
from bot.members import admission
from bot.members import privacy as members
from bot.members.models import Member, Role, Status
from bot.outbox import privacy as outbox
from bot.places import privacy as places
from bot.prompts import privacy as prompts

logger = logging.getLogger(__name__)


class Export(Protocol):
    def __call__(self, session: Session, *, member: Member) -> dict[str, Any]: ...


class Forget(Protocol):
    def __call__(self, session: Session, *, member: Member, now: datetime) -> None: ...


class Words(Protocol):
    def __call__(self, session: Session, *, member: Member) -> list[str]: ...


def no_words(session: Session, *, member: Member) -> list[str]:
    return []


@dataclass(frozen=True)
class Provider:
    name: str
    export: Export
    forget: Forget
    words: Words = no_words


# Order matters for forget: every slice erases its rows first, and the member row, which
# the others find the person by, is anonymised last.
PROVIDERS = (
    Provider("facilitation", facilitation.export, facilitation.forget),
    Provider("buddies", buddies.export, buddies.forget, buddies.words),
    Provider("checkins", checkins.export, checkins.forget, checkins.words),
    Provider("attendance", attendance.export, attendance.forget),
    Provider("calendar", invites.export, invites.forget),
    Provider("evaluations", evaluations.export, evaluations.forget),
    Provider("logbook", logbook.export, logbook.forget, logbook.words),
    Provider("files", files.export, files.forget),
    Provider("places", places.export, places.forget),
    Provider("prompts", prompts.export, prompts.forget, prompts.words),
    Provider("outbox", outbox.export, outbox.forget),
    Provider("members", members.export, members.forget, members.words),
)


def memberships(session: Session, *, platform: str, user_id: str) -> list[Member]:
    """Every community this person is or was in on this platform (forgotten rows no longer
    carry their user id, so they are never found again), with their other account there
    (`link me`): the member a merged account belongs to, and the accounts merged into it."""
    own = list(
        session.scalars(
            select(Member)
            .where(
                Member.platform == platform,
                Member.user_id == user_id,
                Member.status != Status.FORGOTTEN.value,
            )
            .order_by(Member.joined_at, Member.id)
        )
    )
    ids = {m.id for m in own} | {m.merged_into_id for m in own if m.merged_into_id}
    linked = session.scalars(
        select(Member).where(
            Member.status != Status.FORGOTTEN.value,
            (Member.id.in_(ids)) | (Member.merged_into_id.in_(ids)),
        )
    )
    found = {m.id: m for m in [*own, *linked]}
    # The accounts merged into a member first: forget-me anonymises the member row last.
    return sorted(found.values(), key=lambda m: (m.merged_into_id is None, m.joined_at, m.id))


def export_all(
    session: Session, *, platform: str, user_id: str, members: list[Member], now: datetime
) -> dict[str, Any]:
    """Everything stored about this person: ``members`` are their ``memberships``."""
    names = _community_names(session, members)
    return {
        "platform": platform,
        "user_id": user_id,
        "exported_at": now.isoformat(),
        "memberships": [
            {
                "community": {"id": m.community_id, "name": names.get(m.community_id, "")},
                **{p.name: p.export(session, member=m) for p in PROVIDERS},
            }
            for m in members
        ],
        # Kept by who the person is, before (or without) any membership.
        "admission": admission.export_person(session, platform=platform, user_id=user_id),
    }


def communities_count(
    session: Session, *, platform: str, user_id: str, members: list[Member]
) -> int:
    """In how many communities something is stored about the person (as a member, or as
    someone invited or asking to join)."""
    ids = {m.community_id for m in members}
    return len(ids | admission.communities_of(session, platform=platform, user_id=user_id))


def sole_organiser_of(session: Session, *, members: list[Member]) -> list[str]:
    """Communities where this person is the only active organiser (forgetting them leaves
    the community without one: worth a warning, never a refusal)."""
    organising = [m for m in members if m.role == Role.ORGANISER.value and m.is_active]
    if not organising:
        return []
    others = set(
        session.scalars(
            select(Member.community_id).where(
                Member.community_id.in_([m.community_id for m in organising]),
                Member.role == Role.ORGANISER.value,
                Member.status == Status.ACTIVE.value,
                Member.id.not_in([m.id for m in organising]),
            )
        )
    )
    names = _community_names(session, organising)
    return [names.get(m.community_id, "") for m in organising if m.community_id not in others]


def forget_all(
    session: Session, *, platform: str, user_id: str, members: list[Member], now: datetime
) -> int:
    """Erase this person's personal data in every community on this platform (``members``
    are their ``memberships``); anonymous aggregates stay. Returns in how many communities."""
    count = communities_count(session, platform=platform, user_id=user_id, members=members)
    asked = admission.communities_of(session, platform=platform, user_id=user_id)
    names = admission.names_of(session, platform=platform, user_id=user_id)
    admission.forget_person(session, platform=platform, user_id=user_id)
    for member in members:
        # Their other account (`link me`) is theirs as well: found by its own platform id.
        account = (member.platform, member.user_id)
        if account != (platform, user_id):
            admission.forget_person(session, platform=account[0], user_id=account[1])
        # Read before the slices erase it: the messages to others still quote it.
        traces = _traces(
            session, member=member, platform=account[0], user_id=account[1], names=names
        )
        for provider in PROVIDERS:
            provider.forget(session, member=member, now=now)
        outbox.scrub(
            session,
            traces=traces,
            community_ids=[member.community_id],
            forgotten=f"forgotten-{member.id}",
        )
        logger.info("forgot member %s of community %s", member.id, member.community_id)
    # Invited (members sync) or asked to join without becoming a member: the invitation and
    # the organisers' request messages named them.
    outside = sorted(asked - {m.community_id for m in members})
    if outside:
        community = session.get(Community, outside[0])
        lang = community.lang if community is not None else None
        outbox.scrub(
            session,
            traces=outbox.Traces(
                platform=platform,
                user_id=user_id,
                names=tuple(names),
                words=(),
                former=t(lang, "privacy.former_member"),
                erased=t(lang, "privacy.erased"),
            ),
            community_ids=outside,
            # No member row to number them by; keys stay unique all the same.
            forgotten=f"forgotten-{secrets.token_hex(6)}",
        )
    # SQLite keeps old copies of changed pages in its write-ahead log until a checkpoint:
    # the unit of work asks for one once this is committed.
    session.info["erased"] = True
    session.flush()
    return count


def _traces(
    session: Session, *, member: Member, platform: str, user_id: str, names: list[str]
) -> outbox.Traces:
    community = session.get(Community, member.community_id)
    lang = member.lang or (community.lang if community is not None else None)
    return outbox.Traces(
        platform=platform,
        user_id=user_id,
        names=(member.display_name, *names),
        words=tuple(w for p in PROVIDERS for w in p.words(session, member=member)),
        former=t(community.lang if community else lang, "privacy.former_member"),
        erased=t(community.lang if community else lang, "privacy.erased"),
    )


def _community_names(session: Session, members: list[Member]) -> dict[int, str]:
    ids = sorted({m.community_id for m in members})
    if not ids:
        return {}
    rows = session.execute(select(Community.id, Community.name).where(Community.id.in_(ids)))
    return {community_id: name for community_id, name in rows}
