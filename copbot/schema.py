"""Every table copbot's database holds: the core's models and the platforms' own tables (Slack's
installations, as slack_sdk defines them), which the Alembic migration creates too."""

from __future__ import annotations

from sqlalchemy import MetaData

from adapters import platforms
from bot.models import load_all


def metadata() -> MetaData:
    found = load_all()
    for platform in platforms.installed():
        if platform.tables is not None:
            platform.tables(found)
    return found
