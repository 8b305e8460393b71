"""What the planned work looks like from outside: when the next job is due, what is due."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from functools import cache

from sqlalchemy import Select, bindparam, func, select
from sqlalchemy.orm import Session

from bot.sqlutil import table_of
from bot.timed.models import JobStatus, PlannedJob


def next_due(session: Session) -> datetime | None:
    """When the earliest planned job is due (None: nothing planned)."""
    moment = session.scalar(
        select(func.min(PlannedJob.due_at)).where(PlannedJob.status == JobStatus.PLANNED.value)
    )
    return _aware(moment)


def due_kinds(session: Session, *, now: datetime) -> set[str]:
    """The kinds of the planned jobs due by ``now``."""
    return set(
        session.scalars(
            select(PlannedJob.kind).where(
                PlannedJob.status == JobStatus.PLANNED.value, PlannedJob.due_at <= now
            )
        )
    )


def _aware(moment: datetime | None) -> datetime | None:
    # SQLite hands back an aggregate without the column's type, so without its time zone.
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


# Read by every weekly digest: built once.
@cache
def _last_done() -> Select[datetime | None]:
    return select(func.max(PlannedJob.finished_at)).where(
        PlannedJob.community_id == bindparam("community_id"),
        PlannedJob.kind == bindparam("kind"),
        PlannedJob.status == JobStatus.DONE.value,
    )


def last_done(session: Session, *, community_id: int, kind: str) -> datetime | None:
    """When the community's latest ``kind`` job finished (the previous weekly digest: the
    start of 'since the last digest')."""
    return session.scalar(_last_done(), {"community_id": community_id, "kind": kind})


def last_done_by_community(
    session: Session, *, community_ids: Iterable[int], kind: str
) -> dict[int, datetime]:
    """``last_done`` of several communities in one query (those that never ran ``kind``
    are left out)."""
    ids = sorted(set(community_ids))
    if not ids:
        return {}
    rows = session.execute(_last_done_by_community(), {"community_ids": ids, "kind": kind})
    return {community_id: moment for community_id, moment in rows if moment is not None}


def planned_at(session: Session, *, community_id: int, kind: str) -> datetime | None:
    """When the community's planned ``kind`` job is due (None: none planned)."""
    return session.scalar(_planned_at(), {"community": community_id, "kind": kind})


@cache
def _last_done_by_community() -> Select[int, datetime | None]:
    return (
        select(PlannedJob.community_id, func.max(PlannedJob.finished_at))
        .where(
            PlannedJob.community_id.in_(bindparam("community_ids", expanding=True)),
            PlannedJob.kind == bindparam("kind"),
            PlannedJob.status == JobStatus.DONE.value,
        )
        .group_by(PlannedJob.community_id)
    )


@cache
def _planned_at() -> Select[datetime]:
    # ``status`` asks it on every view: built once with bind parameters, on the table's
    # columns (``table_of``).
    jobs = table_of(PlannedJob).c
    return (
        select(jobs.due_at)
        .where(
            jobs.community_id == bindparam("community"),
            jobs.kind == bindparam("kind"),
            jobs.status == JobStatus.PLANNED.value,
        )
        .limit(1)
    )
