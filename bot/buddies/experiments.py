"""Buddy groups' experiments and report-backs: the rules, keyword-only.

A group agrees one experiment per cycle; each member reports back on it, with the check-in,
as a reply to the nudge or through the form. Also the views the facilitator brief and the
digest read: open experiments, groups without a report-back, and the counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache

from sqlalchemy import Select, bindparam, func, select
from sqlalchemy.orm import Session

from bot.buddies.models import (
    BuddyGroup,
    BuddyGroupMember,
    Experiment,
    ExperimentReport,
    ExperimentStatus,
    Outcome,
)
from bot.buddies.service import Group, current_groups, did_not_run, group_of
from bot.logbook.service import EntryKind, add_entry
from bot.members.messaging import person
from bot.members.models import Member
from bot.members.service import members_by_ids
from bot.prompts.service import answer_open

MAX_EXPERIMENT = 1000
MAX_REPORT = 2000


@dataclass(frozen=True)
class ExperimentView:
    """An experiment as the facilitator brief and the digest show it."""

    group_id: int
    members: list[str]  # each a person (``bot.messages.Person``), mentioned where shown
    text: str
    agreed_at: datetime
    status: str


@dataclass(frozen=True)
class GroupView:
    """A group of the current round that has not reported back (digest risk flag)."""

    group_id: int
    members: list[str]  # each a person (``bot.messages.Person``), mentioned where shown
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
    answer_open(
        session,
        community_id=member.community_id,
        kind="experiment",
        ref=f"group:{group.id}",
        now=now,
    )
    session.flush()
    return experiment


def record_report(
    session: Session, *, member: Member, text: str, now: datetime, meeting_id: int | None
) -> ExperimentReport | None:
    """A member's report-back on their current group's experiment: stored, the experiment
    marked reported, and a logbook entry added. None when they had no experiment."""
    group = group_of(session, member_id=member.id)
    if group is None or group.experiment is None:
        return None
    return report_on(
        session,
        member=member,
        experiment=group.experiment,
        text=text,
        now=now,
        meeting_id=meeting_id,
    )


def report_on(
    session: Session,
    *,
    member: Member,
    experiment: Experiment,
    text: str,
    now: datetime,
    meeting_id: int | None,
    outcome: Outcome | None = None,
) -> ExperimentReport:
    text = text.strip()[:MAX_REPORT]
    report = ExperimentReport(
        experiment_id=experiment.id,
        member_id=member.id,
        meeting_id=meeting_id,
        text=text,
        outcome=outcome.value if outcome is not None else None,
        reported_at=now,
    )
    session.add(report)
    if experiment.status != ExperimentStatus.REPORTED.value:
        experiment.status = ExperimentStatus.REPORTED.value
        experiment.reported_at = now
    if outcome is not None:
        experiment.outcome = outcome.value
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
    answer_open(
        session,
        community_id=experiment.community_id,
        kind="report",
        ref=f"experiment:{experiment.id}",
        now=now,
        member_id=member.id,
    )
    session.flush()
    return report


OUTCOME_WORDS = {
    Outcome.DONE: ("done", "yes", "gedaan", "ja", "gelukt"),
    Outcome.PARTLY: ("partly", "partially", "half", "deels", "gedeeltelijk", "een beetje"),
    Outcome.NOT_DONE: ("not done", "no", "not", "niet gedaan", "nee", "niet", "niet gelukt"),
}


def parse_outcome(text: str) -> Outcome | None:
    """'done', 'Gedaan!', 'partly', 'nee' -> the outcome; anything else is not one."""
    word = " ".join(text.strip().lower().rstrip(".!").split())
    for outcome, words in OUTCOME_WORDS.items():
        if word in words:
            return outcome
    return None


def set_outcome(
    session: Session, *, report: ExperimentReport, outcome: Outcome
) -> Experiment | None:
    """The outcome of a report already made (a button under the thanks), and so of its
    experiment: the latest word counts."""
    report.outcome = outcome.value
    experiment = session.get(Experiment, report.experiment_id)
    if experiment is not None:
        experiment.outcome = outcome.value
    session.flush()
    return experiment


def not_run(session: Session, *, community_id: int) -> list[GroupView]:
    """Groups of the current round whose experiment did not happen: none agreed, never
    reported on, or reported as not done. They go on the next meeting's agenda."""
    return [
        GroupView(
            group_id=g.id,
            members=[str(person(m)) for m in g.members],
            text=g.experiment.text if g.experiment is not None else None,
        )
        for g in current_groups(session, community_id=community_id)
        if did_not_run(g)
    ]


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
            members=[str(person(m)) for m in g.members],
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
            members=[str(person(m)) for m in g.members],
            text=g.experiment.text if g.experiment is not None else None,
        )
        for g in current_groups(session, community_id=community_id)
        if g.experiment is None or g.experiment.status != ExperimentStatus.REPORTED.value
    ]


