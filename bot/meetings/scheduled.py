"""Timed work of meetings: mark a meeting held when it ends."""

from __future__ import annotations

from bot.meetings.models import MeetingStatus
from bot.timed.registry import JobCtx


def meeting_held(jctx: JobCtx) -> None:
    meeting = jctx.need_meeting()
    meeting.status = MeetingStatus.HELD.value


JOBS = {"meeting_held": meeting_held}
