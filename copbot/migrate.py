"""Run Alembic from inside the installed package (``copbot migrate``)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

import migrations


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(Path(migrations.__file__).parent))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(url), revision)


def replan(url: str) -> int:
    """Every community's plan brought in line with this release's rules (``copbot migrate``,
    after the schema): how many communities."""
    from datetime import UTC, datetime

    from bot.db import make_engine, make_session_factory
    from bot.timed.planner import replan_every_community

    engine = make_engine(url)
    try:
        return replan_every_community(make_session_factory(engine), now=datetime.now(UTC))
    finally:
        engine.dispose()


def autogenerate(url: str, message: str) -> None:
    command.revision(alembic_config(url), message=message, autogenerate=True, rev_id="0001")
