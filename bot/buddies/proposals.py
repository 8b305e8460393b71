"""Changing a group's agreed experiment: a proposal every other buddy must agree to.

One buddy typing `experiment <text>` once the group agreed one must not silently replace
what the group agreed. The text becomes a proposal; the experiment changes when every other
buddy still in the group agrees, and stays as it was when one of them prefers to keep it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.buddies.experiments import MAX_EXPERIMENT
from bot.buddies.models import Experiment, ExperimentProposal, ProposalStatus
from bot.buddies.service import Group, group_by_id
from bot.commands.parser import parse_id
from bot.errors import Conflict, NotFound
from bot.members.models import Member
from bot.members.service import member_by_id


def propose(
    session: Session,
    *,
    group: Group,
    experiment: Experiment,
    member: Member,
    text: str,
    now: datetime,
) -> ExperimentProposal:
    """A new proposal; an older one still open in this group is replaced by it."""
    session.execute(
        update(ExperimentProposal)
        .where(
            ExperimentProposal.group_id == group.id,
            ExperimentProposal.status == ProposalStatus.PENDING.value,
        )
        .values(status=ProposalStatus.EXPIRED.value, decided_at=now)
        .execution_options(synchronize_session="fetch")
    )
    proposal = ExperimentProposal(
        group_id=group.id,
        community_id=member.community_id,
        experiment_id=experiment.id,
        base_revision=experiment.revision,
        text=text.strip()[:MAX_EXPERIMENT],
        proposed_by_id=member.id,
        agreed_ids=[],
        status=ProposalStatus.PENDING.value,
        created_at=now,
    )
    session.add(proposal)
    session.flush()
    return proposal


@dataclass(frozen=True)
class Answer:
    """What became of a proposal after a buddy's answer."""

    proposal: ExperimentProposal
    group: Group
    experiment: Experiment
    proposer: Member | None
    waiting_for: list[Member]

    @property
    def agreed(self) -> bool:
        return self.proposal.status == ProposalStatus.AGREED.value


def open_proposal(
    session: Session, *, value: str, member_ids: set[int], now: datetime
) -> tuple[ExperimentProposal, Group, Experiment, Member]:
    """The pending proposal a button names, the group and experiment it is about, and the
    answering buddy (one of ``member_ids``, the clicker's member rows). A proposal decided,
    replaced, or overtaken by a change of the experiment is a Conflict."""
    proposal_id = parse_id(value)
    proposal = session.get(ExperimentProposal, proposal_id) if proposal_id is not None else None
    group = group_by_id(session, group_id=proposal.group_id) if proposal is not None else None
    experiment = session.get(Experiment, proposal.experiment_id) if proposal is not None else None
    if proposal is None or group is None or experiment is None:
        raise NotFound("error.prompt_closed")
    buddy = next((m for m in group.others(proposal.proposed_by_id) if m.id in member_ids), None)
    if buddy is None:
        raise Conflict("error.not_your_group")
    if proposal.status == ProposalStatus.PENDING.value and (
        experiment.revision != proposal.base_revision
    ):
        proposal.status, proposal.decided_at = ProposalStatus.EXPIRED.value, now
    if proposal.status != ProposalStatus.PENDING.value:
        raise Conflict(f"buddy.proposal.{proposal.status}")
    return proposal, group, experiment, buddy


def agree(
    session: Session, *, proposal: ExperimentProposal, group: Group, experiment: Experiment,
    buddy: Member, now: datetime,
) -> Answer:  # fmt: skip
    """``buddy`` agrees; with every other buddy agreed, the experiment takes the new text."""
    agreed = sorted({*proposal.agreed_ids, buddy.id})
    proposal.agreed_ids = agreed  # a new list: JSON columns do not see changes in place
    waiting = [m for m in group.others(proposal.proposed_by_id) if m.id not in agreed]
    proposer = member_by_id(session, member_id=proposal.proposed_by_id)
    if not waiting:
        experiment.text = proposal.text
        experiment.agreed_by_id = proposal.proposed_by_id
        experiment.agreed_at = now
        experiment.revision += 1
        proposal.status, proposal.decided_at = ProposalStatus.AGREED.value, now
    session.flush()
    return Answer(proposal, group, experiment, proposer, waiting)


def keep(session: Session, *, proposal: ExperimentProposal, now: datetime) -> Member | None:
    """A buddy prefers the experiment the group agreed: it stays. Returns the proposer."""
    proposal.status, proposal.decided_at = ProposalStatus.KEPT.value, now
    session.flush()
    return member_by_id(session, member_id=proposal.proposed_by_id)


def pending_of(session: Session, *, group_id: int) -> ExperimentProposal | None:
    return session.scalars(
        select(ExperimentProposal).where(
            ExperimentProposal.group_id == group_id,
            ExperimentProposal.status == ProposalStatus.PENDING.value,
        )
    ).first()
