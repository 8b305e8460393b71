"""``insert_ignoring_duplicates`` on PostgreSQL: the rows as one JSON document unpacked by the
server (``json_to_recordset``) store exactly what the rows as parameters of one statement
(``executemany``, SQLAlchemy's own conversions) stored, for any rows (hypothesis): every
column compared as the server's text, a JSON column's too (its ``null`` is JSON's, not SQL's),
defaults filled in for a value a row leaves out, and a key that exists already left alone."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from freezegun import freeze_time
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, Table, text
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Session

from bot.communities.models import Community
from bot.db import make_engine
from bot.outbox.models import Delivery
from bot.sqlutil import insert_ignoring_duplicates, table_of

DELIVERIES: Table = table_of(Delivery)
MOMENT = datetime(2026, 12, 7, 15, 30, 12, 345678, tzinfo=UTC)

# PostgreSQL's text holds no NUL, and JSON no lone surrogate: neither path can store them.
words = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=12)
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**53), 2**53)
    | st.floats(allow_nan=False, allow_infinity=False)
    | words,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(words, inner, max_size=3),
    max_leaves=8,
)
moments = st.datetimes(
    min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.timezones()
)


@st.composite
def rows(draw: st.DrawFn, *, community: int) -> list[dict[str, Any]]:
    keys = draw(st.lists(words, min_size=1, max_size=6, unique=True))
    # A column is in every row or in none (executemany's rule); left out, the defaults fill
    # status, attempts and created_at.
    with_status, with_sent_at = draw(st.booleans()), draw(st.booleans())
    made = []
    for key in keys:
        row = {
            "key": key,
            "community_id": draw(st.sampled_from([None, community])),
            "member_id": None,
            "platform": draw(st.sampled_from(["slack", "teams"])),
            "workspace_id": draw(st.none() | words),
            "recipient": draw(words),
            "to_channel": draw(st.booleans()),
            "address": draw(st.none() | st.dictionaries(words, json_values, max_size=3)),
            "payload": draw(st.dictionaries(words, json_values, max_size=4)),
            "not_before": draw(moments),
        }
        if with_status:
            row["status"] = draw(st.sampled_from(["pending", "held"]))
        if with_sent_at:
            row["sent_at"] = draw(st.none() | moments)
        made.append(row)
    return made


@pytest.fixture
def engine(postgres_url: str) -> Iterator[Engine]:
    made = make_engine(postgres_url)
    yield made
    made.dispose()


def community_in(engine: Engine) -> int:
    with Session(engine) as session:
        community = Community(name="Insert CoP", created_at=MOMENT)
        session.add(community)
        session.commit()
        return community.id


def stored(engine: Engine, prefix: str) -> list[tuple[Any, ...]]:
    """Every delivery of ``prefix``, each column as PostgreSQL writes it out."""
    columns = [c.name for c in DELIVERIES.columns if c.name != "id"]
    listed = ", ".join(f"{name}::text" for name in columns)
    with engine.connect() as connection:
        found = connection.execute(
            text(
                f"SELECT {listed}, address IS NULL, payload IS NULL FROM deliveries "
                "WHERE key LIKE :prefix || '%' ORDER BY key"
            ),
            {"prefix": prefix},
        )
        return [(row[0].removeprefix(prefix), *row[1:]) for row in found]


def by_executemany(session: Session, batch: list[dict[str, Any]]) -> None:
    """What ``insert_ignoring_duplicates`` did on PostgreSQL before: one statement, the rows
    as its parameters."""
    statement = postgresql.insert(DELIVERIES).on_conflict_do_nothing(index_elements=["key"])
    session.execute(statement, batch)


def prefixed(batch: list[dict[str, Any]], prefix: str) -> list[dict[str, Any]]:
    return [row | {"key": prefix + row["key"]} for row in batch]


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_json_rows_store_what_executemany_stored(engine: Engine, data: st.DataObject) -> None:
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM deliveries"))
        connection.execute(text("DELETE FROM communities"))
    community = community_in(engine)
    first = data.draw(rows(community=community), label="first")
    # The same keys again with other values: the rows stored first stay as they were.
    again = [
        row | {"recipient": row["recipient"] + "!", "payload": {"again": True}} for row in first
    ]
    with freeze_time(MOMENT), Session(engine) as session:
        for batch in (first, again):
            by_executemany(session, prefixed(batch, "old:"))
            insert_ignoring_duplicates(session, DELIVERIES, prefixed(batch, "new:"), unique=["key"])
        session.commit()
    old, new = stored(engine, "old:"), stored(engine, "new:")
    assert len(new) == len(first)
    assert new == old


def test_a_json_null_stays_json_and_missing_values_take_their_defaults(engine: Engine) -> None:
    with freeze_time(MOMENT), Session(engine) as session:
        insert_ignoring_duplicates(
            session,
            DELIVERIES,
            [
                {
                    "key": "k",
                    "platform": "slack",
                    "recipient": "U1",
                    "address": None,
                    "payload": {"text": "hoi", "nested": [None, 1.5, "ë"]},
                    "not_before": MOMENT,
                }
            ],
            unique=["key"],
        )
        session.commit()
    with engine.connect() as connection:
        row = connection.execute(
            text(
                "SELECT address IS NULL, address::text, payload::text, status, attempts, "
                "created_at, not_before FROM deliveries"
            )
        ).one()
    assert row == (
        False,
        "null",
        '{"text":"hoi","nested":[null,1.5,"ë"]}',  # as bot.jsontext writes it
        "pending",
        0,
        MOMENT,
        MOMENT,
    )


def test_a_column_the_table_does_not_have_is_refused(engine: Engine) -> None:
    with Session(engine) as session, pytest.raises(ValueError, match="no such columns"):
        insert_ignoring_duplicates(
            session, DELIVERIES, [{"key": "k", "colour": "blue"}], unique=["key"]
        )
