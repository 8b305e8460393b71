"""A delivery's outcome, written as soon as it is known: one statement per message sent.

``bot.outbox.delivery`` writes each outcome on its own, right after its send; an outcome the
database could not take (it went away right after the send) is kept in the process and
written first thing in the next run (``record_outcomes``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import Connection, Table, Update, bindparam, update
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session

from bot.outbox.models import Delivery, DeliveryStatus
from bot.sqlutil import table_of


@dataclass(frozen=True)
class Outcome:
    """A send whose result could not be written because the database went away right after
    it: kept in the process and written first thing in the next run, so the message is
    neither sent again nor left 'sending' until its lease runs out."""

    row_id: int
    values: dict[str, Any]


def write_outcome(connection: Connection, params: dict[str, Any]) -> None:
    """One statement built once for every outcome: building and keying an ORM update per
    message cost more than the send and the commit together. On PostgreSQL its text goes
    to psycopg as it is, past SQLAlchemy's compiled-statement machinery but still through
    its connection (a dropped one is invalidated as for any statement): 67 against 110 us of
    CPU an outcome, one for every message sent. psycopg takes the aware datetimes as they
    are; SQLite needs the column types' conversion, so it keeps the compiled statement."""
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(_outcome_text(connection.dialect), params)
    else:
        connection.execute(_outcome(), params)


OUTCOME_FIELDS = ("status", "sent_at", "last_error", "not_before")
_DELIVERIES: Table = table_of(Delivery)


@cache
def _outcome() -> Update:
    return (
        update(_DELIVERIES)
        .where(_DELIVERIES.c.id == bindparam("row_id"))
        .values(
            status=bindparam("o_status"),
            sent_at=bindparam("o_sent_at"),
            last_error=bindparam("o_last_error"),
            not_before=bindparam("o_not_before"),
        )
    )


def _outcome_text(dialect: Dialect) -> str:
    # Per dialect class, not instance: every engine has a dialect of its own (the tests make
    # hundreds), and the text is the same for all of one kind.
    kind = type(dialect)
    if kind not in _OUTCOME_TEXTS:
        _OUTCOME_TEXTS[kind] = str(_outcome().compile(dialect=dialect))
    return _OUTCOME_TEXTS[kind]


_OUTCOME_TEXTS: dict[type[Dialect], str] = {}


def record_outcomes(session: Session, outcomes: list[Outcome], *, worker: str) -> None:
    for outcome in outcomes:
        session.execute(
            update(Delivery)
            .where(
                Delivery.id == outcome.row_id,
                Delivery.status == DeliveryStatus.SENDING.value,
                Delivery.claimed_by == worker,
            )
            .values(**outcome.values)
            .execution_options(synchronize_session=False)
        )
    session.commit()
    outcomes.clear()
