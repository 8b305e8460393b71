"""Create and configure communities."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from functools import cache
from typing import Any

from sqlalchemy import Select, bindparam, inspect, select
from sqlalchemy.orm import Session

from bot.communities.models import SIZE_RANGE, Community
from bot.communities.settings import DUTCH_KEYS, KEYS, SCHEDULE_KEYS, check_trajectory
from bot.context import Actor, Place
from bot.errors import Conflict, InvalidInput, UsageError
from bot.members.models import Member
from bot.members.service import add_founder
from bot.places.models import CommunityPlace
from bot.places.service import add_place, community_at
from bot.sqlutil import get_by_id, remembered


def in_channel(session: Session, *, platform: str, channel_id: str) -> Community | None:
    """The community one of whose channels (places) this is, if any: one query for the
    place and its community, which every input said in a channel asks (the two apart were
    an eighth of answering ``/cop status``)."""
    return remembered(
        session,
        ("in_channel", platform, channel_id),
        lambda: session.scalars(
            _in_channel(), {"platform": platform, "channel": channel_id}
        ).first(),
        kinds=(Community, CommunityPlace),
    )


@cache
def _in_channel() -> Select[Community]:
    return select(Community).where(Community.id == community_at())


def create(
    session: Session, *, name: str, place: Place, founder: Actor, now: datetime, lang: str | None
) -> tuple[Community, Member]:
    """A community bound to this channel; the founder becomes organiser and facilitator."""
    if place.kind == "dm" or not place.bot_present:
        raise Conflict("error.setup_in_dm")
    exists = in_channel(session, platform=place.platform, channel_id=place.conversation_id)
    if exists is not None:
        raise Conflict("error.already_setup", name=exists.name)
    community = Community(
        name=name[:200],
        created_at=now,
        lang=lang if lang in ("nl", "en") else "nl",
    )
    session.add(community)
    session.flush()
    try:
        add_place(session, community=community, place=place, now=now, home=True)
    except Conflict:
        # Two set-ups of one channel at the same moment: the second meets the first's place.
        raise Conflict("error.already_setup", name=name[:200]) from None
    founder_member = add_founder(
        session, community=community, founder=founder, team_id=place.team_id, now=now
    )
    return community, founder_member


def configure(community: Community, *, pairs: list[tuple[str, str]], today: date) -> set[str]:
    """Apply ``key=value`` pairs all-or-nothing; returns the canonical keys changed.
    ``today`` is the community's local date (a start may not lie before it)."""
    if not pairs:
        raise UsageError()
    resolved = []
    for raw_key, value in pairs:
        key = DUTCH_KEYS.get(raw_key.lower(), raw_key.lower())
        if key not in KEYS:
            raise InvalidInput("error.bad_key", key=raw_key, keys=", ".join(sorted(KEYS)))
        if not value.strip():
            raise InvalidInput("error.empty_value", key=raw_key)
        resolved.append((key, value))
    for key, value in resolved:
        KEYS[key].apply(community, value, today)
    check_trajectory(community)
    return {key for key, _ in resolved}


def snapshot(community: Community) -> dict[str, Any]:
    """The community's settings as they are, to put back with ``restore``."""
    return {attr.key: getattr(community, attr.key) for attr in inspect(Community).column_attrs}


def restore(community: Community, saved: dict[str, Any]) -> None:
    for key, value in saved.items():
        setattr(community, key, value)


def split_pairs(tokens: list[str]) -> list[tuple[str, str]]:
    pairs = []
    for token in tokens:
        key, sep, value = token.partition("=")
        if not sep or not key:
            raise InvalidInput("error.bad_pair", token=token[:60])
        pairs.append((key.strip(), value.strip()))
    return pairs


def touches_schedule(keys: set[str]) -> bool:
    return bool(keys & SCHEDULE_KEYS)


def size_warning(size: int) -> bool:
    low, high = SIZE_RANGE
    return size < low or size > high


# -- lookups for the other slices (they read communities only through these) ----------------
def community_by_id(session: Session, *, community_id: int | None) -> Community | None:
    """The community with this id (from the session when loaded already: no query)."""
    if community_id is None:
        return None
    return get_by_id(session, Community, community_id, _community_by_id())


@cache
def _community_by_id() -> Select[Community]:
    return select(Community).where(Community.id == bindparam("id"))


def communities_by_ids(session: Session, *, community_ids: Iterable[int]) -> list[Community]:
    """These communities, in one query, by id."""
    ids = sorted(set(community_ids))
    if not ids:
        return []
    return list(
        session.scalars(select(Community).where(Community.id.in_(ids)).order_by(Community.id))
    )


def all_community_ids(session: Session) -> list[int]:
    """Every community's id, oldest first (``copbot migrate`` replans them all)."""
    return list(session.scalars(select(Community.id).order_by(Community.id)))
