"""The link codes a person asked for, for ``my-data`` and ``forget-me``."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.members.models import Member
from bot.places.models import LinkCode


def export(session: Session, *, member: Member) -> dict[str, Any]:
    codes = session.scalars(
        select(LinkCode).where(LinkCode.member_id == member.id).order_by(LinkCode.id)
    )
    return {
        "link_codes": [
            {
                "kind": c.kind,
                "created_at": c.created_at.isoformat(),
                "expires_at": c.expires_at.isoformat(),
                "used": c.used_at is not None,
            }
            for c in codes
        ]
    }


def forget(session: Session, *, member: Member, now: datetime) -> None:
    session.execute(
        delete(LinkCode)
        .where(LinkCode.member_id == member.id)
        .execution_options(synchronize_session=False)
    )
