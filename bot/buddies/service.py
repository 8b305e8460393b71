"""Buddy rounds and groups per cycle: the rules, keyword-only.

A cycle runs from the end of one meeting to the start of the next; its groups form a round
keyed by the meeting that opens it. "Current" always means the community's latest round.
Here: making a round's groups, loading them, and placing latecomers; the groups' experiments
and report-backs live in ``bot.buddies.experiments``.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import TYPE_CHECKING, Literal

from sqlalchemy import Select, bindparam, func, insert, select
from sqlalchemy.orm import Session

from bot.buddies.models import (
    BuddyGroup,
    BuddyGroupMember,
    BuddyRound,
    Experiment,
    ExperimentStatus,
    Outcome,
)
from bot.buddies.pairing import Person, org_key, pair_up
from bot.communities.models import Community
from bot.meetings.models import Meeting
from bot.meetings.service import last_meeting
from bot.members.models import Member
from bot.members.service import current_members, member_by_id, members_by_ids, wake_paused
from bot.sqlutil import insert_ignoring_duplicates, table_of

if TYPE_CHECKING:
    from bot.buddies.experiments import ExperimentHistory, ExperimentView, GroupView

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Group:
    id: int
    round_id: int
    meeting_id: int | None
    members: list[Member]
    experiment: Experiment | None

    def others(self, member_id: int) -> list[Member]:
        """The member's buddies: whoever else is in the group and still a member (someone
        who left stays in the group's history but is nobody's buddy any more)."""
        return [m for m in self.members if m.id != member_id and m.is_current]


def did_not_run(group: Group) -> bool:
    """The group's experiment did not happen: none agreed, never reported on, or reported
    as not done."""
    experiment = group.experiment
    return (
        experiment is None
        or experiment.status != ExperimentStatus.REPORTED.value
        or experiment.outcome == Outcome.NOT_DONE.value
    )


def idle_members(session: Session, *, community_id: int) -> set[int]:
    """Members of the current round's groups whose experiment did not happen: the next
    pairing prefers not to put two of them together again (see ``pairing.W_IDLE``)."""
    return {
        m.id
        for g in current_groups(session, community_id=community_id)
        if did_not_run(g)
        for m in g.members
    }


def cycle_key(*, community_id: int, meeting_id: int | None) -> str:
    return f"{community_id}:{meeting_id if meeting_id is not None else 'start'}"


def current_cycle_meeting(session: Session, *, community_id: int, now: datetime) -> Meeting | None:
    """The meeting that opened the running cycle: the latest one that has started."""
    return last_meeting(session, community_id=community_id, now=now)


def round_for(session: Session, *, community_id: int, meeting_id: int | None) -> BuddyRound | None:
    key = cycle_key(community_id=community_id, meeting_id=meeting_id)
    return session.scalars(select(BuddyRound).where(BuddyRound.key == key)).first()


def latest_round(session: Session, *, community_id: int) -> BuddyRound | None:
    return session.scalars(_latest_round(), {"community": community_id}).first()


@cache
def _latest_round() -> Select[BuddyRound]:
    # ``status`` asks it on every view: built once with bind parameters; LIMIT 1, since an
    # ORM result is loaded whole.
    return (
        select(BuddyRound)
        .where(BuddyRound.community_id == bindparam("community"))
        .order_by(BuddyRound.created_at.desc(), BuddyRound.id.desc())
        .limit(1)
    )


# What groups are looked up by: their own ids, their round, or one member's latest round.
GroupKey = Literal["id", "round_id", "member"]


@cache
def _groups_by(by: GroupKey) -> Select[BuddyGroup, int, Experiment]:
    # ``status`` and the home tab load the member's group on every view: built once per key
    # (building it cost more than running it). A group's experiment (at most one) comes
    # along in the same statement, and with ``member`` the group is found there too: one
    # statement where three were (the group's id, the group, its experiment).
    if by == "member":
        # Not correlated: the subquery's tables are also the statement's own.
        wanted = BuddyGroup.id == _group_in_latest_round().correlate(None).scalar_subquery()
    else:
        wanted = getattr(BuddyGroup, by).in_(bindparam("values", expanding=True))
    return (
        select(BuddyGroup, BuddyGroupMember.member_id, Experiment)
        .join(BuddyGroupMember, BuddyGroupMember.group_id == BuddyGroup.id)
        .outerjoin(Experiment, Experiment.group_id == BuddyGroup.id)
        .where(wanted)
        .order_by(BuddyGroup.id)
    )


def groups_of_round(session: Session, *, round_id: int) -> list[Group]:
    """All groups of a round with their members and experiments, in two queries."""
    return _load_groups(session, by="round_id", params={"values": [round_id]})


def _load_groups(session: Session, *, by: GroupKey, params: dict[str, object]) -> list[Group]:
    """The groups ``by`` finds with ``params``, with their members and experiments."""
    heads: dict[int, BuddyGroup] = {}
    experiments: dict[int, Experiment] = {}
    groups_of: dict[int, list[int]] = defaultdict(list)
    for group, member_id, experiment in session.execute(_groups_by(by), params):
        heads[group.id] = group
        groups_of[member_id].append(group.id)
        if experiment is not None:
            experiments[group.id] = experiment
    # Everyone in these groups in one query, by name: each group lists its members so.
    members: dict[int, list[Member]] = defaultdict(list)
    for member in members_by_ids(session, member_ids=groups_of):
        for gid in groups_of[member.id]:
            members[gid].append(member)
    return [
        Group(
            id=gid,
            round_id=head.round_id,
            meeting_id=head.meeting_id,
            members=members[gid],
            experiment=experiments.get(gid),
        )
        for gid, head in heads.items()
    ]


def current_groups(session: Session, *, community_id: int) -> list[Group]:
    current = latest_round(session, community_id=community_id)
    return [] if current is None else groups_of_round(session, round_id=current.id)


def group_by_id(session: Session, *, group_id: int) -> Group | None:
    found = _load_groups(session, by="id", params={"values": [group_id]})
    return found[0] if found else None


def group_of(session: Session, *, member_id: int) -> Group | None:
    """The member's group in their community's current round (None when they sat it out)."""
    member = member_by_id(session, member_id=member_id)
    if member is None:
        return None
    found = _load_groups(
        session, by="member", params={"community": member.community_id, "member": member_id}
    )
    return found[0] if found else None


@cache
def _group_in_latest_round() -> Select[int]:
    # The member's group in the latest round, as ``latest_round`` orders them: nested in
    # ``_groups_by("member")``, on the tables' columns (``table_of``).
    groups, seats, rounds = (table_of(m).c for m in (BuddyGroup, BuddyGroupMember, BuddyRound))
    latest = (
        select(rounds.id)
        .where(rounds.community_id == bindparam("community"))
        .order_by(rounds.created_at.desc(), rounds.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    return (
        select(groups.id)
        .join_from(table_of(BuddyGroup), table_of(BuddyGroupMember), seats.group_id == groups.id)
        .where(groups.round_id == latest, seats.member_id == bindparam("member"))
        .limit(1)
    )


def buddies_of(session: Session, *, member_id: int) -> list[Member]:
    group = group_of(session, member_id=member_id)
    return [] if group is None else group.others(member_id)


def pairing_history(session: Session, *, community_id: int) -> list[list[list[int]]]:
    """Every earlier round of the community as lists of member ids, oldest first."""
    rows = session.execute(
        select(BuddyGroup.round_id, BuddyGroup.id, BuddyGroupMember.member_id)
        .join(BuddyGroupMember, BuddyGroupMember.group_id == BuddyGroup.id)
        .where(BuddyGroup.community_id == community_id)
        .order_by(BuddyGroup.round_id, BuddyGroup.id)
    ).all()
    rounds: dict[int, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    for round_id, group_id, member_id in rows:
        rounds[round_id][group_id].append(member_id)
    return [list(groups.values()) for _, groups in sorted(rounds.items())]


def make_groups(
    session: Session, *, community: Community, meeting: Meeting | None, now: datetime
) -> list[Group]:
    """The groups of the cycle that ``meeting`` opens, made once (idempotent per cycle)."""
    groups, _ = ensure_groups(session, community=community, meeting=meeting, now=now)
    return groups


def ensure_groups(
    session: Session, *, community: Community, meeting: Meeting | None, now: datetime
) -> tuple[list[Group], bool]:
    """Like ``make_groups``; also says whether this call made them. With fewer than two
    active members no round is recorded, so pairing can be tried again later."""
    meeting_id = meeting.id if meeting is not None else None
    existing = round_for(session, community_id=community.id, meeting_id=meeting_id)
    if existing is not None:
        return groups_of_round(session, round_id=existing.id), False
    wake_paused(session, community=community, now=now)
    members = current_members(session, community_id=community.id)
    if sum(1 for m in members if m.is_active) < 2:
        return [], False
    idle = idle_members(session, community_id=community.id)
    result = pair_up(
        [Person(m.id, m.organisation, paused=not m.is_active, idle=m.id in idle) for m in members],
        pairing_history(session, community_id=community.id),
    )
    key = cycle_key(community_id=community.id, meeting_id=meeting_id)
    # Two workers may race here: the unique key lets exactly one round in.
    insert_ignoring_duplicates(
        session,
        table_of(BuddyRound),
        [{"key": key, "community_id": community.id, "meeting_id": meeting_id, "created_at": now}],
        unique=("key",),
    )
    made = session.scalars(select(BuddyRound).where(BuddyRound.key == key)).one()
    already = session.scalar(
        select(func.count(BuddyGroup.id)).where(BuddyGroup.round_id == made.id)
    )
    if already:
        return groups_of_round(session, round_id=made.id), False
    heads = [
        BuddyGroup(
            round_id=made.id, community_id=community.id, meeting_id=meeting_id, created_at=now
        )
        for _ in result.groups
    ]
    session.add_all(heads)
    session.flush()
    session.execute(
        insert(BuddyGroupMember),
        [
            {"group_id": head.id, "member_id": member_id}
            for head, ids in zip(heads, result.groups, strict=True)
            for member_id in ids
        ],
    )
    logger.info(
        "community %s: %d buddy groups (%d repeated, %d same-organisation pairs)",
        community.id,
        len(heads),
        result.repeated_pairs,
        result.same_org_pairs,
    )
    return groups_of_round(session, round_id=made.id), True


def add_latecomers(
    session: Session, *, community: Community, round_id: int, now: datetime
) -> list[tuple[Group, list[Member]]]:
    """Give the active members without a group in this round one: they joined, or came back
    from holiday, after the groups were made, and should not wait a whole cycle for a buddy.

    Two or more latecomers are paired among themselves (the usual rules, with the whole
    history); a single one joins the existing group that suits best: first a group whose
    other members left or went away, then a pair rather than a trio, then a new organisation
    and a new buddy. Returns each group that changed or was made with the members added.
    """
    groups = groups_of_round(session, round_id=round_id)
    placed = {m.id for g in groups for m in g.members}
    wake_paused(session, community=community, now=now)
    waiting = [
        m
        for m in current_members(session, community_id=community.id)
        if m.is_active and m.id not in placed
    ]
    if not waiting:
        return []
    history = pairing_history(session, community_id=community.id)
    first = groups[0] if groups else None
    meeting_id = first.meeting_id if first is not None else _round_meeting(session, round_id)
    if len(waiting) >= 2:
        result = pair_up([Person(m.id, m.organisation) for m in waiting], history)
        heads = [
            BuddyGroup(
                round_id=round_id, community_id=community.id, meeting_id=meeting_id, created_at=now
            )
            for _ in result.groups
        ]
        session.add_all(heads)
        session.flush()
        additions = {head.id: list(ids) for head, ids in zip(heads, result.groups, strict=True)}
    else:
        target = best_group(groups, waiting[0], history)
        if target is None:
            return []
        additions = {target.id: [waiting[0].id]}
    session.execute(
        insert(BuddyGroupMember),
        [{"group_id": gid, "member_id": mid} for gid, ids in additions.items() for mid in ids],
    )
    by_id = {m.id: m for m in waiting}
    changed = {g.id: g for g in _load_groups(session, by="id", params={"values": list(additions)})}
    logger.info(
        "community %s: %d latecomer(s) placed in %d buddy group(s)",
        community.id,
        len(waiting),
        len(additions),
    )
    return [(changed[gid], [by_id[mid] for mid in ids]) for gid, ids in additions.items()]


def _round_meeting(session: Session, round_id: int) -> int | None:
    found = session.get(BuddyRound, round_id)
    return found.meeting_id if found is not None else None


def best_group(
    groups: list[Group], newcomer: Member, history: list[list[list[int]]]
) -> Group | None:
    met = {
        frozenset((a, b))
        for past in history
        for group in past
        for a in group
        for b in group
        if a != b
    }
    newcomer_org = org_key(newcomer.organisation)

    def cost(group: Group) -> tuple[int, int, int, int, int]:
        present = [m for m in group.members if m.is_active]
        return (
            # Alone in a group: a buddy left or went away, the newcomer fills the gap.
            0 if len(present) == 1 else 1,
            len(present),
            sum(1 for m in present if newcomer_org and org_key(m.organisation) == newcomer_org),
            sum(1 for m in present if frozenset((m.id, newcomer.id)) in met),
            group.id,
        )

    candidates = [g for g in groups if any(m.is_active for m in g.members)]
    return min(candidates, key=cost, default=None)


def group_history(
    session: Session, *, community_id: int, now: datetime
) -> list[tuple[int, datetime, int, datetime | None]]:
    """(group id, made at, member id, experiment reported at) for every member of every
    group made up to ``now``, in one query (the social map's buddy ties)."""
    return [
        (group_id, created_at, member_id, reported_at)
        for group_id, created_at, member_id, reported_at in session.execute(
            select(
                BuddyGroup.id,
                BuddyGroup.created_at,
                BuddyGroupMember.member_id,
                Experiment.reported_at,
            )
            .join(BuddyGroupMember, BuddyGroupMember.group_id == BuddyGroup.id)
            .join(Experiment, Experiment.group_id == BuddyGroup.id, isouter=True)
            .where(BuddyGroup.community_id == community_id, BuddyGroup.created_at <= now)
        )
    ]


# -- for the other features ---------------------------------------------------------------
# What checkins, facilitation, digest and socialmap use of buddies' rules. Those of the
# experiments live in ``bot.buddies.experiments``, which builds on this module: it is imported
# when called, not at import.


def has_open_experiment(session: Session, *, member_id: int) -> bool:
    """Does the member still owe a report-back on their group's experiment?"""
    from bot.buddies import experiments

    return experiments.has_open_experiment(session, member_id=member_id)


def report_experiment(
    session: Session, *, member: Member, text: str, now: datetime, meeting_id: int | None
) -> int | None:
    """Store the member's report-back on their group's experiment; its id (for the outcome
    question), or None when they had no experiment."""
    from bot.buddies import experiments

    report = experiments.record_report(
        session, member=member, text=text, now=now, meeting_id=meeting_id
    )
    return report.id if report is not None else None


def open_experiments(session: Session, *, community_id: int) -> list[ExperimentView]:
    from bot.buddies import experiments

    return experiments.open_experiments(session, community_id=community_id)


def not_run(session: Session, *, community_id: int) -> list[GroupView]:
    from bot.buddies import experiments

    return experiments.not_run(session, community_id=community_id)


def groups_without_report(session: Session, *, community_id: int) -> list[GroupView]:
    from bot.buddies import experiments

    return experiments.groups_without_report(session, community_id=community_id)


def reports_for(session: Session, *, meeting_id: int) -> dict[int, str]:
    from bot.buddies import experiments

    return experiments.reports_for(session, meeting_id=meeting_id)


def experiment_stats(session: Session, *, community_id: int, since: datetime) -> tuple[int, int]:
    from bot.buddies import experiments

    return experiments.experiment_stats(session, community_id=community_id, since=since)


def experiments_per_cycle(
    session: Session, *, community_id: int
) -> list[tuple[int | None, int, int]]:
    from bot.buddies import experiments

    return experiments.experiments_per_cycle(session, community_id=community_id)


def activity_since(session: Session, *, community_id: int, since: datetime) -> bool:
    from bot.buddies import experiments

    return experiments.activity_since(session, community_id=community_id, since=since)


def history(
    session: Session, *, community_id: int, low: datetime, high: datetime
) -> list[ExperimentHistory]:
    from bot.buddies import experiments

    return experiments.history(session, community_id=community_id, low=low, high=high)


def organisation_key(organisation: str | None) -> str | None:
    """Organisations as people type them, compared without case and extra spaces (the
    pairing's rule, which the social map shares)."""
    return org_key(organisation)
