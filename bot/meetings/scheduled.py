"""Timed work of meetings: mark a meeting held when it ends."""

from __future__ import annotations

from bot.attendance.service import record_default
from bot.meetings.models import MeetingStatus
from bot.timed.registry import JobCtx


def meeting_held(jctx: JobCtx) -> None:
    meeting = jctx.need_meeting()
    meeting.status = MeetingStatus.HELD.value
    # Who came, until a facilitator corrects it: those who said they come.
    record_default(jctx.session, community=jctx.community, meeting=meeting, now=jctx.now)


JOBS = {"meeting_held": meeting_held}
