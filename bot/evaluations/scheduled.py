"""Timed evaluation work: ask after the meeting, close and share the anonymous summary."""

from __future__ import annotations

from bot.evaluations import flows, results, service
from bot.evaluations.service import evaluation_window
from bot.prompts.service import expire_for_meeting
from bot.timed.around import Around, Spec
from bot.timed.registry import JobCtx


def evaluation_prompt(jctx: JobCtx) -> None:
    meeting = jctx.need_meeting()
    for item in flows.open_wave(
        jctx.session, community=jctx.community, meeting=meeting, now=jctx.now
    ):
        jctx.send(item)


def evaluation_close(jctx: JobCtx) -> None:
    """Close the prompts and share the results, unless a facilitator closed it earlier (and
    the results went out then)."""
    meeting = jctx.need_meeting()
    if results.closed_early(jctx.session, meeting_ids=[meeting.id]):
        return
    expire_for_meeting(jctx.session, meeting_id=meeting.id, kind=service.KIND)
    for item in flows.closing_messages(
        jctx.session, community=jctx.community, meeting=meeting, now=jctx.now
    ):
        jctx.send(item)


def plan_evaluation(around: Around) -> Spec:
    meeting = around.meeting
    asked, closes = evaluation_window(around.community, meeting)
    return Spec(f"evaluation:{meeting.id}", "evaluation_prompt", asked, closes, meeting.id)


def plan_close(around: Around) -> Spec:
    meeting = around.meeting
    _, closes = evaluation_window(around.community, meeting)
    return Spec(f"evaluation_close:{meeting.id}", "evaluation_close", closes, None, meeting.id)
