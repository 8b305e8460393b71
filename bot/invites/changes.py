"""Every member hears of a schedule change, with their calendar file attached."""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from bot.communities.models import Community
from bot.events import Send
from bot.i18n import t
from bot.invites import service
from bot.invites.messaging import change_message
from bot.members.messaging import lang_of
from bot.members.service import current_members
from bot.outbox.service import Outgoing


def tell_members(
    session: Session,
    *,
    community: Community,
    now: datetime,
    send: Send,
    key: str,
    **params: Any,
) -> None:
    """DM every current member what changed (the text ``key`` in their language) and their
    updated calendar. The idempotency key names the schedule's version, so the same change
    is never sent twice and every new version is."""
    members = current_members(session, community_id=community.id)
    if not members:
        return
    files = service.files_for(session, community=community, members=members, now=now)
    version = _version(session, community)
    for member in members:
        lang = lang_of(member, community)
        send(
            Outgoing(
                key=f"calendar:{community.id}:{member.id}:{version}",
                member=member,
                community=community,
                message=change_message(
                    lang=lang,
                    name=community.name,
                    change=t(lang, key, **params),
                    file=files[member.id],
                ),
            )
        )


def _version(session: Session, community: Community) -> str:
    meetings = service.meetings_for(session, community_id=community.id)
    state = "|".join(f"{m.id}:{m.sequence}:{m.status}:{m.starts_at.isoformat()}" for m in meetings)
    return hashlib.sha256(state.encode()).hexdigest()[:16]
