"""Buddy rounds (one per cycle between two meetings), their groups, and the experiments
each group agrees and reports back on."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bot.db import Base, JSONType, UTCDateTime, now_default


class BuddyRound(Base):
    """The groups of one cycle were made: its unique key makes pairing idempotent per cycle,
    even when the scheduled job and a facilitator's ``pair`` race."""

    __tablename__ = "buddy_rounds"

    id: Mapped[int] = mapped_column(primary_key=True)
    # "<community>:<meeting>" or "<community>:start" before the first meeting.
    key: Mapped[str] = mapped_column(String(100), unique=True)
    community_id: Mapped[int] = mapped_column(
        ForeignKey("communities.id", ondelete="CASCADE"), index=True
    )
    # The meeting that opens the cycle; NULL for the cycle before the first meeting.
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_default)


class BuddyGroup(Base):
    __tablename__ = "buddy_groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("buddy_rounds.id", ondelete="CASCADE"), index=True
    )
    community_id: Mapped[int] = mapped_column(
        ForeignKey("communities.id", ondelete="CASCADE"), index=True
    )
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_default)


class BuddyGroupMember(Base):
    __tablename__ = "buddy_group_members"

    group_id: Mapped[int] = mapped_column(
        ForeignKey("buddy_groups.id", ondelete="CASCADE"), primary_key=True
    )
    # Stays after forget-me: it then points at the anonymised member row.
    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class ExperimentStatus(StrEnum):
    OPEN = "open"
    REPORTED = "reported"


class Outcome(StrEnum):
    """How an experiment went, in the reporter's own estimate."""

    DONE = "done"
    PARTLY = "partly"
    NOT_DONE = "not_done"


class Experiment(Base):
    """The one small experiment a group agrees for its cycle (replaced, not added to)."""

    __tablename__ = "experiments"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(
        ForeignKey("buddy_groups.id", ondelete="CASCADE"), unique=True
    )
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(Text)
    agreed_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL"), index=True
    )
    agreed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_default)
    # Bumped when the text is replaced, so each change is announced to the buddies once.
    revision: Mapped[int] = mapped_column(Integer, default=1)
    status: Mapped[str] = mapped_column(String(20), default=ExperimentStatus.OPEN.value)
    reported_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The latest outcome a buddy gave (None: reported without one, or not reported).
    outcome: Mapped[str | None] = mapped_column(String(20))

    __table_args__ = (Index("ix_experiments_community_agreed", "community_id", "agreed_at"),)


class ExperimentReport(Base):
    """One member's report-back on the group's experiment."""

    __tablename__ = "experiment_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    experiment_id: Mapped[int] = mapped_column(
        ForeignKey("experiments.id", ondelete="CASCADE"), index=True
    )
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    # Read by meeting (what the buddies reported before it): indexed.
    meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="SET NULL"), index=True
    )
    text: Mapped[str] = mapped_column(Text)  # what happened and what was learned
    outcome: Mapped[str | None] = mapped_column(String(20))
    reported_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_default)


class ProposalStatus(StrEnum):
    PENDING = "pending"
    AGREED = "agreed"
    KEPT = "kept"  # a buddy preferred the experiment the group had
    EXPIRED = "expired"  # replaced by a newer proposal, or the experiment changed meanwhile


class ExperimentProposal(Base):
    """A buddy's proposal to change the group's agreed experiment. The group's experiment is
    the group's: it changes only when every other buddy agrees; until then it stays."""

    __tablename__ = "experiment_proposals"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(
        ForeignKey("buddy_groups.id", ondelete="CASCADE"), index=True
    )
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id", ondelete="CASCADE"))
    experiment_id: Mapped[int] = mapped_column(ForeignKey("experiments.id", ondelete="CASCADE"))
    # The experiment's revision the proposal was made against: a change since makes it stale.
    base_revision: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    proposed_by_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), index=True
    )
    # Member ids of the buddies who agreed so far.
    agreed_ids: Mapped[list[int]] = mapped_column(JSONType, default=list)
    status: Mapped[str] = mapped_column(String(20), default=ProposalStatus.PENDING.value)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_default)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
