"""Files held for a person, for ``my-data`` and ``forget-me``."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.files.models import HeldFile
from bot.files.service import forget_person
from bot.members.models import Member


def export(session: Session, *, member: Member) -> dict[str, Any]:
    held = session.scalars(
        select(HeldFile).where(
            HeldFile.platform == member.platform, HeldFile.user_id == member.user_id
        )
    )
    return {
        "waiting_for_consent": [
            {"name": f.name, "size": len(f.content), "created_at": f.created_at.isoformat()}
            for f in held
        ]
    }


def forget(session: Session, *, member: Member, now: datetime) -> None:
    """A report or data export offered but not yet accepted goes too."""
    forget_person(session, platform=member.platform, user_id=member.user_id)
