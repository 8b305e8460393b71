"""Swaps left pending: which meetings have some, and expiring them once the facilitators
they were asked about change (a rotation, a turn passed on, a swap done)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from functools import cache

from sqlalchemy import Select, Update, bindparam, select, update
from sqlalchemy.orm import Session

from bot.facilitation.models import SwapRequest, SwapStatus
from bot.sqlutil import rows_by_community, table_of


def expire_swaps(
    session: Session, *, meeting_id: int, now: datetime, role: str | None = None
) -> None:
    """Pending swaps no longer match the facilitators they were asked about."""
    params: dict[str, object] = {"s_meeting_id": meeting_id, "s_decided_at": now}
    if role is not None:
        session.execute(_expire_swaps_of_role(), params | {"s_role": role})
        return
    # The unit of work's own swaps follow the update; a rotation's, which has none, runs it
    # on the table, without the ORM's synchronisation (a sixth of assigning a pair).
    held = any(isinstance(obj, SwapRequest) for obj in session.identity_map.values())
    session.execute(_expire_swaps() if held else _expire_pending_swaps(), params)


def swaps_pending_by_community(
    session: Session, *, community_ids: Iterable[int]
) -> dict[int, set[int]]:
    """Community id -> its meetings with a swap pending, for several communities in one
    query: a due wave's rotations expire swaps only where there are some. A swap asked
    after this read finds, when accepted, that the facilitators changed (``swaps._apply``)."""
    found = rows_by_community(session, _swaps_pending(), community_ids=community_ids)
    return {i: {meeting_id for (meeting_id,) in rows} for i, rows in found.items()}


@cache
def _swaps_pending() -> Select[int, int]:
    swaps = table_of(SwapRequest).c
    return (
        select(swaps.community_id, swaps.meeting_id)
        .where(
            swaps.community_id.in_(bindparam("community_ids", expanding=True)),
            swaps.status == SwapStatus.PENDING.value,
        )
        .distinct()
    )


# Run by a rotation that (re)assigns someone where swaps are pending, and by every turn passed
# on or swapped: built once (an UPDATE's parameters may not be named as its columns).
@cache
def _expire_swaps() -> Update:
    return (
        update(SwapRequest)
        .where(
            SwapRequest.meeting_id == bindparam("s_meeting_id"),
            SwapRequest.status == SwapStatus.PENDING.value,
        )
        .values(status=SwapStatus.EXPIRED.value, decided_at=bindparam("s_decided_at"))
        .execution_options(synchronize_session="fetch")
    )


@cache
def _expire_pending_swaps() -> Update:
    swaps = table_of(SwapRequest).c
    return (
        update(table_of(SwapRequest))
        .where(
            swaps.meeting_id == bindparam("s_meeting_id"), swaps.status == SwapStatus.PENDING.value
        )
        .values(status=SwapStatus.EXPIRED.value, decided_at=bindparam("s_decided_at"))
    )


@cache
def _expire_swaps_of_role() -> Update:
    return _expire_swaps().where(SwapRequest.role == bindparam("s_role"))
