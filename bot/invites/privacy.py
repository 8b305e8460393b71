"""A member's calendar feed for ``my-data`` and ``forget-me``."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from bot.invites.service import drop_feed, feed_of
from bot.members.models import Member


def export(session: Session, *, member: Member) -> dict[str, Any]:
    feed = feed_of(session, member=member)
    return {
        "calendar_feed": (
            {"path": f"/calendar/{feed.token}.ics", "created_at": feed.created_at.isoformat()}
            if feed is not None
            else None
        )
    }


def forget(session: Session, *, member: Member, now: datetime) -> None:
    """The feed address stops working and its secret is gone."""
    drop_feed(session, member=member)
