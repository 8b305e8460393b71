"""Whether a unit of work made messages due, so a delivery run is worth starting."""

from __future__ import annotations

from sqlalchemy.orm import Session

QUEUED = "outbox.queued"


def mark_queued(session: Session) -> None:
    """Note on the session that its transaction makes messages due: once it has committed,
    the core starts a delivery run (or tells the adapter to). Without the note none is
    needed, and none is started: a run costs write transactions even when it finds nothing."""
    session.info[QUEUED] = True


def take_queued(session: Session) -> bool:
    """Whether the session's work made messages due since the last look (and forget it)."""
    return bool(session.info.pop(QUEUED, False))
