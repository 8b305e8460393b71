"""What buddies does when the base publishes an event (``bot.events``)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.buddies.flows import buddy_gone
from bot.events import MemberLeft, Send


def member_left(session: Session, event: MemberLeft, send: Send) -> None:
    """Their buddy is not left alone without a word (nor told who went)."""
    for item in buddy_gone(session, community=event.community, gone=event.member, now=event.now):
        send(item)
