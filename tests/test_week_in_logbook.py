"""The digest's figures of the logbook in one statement (``week_in_logbook``, and
``weeks_in_logbook`` for the communities of a claim) are those of the two queries they
replaced: how many entries since a moment, and the newest successes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, delete
from sqlalchemy.orm import Session

from bot.communities.models import Community
from bot.db import make_engine
from bot.logbook.models import EntryKind, LogEntry
from bot.logbook.service import (
    count_between,
    successes_between,
    week_in_logbook,
    weeks_in_logbook,
)

MOMENT = datetime(2027, 3, 1, 8, 0, tzinfo=UTC)
KINDS = [kind.value for kind in EntryKind]

entries = st.lists(
    st.tuples(
        # Successes as often as all other kinds together: the digest's highlights.
        st.sampled_from(["success"]) | st.sampled_from(KINDS),
        st.integers(min_value=-20, max_value=10),  # days from the window's start
        st.booleans(),  # shared
        st.booleans(),  # in the other community
    ),
    max_size=25,
)


@pytest.fixture
def engine(any_db_url: str) -> Iterator[Engine]:
    made = make_engine(any_db_url)
    yield made
    made.dispose()


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(written=entries, limit=st.integers(min_value=1, max_value=6))
# A success, then more other entries than the limit: the success is still the highlight.
@example(
    written=[("success", 0, True, False), ("log", 1, False, False), ("log", 2, False, False)],
    limit=2,
)
def test_one_statement_gives_what_the_two_queries_gave(
    engine: Engine, written: list[tuple[str, int, bool, bool]], limit: int
) -> None:
    with Session(engine) as session:
        session.execute(delete(LogEntry))
        session.execute(delete(Community))
        ours, theirs = Community(name="Ours", created_at=MOMENT), Community(name="Theirs")
        session.add_all([ours, theirs])
        session.flush()
        for n, (kind, days, shared, elsewhere) in enumerate(written):
            session.add(
                LogEntry(
                    community_id=(theirs if elsewhere else ours).id,
                    kind=kind,
                    text=f"entry {n}",
                    shared=shared,
                    # Some at the same moment: the newest first by id as well.
                    created_at=MOMENT + timedelta(days=days, minutes=n % 3),
                )
            )
        session.flush()
        low = MOMENT - timedelta(days=7)
        count, latest = week_in_logbook(session, community_id=ours.id, low=low, limit=limit)
        assert count == count_between(session, community_id=ours.id, low=low)
        assert latest == successes_between(
            session, community_id=ours.id, low=low, newest_first=True, limit=limit
        )
        # Several communities in one statement: each its own count and highlights, and a
        # community without entries has none.
        ids = [ours.id, theirs.id, theirs.id + 1]
        weeks = weeks_in_logbook(session, community_ids=ids, low=low, limit=limit)
        assert weeks == {
            i: (
                count_between(session, community_id=i, low=low),
                successes_between(session, community_id=i, low=low, newest_first=True, limit=limit),
            )
            for i in ids
        }
        session.rollback()
