"""Whoever installed copbot in a workspace, as slack_sdk's installation store records it:
every row of ``slack_installations`` keeps the installer's Slack user id (``user_id``) and,
had copbot asked for user scopes, their user token. my-data shows these rows to the
installer; forget-me takes the person out of them (``bot.records``).

The installation itself stays, and so does ``slack_bots``, which names no person: copbot
keeps answering everyone else in that workspace with its bot token.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import MetaData, Table, select, update
from sqlalchemy.orm import Session

from adapters.slack.installs import INSTALLATIONS_TABLE, register_tables

# slack_sdk declares the installer's id NOT NULL (its store never writes a row without one),
# so forget-me leaves it empty rather than null.
NOBODY = ""


class InstallerRecords:
    """``bot.records.PlatformRecords`` for Slack."""

    def __init__(self) -> None:
        self.table: Table = register_tables(MetaData()).tables[INSTALLATIONS_TABLE]

    def export(self, session: Session, *, user_id: str) -> list[dict[str, Any]]:
        """One entry per workspace (or organisation) the person installed copbot in; the
        store keeps a row per install, the latest says it."""
        c = self.table.c
        rows = session.execute(
            select(c.enterprise_id, c.team_id, c.team_name, c.installed_at, c.user_token)
            .where(c.user_id == user_id)
            .order_by(c.installed_at)
        ).all()
        found: dict[tuple[str | None, str | None], dict[str, Any]] = {}
        for row in rows:
            found[(row.enterprise_id, row.team_id)] = {
                "installed_copbot_in": row.team_name or row.team_id or row.enterprise_id,
                "team_id": row.team_id,
                "enterprise_id": row.enterprise_id,
                "installed_at": row.installed_at.isoformat() if row.installed_at else None,
                # The token itself is a secret and not shown; that one is kept is.
                "has_user_token": row.user_token is not None,
            }
        return list(found.values())

    def forget(self, session: Session, *, user_id: str) -> int:
        """Take the person's id and user token out of every installation row naming them;
        returns in how many workspaces they had installed copbot."""
        if not user_id:
            return 0
        named = len(self.export(session, user_id=user_id))
        c = self.table.c
        session.execute(
            update(self.table)
            .where(c.user_id == user_id)
            .values(
                user_id=NOBODY,
                user_token=None,
                user_scopes=None,
                user_refresh_token=None,
                user_token_expires_at=None,
            )
        )
        return named
