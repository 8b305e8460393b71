"""What the logbook answers when the base asks (``bot.events``)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.events import WelcomePart, Welcoming
from bot.logbook.service import recent_successes


def welcoming(session: Session, question: Welcoming) -> WelcomePart:
    """A newcomer reads the community's three latest successes."""
    found = recent_successes(session, community_id=question.community.id, limit=3)
    return WelcomePart(highlights=tuple(found))
