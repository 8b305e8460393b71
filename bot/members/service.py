"""Join, leave, roles, holidays (away/back)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime
from functools import cache
from zoneinfo import ZoneInfo

from sqlalchemy import (
    ColumnElement,
    ColumnExpressionArgument,
    Select,
    bindparam,
    exists,
    func,
    select,
    update,
)
from sqlalchemy.orm import Session

from bot.communities.models import Community
from bot.context import Actor
from bot.errors import Conflict, PermissionDenied
from bot.members.models import Member, Role, Status
from bot.members.profile import follow_platform
from bot.sqlutil import by_community, table_of


def member_of(session: Session, *, community_id: int, platform: str, user_id: str) -> Member | None:
    """Someone's member row in a community (also a former member's): the one lookup by
    (community, platform, user)."""
    return session.scalars(
        _member_of(), {"community": community_id, "platform": platform, "user": user_id}
    ).first()


@cache
def _member_of() -> Select[Member]:
    # Every input asks it: built once with bind parameters (building the expression costs
    # more than running it).
    return (
        select(Member)
        .where(
            Member.community_id == bindparam("community"),
            Member.platform == bindparam("platform"),
            Member.user_id == bindparam("user"),
        )
        .limit(1)
    )


def memberships_of(
    session: Session, *, platform: str, user_id: str, current: bool = True
) -> list[Member]:
    """Someone's member rows in every community, newest first; ``current``: only those they
    are still part of (active or away), an account merged into a member (`link me`) standing
    for that member."""
    query = select(Member).where(Member.platform == platform, Member.user_id == user_id)
    if not current:
        return list(session.scalars(query.order_by(Member.joined_at.desc(), Member.id.desc())))
    reachable = [Status.ACTIVE.value, Status.PAUSED.value, Status.MERGED.value]
    rows = session.scalars(
        query.where(Member.status.in_(reachable)).order_by(
            Member.joined_at.desc(), Member.id.desc()
        )
    )
    found: dict[int, Member] = {}
    for row in rows:
        member = primary(session, row)
        if member.is_current:
            found.setdefault(member.id, member)
    return list(found.values())


def primary(session: Session, member: Member) -> Member:
    """The member a row stands for: itself, or the member a merged account belongs to."""
    if member.status == Status.MERGED.value and member.merged_into_id is not None:
        return session.get(Member, member.merged_into_id) or member
    return member


# The lookups every timed job of a community makes, each statement built once: building and
# keying a select on every call cost more than running it (a due wave of a thousand
# communities makes thousands of these calls).
@cache
def _current() -> Select[Member]:
    return (
        select(Member)
        .where(
            Member.community_id == bindparam("community_id"),
            Member.status.in_([Status.ACTIVE.value, Status.PAUSED.value]),
        )
        .order_by(Member.display_name, Member.id)
    )


@cache
def _in_roles() -> Select[Member]:
    return (
        select(Member)
        .where(
            Member.community_id == bindparam("community_id"),
            Member.status == Status.ACTIVE.value,
            Member.role.in_(bindparam("roles", expanding=True)),
        )
        .order_by(Member.id)
    )


@cache
def _holiday_over() -> Select[Member]:
    return select(Member).where(
        Member.community_id == bindparam("community_id"),
        Member.status == Status.PAUSED.value,
        Member.paused_until.is_not(None),
        Member.paused_until < bindparam("today"),
    )


@cache
def _by_ids() -> Select[Member]:
    return (
        select(Member)
        .where(Member.id.in_(bindparam("ids", expanding=True)))
        .order_by(Member.display_name, Member.id)
    )


@cache
def _current_by_ids() -> Select[Member]:
    return (
        select(Member)
        .where(Member.id.in_(bindparam("ids", expanding=True)))
        .where(Member.status.in_([Status.ACTIVE.value, Status.PAUSED.value]))
        .order_by(Member.display_name, Member.id)
    )


def current_members(session: Session, *, community_id: int) -> list[Member]:
    return list(session.scalars(_current(), {"community_id": community_id}))


def current_members_by_community(
    session: Session, *, community_ids: Iterable[int]
) -> dict[int, list[Member]]:
    """``current_members`` of several communities in one query."""
    return by_community(session, _current_of(), community_ids=community_ids)


@cache
def _current_of() -> Select[Member]:
    return (
        select(Member)
        .where(
            Member.community_id.in_(bindparam("community_ids", expanding=True)),
            Member.status.in_([Status.ACTIVE.value, Status.PAUSED.value]),
        )
        .order_by(Member.display_name, Member.id)
    )


def active_members(session: Session, *, community_id: int) -> list[Member]:
    return [m for m in current_members(session, community_id=community_id) if m.is_active]


def active_in_role(session: Session, *, community_id: int, at_least: Role) -> list[Member]:
    """Active members (not away, not gone) whose role is ``at_least`` or higher, in the order
    they were added."""
    roles = [role.value for role in Role if role.rank >= at_least.rank]
    return list(session.scalars(_in_roles(), {"community_id": community_id, "roles": roles}))


def organisers(
    session: Session, *, community_id: int, members: Iterable[Member] | None = None
) -> list[Member]:
    """The active organisers, in the order they were added. ``members``: the community's
    current members when the caller has read them already (no query)."""
    if members is None:
        return active_in_role(session, community_id=community_id, at_least=Role.ORGANISER)
    roles = {role.value for role in Role if role.rank >= Role.ORGANISER.rank}
    return sorted((m for m in members if m.is_active and m.role in roles), key=lambda m: m.id)


def join(
    session: Session,
    *,
    community: Community,
    actor: Actor,
    now: datetime,
    team_id: str | None = None,
) -> tuple[Member, bool]:
    """Add the actor (or bring a former member back). Returns (member, is_new)."""
    member = member_of(
        session, community_id=community.id, platform=actor.platform, user_id=actor.user_id
    )
    if member is not None and (member.is_current or member.status == Status.MERGED.value):
        raise Conflict("error.already_member")
    if member is None:
        member = Member(
            community_id=community.id,
            platform=actor.platform,
            user_id=actor.user_id,
            display_name=(actor.display_name or actor.user_id)[:200],
            role=Role.PARTICIPANT.value,
        )
        session.add(member)
    member.status = Status.ACTIVE.value
    member.joined_at = now
    member.left_at = None
    member.last_active_at = now
    follow_platform(member, lang=actor.lang, tz=actor.tz)
    if actor.address:
        member.address = actor.address
    if team_id is not None:
        member.team_id = team_id
    session.flush()
    return member, True


def leave(session: Session, *, community: Community, member: Member, now: datetime) -> None:
    others = [m for m in organisers(session, community_id=community.id) if m.id != member.id]
    if member.role == Role.ORGANISER.value and not others:
        raise Conflict("error.last_organiser")
    member.status = Status.LEFT.value
    member.left_at = now


def set_role(
    session: Session, *, community: Community, by: Member, target: Member, role: Role
) -> bool:
    """Give ``target`` a role; False when they already had it.

    Only organisers change roles: every change gives or takes the facilitator or organiser
    role, and a facilitator demoting another would undo the organisers' choice. The core
    group (``facilitation=core``) is the organisers and facilitators, so it follows the role.
    """
    if by.role != Role.ORGANISER.value:
        raise PermissionDenied("error.permission.organiser")
    if target.role == role.value:
        return False
    if target.role == Role.ORGANISER.value:
        others = [m for m in organisers(session, community_id=community.id) if m.id != target.id]
        if not others:
            raise Conflict("error.last_organiser")
    target.role = role.value
    target.in_core_group = role != Role.PARTICIPANT
    return True


def go_away(member: Member, *, until: date | None) -> None:
    member.status = Status.PAUSED.value
    member.paused_until = until


def come_back(member: Member) -> None:
    member.status = Status.ACTIVE.value
    member.paused_until = None


def wake_paused(
    session: Session,
    *,
    community: Community,
    now: datetime,
    members: Iterable[Member] | None = None,
) -> None:
    """Members whose holiday ended (on the community's calendar) are active again; checked
    before every fan-out. ``members``: the community's current members when the caller has
    read them already (those away are among them: no query)."""
    today = now.astimezone(ZoneInfo(community.tz)).date()
    over: Iterable[Member] = (
        session.scalars(_holiday_over(), {"community_id": community.id, "today": today})
        if members is None
        else [
            m
            for m in members
            if m.status == Status.PAUSED.value
            and m.paused_until is not None
            and m.paused_until < today
        ]
    )
    for member in over:
        come_back(member)


def user_named(session: Session, *, platform: str, name: str) -> tuple[str, str] | None:
    """(user id, display name) of the one person on ``platform`` whose display name or user
    id is ``name``, ignoring case; else of the one whose name starts with it. None when
    nobody, or more than one person, fits."""
    wanted = name.strip().lower()
    if not wanted:
        return None
    rows = session.execute(
        select(Member.user_id, Member.display_name)
        .where(
            Member.platform == platform,
            Member.status.in_([Status.ACTIVE.value, Status.PAUSED.value]),
        )
        .order_by(Member.joined_at.desc(), Member.id.desc())
    ).all()
    for fits in (
        lambda user_id, shown: wanted in (user_id.lower(), shown.lower()),
        lambda user_id, shown: shown.lower().startswith(wanted),
    ):
        # One person may be in several communities: the newest membership names them.
        found = {user_id: shown for user_id, shown in reversed(rows) if fits(user_id, shown)}
        if found:
            return next(iter(found.items())) if len(found) == 1 else None
    return None


# -- lookups for the other slices (they read members only through these) --------------------
def member_by_id(session: Session, *, member_id: int | None) -> Member | None:
    """The member row with this id (from the session when loaded already: no query)."""
    return session.get(Member, member_id) if member_id is not None else None


def members_by_ids(
    session: Session, *, member_ids: Iterable[int], current: bool = False
) -> list[Member]:
    """These members (only those still members, with ``current``), in one query, by name
    (the database's collation, as every list of people copbot shows)."""
    ids = sorted(set(member_ids))
    if not ids:
        return []
    query = _current_by_ids() if current else _by_ids()
    return list(session.scalars(query, {"ids": ids}))


def rows_of(session: Session, *, community_id: int) -> list[Member]:
    """Every member row of the community, whatever its status (the gone and the merged
    included), in one query."""
    return list(
        session.scalars(
            select(Member).where(Member.community_id == community_id).order_by(Member.id)
        )
    )


def add_founder(
    session: Session, *, community: Community, founder: Actor, team_id: str | None, now: datetime
) -> Member:
    """The person who set the community up: its first organiser, in its core group."""
    member = Member(
        community_id=community.id,
        platform=founder.platform,
        user_id=founder.user_id,
        display_name=(founder.display_name or founder.user_id)[:200],
        role=Role.ORGANISER.value,
        status=Status.ACTIVE.value,
        tz=founder.tz,
        in_core_group=True,
        joined_at=now,
        last_active_at=now,
        address=founder.address,
        team_id=team_id,
    )
    session.add(member)
    session.flush()
    return member


def current_count(session: Session, *, community_id: int) -> int:
    """How many members the community has (away ones included), in one query."""
    return session.scalar(_current_count(), {"community": community_id}) or 0


@cache
def _current_count() -> Select[int]:
    # ``status`` asks it on every view: on the table's columns (``table_of``).
    members = table_of(Member).c
    return select(func.count(members.id)).where(
        members.community_id == bindparam("community"),
        members.status.in_([Status.ACTIVE.value, Status.PAUSED.value]),
    )


def regions(session: Session, *, community_id: int) -> Counter[str]:
    """How many current members gave each region (members without one left out)."""
    return Counter(
        {
            region: count
            for region, count in session.execute(
                select(Member.region, func.count(Member.id))
                .where(
                    Member.community_id == community_id,
                    Member.status.in_([Status.ACTIVE.value, Status.PAUSED.value]),
                    Member.region.is_not(None),
                )
                .group_by(Member.region)
            ).all()
            if region is not None
        }
    )


def has_departed(member_id: ColumnExpressionArgument[int | None]) -> ColumnElement[bool]:
    """Whether the member ``member_id`` (a column of another statement) left or was
    forgotten: a condition to use inside another statement. It looks up that one member,
    where the ids of everyone who ever left (``member_id IN (...)``) made the database read
    every community's members for it."""
    return exists().where(
        Member.id == member_id, Member.status.in_([Status.LEFT.value, Status.FORGOTTEN.value])
    )


def repoint_merged(session: Session, *, other_id: int, keeper_id: int) -> None:
    """Accounts merged into ``other_id`` belong to ``keeper_id`` now."""
    session.execute(
        update(Member)
        .where(Member.merged_into_id == other_id)
        .values(merged_into_id=keeper_id)
        .execution_options(synchronize_session=False)
    )


def accounts_of(session: Session, *, platform: str, user_id: str) -> list[Member]:
    """Every membership this person has or had on this platform (forgotten rows no longer
    carry their user id, so they are never found again), with their other account there
    (`link me`): the member a merged account belongs to, and the accounts merged into it.
    The accounts merged into a member come first, then by when they joined."""
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
    return sorted(found.values(), key=lambda m: (m.merged_into_id is None, m.joined_at, m.id))


def organised_by_others(
    session: Session, *, community_ids: Iterable[int], besides: Iterable[int]
) -> set[int]:
    """Which of these communities have an active organiser other than the members
    ``besides``, in one query."""
    return set(
        session.scalars(
            select(Member.community_id).where(
                Member.community_id.in_(list(community_ids)),
                Member.role == Role.ORGANISER.value,
                Member.status == Status.ACTIVE.value,
                Member.id.not_in(list(besides)),
            )
        )
    )
