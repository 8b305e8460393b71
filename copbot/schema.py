"""Every table copbot's database holds: the core's models and the Slack adapter's
installation tables (slack_sdk's own definitions), which the Alembic migration creates too."""

from __future__ import annotations

from sqlalchemy import MetaData

from adapters.slack.installs import register_tables
from bot.models import load_all


def metadata() -> MetaData:
    return register_tables(load_all())
