"""A delivery's outcome, written as soon as it is known: sends that follow each other
quickly share one statement.

``bot.outbox.delivery`` hands every send's outcome to ``Outcomes``, which writes what it holds
before the next send when the first send it holds started ``OUTCOME_WINDOW`` ago or more, and
at the end of a claimed batch. A send that takes that long (any send over a network) so has
its outcome written on its own before the next one, as it always was; sends quicker than that
(a local sender, a recording one) share one statement and one commit. An outcome the database
could not take (it went away right after the send) is kept in the process and written first
thing in the next run (``record_outcomes``).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import (
    Connection,
    Integer,
    String,
    Table,
    Text,
    Update,
    bindparam,
    cast,
    func,
    update,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session

from bot.db import UTCDateTime, is_outage
from bot.outbox.models import Delivery, DeliveryStatus
from bot.sqlutil import table_of

# Seconds: the outcomes of sends started within this time of the first one held are written
# together. A crash (kill -9) can so leave the outcomes of the sends started in the 20 ms
# before the one in flight unwritten, besides that one: the outbox retakes them after its
# lease as resumed sends (docs/ARCHITECTURE.md, "Durability"). An outcome alone each had cost
# the due wave of 1,000 communities (24,000 statements and commits, a recording sender) a fifth
# to a third of its workers' CPU, and as much of the database server's.
OUTCOME_WINDOW = 0.02


@dataclass(frozen=True)
class Outcome:
    """A send's result: its row and the values its UPDATE writes (``OUTCOME_FIELDS``). Held
    by ``Outcomes`` until written; when the database went away before it could be, kept in
    the process and written first thing in the next run (``record_outcomes``), so the
    message is neither sent again nor left 'sending' until its lease runs out."""

    row_id: int
    values: dict[str, Any]


class Outcomes:
    """The outcomes of one claimed batch's sends, held until they are written."""

    def __init__(
        self,
        connection: Connection,
        *,
        unrecorded: list[Outcome] | None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.connection = connection
        self.unrecorded = unrecorded
        self.clock = clock
        self.held: list[Outcome] = []
        self._since = 0.0  # when the first send held started

    def sending(self) -> float:
        """Call before a send: writes what is held if its first send started
        ``OUTCOME_WINDOW`` ago or more; the moment the send starts."""
        now = self.clock()
        if self.held and now - self._since >= OUTCOME_WINDOW:
            self.commit_held()
        return now

    def add(self, outcome: Outcome, *, started: float) -> None:
        if not self.held:
            self._since = started
        self.held.append(outcome)

    def commit_held(self) -> None:
        """Write and commit what is held, in one statement. If the database went away, the
        outcomes are kept for the next run (``unrecorded``) and the error is raised."""
        if not self.held:
            return
        held, self.held = self.held, []
        try:
            write_outcomes(self.connection, held)
            self.connection.commit()
        except Exception as exc:
            if self.unrecorded is not None and is_outage(exc):
                self.unrecorded.extend(held)
            raise


OUTCOME_FIELDS = ("status", "sent_at", "last_error", "not_before")
_DELIVERIES: Table = table_of(Delivery)


def write_outcomes(connection: Connection, outcomes: list[Outcome]) -> None:
    """One statement for several outcomes, built once. On PostgreSQL an UPDATE from the
    outcomes as arrays (``unnest``), its text sent to psycopg as it is, past SQLAlchemy's
    compiled-statement machinery but through its connection (a dropped one is invalidated
    as for any statement): psycopg takes the lists and aware datetimes as they are. SQLite
    runs the one-row UPDATE for each (``executemany``), with the column types' conversion."""
    if connection.dialect.name == "postgresql":
        columns: dict[str, list[Any]] = {f: [] for f in ("ids", *OUTCOME_FIELDS)}
        for outcome in outcomes:
            columns["ids"].append(outcome.row_id)
            for field in OUTCOME_FIELDS:
                columns[field].append(outcome.values[field])
        connection.exec_driver_sql(_outcomes_text(connection.dialect), columns)
    else:
        connection.execute(
            _outcome(),
            [
                {"row_id": outcome.row_id} | {f"o_{f}": outcome.values[f] for f in OUTCOME_FIELDS}
                for outcome in outcomes
            ],
        )


@cache
def _outcome() -> Update:
    return (
        update(_DELIVERIES)
        .where(_DELIVERIES.c.id == bindparam("row_id"))
        .values(**{field: bindparam(f"o_{field}") for field in OUTCOME_FIELDS})
    )


@cache
def _outcomes() -> Update:
    arrays = func.unnest(
        cast(bindparam("ids"), ARRAY(Integer)),
        cast(bindparam("status"), ARRAY(String)),
        cast(bindparam("sent_at"), ARRAY(UTCDateTime)),
        cast(bindparam("last_error"), ARRAY(Text)),
        cast(bindparam("not_before"), ARRAY(UTCDateTime)),
    )
    outcome = arrays.table_valued("id", *OUTCOME_FIELDS).render_derived(name="outcome")
    return (
        update(_DELIVERIES)
        .where(_DELIVERIES.c.id == outcome.c.id)
        .values(**{field: outcome.c[field] for field in OUTCOME_FIELDS})
    )


def _outcomes_text(dialect: Dialect) -> str:
    # Per dialect class, not instance: every engine has a dialect of its own (the tests make
    # hundreds), and the text is the same for all of one kind.
    kind = type(dialect)
    if kind not in _OUTCOMES_TEXTS:
        _OUTCOMES_TEXTS[kind] = str(_outcomes().compile(dialect=dialect))
    return _OUTCOMES_TEXTS[kind]


_OUTCOMES_TEXTS: dict[type[Dialect], str] = {}


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
