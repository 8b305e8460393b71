"""The halfway reflection's timed work: planned a few days after the halfway meeting."""

from __future__ import annotations

from datetime import timedelta

from bot.reflection import flows
from bot.reflection.service import asked_elsewhere, halfway
from bot.timed.around import Around, Spec
from bot.timed.registry import JobCtx, Skip

# A few days after the meeting: its impressions have settled, and the evaluation (closed five
# days after by default) and the learning-goal question (two days after) are not crowded.
AFTER = timedelta(days=3)


def plan_reflection(around: Around) -> Spec | None:
    """Only the halfway meeting; asked about again at every replan, so when meetings are
    added, moved or cancelled the reflection follows the new middle (a row no longer wanted
    is cancelled by the planner)."""
    if around.next is None or halfway(around.series) is not around.meeting:
        return None
    due = around.shift(around.meeting.ends_at, AFTER)
    return Spec(
        f"reflection:{around.meeting.id}",
        "reflection",
        due,
        around.next.starts_at,
        around.meeting.id,
    )


def reflection(jctx: JobCtx) -> None:
    """Opens a prompt per active member, so a plain reply is taken as the answer."""
    meeting = jctx.need_meeting()
    expires = jctx.job.expires_at
    if expires is None:
        raise Skip("no next meeting to answer before")
    if asked_elsewhere(jctx.session, community_id=jctx.community.id, meeting_id=meeting.id):
        raise Skip("the halfway reflection was asked at another meeting")
    for item in flows.ask(
        jctx.session,
        community=jctx.community,
        meeting_id=meeting.id,
        expires=expires,
        now=jctx.now,
    ):
        jctx.send(item)
