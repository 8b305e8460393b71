"""What the buddy slice holds about a member (my-data) and how it forgets it (forget-me)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, select, union, update
from sqlalchemy.orm import Session

from bot.buddies.models import (
    BuddyGroup,
    BuddyGroupMember,
    BuddyRound,
    Experiment,
    ExperimentProposal,
    ExperimentReport,
)
from bot.communities.service import community_by_id
from bot.i18n import t
from bot.members.models import Member
from bot.members.service import members_by_ids
from bot.outbox.rows import rewrite


def export(session: Session, *, member: Member) -> dict[str, Any]:
    """The member's buddy groups, the experiments of those groups and their own reports."""
    # Their groups, and a group they left mid-cycle (re-paired after their buddy went) but
    # reported on: the report is theirs, so its group shows too.
    theirs = union(
        select(BuddyGroupMember.group_id).where(BuddyGroupMember.member_id == member.id),
        select(Experiment.group_id)
        .join(ExperimentReport, ExperimentReport.experiment_id == Experiment.id)
        .where(ExperimentReport.member_id == member.id),
    )
    rows = session.execute(
        select(BuddyGroup.id, BuddyRound.created_at)
        .join(BuddyRound, BuddyRound.id == BuddyGroup.round_id)
        .where(BuddyGroup.id.in_(theirs))
        .order_by(BuddyRound.created_at, BuddyGroup.id)
    ).all()
    group_ids = [gid for gid, _ in rows]
    buddies: dict[int, list[str]] = {gid: [] for gid in group_ids}
    groups_of: dict[int, list[int]] = {}
    for gid, member_id in session.execute(
        select(BuddyGroupMember.group_id, BuddyGroupMember.member_id).where(
            BuddyGroupMember.group_id.in_(group_ids), BuddyGroupMember.member_id != member.id
        )
    ):
        groups_of.setdefault(member_id, []).append(gid)
    for other in members_by_ids(session, member_ids=groups_of):
        for gid in groups_of[other.id]:
            buddies[gid].append(other.display_name)
    experiments = {
        e.group_id: e
        for e in session.scalars(select(Experiment).where(Experiment.group_id.in_(group_ids)))
    }
    reports = session.scalars(
        select(ExperimentReport)
        .where(ExperimentReport.member_id == member.id)
        .order_by(ExperimentReport.reported_at)
    ).all()
    groups = []
    for gid, made_at in rows:
        exp = experiments.get(gid)
        groups.append(
            {
                "made_at": made_at.isoformat(),
                "buddies": buddies[gid],
                "experiment": None
                if exp is None
                else {
                    "text": exp.text,
                    "agreed_by_me": exp.agreed_by_id == member.id,
                    "agreed_at": exp.agreed_at.isoformat(),
                    "status": exp.status,
                },
                "my_reports": [
                    {"text": r.text, "reported_at": r.reported_at.isoformat()}
                    for r in reports
                    if exp is not None and r.experiment_id == exp.id
                ],
            }
        )
    proposed = session.scalars(
        select(ExperimentProposal)
        .where(ExperimentProposal.proposed_by_id == member.id)
        .order_by(ExperimentProposal.created_at)
    ).all()
    return {
        "buddy_groups": groups,
        "experiment_proposals": [
            {"text": p.text, "proposed_at": p.created_at.isoformat(), "status": p.status}
            for p in proposed
        ],
    }


def forget(session: Session, *, member: Member, now: datetime) -> None:
    """Erase the member's words: their reports and the experiment texts they wrote.

    A group agrees its experiment together, but one person types it, and the text is free:
    it may well describe that person's own practice, clients or organisation, and copbot
    cannot tell when it does. So the text goes with the rest of what they wrote. The
    experiment itself stays the group's (its status and dates, counted in the digest and the
    report); its buddies see that it was removed at a member's request and can note it again
    with ``experiment <text>``.

    Group membership stays (it points at the anonymised member), so the pairing history of
    the others remains intact and nobody is paired with a ghost.
    """
    # Proposals to change an experiment are their words too.
    session.execute(
        delete(ExperimentProposal)
        .where(ExperimentProposal.proposed_by_id == member.id)
        .execution_options(synchronize_session=False)
    )
    session.execute(
        delete(ExperimentReport)
        .where(ExperimentReport.member_id == member.id)
        .execution_options(synchronize_session=False)
    )
    session.execute(
        update(Experiment)
        .where(Experiment.agreed_by_id == member.id)
        .values(text="", agreed_by_id=None)
        .execution_options(synchronize_session="fetch")
    )
    # What they wrote to their buddies (``bot.buddies.relay``) lives only in those messages.
    community = community_by_id(session, community_id=member.community_id)
    erased = t(community.lang if community is not None else None, "buddy.note.erased")
    rewrite(session, key_prefix=f"buddy-note:{member.id}:", payload={"text": erased, "blocks": []})
    session.flush()


def words(session: Session, *, member: Member) -> list[str]:
    """The experiment texts they wrote (agreed or proposed) and their reports: their buddies'
    messages quote them."""
    found = [
        *session.scalars(select(Experiment.text).where(Experiment.agreed_by_id == member.id)),
        *session.scalars(
            select(ExperimentProposal.text).where(ExperimentProposal.proposed_by_id == member.id)
        ),
        *session.scalars(
            select(ExperimentReport.text).where(ExperimentReport.member_id == member.id)
        ),
    ]
    return [text for text in found if text]
