"""Job kinds and their executors, collected from each slice's ``scheduled`` module."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache

from sqlalchemy.orm import Session

from bot.communities.models import Community
from bot.meetings.models import Meeting
from bot.outbox.service import Outgoing
from bot.timed.models import PlannedJob

JOB_SLICES = (
    "bot.meetings.scheduled",
    "bot.facilitation.scheduled",
    "bot.buddies.scheduled",
    "bot.checkins.scheduled",
    "bot.evaluations.scheduled",
    "bot.digest.scheduled",
    "bot.logbook.scheduled",
)


class Skip(Exception):
    """Raised by an executor when the work no longer makes sense; logged, not retried."""


@dataclass
class JobCtx:
    session: Session
    now: datetime
    job: PlannedJob
    community: Community
    meeting: Meeting | None
    outgoing: list[Outgoing] = field(default_factory=list)

    def send(self, item: Outgoing) -> None:
        self.outgoing.append(item)

    def need_meeting(self) -> Meeting:
        """The job's meeting; a meeting cancelled (or deleted) since the job was planned
        leaves nothing to do."""
        if self.meeting is None or self.meeting.is_cancelled:
            raise Skip("meeting cancelled")
        return self.meeting


Executor = Callable[[JobCtx], None]


@cache
def executors() -> dict[str, Executor]:
    found: dict[str, Executor] = {}
    # By name on first use: the slices import JobCtx from this module.
    for name in JOB_SLICES:
        module = importlib.import_module(name)
        for kind, executor in module.JOBS.items():
            if kind in found:
                raise RuntimeError(f"job kind {kind!r} defined twice ({name})")
            found[kind] = executor
    return found
