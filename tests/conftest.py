"""Fixtures: a migrated database (SQLite always, PostgreSQL when COPBOT_TEST_POSTGRES_URL is set)
and the black-box test bot."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bot.db import make_engine
from copbot.migrate import upgrade
from copbot.schema import metadata
from tests.harness import Harness

PG_ENV = "COPBOT_TEST_POSTGRES_URL"


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Migrate once through Alembic; every test copies the file (fast and still real)."""
    path = tmp_path_factory.mktemp("template") / "copbot.db"
    upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture
def sqlite_url(sqlite_template: Path, tmp_path: Path) -> str:
    target = tmp_path / "copbot.db"
    shutil.copy(sqlite_template, target)
    return f"sqlite:///{target}"


@pytest.fixture(scope="session")
def postgres_database() -> Iterator[str]:
    """A private database per test session (concurrent runs never collide), migrated once."""
    base = os.environ.get(PG_ENV)
    if not base:
        if os.environ.get("COPBOT_REQUIRE_POSTGRES"):
            pytest.fail(f"{PG_ENV} must be set: PostgreSQL tests may not skip here")
        pytest.skip(f"{PG_ENV} is not set")
    with private_database(base) as url:
        yield url


@contextmanager
def private_database(base: str) -> Iterator[str]:
    """A new database on the server of ``base``, migrated through Alembic, dropped after."""
    url = make_url(base)
    name = f"copbot_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    test_url = url.set(database=name).render_as_string(hide_password=False)
    try:
        upgrade(test_url)
        yield test_url
    finally:
        with admin.connect() as conn:
            conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = :name AND pid <> pg_backend_pid()"
                ),
                {"name": name},
            )
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()


@pytest.fixture
def postgres_url(postgres_database: str) -> Iterator[str]:
    yield postgres_database
    engine = make_engine(postgres_database)
    tables = ", ".join(f'"{t.name}"' for t in metadata().sorted_tables)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def any_db_url(request: pytest.FixtureRequest) -> str:
    """Runs the test on SQLite and on PostgreSQL."""
    return str(request.getfixturevalue(f"{request.param}_url"))


@pytest.fixture
def bot(sqlite_url: str) -> Iterator[Harness]:
    harness = Harness(sqlite_url)
    yield harness
    harness.close()


@pytest.fixture
def any_bot(any_db_url: str) -> Iterator[Harness]:
    harness = Harness(any_db_url)
    yield harness
    harness.close()
