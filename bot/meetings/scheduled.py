"""Timed work of meetings: mark a meeting held when it ends."""

from __future__ import annotations

from bot.events import MeetingHeld, publish
from bot.meetings.models import MeetingStatus
from bot.timed.around import Around, Spec
from bot.timed.registry import JobCtx


def meeting_held(jctx: JobCtx) -> None:
    meeting = jctx.need_meeting()
    meeting.status = MeetingStatus.HELD.value
    # Features act on it (attendance records who came, until a facilitator corrects it).
    publish(jctx.session, MeetingHeld(jctx.community, meeting, jctx.now), send=jctx.send)


def plan_held(around: Around) -> Spec:
    """The meeting ends: attendance is recorded."""
    meeting = around.meeting
    return Spec(f"held:{meeting.id}", "meeting_held", meeting.ends_at, None, meeting.id)
