"""The places of a community and the one-time codes that link more of them.

A code is eight letters and digits (no look-alikes: no 0/O, 1/I), shown as ``ABCD-EFGH``,
valid for 24 hours and good for one use; only its SHA-256 is stored. It is used up with a
conditional UPDATE, so two people typing one code at the same moment link once.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from datetime import datetime, timedelta
from functools import cache

from sqlalchemy import ColumnElement, ScalarSelect, Select, and_, bindparam, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.communities.models import Community
from bot.context import Place
from bot.errors import Conflict, InvalidInput, NotFound
from bot.members.models import Member
from bot.outbox.rows import withdraw_for_place
from bot.places.models import CodeKind, CommunityPlace, LinkCode
from bot.sqlutil import by_community, remembered, table_of

CODE_LIFETIME = timedelta(hours=24)
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8


# -- where a community lives ---------------------------------------------------------------
def place_at(session: Session, *, platform: str, channel_id: str) -> CommunityPlace | None:
    """The community place that is this channel, if any: read once per unit of work (an
    input said in a channel asks which community's it is, and then whether it was said in
    that community's place)."""
    return remembered(
        session,
        ("place_at", platform, channel_id),
        lambda: session.scalars(_place_at(), {"platform": platform, "channel": channel_id}).first(),
        kinds=(CommunityPlace,),
    )


@cache
def community_at() -> ScalarSelect[int]:
    """The id of the community whose place is the channel named by the bind parameters
    ``platform`` and ``channel``, for a statement of another slice to read that community
    in the same query (``bot.communities.service.in_channel``)."""
    return _place_at().with_only_columns(CommunityPlace.community_id).scalar_subquery()


def places_of(session: Session, *, community_id: int) -> list[CommunityPlace]:
    """The community's places, its home first."""
    return list(session.scalars(_places_of(), {"community": community_id}))


def platforms_of(session: Session, *, community_id: int) -> list[str]:
    """The platform of each of the community's places (``status`` says where it lives)."""
    return list(session.scalars(_platforms_of(), {"community": community_id}))


# Statements every input runs, built once with bind parameters (building an expression
# costs more than SQLAlchemy's cached compile and the query together).
@cache
def _place_at() -> Select[CommunityPlace]:
    return (
        select(CommunityPlace)
        .where(
            CommunityPlace.platform == bindparam("platform"),
            CommunityPlace.channel_id == bindparam("channel"),
        )
        .limit(1)
    )


@cache
def _platforms_of() -> Select[str]:
    # On the table's column (``table_of``): ``status`` asks it on every view.
    places = table_of(CommunityPlace).c
    return select(places.platform).where(places.community_id == bindparam("community"))


@cache
def _places_of() -> Select[CommunityPlace]:
    return (
        select(CommunityPlace)
        .where(CommunityPlace.community_id == bindparam("community"))
        .order_by(CommunityPlace.number)
    )


def places_in(
    session: Session, *, platform: str, channel_id: str | None = None, team_id: str | None = None
) -> list[CommunityPlace]:
    """The community places of this channel, or else of every channel of this workspace,
    by community and number (none when neither is given)."""
    query = select(CommunityPlace).where(CommunityPlace.platform == platform)
    if channel_id:
        query = query.where(CommunityPlace.channel_id == channel_id)
    elif team_id:
        query = query.where(CommunityPlace.team_id == team_id)
    else:
        return []
    return list(session.scalars(query.order_by(CommunityPlace.community_id, CommunityPlace.number)))


# Read for every timed job's messages: each statement built once (building and keying a
# select on every call cost more than running it).
@cache
def _of_communities() -> Select[CommunityPlace]:
    return (
        select(CommunityPlace)
        .where(CommunityPlace.community_id.in_(bindparam("community_ids", expanding=True)))
        .order_by(CommunityPlace.community_id, CommunityPlace.number)
    )


@cache
def _first_workspace() -> Select[str | None]:
    return (
        select(CommunityPlace.team_id)
        .where(
            CommunityPlace.community_id == bindparam("community_id"),
            CommunityPlace.platform == bindparam("platform"),
        )
        .order_by(CommunityPlace.number)
        .limit(1)
    )


def places_by_community(
    session: Session, *, community_ids: Iterable[int]
) -> dict[int, list[CommunityPlace]]:
    """The places of several communities in one query (an outbox fan-out)."""
    return by_community(session, _of_communities(), community_ids=community_ids)


def home_of(session: Session, *, community_id: int) -> CommunityPlace | None:
    return session.scalars(
        select(CommunityPlace).where(
            CommunityPlace.community_id == community_id, CommunityPlace.home.is_(True)
        )
    ).first()


def add_place(
    session: Session, *, community: Community, place: Place, now: datetime, home: bool = False
) -> CommunityPlace:
    """``place`` becomes one of the community's places. A channel that is already a place
    (of this community or another) is refused: one channel, one community."""
    taken = place_at(session, platform=place.platform, channel_id=place.conversation_id)
    if taken is not None:
        raise _taken(session, taken, community)
    number = (
        session.scalar(
            select(func.max(CommunityPlace.number)).where(
                CommunityPlace.community_id == community.id
            )
        )
        or 0
    ) + 1
    row = CommunityPlace(
        community_id=community.id,
        number=number,
        platform=place.platform,
        channel_id=place.conversation_id,
        team_id=place.team_id,
        tenant_id=place.tenant_id,
        address=place.address,
        home=home,
        linked_at=now,
    )
    try:
        # Two links of one channel at the same moment: the second meets the first's row.
        with session.begin_nested():
            session.add(row)
            session.flush()
    except IntegrityError:
        raise Conflict("place.already_community", name=community.name) from None
    return row


def _taken(session: Session, taken: CommunityPlace, community: Community) -> Conflict:
    # Imported here: setting a community up adds its first place through this module.
    from bot.communities.service import community_by_id

    owner = community_by_id(session, community_id=taken.community_id)
    name = owner.name if owner is not None else "?"
    if taken.community_id == community.id:
        return Conflict("place.already_linked", name=name)
    return Conflict("place.already_community", name=name)


def unlink(session: Session, *, place: CommunityPlace) -> int:
    """Remove a place (never the home). What still waited to be posted there is withdrawn;
    the community's members, wherever they joined, stay members. Returns the withdrawn
    count."""
    if place.home:
        raise InvalidInput("place.home_stays")
    withdrawn = withdraw_for_place(
        session,
        community_id=place.community_id,
        platform=place.platform,
        channel_id=place.channel_id,
    )
    session.delete(place)
    session.flush()
    return withdrawn


def in_workspace(place: Place) -> ColumnElement[bool]:
    """Community places of the workspace of ``place``: the same Teams tenant, or the same
    Slack workspace (on a platform with neither, the same platform)."""
    same = CommunityPlace.platform == place.platform
    if place.tenant_id is not None:
        return and_(same, CommunityPlace.tenant_id == place.tenant_id)
    if place.team_id is not None:
        return and_(same, CommunityPlace.team_id == place.team_id)
    return and_(same, CommunityPlace.team_id.is_(None), CommunityPlace.tenant_id.is_(None))


def workspace_of(session: Session, *, community_id: int, platform: str) -> str | None:
    """The workspace (Slack) or team (Teams) of the community's first place on ``platform``:
    where someone who joined on that platform without saying from where is reached."""
    return session.scalar(_first_workspace(), {"community_id": community_id, "platform": platform})


# -- one-time codes --------------------------------------------------------------------------
def normalise(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def digest(code: str) -> str:
    return hashlib.sha256(normalise(code).encode()).hexdigest()


def shown(raw: str) -> str:
    return f"{raw[:4]}-{raw[4:]}"


def new_code(
    session: Session, *, kind: CodeKind, community: Community, member: Member, now: datetime
) -> str:
    """A fresh code for ``member`` (their earlier unused codes of this kind stop working:
    only the latest one handed out is valid). Returns it as shown to people."""
    session.execute(
        update(LinkCode)
        .where(
            LinkCode.member_id == member.id,
            LinkCode.kind == kind.value,
            LinkCode.used_at.is_(None),
            LinkCode.expires_at > now,
        )
        .values(expires_at=now)
        .execution_options(synchronize_session=False)
    )
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    session.add(
        LinkCode(
            code_hash=digest(raw),
            kind=kind.value,
            community_id=community.id,
            member_id=member.id,
            created_at=now,
            expires_at=now + CODE_LIFETIME,
        )
    )
    session.flush()
    return shown(raw)


def looks_like_code(text: str) -> bool:
    return len(normalise(text)) == CODE_LENGTH and all(ch in ALPHABET for ch in normalise(text))


def find_code(session: Session, *, code: str, kind: CodeKind, now: datetime) -> LinkCode:
    """The code's row, when it can still be used; else a friendly error that says why."""
    if not looks_like_code(code):
        raise InvalidInput("link.code_malformed", code=code[:20])
    row = session.scalars(
        select(LinkCode).where(LinkCode.code_hash == digest(code), LinkCode.kind == kind.value)
    ).first()
    if row is None:
        raise NotFound("link.code_unknown")
    if row.used_at is not None:
        raise Conflict("link.code_used")
    if row.expires_at <= now:
        raise Conflict("link.code_expired")
    return row


def use_code(session: Session, *, row: LinkCode, now: datetime) -> None:
    """Spend the code, once: a second use racing this one finds it used."""
    result = session.execute(
        update(LinkCode)
        .where(LinkCode.id == row.id, LinkCode.used_at.is_(None))
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    if not getattr(result, "rowcount", 0):
        raise Conflict("link.code_used")
