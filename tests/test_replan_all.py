"""Planning several communities at once (``replan_all``) plans what planning each one does, in
the statements of one; ``copbot migrate`` brings every community's plan in line with the
release it installs."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, delete, event, select, update
from sqlalchemy.orm import Session, sessionmaker

from bot.communities.models import Community
from bot.db import make_engine, make_session_factory
from bot.meetings.models import Meeting, MeetingStatus
from bot.timed.models import PlannedJob
from bot.timed.planner import replan, replan_all
from copbot.migrate import upgrade
from tests.test_wave_statements import BEFORE, populate


@pytest.fixture
def planned(any_db_url: str) -> Iterator[tuple[Engine, sessionmaker[Session]]]:
    """Four communities, each planned on its own (``populate`` replans them one by one)."""
    engine = make_engine(any_db_url)
    try:
        factory = make_session_factory(engine)
        populate(factory, communities=4, members=3, run="p")
        yield engine, factory
    finally:
        engine.dispose()


def plan_of(session: Session) -> list[tuple[Any, ...]]:
    rows = session.execute(
        select(
            PlannedJob.key,
            PlannedJob.status,
            PlannedJob.due_at,
            PlannedJob.expires_at,
            PlannedJob.finished_at,
        ).order_by(PlannedJob.key)
    )
    return [tuple(row) for row in rows]


def test_planning_together_plans_what_planning_each_does(
    planned: tuple[Engine, sessionmaker[Session]],
) -> None:
    _engine, factory = planned
    with factory() as session:
        one_by_one = plan_of(session)
        communities = list(session.scalars(select(Community).order_by(Community.id)))
        session.execute(delete(PlannedJob))
        replan_all(session, communities=communities, now=BEFORE)
        assert plan_of(session) == one_by_one
        # Then the organisers edit: a meeting moves a day, another is cancelled, a third
        # community checks in earlier. Planned together or each on its own, the rows follow.
        first, second, third = (
            session.scalars(select(Meeting).where(Meeting.community_id == c.id)).one()
            for c in communities[:3]
        )
        first.starts_at += timedelta(days=1)
        second.status = MeetingStatus.CANCELLED.value
        communities[2].checkin_before_min += 24 * 60
        session.flush()
        edit = session.begin_nested()
        replan_all(session, communities=communities, now=BEFORE + timedelta(minutes=5))
        together = plan_of(session)
        edit.rollback()
        for community in session.scalars(select(Community).order_by(Community.id)):
            replan(session, community=community, now=BEFORE + timedelta(minutes=5))
        assert plan_of(session) == together != one_by_one
        cancelled = {key for key, status, *_ in together if status == "cancelled"}
        assert cancelled and all(key.endswith(f":{second.id}") for key in cancelled)
        # The third community's check-in a day earlier.
        before = {key: due for key, _, due, *_ in one_by_one}
        after = {key: due for key, _, due, *_ in together}
        checkin = f"checkin:{third.id}"
        assert after[checkin] == before[checkin] - timedelta(days=1)
        session.rollback()


def test_planning_more_communities_together_takes_no_more_statements(
    planned: tuple[Engine, sessionmaker[Session]],
) -> None:
    engine, factory = planned
    counts = []
    statements: list[str] = []

    def executed(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        statements.append(statement)

    for size in (2, 4):
        statements.clear()
        with factory() as session:
            communities = list(session.scalars(select(Community).order_by(Community.id)))[:size]
            session.execute(update(PlannedJob).values(status="cancelled"))
            event.listen(engine, "before_cursor_execute", executed)
            try:
                replan_all(session, communities=communities, now=BEFORE)
                session.flush()
            finally:
                event.remove(engine, "before_cursor_execute", executed)
            session.rollback()
        counts.append(len(statements))
    assert counts[0] == counts[1], counts


def test_copbot_migrate_plans_every_community_by_the_release_s_rules(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'upgraded.db'}"
    upgrade(url)
    engine = make_engine(url)
    try:
        factory = make_session_factory(engine)
        populate(factory, communities=2, members=3, run="m")
        with factory() as session:
            # As if the release before planned less: nothing of it planned yet.
            session.execute(delete(PlannedJob))
            session.commit()
        result = subprocess.run(
            [sys.executable, "-m", "copbot.cli", "--database-url", url, "migrate"],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert "2 communities replanned" in result.stdout
        with factory() as session:
            kinds = {
                (community_id, kind)
                for community_id, kind in session.execute(
                    select(PlannedJob.community_id, PlannedJob.kind)
                )
            }
        assert {kind for _, kind in kinds} >= {"checkin_prompt", "rotation", "digest"}
        assert len({community for community, _ in kinds}) == 2
    finally:
        engine.dispose()
