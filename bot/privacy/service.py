"""my-data and forget-me across every slice that keeps something about a person.

Each slice answers for its own tables through ``bot/<slice>/privacy.py`` with
``export(session, *, member) -> dict`` and ``forget(session, *, member) -> None``. The tuple
below lists them explicitly; a slice that is not installed is skipped.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from types import ModuleType
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.communities.models import Community
from bot.members.models import Member, Role, Status

logger = logging.getLogger(__name__)

# Order matters for forget: every slice erases its rows first, and the member row, which
# the others find the person by, is anonymised last.
PROVIDERS: tuple[tuple[str, str], ...] = (
    ("facilitation", "bot.facilitation.privacy"),
    ("buddies", "bot.buddies.privacy"),
    ("checkins", "bot.checkins.privacy"),
    ("evaluations", "bot.evaluations.privacy"),
    ("logbook", "bot.logbook.privacy"),
    ("prompts", "bot.prompts.privacy"),
    ("outbox", "bot.outbox.privacy"),
    ("members", "bot.members.privacy"),
)


@dataclass(frozen=True)
class Provider:
    name: str
    export: Callable[..., dict[str, Any]]
    forget: Callable[..., None]


def providers() -> list[Provider]:
    found: list[Provider] = []
    for name, module_name in PROVIDERS:
        module: ModuleType
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            continue
        found.append(Provider(name, module.export, module.forget))
    return found


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


def export_all(session: Session, *, platform: str, user_id: str, now: datetime) -> dict[str, Any]:
    members = memberships(session, platform=platform, user_id=user_id)
    names = _community_names(session, members)
    found = providers()
    return {
        "platform": platform,
        "user_id": user_id,
        "exported_at": now.isoformat(),
        "memberships": [
            {
                "community": {"id": m.community_id, "name": names.get(m.community_id, "")},
                **{p.name: p.export(session, member=m) for p in found},
            }
            for m in members
        ],
    }


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


def forget_all(session: Session, *, platform: str, user_id: str) -> int:
    """Erase this person's personal data in every community on this platform; anonymous
    aggregates stay. Returns the number of memberships erased."""
    members = memberships(session, platform=platform, user_id=user_id)
    found = providers()
    for member in members:
        for provider in found:
            provider.forget(session, member=member)
        logger.info("forgot member %s of community %s", member.id, member.community_id)
    session.flush()
    return len(members)


def _community_names(session: Session, members: list[Member]) -> dict[int, str]:
    ids = sorted({m.community_id for m in members})
    if not ids:
        return {}
    rows = session.execute(select(Community.id, Community.name).where(Community.id.in_(ids)))
    return {community_id: name for community_id, name in rows}
