"""Who is asked the halfway reflection, under which idempotency key: the rule comes from
``service``, the words from ``messaging``."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from bot.communities.models import Community
from bot.outbox.service import Outgoing
from bot.prompts.service import open_wave_prompts
from bot.reflection.messaging import reflection_question
from bot.reflection.service import KIND


def ask(
    session: Session, *, community: Community, meeting_id: int, expires: datetime, now: datetime
) -> list[Outgoing]:
    """Opens a prompt per active member not asked yet, so a plain reply is taken as the
    answer (keys ``reflection:<meeting>:<member>``)."""
    opened = open_wave_prompts(
        session,
        community=community,
        meeting_id=meeting_id,
        kind=KIND,
        expires_at=expires,
        now=now,
    )
    return [
        Outgoing(
            key=f"reflection:{meeting_id}:{member.id}",
            member=member,
            community=community,
            message=reflection_question(member=member, community=community, prompt_id=prompt_id),
            deadline=expires,
        )
        for member, prompt_id in opened
    ]