# The digest's figures, each statement built once (a due wave runs them once per community).
# Both counts of ``experiment_stats`` in one statement.
@cache
def _stats() -> Select[int, int]:
    return select(
        func.count(Experiment.id).filter(Experiment.agreed_at >= bindparam("since")),
        func.count(Experiment.id).filter(
            Experiment.reported_at.is_not(None), Experiment.reported_at >= bindparam("since")
        ),
    ).where(Experiment.community_id == bindparam("community_id"))


@cache
def _per_cycle() -> Select[int | None, int, int]:
    return (
        select(
            BuddyGroup.meeting_id,
            func.count(Experiment.id),
            func.count(Experiment.reported_at),
        )
        .join(Experiment, Experiment.group_id == BuddyGroup.id, isouter=True)
        .where(BuddyGroup.community_id == bindparam("community_id"))
        .group_by(BuddyGroup.meeting_id)
    )


def experiment_stats(session: Session, *, community_id: int, since: datetime) -> tuple[int, int]:
    """(experiments agreed since ``since``, experiments first reported on since ``since``)."""
    agreed, reported = session.execute(
        _stats(), {"community_id": community_id, "since": since}
    ).one()
    return agreed or 0, reported or 0


def experiments_per_cycle(
    session: Session, *, community_id: int
) -> list[tuple[int | None, int, int]]:
    """(meeting id opening the cycle, experiments agreed, experiments reported back) per
    cycle that has buddy groups, in one query; None is the cycle before the first meeting."""
    rows = session.execute(_per_cycle(), {"community_id": community_id}).all()
    return [(meeting_id, int(agreed), int(reported)) for meeting_id, agreed, reported in rows]


def activity_since(session: Session, *, community_id: int, since: datetime) -> bool:
    """An experiment agreed, or a report-back made, in this community since ``since``."""
    agreed = select(Experiment.id).where(
        Experiment.community_id == community_id, Experiment.agreed_at >= since
    )
    reported = (
        select(ExperimentReport.id)
        .join(Experiment, Experiment.id == ExperimentReport.experiment_id)
        .where(Experiment.community_id == community_id, ExperimentReport.reported_at >= since)
    )
    return bool(session.scalar(select(agreed.exists() | reported.exists())))


@dataclass(frozen=True)
class ExperimentHistory:
    """One group's experiment for the report: who, what, how it went, what they learned."""

    meeting_id: int | None  # the meeting that opened the cycle
    member_ids: list[int]
    members: list[str]
    text: str
    outcome: str | None
    learned: list[str]
    agreed_at: datetime


def history(
    session: Session, *, community_id: int, low: datetime, high: datetime
) -> list[ExperimentHistory]:
    """Every experiment agreed in [low, high), oldest first, in four queries."""
    rows = session.execute(
        select(Experiment, BuddyGroup.meeting_id)
        .join(BuddyGroup, BuddyGroup.id == Experiment.group_id)
        .where(
            Experiment.community_id == community_id,
            Experiment.agreed_at >= low,
            Experiment.agreed_at < high,
        )
        .order_by(Experiment.agreed_at, Experiment.id)
    ).all()
    group_ids = [e.group_id for e, _ in rows]
    people: dict[int, list[Member]] = {gid: [] for gid in group_ids}
    groups_of: dict[int, list[int]] = {}
    for group_id, member_id in session.execute(
        select(BuddyGroupMember.group_id, BuddyGroupMember.member_id).where(
            BuddyGroupMember.group_id.in_(group_ids)
        )
    ):
        groups_of.setdefault(member_id, []).append(group_id)
    for member in members_by_ids(session, member_ids=groups_of):
        for group_id in groups_of[member.id]:
            people[group_id].append(member)
    learned: dict[int, list[str]] = {e.id: [] for e, _ in rows}
    for experiment_id, text in session.execute(
        select(ExperimentReport.experiment_id, ExperimentReport.text)
        .where(ExperimentReport.experiment_id.in_(list(learned)))
        .order_by(ExperimentReport.reported_at, ExperimentReport.id)
    ):
        if text:
            learned[experiment_id].append(text)
    return [
        ExperimentHistory(
            meeting_id=meeting_id,
            member_ids=[m.id for m in people[e.group_id]],
            members=[m.display_name for m in people[e.group_id]],
            text=e.text,
            outcome=e.outcome,
            learned=learned[e.id],
            agreed_at=e.agreed_at,
        )
        for e, meeting_id in rows
        if e.text.strip()
    ]


def reported_in_round(session: Session, *, round_id: int) -> set[tuple[int, int]]:
    """(member id, group id) of everyone who reported back on their group's experiment in
    this round, in one query."""
    return {
        (member_id, group_id)
        for member_id, group_id in session.execute(
            select(ExperimentReport.member_id, Experiment.group_id)
            .join(Experiment, Experiment.id == ExperimentReport.experiment_id)
            .join(BuddyGroup, BuddyGroup.id == Experiment.group_id)
            .where(BuddyGroup.round_id == round_id)
        )
        if member_id is not None
    }
