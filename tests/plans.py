"""What copbot's own code asks its database, and the statements among it that read a whole
table: for the plan tests (``tests/test_query_plans.py``) and ``make plan-audit``.

SQLite's EXPLAIN QUERY PLAN says ``SCAN <table>`` where a statement reads a table whole and
``SEARCH <table> USING ...`` where an index finds its rows; SQLite's planner needs no
statistics, so the same statement always gets the same plan."""

from __future__ import annotations

import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event

ROOT = Path(__file__).resolve().parents[1]
OWN = tuple(str(ROOT / part) for part in ("bot", "adapters", "scheduler", "copbot"))
# Read whole on purpose: the handful of places copbot cannot reach now, and a claim's own
# candidates (a WITH of one batch).
WHOLE = frozenset({"unreachable", "picked"})
# Found by person only for my-data and forget-me: an index on it would be written again by
# every claim and every outcome of every message (each changes the due index's status, so
# PostgreSQL writes every index of the row again), for two commands a person uses once.
BY_PERSON_ONLY = frozenset({"deliveries"})

Sent = dict[str, tuple[str, Any]]


def copbot_sent() -> bool:
    """Whether the statement about to run comes from copbot's own code (not a test's)."""
    return any(frame.filename.startswith(OWN) for frame in traceback.extract_stack())


def note(sent: Sent, statement: str, parameters: Any, *, many: bool) -> None:
    """Keep a statement copbot's code sends, once, with the parameters it first ran with (run
    for several rows at once, ``executemany``: the first row's, which plan as any other)."""
    folded = " ".join(statement.split())
    if folded in sent or not folded.startswith(("SELECT", "UPDATE", "DELETE", "WITH")):
        return
    if many:
        if not parameters:
            return
        parameters = parameters[0]
    if copbot_sent():
        sent[folded] = (statement, parameters)


@contextmanager
def sent_by_copbot(engine: Engine) -> Iterator[Sent]:
    """Each distinct statement copbot's own code sends on ``engine`` inside the block."""
    sent: Sent = {}

    def listener(
        _c: Any, _cursor: Any, statement: str, parameters: Any, _x: Any, many: bool
    ) -> None:
        note(sent, statement, parameters, many=many)

    event.listen(engine, "before_cursor_execute", listener)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", listener)


def whole_table_reads(url: str, sent: Sent, *, allowed: frozenset[str]) -> list[str]:
    """The statements of ``sent`` that read a table whole, but for the ``allowed`` tables,
    explained on the SQLite database at ``url`` (any with copbot's schema)."""
    scans = []
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            for folded, (statement, parameters) in sent.items():
                plan = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
                # A named subquery (``CO-ROUTINE anon_1``, ``MATERIALIZE anon_1``) is read
                # whole by the statement around it: its own lines say how it reads tables.
                derived: set[str] = set()
                for *_, detail in plan:
                    words = str(detail).split()
                    if words[0] in ("CO-ROUTINE", "MATERIALIZE") and len(words) == 2:
                        derived.add(words[1])
                        continue
                    # ("SCAN CONSTANT ROW", "SCAN (subquery-1)": nothing of a table.)
                    table = words[1] if words[0] == "SCAN" and words[2:3] != ["ROW"] else "("
                    if table.isidentifier() and table not in allowed | derived:
                        scans.append(f"{detail}: {folded[:160]}")
    finally:
        engine.dispose()
    return scans
