"""Small portable SQL helpers (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session


def insert_ignoring_duplicates(
    session: Session, table: Table, rows: Sequence[dict[str, Any]], *, unique: Sequence[str]
) -> None:
    """Insert ``rows`` in one statement, silently skipping rows whose unique key exists.

    This is what makes enqueueing idempotent even when two workers race.
    """
    if not rows:
        return
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        pg_stmt = postgresql.insert(table).values(list(rows))
        session.execute(pg_stmt.on_conflict_do_nothing(index_elements=list(unique)))
    elif dialect == "sqlite":
        lite_stmt = sqlite.insert(table).values(list(rows))
        session.execute(lite_stmt.on_conflict_do_nothing(index_elements=list(unique)))
    else:  # pragma: no cover - only the two supported backends
        raise RuntimeError(f"unsupported database dialect {dialect}")


def supports_skip_locked(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"
