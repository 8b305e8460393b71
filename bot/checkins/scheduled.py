"""Timed check-in work: the wave of questions before a meeting and one reminder."""

from __future__ import annotations

from bot.checkins import service
from bot.meetings.models import Meeting
from bot.timed.registry import JobCtx, Skip


def _meeting(jctx: JobCtx) -> Meeting:
    meeting = jctx.need_meeting()
    if meeting.starts_at <= jctx.now:
        raise Skip("meeting already started")
    return meeting


def checkin_prompt(jctx: JobCtx) -> None:
    meeting = _meeting(jctx)
    for item in service.open_wave(
        jctx.session, community=jctx.community, meeting=meeting, now=jctx.now
    ):
        jctx.send(item)


def checkin_reminder(jctx: JobCtx) -> None:
    meeting = _meeting(jctx)
    for item in service.reminders(
        jctx.session, community=jctx.community, meeting=meeting, now=jctx.now
    ):
        jctx.send(item)


JOBS = {"checkin_prompt": checkin_prompt, "checkin_reminder": checkin_reminder}
