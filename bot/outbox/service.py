"""Enqueue outbound messages idempotently: one statement per unit of work, keys already
present skipped. Sending them is ``bot.outbox.delivery``'s."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from bot.communities import service as community_rows
from bot.communities.models import Community
from bot.members.models import Member
from bot.messages import Message
from bot.outbox.models import Delivery, DeliveryStatus
from bot.outbox.queued import mark_queued
from bot.outbox.quiet import defer_for_quiet_hours
from bot.places.models import CommunityPlace
from bot.places.service import places_by_community, workspace_of
from bot.reach.service import Target, holds, unreachable
from bot.sqlutil import insert_ignoring_duplicates, table_of

logger = logging.getLogger(__name__)

DEFAULT_QUIET = "22:00-07:00"


@dataclass(frozen=True)
class Outgoing:
    """One message to enqueue. ``key`` is the idempotency key."""

    key: str
    message: Message
    member: Member | None = None
    # With no member: a post in each of the community's places (or only in ``place``).
    community: Community | None = None
    not_before: datetime | None = None
    deadline: datetime | None = None  # quiet hours never push a send past this
    place: CommunityPlace | None = None
    # A post in every place but this one (where it was said, and answered already).
    skip_place: int | None = None


@dataclass
class Known:
    """What ``enqueue`` read about where messages go, kept for the next ``enqueue`` of a batch
    of work done in one session within milliseconds (a claim of due timed jobs): the
    places of the communities posted to, the workspace of members' DMs, and the targets out
    of reach. Each job read them again (six of the 40 statements of a community's check-in
    wave, rotation and digest). They change by people's commands and delivery outcomes,
    seldom; one that changes during a batch is as if the change had come a moment later."""

    places: dict[int, list[CommunityPlace]] = field(default_factory=dict)
    workspaces: dict[tuple[int, str], str | None] = field(default_factory=dict)
    targets: set[Target] | None = None
    # Communities whose places to read along with the first ones a post needs (the others
    # of a claim of timed jobs), in the same query.
    also: set[int] = field(default_factory=set)


def enqueue(
    session: Session,
    *,
    items: Iterable[Outgoing],
    now: datetime,
    meeting_id: int | None = None,
    known: Known | None = None,
) -> None:
    """Record messages for delivery in one statement; keys already present are skipped.

    ``meeting_id`` ties the rows to the meeting whose timed job queued them, so cancelling
    that meeting withdraws whatever is still waiting. ``known``: what an earlier ``enqueue``
    of the same batch read (and what this one reads is added to it).
    """
    queue_rows(
        session, delivery_rows(session, items=items, now=now, meeting_id=meeting_id, known=known)
    )


def queue_rows(session: Session, rows: list[dict[str, Any]]) -> None:
    """Insert the rows ``delivery_rows`` made, of one unit of work or several, in one
    statement; keys already present are skipped."""
    insert_ignoring_duplicates(session, table_of(Delivery), rows, unique=("key",))
    if rows:
        mark_queued(session)


def delivery_rows(
    session: Session,
    *,
    items: Iterable[Outgoing],
    now: datetime,
    meeting_id: int | None = None,
    known: Known | None = None,
) -> list[dict[str, Any]]:
    """The outbox rows of ``items``, as ``enqueue`` queues them (held when their target
    cannot be reached now)."""
    items = list(items)
    known = known if known is not None else Known()
    rows: list[dict[str, Any]] = []
    communities: dict[int, Community | None] = {}
    # One query for the places of every community a post goes to, whatever the fan-out.
    wanted = {
        i.community.id for i in items if i.member is None and i.place is None and i.community
    } - known.places.keys()
    if wanted:
        known.places |= places_by_community(
            session, community_ids=wanted | (known.also - known.places.keys())
        )
    posted, homes = known.places, known.workspaces
    for item in items:
        when = item.not_before or now
        base: dict[str, Any] = {
            "key": item.key,
            "meeting_id": meeting_id,
            "payload": item.message.to_dict(),
            "status": DeliveryStatus.PENDING.value,
            "attempts": 0,
            "created_at": now,
        }
        if item.member is not None:
            member = item.member
            community = item.community or _community(session, member.community_id, communities)
            quiet = community.quiet_hours if community is not None else DEFAULT_QUIET
            tz = member.tz or (community.tz if community is not None else None)
            when = defer_for_quiet_hours(when, tz=tz, quiet=quiet, deadline=item.deadline)
            rows.append(
                base
                | {
                    "community_id": member.community_id,
                    "member_id": member.id,
                    "platform": member.platform,
                    "workspace_id": _workspace(session, member, homes, posted),
                    "recipient": member.user_id,
                    "to_channel": False,
                    "address": member.address,
                    "not_before": when,
                }
            )
        elif item.community is not None or item.place is not None:
            places = (
                [item.place]
                if item.place is not None
                else [p for p in posted.get(item.community.id, []) if p.id != item.skip_place]  # type: ignore[union-attr]
            )
            for place in places:
                rows.append(
                    base
                    | {
                        # Each place its own row: one that cannot be reached waits alone.
                        "key": item.key if place.home else f"{item.key}@{place.id}",
                        "community_id": place.community_id,
                        "member_id": None,
                        "platform": place.platform,
                        "workspace_id": place.team_id,
                        "recipient": place.channel_id,
                        "to_channel": True,
                        "address": place.address,
                        "not_before": when,
                    }
                )
        else:
            raise ValueError("an outgoing message needs a member, a community or a place")
    if rows and known.targets is None:
        known.targets = unreachable(session)
    targets = known.targets or set()
    for row in rows:
        if holds(
            targets,
            platform=row["platform"],
            workspace_id=row["workspace_id"],
            recipient=row["recipient"],
            to_channel=row["to_channel"],
        ):
            row["status"] = DeliveryStatus.HELD.value
    return rows


def _workspace(
    session: Session,
    member: Member,
    known: dict[tuple[int, str], str | None],
    posted: dict[int, list[CommunityPlace]],
) -> str | None:
    """The workspace a member's DM goes through: where they joined, or else the workspace of
    the community's first place on their platform (from ``posted``, the places read for the
    posts of the same unit of work, in their order, when the community is among them)."""
    if member.team_id is not None:
        return member.team_id
    wanted = (member.community_id, member.platform)
    if wanted not in known:
        places = posted.get(member.community_id)
        known[wanted] = (
            next((p.team_id for p in places if p.platform == member.platform), None)
            if places is not None
            else workspace_of(session, community_id=member.community_id, platform=member.platform)
        )
    return known[wanted]


def _community(
    session: Session, community_id: int, known: dict[int, Community | None]
) -> Community | None:
    if community_id not in known:
        known[community_id] = community_rows.community_by_id(session, community_id=community_id)
    return known[community_id]


def cancel_for_meetings(session: Session, *, meeting_ids: Iterable[int]) -> None:
    """Withdraw unsent messages queued by the timed jobs of these (cancelled) meetings."""
    ids = list(meeting_ids)
    if not ids:
        return
    session.execute(
        update(Delivery)
        .where(Delivery.meeting_id.in_(ids), Delivery.status == DeliveryStatus.PENDING.value)
        .values(status=DeliveryStatus.CANCELLED.value, last_error="meeting cancelled")
        .execution_options(synchronize_session=False)
    )


def next_send(session: Session) -> datetime | None:
    """When the earliest message waiting in the outbox may go (None: nothing waits)."""
    moment = session.scalar(
        select(func.min(Delivery.not_before)).where(Delivery.status == DeliveryStatus.PENDING.value)
    )
    # SQLite hands back an aggregate without the column's type, so without its time zone.
    return moment.replace(tzinfo=UTC) if moment is not None and moment.tzinfo is None else moment
