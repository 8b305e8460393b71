"""Timed check-in work: the wave of questions before a meeting and one reminder."""

from __future__ import annotations

from datetime import timedelta

from bot.checkins import flows, service
from bot.meetings.models import Meeting
from bot.timed.around import Around, Spec
from bot.timed.registry import JobCtx, Skip


def _meeting(jctx: JobCtx) -> Meeting:
    meeting = jctx.need_meeting()
    if meeting.starts_at <= jctx.now:
        raise Skip("meeting already started")
    return meeting


def checkin_prompt(jctx: JobCtx) -> None:
    meeting = _meeting(jctx)
    for item in flows.open_wave(
        jctx.session,
        community=jctx.community,
        meeting=meeting,
        now=jctx.now,
        members=jctx.current_members(),
    ):
        jctx.send(item)


def checkin_reminder(jctx: JobCtx) -> None:
    meeting = _meeting(jctx)
    for item in flows.reminders(
        jctx.session, community=jctx.community, meeting=meeting, now=jctx.now
    ):
        jctx.send(item)


def plan_checkin(around: Around) -> Spec:
    meeting = around.meeting
    due = service.checkin_at(around)
    return Spec(f"checkin:{meeting.id}", "checkin_prompt", due, meeting.starts_at, meeting.id)


def plan_reminder(around: Around) -> Spec | None:
    """One reminder, when there is still time for it before the meeting."""
    meeting = around.meeting
    minutes = timedelta(minutes=around.community.reminder_after_min)
    due = around.shift(service.checkin_at(around), minutes)
    if due >= meeting.starts_at:
        return None
    return Spec(
        f"checkin_reminder:{meeting.id}", "checkin_reminder", due, meeting.starts_at, meeting.id
    )
