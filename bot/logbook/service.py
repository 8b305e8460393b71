"""Write and read logbook entries."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import datetime
from functools import cache
from typing import NamedTuple

from sqlalchemy import Select, bindparam, delete, func, select
from sqlalchemy.orm import Session

from bot.i18n import t
from bot.logbook.models import EntryKind as EntryKind  # add_entry's vocabulary, for callers
from bot.logbook.models import LogEntry
from bot.members.models import Member


def add_entry(
    session: Session,
    *,
    member: Member,
    kind: EntryKind,
    text: str,
    now: datetime,
    meeting_id: int | None = None,
) -> LogEntry:
    entry = LogEntry(
        community_id=member.community_id,
        member_id=member.id,
        meeting_id=meeting_id,
        kind=kind.value,
        text=text,
        created_at=now,
    )
    session.add(entry)
    session.flush()
    return entry


def entry_text(lang: str, entry: LogEntry) -> str:
    """What an entry says: its text, or for a contact with a buddy the words for it (the
    entry keeps only the direction, never what was written)."""
    if entry.kind == EntryKind.CONTACT.value:
        return t(lang, f"logbook.contact.{entry.text}")
    return entry.text


def entries_of(session: Session, *, member_id: int, limit: int | None = None) -> list[LogEntry]:
    query = (
        select(LogEntry)
        .where(LogEntry.member_id == member_id)
        .order_by(LogEntry.created_at.desc(), LogEntry.id.desc())
    )
    if limit is not None:
        query = query.limit(limit)
    return list(session.scalars(query))


def entries_of_kinds(
    session: Session, *, member_id: int, kinds: Collection[EntryKind]
) -> list[LogEntry]:
    """The member's entries of these kinds, oldest first: what another feature wrote into
    the logbook for them (the halfway reflection's answers)."""
    return list(
        session.scalars(
            select(LogEntry)
            .where(LogEntry.member_id == member_id, LogEntry.kind.in_([k.value for k in kinds]))
            .order_by(LogEntry.created_at, LogEntry.id)
        )
    )


def erase_entries(session: Session, *, member_id: int, kinds: Collection[EntryKind]) -> None:
    """Delete the member's entries of these kinds (forget-me of the feature that wrote them)."""
    session.execute(
        delete(LogEntry)
        .where(LogEntry.member_id == member_id, LogEntry.kind.in_([k.value for k in kinds]))
        .execution_options(synchronize_session=False)
    )


def entries_since(
    session: Session, *, community_id: int, since: datetime, kinds: tuple[EntryKind, ...] = ()
) -> list[LogEntry]:
    query = select(LogEntry).where(
        LogEntry.community_id == community_id, LogEntry.created_at >= since
    )
    if kinds:
        query = query.where(LogEntry.kind.in_([k.value for k in kinds]))
    return list(session.scalars(query.order_by(LogEntry.created_at)))


def recent_successes(session: Session, *, community_id: int, limit: int = 5) -> list[str]:
    return list(
        session.scalars(
            select(LogEntry.text)
            .where(LogEntry.community_id == community_id, LogEntry.kind == EntryKind.SUCCESS.value)
            .order_by(LogEntry.created_at.desc(), LogEntry.id.desc())
            .limit(limit)
        )
    )


def latest_goals(session: Session, *, community_id: int) -> dict[int, str]:
    """member id -> the text of their newest `goal` entry (one query for the community)."""
    found: dict[int, str] = {}
    for member_id, text in session.execute(
        select(LogEntry.member_id, LogEntry.text)
        .where(LogEntry.community_id == community_id, LogEntry.kind == EntryKind.GOAL.value)
        .order_by(LogEntry.created_at, LogEntry.id)
    ):
        if member_id is not None:
            found[member_id] = text
    return found


class Success(NamedTuple):
    text: str
    shared: bool
    member_id: int | None
    created_at: datetime


# The statements of ``count_between`` and ``successes_between``, built once per shape: the
# weekly digest runs them for every community (parameters ``community_id``, ``low``,
# ``high``, ``limit``).
@cache
def _count(*, bounded: bool) -> Select[int]:
    query = select(func.count(LogEntry.id)).where(
        LogEntry.community_id == bindparam("community_id"),
        LogEntry.created_at >= bindparam("low"),
    )
    return query.where(LogEntry.created_at < bindparam("high")) if bounded else query


@cache
def _recent() -> Select[int, int, bool, str, bool, int | None, datetime]:
    # Per community: its entries since ``low`` numbered, its successes first and newest
    # first, and counted; the LIMIT applies to the numbers, so the count still sees every
    # entry and the newest successes are kept.
    success = LogEntry.kind == EntryKind.SUCCESS.value
    community = LogEntry.community_id
    ranked = (
        select(
            community.label("community_id"),
            func.count().over(partition_by=community).label("count"),
            func.row_number()
            .over(
                partition_by=community,
                order_by=(success.desc(), LogEntry.created_at.desc(), LogEntry.id.desc()),
            )
            .label("rank"),
            success.label("success"),
            LogEntry.text,
            LogEntry.shared,
            LogEntry.member_id,
            LogEntry.created_at,
        )
        .where(
            community.in_(bindparam("community_ids", expanding=True)),
            LogEntry.created_at >= bindparam("low"),
        )
        .subquery()
    )
    return (
        select(
            ranked.c.community_id,
            ranked.c.count,
            ranked.c.success,
            ranked.c.text,
            ranked.c.shared,
            ranked.c.member_id,
            ranked.c.created_at,
        )
        .where(ranked.c.rank <= bindparam("limit"))
        .order_by(ranked.c.community_id, ranked.c.rank)
    )


@cache
def _successes(
    *, bounded: bool, newest_first: bool, limited: bool
) -> Select[str, bool, int | None, datetime]:
    query = select(LogEntry.text, LogEntry.shared, LogEntry.member_id, LogEntry.created_at).where(
        LogEntry.community_id == bindparam("community_id"),
        LogEntry.kind == EntryKind.SUCCESS.value,
        LogEntry.created_at >= bindparam("low"),
    )
    if bounded:
        query = query.where(LogEntry.created_at < bindparam("high"))
    order = (
        (LogEntry.created_at.desc(), LogEntry.id.desc())
        if newest_first
        else (LogEntry.created_at, LogEntry.id)
    )
    query = query.order_by(*order)
    return query.limit(bindparam("limit")) if limited else query


def count_between(
    session: Session, *, community_id: int, low: datetime, high: datetime | None = None
) -> int:
    """How many entries the community's members wrote from ``low`` (until ``high``)."""
    query = _count(bounded=high is not None)
    return session.scalar(query, {"community_id": community_id, "low": low, "high": high}) or 0


def week_in_logbook(
    session: Session, *, community_id: int, low: datetime, limit: int
) -> tuple[int, list[Success]]:
    """How many entries the community's members wrote from ``low``, and the newest
    ``limit`` successes among them, newest first: the weekly digest's figures of the
    logbook, in one statement."""
    found = weeks_in_logbook(session, community_ids=[community_id], low=low, limit=limit)
    return found[community_id]


def weeks_in_logbook(
    session: Session, *, community_ids: Iterable[int], low: datetime, limit: int
) -> dict[int, tuple[int, list[Success]]]:
    """``week_in_logbook`` of several communities in one statement."""
    found: dict[int, tuple[int, list[Success]]] = {i: (0, []) for i in sorted(set(community_ids))}
    if not found:
        return found
    params = {"community_ids": list(found), "low": low, "limit": limit}
    for community_id, count, success, text, shared, member_id, created_at in session.execute(
        _recent(), params
    ):
        successes = found[community_id][1]
        if success:
            successes.append(Success(text, shared, member_id, created_at))
        found[community_id] = (count, successes)
    return found


def successes_between(
    session: Session,
    *,
    community_id: int,
    low: datetime,
    high: datetime | None = None,
    newest_first: bool = False,
    limit: int | None = None,
) -> list[Success]:
    """The community's successes from ``low`` (until ``high``), in one query."""
    query = _successes(
        bounded=high is not None, newest_first=newest_first, limited=limit is not None
    )
    params = {"community_id": community_id, "low": low, "high": high, "limit": limit}
    return [Success(*row) for row in session.execute(query, params)]
