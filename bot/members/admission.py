"""Who may join a closed community: the invited, former members, and whoever an organiser
lets in. Anyone may join an open one.

A join to a closed community from anyone else becomes a request: the organisers get a DM
with Let in / Decline buttons, and the person is told the outcome by DM. Checked here, in
the core, for every way in (``join`` in a channel or a DM, the invitation's Join button), so
a button value naming another community opens nothing.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from bot.communities.models import Community
from bot.context import Actor
from bot.members.models import Invitation, JoinRequest, Member, RequestStatus
from bot.scope import membership
from bot.sqlutil import insert_ignoring_duplicates, table_of


def invite(session: Session, *, community: Community, person: Actor, now: datetime) -> None:
    """Record that a facilitator invited ``person`` (idempotent)."""
    insert_ignoring_duplicates(
        session,
        table_of(Invitation),
        [
            {
                "community_id": community.id,
                "platform": person.platform,
                "user_id": person.user_id,
                "invited_at": now,
            }
        ],
        unique=("community_id", "platform", "user_id"),
    )


def is_invited(session: Session, *, community: Community, actor: Actor) -> bool:
    return (
        session.scalar(
            select(Invitation.id).where(
                Invitation.community_id == community.id,
                Invitation.platform == actor.platform,
                Invitation.user_id == actor.user_id,
            )
        )
        is not None
    )


def was_member(session: Session, *, community: Community, actor: Actor) -> bool:
    """A former member (left, not forgotten) was let in before and may come back."""
    return membership(session, community=community, actor=actor) is not None


def may_join(session: Session, *, community: Community, actor: Actor) -> bool:
    """Without anyone's approval."""
    return (
        community.is_open
        or is_invited(session, community=community, actor=actor)
        or was_member(session, community=community, actor=actor)
    )


def request_of(session: Session, *, community: Community, actor: Actor) -> JoinRequest | None:
    return session.scalars(
        select(JoinRequest).where(
            JoinRequest.community_id == community.id,
            JoinRequest.platform == actor.platform,
            JoinRequest.user_id == actor.user_id,
        )
    ).first()


def ask(session: Session, *, community: Community, actor: Actor, now: datetime) -> JoinRequest:
    """The person's request to join (a new one, or the one already waiting)."""
    request = request_of(session, community=community, actor=actor)
    if request is None:
        request = JoinRequest(
            community_id=community.id,
            platform=actor.platform,
            user_id=actor.user_id,
            display_name=(actor.display_name or actor.user_id)[:200],
            tz=actor.tz,
            lang=actor.lang if actor.lang in ("en", "nl") else None,
            address=actor.address,
            status=RequestStatus.OPEN.value,
            asked_at=now,
        )
        session.add(request)
        session.flush()
    return request


def decide(
    session: Session, *, request: JoinRequest, status: RequestStatus, by: Member, now: datetime
) -> bool:
    """Answer an open request; False when another organiser answered it first."""
    result = session.execute(
        update(JoinRequest)
        .where(JoinRequest.id == request.id, JoinRequest.status == RequestStatus.OPEN.value)
        .values(status=status.value, decided_at=now, decided_by=by.id)
        .execution_options(synchronize_session=False)
    )
    session.refresh(request)
    return int(getattr(result, "rowcount", 0) or 0) == 1


def requester(request: JoinRequest) -> Actor:
    """The person as they were when they asked."""
    return Actor(
        request.platform,
        request.user_id,
        display_name=request.display_name,
        tz=request.tz,
        lang=request.lang,
        address=request.address,
    )


# -- my-data and forget-me ---------------------------------------------------------------------
def export_person(session: Session, *, platform: str, user_id: str) -> dict[str, Any]:
    invitations = session.execute(
        select(Invitation.community_id, Invitation.invited_at).where(
            Invitation.platform == platform, Invitation.user_id == user_id
        )
    ).all()
    requests = session.scalars(
        select(JoinRequest).where(JoinRequest.platform == platform, JoinRequest.user_id == user_id)
    ).all()
    return {
        "invitations": [
            {"community_id": community_id, "invited_at": at.isoformat()}
            for community_id, at in invitations
        ],
        "join_requests": [
            {
                "community_id": r.community_id,
                "status": r.status,
                "asked_at": r.asked_at.isoformat(),
                "display_name": r.display_name,
            }
            for r in requests
        ],
    }


def communities_of(session: Session, *, platform: str, user_id: str) -> set[int]:
    """The communities the person was invited to or asked to join."""
    found: set[int] = set()
    for model in (Invitation, JoinRequest):
        found.update(
            session.scalars(
                select(model.community_id).where(
                    model.platform == platform, model.user_id == user_id
                )
            )
        )
    return found


def names_of(session: Session, *, platform: str, user_id: str) -> list[str]:
    """The names the person asked to join under (the organisers' request messages show them)."""
    return list(
        session.scalars(
            select(JoinRequest.display_name).where(
                JoinRequest.platform == platform, JoinRequest.user_id == user_id
            )
        )
    )


def forget_person(session: Session, *, platform: str, user_id: str) -> int:
    """Erase the person's invitations and requests; how many there were."""
    erased = 0
    for model in (Invitation, JoinRequest):
        result = session.execute(
            delete(model)
            .where(model.platform == platform, model.user_id == user_id)
            .execution_options(synchronize_session=False)
        )
        erased += int(getattr(result, "rowcount", 0) or 0)
    return erased
