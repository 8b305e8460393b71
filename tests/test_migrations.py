"""The schema comes only from Alembic, and the migrations match the models."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from bot.db import make_engine
from copbot.schema import metadata


def _diff(url: str) -> list[object]:
    engine = make_engine(url)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, metadata())
    engine.dispose()
    return list(diff)


def test_models_and_migrations_agree(any_db_url: str) -> None:
    assert _diff(any_db_url) == []
