"""Timed work of buddies: new groups when a meeting ends, a nudge halfway the cycle."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.buddies import messaging, service
from bot.buddies.models import BuddyGroup, Experiment, ExperimentReport
from bot.communities.models import Community
from bot.outbox.service import Outgoing
from bot.prompts.models import Prompt, PromptStatus
from bot.prompts.service import open_prompts_bulk
from bot.timed.around import Around, Spec
from bot.timed.registry import JobCtx, Skip


def cycle_token(*, community_id: int, meeting_id: int | None) -> str:
    """Part of idempotency keys; meeting ids are unique across communities, 'start' is not."""
    return str(meeting_id) if meeting_id is not None else f"start{community_id}"


def pairing_outgoing(
    session: Session,
    *,
    community: Community,
    groups: list[service.Group],
    meeting_id: int | None,
    now: datetime,
    next_start: datetime | None,
) -> list[Outgoing]:
    """Every active member's 'meet your buddy' DM, with an open 'agree an experiment'
    prompt, plus the channel announcement. Safe to call twice: prompts are opened once
    and the outbox keys repeat."""
    token = cycle_token(community_id=community.id, meeting_id=meeting_id)
    query = select(Prompt.member_id, Prompt.ref, Prompt.id).where(
        Prompt.community_id == community.id, Prompt.kind == "experiment"
    )
    query = query.where(
        Prompt.meeting_id == meeting_id if meeting_id is not None else Prompt.meeting_id.is_(None)
    )
    existing = {(member_id, ref): pid for member_id, ref, pid in session.execute(query)}
    rows: list[dict[str, Any]] = [
        {
            "community_id": community.id,
            "member_id": m.id,
            "kind": "experiment",
            "meeting_id": meeting_id,
            "ref": f"group:{g.id}",
            "step": 0,
            "status": PromptStatus.OPEN.value
            if g.experiment is None
            else PromptStatus.ANSWERED.value,
            "answers": {},
            "created_at": now,
            "expires_at": next_start,
        }
        for g in groups
        for m in g.members
        if m.is_active and (m.id, f"group:{g.id}") not in existing
    ]
    if rows:
        open_prompts_bulk(session, rows=rows)
        existing = {(member_id, ref): pid for member_id, ref, pid in session.execute(query)}
    items = [
        Outgoing(
            key=f"pairing:{token}:{m.id}",
            member=m,
            community=community,
            message=messaging.pairing_dm(
                member=m,
                community=community,
                group=g,
                prompt_id=existing[(m.id, f"group:{g.id}")],
                next_start=next_start,
            ),
            deadline=next_start,
        )
        for g in groups
        for m in g.members
        if m.is_active
    ]
    items.append(
        Outgoing(
            key=f"pairing:{token}:channel",
            community=community,
            message=messaging.announcement(community=community, groups=groups),
        )
    )
    return items


def buddy_pairing(jctx: JobCtx) -> None:
    meeting = jctx.need_meeting()
    groups = service.make_groups(
        jctx.session, community=jctx.community, meeting=meeting, now=jctx.now
    )
    if not groups:
        raise Skip("fewer than two active members: no buddy groups")
    for item in pairing_outgoing(
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
    reported = {
        (member_id, group_id)
        for member_id, group_id in jctx.session.execute(
            select(ExperimentReport.member_id, Experiment.group_id)
            .join(Experiment, Experiment.id == ExperimentReport.experiment_id)
            .join(BuddyGroup, BuddyGroup.id == Experiment.group_id)
            .where(BuddyGroup.round_id == found.id)
        )
    }
    _open_reports(jctx, groups=groups, reported=reported)
    for group in groups:
        for member in group.members:
            if not member.is_active or (member.id, group.id) in reported:
                continue
            jctx.send(
                Outgoing(
                    key=f"nudge:{meeting.id}:{member.id}",
                    member=member,
                    community=jctx.community,
                    message=messaging.nudge(member=member, community=jctx.community, group=group),
                    deadline=jctx.job.expires_at,
                )
            )


def _open_reports(
    jctx: JobCtx, *, groups: list[service.Group], reported: set[tuple[int, int]]
) -> None:
    """The nudge asks how the experiment went: open the 'report' question for everyone it
    asks, so a plain reply is taken as their report-back (and not as the answer to an older
    question still open, such as the intake). One query and one insert for the round."""
    wanted = {
        (member.id, f"experiment:{group.experiment.id}")
        for group in groups
        if group.experiment is not None
        for member in group.members
        if member.is_active and (member.id, group.id) not in reported
    }
    if not wanted:
        return
    existing = {
        (member_id, ref)
        for member_id, ref in jctx.session.execute(
            select(Prompt.member_id, Prompt.ref).where(
                Prompt.community_id == jctx.community.id,
                Prompt.kind == "report",
                Prompt.ref.in_(sorted({ref for _, ref in wanted})),
            )
        )
    }
    open_prompts_bulk(
        jctx.session,
        rows=[
            {
                "community_id": jctx.community.id,
                "member_id": member_id,
                "kind": "report",
                # Like the button's question (bot.buddies.prompts.open_report): one per
                # member and experiment, whichever opens it first.
                "meeting_id": None,
                "ref": ref,
                "step": 0,
                "status": PromptStatus.OPEN.value,
                "answers": {},
                "created_at": jctx.now,
                "expires_at": jctx.job.expires_at,
            }
            for member_id, ref in sorted(wanted - existing)
        ],
    )


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
