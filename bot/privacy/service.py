"""my-data and forget-me across every slice that keeps something about a person.

Each slice answers for its own tables through ``bot/<slice>/privacy.py`` with
``export(session, *, member) -> dict`` and ``forget(session, *, member) -> None``; the tuple
below lists them explicitly.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.buddies import privacy as buddies
from bot.checkins import privacy as checkins
from bot.communities.models import Community
from bot.evaluations import privacy as evaluations
from bot.facilitation import privacy as facilitation
from bot.files import privacy as files
from bot.logbook import privacy as logbook
from bot.members import admission
from bot.members import privacy as members
from bot.members.models import Member, Role, Status
from bot.outbox import privacy as outbox
from bot.prompts import privacy as prompts

logger = logging.getLogger(__name__)


class Export(Protocol):
    def __call__(self, session: Session, *, member: Member) -> dict[str, Any]: ...


class Forget(Protocol):
    def __call__(self, session: Session, *, member: Member, now: datetime) -> None: ...


@dataclass(frozen=True)
class Provider:
    name: str
    export: Export
    forget: Forget


# Order matters for forget: every slice erases its rows first, and the member row, which
# the others find the person by, is anonymised last.
PROVIDERS = (
    Provider("facilitation", facilitation.export, facilitation.forget),
    Provider("buddies", buddies.export, buddies.forget),
    Provider("checkins", checkins.export, checkins.forget),
    Provider("evaluations", evaluations.export, evaluations.forget),
    Provider("logbook", logbook.export, logbook.forget),
    Provider("files", files.export, files.forget),
    Provider("prompts", prompts.export, prompts.forget),
    Provider("outbox", outbox.export, outbox.forget),
    Provider("members", members.export, members.forget),
)


def memberships(session: Session, *, platform: str, user_id: str) -> list[Member]:
    """Every community this person is or was in on this platform (forgotten rows no longer
    carry their user id, so they are never found again)."""
    return list(
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
    admission.forget_person(session, platform=platform, user_id=user_id)
    for member in members:
        for provider in PROVIDERS:
            provider.forget(session, member=member, now=now)
        logger.info("forgot member %s of community %s", member.id, member.community_id)
    session.flush()
    return count


def _community_names(session: Session, members: list[Member]) -> dict[int, str]:
    ids = sorted({m.community_id for m in members})
    if not ids:
        return {}
    rows = session.execute(select(Community.id, Community.name).where(Community.id.in_(ids)))
    return {community_id: name for community_id, name in rows}
