"""Buddy groups' experiments and report-backs: the rules, keyword-only.

A group agrees one experiment per cycle; each member reports back on it, with the check-in,
as a reply to the nudge or through the form. Also the views the facilitator brief and the
digest read: open experiments, groups without a report-back, and the counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.buddies.models import Experiment, ExperimentReport, ExperimentStatus
from bot.buddies.service import Group, current_groups, group_of
from bot.logbook.models import EntryKind
from bot.logbook.service import add_entry
from bot.members.models import Member
from bot.prompts.models import Prompt, PromptStatus

MAX_EXPERIMENT = 1000
MAX_REPORT = 2000


@dataclass(frozen=True)
class ExperimentView:
    """An experiment as the facilitator brief and the digest show it."""

    group_id: int
    members: list[str]
    text: str
    agreed_at: datetime
    status: str


@dataclass(frozen=True)
class GroupView:
    """A group of the current round that has not reported back (digest risk flag)."""

    group_id: int
    members: list[str]
    text: str | None  # the agreed experiment, or None when none was agreed


def set_experiment(
    session: Session, *, group: Group, member: Member, text: str, now: datetime
) -> Experiment:
    """Agree the group's experiment, or replace its text; closes the group's open
    'agree an experiment' prompts, since one buddy answering answers for all."""
    text = text.strip()[:MAX_EXPERIMENT]
    experiment = (
        group.experiment
        or session.scalars(select(Experiment).where(Experiment.group_id == group.id)).first()
    )
    if experiment is None:
        experiment = Experiment(
            group_id=group.id,
            community_id=member.community_id,
            text=text,
            agreed_by_id=member.id,
            agreed_at=now,
            revision=1,
            status=ExperimentStatus.OPEN.value,
        )
        session.add(experiment)
    else:
        experiment.text = text
        experiment.agreed_by_id = member.id
        experiment.agreed_at = now
        experiment.revision += 1
    for prompt in session.scalars(
        select(Prompt).where(
            Prompt.kind == "experiment",
            Prompt.ref == f"group:{group.id}",
            Prompt.status == PromptStatus.OPEN.value,
        )
    ):
        prompt.status, prompt.answered_at = PromptStatus.ANSWERED.value, now
    session.flush()
    return experiment


def record_report(
    session: Session, *, member: Member, text: str, now: datetime, meeting_id: int | None
) -> bool:
    """A member's report-back on their current group's experiment: stored, the experiment
    marked reported, and a logbook entry added. False when they had no experiment."""
    group = group_of(session, member_id=member.id)
    if group is None or group.experiment is None:
        return False
    report_on(
        session,
        member=member,
        experiment=group.experiment,
        text=text,
        now=now,
        meeting_id=meeting_id,
    )
    return True


def report_on(
    session: Session,
    *,
    member: Member,
    experiment: Experiment,
    text: str,
    now: datetime,
    meeting_id: int | None,
) -> ExperimentReport:
    text = text.strip()[:MAX_REPORT]
    report = ExperimentReport(
        experiment_id=experiment.id,
        member_id=member.id,
        meeting_id=meeting_id,
        text=text,
        reported_at=now,
    )
    session.add(report)
    if experiment.status != ExperimentStatus.REPORTED.value:
        experiment.status = ExperimentStatus.REPORTED.value
        experiment.reported_at = now
    add_entry(
        session,
        member=member,
        kind=EntryKind.REPORT,
        # An experiment erased by forget-me leaves only the report to log.
        text=(f"{experiment.text} — {text}" if experiment.text else text)[:4000],
        now=now,
        meeting_id=meeting_id,
    )
    # The report is in: any 'how did it go?' prompt for this experiment is answered.
    for prompt in session.scalars(
        select(Prompt).where(
            Prompt.member_id == member.id,
            Prompt.kind == "report",
            Prompt.ref == f"experiment:{experiment.id}",
            Prompt.status == PromptStatus.OPEN.value,
        )
    ):
        prompt.status, prompt.answered_at = PromptStatus.ANSWERED.value, now
    session.flush()
    return report


def reports_for(session: Session, *, meeting_id: int) -> dict[int, str]:
    """Report-backs meant for this meeting, by member (the newest when someone reported twice),
    whether they came with the check-in, as a reply to the nudge or through the form."""
    rows = session.execute(
        select(ExperimentReport.member_id, ExperimentReport.text)
        .where(ExperimentReport.meeting_id == meeting_id)
        .order_by(ExperimentReport.reported_at, ExperimentReport.id)
    )
    return {member_id: text for member_id, text in rows if text}


def has_reported(session: Session, *, member_id: int, experiment_id: int) -> bool:
    return (
        session.scalar(
            select(func.count(ExperimentReport.id)).where(
                ExperimentReport.member_id == member_id,
                ExperimentReport.experiment_id == experiment_id,
            )
        )
        or 0
    ) > 0


def has_open_experiment(session: Session, *, member_id: int) -> bool:
    """The member's current group agreed an experiment and they have not reported on it."""
    group = group_of(session, member_id=member_id)
    if group is None or group.experiment is None:
        return False
    return not has_reported(session, member_id=member_id, experiment_id=group.experiment.id)


def open_experiments(session: Session, *, community_id: int) -> list[ExperimentView]:
    """Experiments of the current round not reported on yet (for the brief and digest)."""
    return [
        ExperimentView(
            group_id=g.id,
            members=[m.display_name for m in g.members],
            text=g.experiment.text,
            agreed_at=g.experiment.agreed_at,
            status=g.experiment.status,
        )
        for g in current_groups(session, community_id=community_id)
        if g.experiment is not None and g.experiment.status == ExperimentStatus.OPEN.value
    ]


def groups_without_report(session: Session, *, community_id: int) -> list[GroupView]:
    """Groups of the current round with no report-back (with or without an experiment)."""
    return [
        GroupView(
            group_id=g.id,
            members=[m.display_name for m in g.members],
            text=g.experiment.text if g.experiment is not None else None,
        )
        for g in current_groups(session, community_id=community_id)
        if g.experiment is None or g.experiment.status != ExperimentStatus.REPORTED.value
    ]


def experiment_stats(session: Session, *, community_id: int, since: datetime) -> tuple[int, int]:
    """(experiments agreed since ``since``, experiments first reported on since ``since``)."""
    agreed = session.scalar(
        select(func.count(Experiment.id)).where(
            Experiment.community_id == community_id, Experiment.agreed_at >= since
        )
    )
    reported = session.scalar(
        select(func.count(Experiment.id)).where(
            Experiment.community_id == community_id,
            Experiment.reported_at.is_not(None),
            Experiment.reported_at >= since,
        )
    )
    return agreed or 0, reported or 0
