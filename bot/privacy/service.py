"""my-data and forget-me across every slice that keeps something about a person.

Each slice answers for its own tables through ``bot/<slice>/privacy.py`` with
``export(session, *, member) -> dict``, ``forget(session, *, member, now) -> None`` and, where
it keeps what the person wrote or answered, ``words(session, *, member) -> list[str]``, and
declares them (``bot.slice.Privacy``). The words (and the person's names and ids) are also taken
out of the messages copbot sent to others, which quote them.
"""

from __future__ import annotations

import logging
import secrets
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from bot import slices
from bot.communities.service import communities_by_ids, community_by_id
from bot.i18n import t
from bot.members import admission
from bot.members.models import Member, Role
from bot.members.service import organised_by_others
from bot.outbox import privacy as outbox
from bot.slice import Privacy

logger = logging.getLogger(__name__)


def providers() -> list[Privacy]:
    """What each slice keeps about a person, in the order forget-me erases it: the
    features' rows in the order of the slices, then the base's in reverse, so the member
    row, by which the others find the person, is anonymised last."""
    features = [s.privacy for s in slices.features() if s.privacy is not None]
    base = [s.privacy for s in reversed(slices.base()) if s.privacy is not None]
    return features + base


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
                **{p.name: p.export(session, member=m) for p in providers()},
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
    others = organised_by_others(
        session,
        community_ids=[m.community_id for m in organising],
        besides=[m.id for m in organising],
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
        for provider in providers():
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
        community = community_by_id(session, community_id=outside[0])
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
    community = community_by_id(session, community_id=member.community_id)
    lang = member.lang or (community.lang if community is not None else None)
    return outbox.Traces(
        platform=platform,
        user_id=user_id,
        names=(member.display_name, *names),
        words=tuple(w for p in providers() for w in p.words(session, member=member)),
        former=t(community.lang if community else lang, "privacy.former_member"),
        erased=t(community.lang if community else lang, "privacy.erased"),
    )


def _community_names(session: Session, members: list[Member]) -> dict[int, str]:
    ids = sorted({m.community_id for m in members})
    if not ids:
        return {}
    return {c.id: c.name for c in communities_by_ids(session, community_ids=ids)}
