"""Timed work of buddies: new groups when a meeting ends, a nudge halfway the cycle."""

from __future__ import annotations

from bot.buddies import experiments, flows, service
from bot.timed.around import Around, Spec
from bot.timed.registry import JobCtx, Skip


def buddy_pairing(jctx: JobCtx) -> None:
    meeting = jctx.need_meeting()
    groups = service.make_groups(
        jctx.session, community=jctx.community, meeting=meeting, now=jctx.now
    )
    if not groups:
        raise Skip("fewer than two active members: no buddy groups")
    for item in flows.pairing(
        jctx.session,
        community=jctx.community,
        groups=groups,
        meeting_id=meeting.id,
        now=jctx.now,
        next_start=jctx.job.expires_at,
    ):
        jctx.send(item)


def buddy_nudge(jctx: JobCtx) -> None:
    meeting = jctx.need_meeting()
    found = service.round_for(jctx.session, community_id=jctx.community.id, meeting_id=meeting.id)
    if found is None:
        raise Skip("no buddy groups in this cycle")
    groups = service.groups_of_round(jctx.session, round_id=found.id)
    # Whoever already reported back needs no nudge (one query for the whole round).
    for item in flows.nudges(
        jctx.session,
        community=jctx.community,
        meeting_id=meeting.id,
        groups=groups,
        reported=experiments.reported_in_round(jctx.session, round_id=found.id),
        expires_at=jctx.job.expires_at,
        now=jctx.now,
    ):
        jctx.send(item)


def plan_pairing(around: Around) -> Spec | None:
    """New groups when a meeting ends, for the cycle until the next one."""
    meeting, nxt = around.meeting, around.next
    if nxt is None:
        return None
    return Spec(
        f"pairing:{meeting.id}", "buddy_pairing", meeting.ends_at, nxt.starts_at, meeting.id
    )


def plan_nudge(around: Around) -> Spec | None:
    """Halfway through the cycle, a nudge."""
    meeting, nxt = around.meeting, around.next
    if nxt is None:
        return None
    midpoint = meeting.ends_at + (nxt.starts_at - meeting.ends_at) / 2
    return Spec(f"nudge:{meeting.id}", "buddy_nudge", midpoint, nxt.starts_at, meeting.id)
