"""Timed work of meetings: mark a meeting held when it ends."""

from __future__ import annotations

from bot.meetings.models import MeetingStatus
from bot.timed.registry import JobCtx, Skip


def meeting_held(jctx: JobCtx) -> None:
    meeting = jctx.meeting
    if meeting is None or meeting.is_cancelled:
        raise Skip("meeting cancelled")
    meeting.status = MeetingStatus.HELD.value


JOBS = {"meeting_held": meeting_held}
