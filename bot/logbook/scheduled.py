"""Timed logbook work: every few meetings, ask members how their learning goal is going."""

from __future__ import annotations

from datetime import timedelta

from bot.logbook import flows
from bot.timed.around import Around, Spec
from bot.timed.registry import JobCtx, Skip


def goal_checkin(jctx: JobCtx) -> None:
    """The question opens a prompt, so a plain reply goes into the member's logbook."""
    meeting = jctx.need_meeting()
    expires = jctx.job.expires_at
    if expires is None:
        raise Skip("no next meeting to answer before")
    for item in flows.goal_checkin(
        jctx.session,
        community=jctx.community,
        meeting_id=meeting.id,
        expires=expires,
        now=jctx.now,
    ):
        jctx.send(item)


# Every this many meetings members are asked how their learning goal is going, two days
# after the meeting (after the evaluation has closed its busiest days).
GOAL_EVERY = 3
GOAL_AFTER = timedelta(days=2)


def plan_goal(around: Around) -> Spec | None:
    meeting, nxt = around.meeting, around.next
    if nxt is None or around.number % GOAL_EVERY != 0:
        return None
    due = around.shift(meeting.ends_at, GOAL_AFTER)
    return Spec(f"goal:{meeting.id}", "goal_checkin", due, nxt.starts_at, meeting.id)
