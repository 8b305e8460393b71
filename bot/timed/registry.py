"""Timed kinds: what each slice runs on its own, and the rule that plans it.

A slice declares its kinds in its ``slice.py`` (``TimedKind``); ``kinds`` collects them from
the one list of slices (``bot.slices``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import Any, TypeVar, cast

from sqlalchemy.orm import Session

from bot.communities.models import Community
from bot.meetings.models import Meeting
from bot.meetings.service import meetings_by_community
from bot.members.models import Member
from bot.members.service import current_members_by_community
from bot.outbox.service import Known, Outgoing
from bot.slices import installed
from bot.timed.around import Around, Spec

T = TypeVar("T")


class Skip(Exception):
    """Raised by an executor when the work no longer makes sense; logged, not retried."""


@dataclass(frozen=True)
class Job:
    """A claimed job: what the runner and its executor read of its ``planned_jobs`` row,
    taken from the claim's RETURNING (no ORM object: loading one cost more than running the
    claim)."""

    id: int
    key: str
    kind: str
    community_id: int
    meeting_id: int | None
    due_at: datetime
    expires_at: datetime | None


@dataclass
class Batch:
    """What the jobs of one claim read once: the due jobs of a few communities (their check-in
    wave, rotation and digest fall due together), run one after the other in one session
    within milliseconds. Each job read them again: the members alone were a tenth of the
    jobs' work in a due wave. The first job that needs the members, the meetings or the
    places reads them for every community of the claim at once. All of it is forgotten when a
    job rolls back (the session's objects expire then, and would be read again one by one)."""

    # The claim's communities, in the order their jobs run.
    community_ids: list[int] = field(default_factory=list)
    # Where messages go (``bot.outbox.service.enqueue``).
    known: Known = field(default_factory=Known)
    # Community id -> its current members (``current_members``).
    members: dict[int, list[Member]] = field(default_factory=dict)
    # Community id -> its meetings, cancelled ones too, in their order (``meetings_of``): the
    # runner finds each job's meeting there, the rotation and the digest read them whole.
    meetings: dict[int, list[Meeting]] = field(default_factory=dict)
    # Name -> community id -> what a slice read for the communities of the claim (``read_for_claim``).
    reads: dict[str, dict[int, Any]] = field(default_factory=dict)
    # Name -> the communities whose part of a read was handed out already (``take_for_claim``).
    taken: dict[str, set[int]] = field(default_factory=dict)
    # Whether the claim's jobs run in one transaction. Once they run one by one, each in a
    # transaction of its own, what one job writes is not read for another in an earlier one.
    together: bool = True

    def __post_init__(self) -> None:
        self.known.also = set(self.community_ids)

    def forget(self) -> None:
        self.known = Known(also=set(self.community_ids))
        self.members = {}
        self.meetings = {}
        self.reads = {}
        self.taken = {}

    def read_for_claim(
        self, name: str, *, community_id: int, read: Callable[[set[int]], Mapping[int, T]]
    ) -> T | None:
        """What ``read`` found for ``community_id`` (None: nothing), read for the claim's
        communities at once the first time a job asks (``name`` tells reads apart). Only
        for what no job of a claim writes: it is kept until the claim ends or a job rolls
        back."""
        found = self.reads.setdefault(name, {})
        if community_id not in found:
            wanted = self._along(community_id, found)
            found |= {i: None for i in wanted} | dict(read(wanted))
        return cast("T | None", found[community_id])

    def take_for_claim(
        self, name: str, *, community_id: int, read: Callable[[set[int]], Mapping[int, T]]
    ) -> T | None:
        """``read_for_claim`` for what the jobs of a claim write themselves (a rotation, its
        facilitators): each community's part is handed out once, to the first job of that
        community that asks, which may then change it. A later job of the same community gets
        it read again, for that community alone, with those changes; so does every job once
        the claim's jobs run one by one (``together``)."""
        taken = self.taken.setdefault(name, set())
        if community_id in taken or not self.together:
            return read({community_id}).get(community_id)
        found = self.reads.setdefault(name, {})
        if community_id not in found:
            wanted = {
                community_id,
                *(i for i in self.community_ids if i not in taken | found.keys()),
            }
            found |= {i: None for i in wanted} | dict(read(wanted))
        taken.add(community_id)
        return cast("T | None", found.pop(community_id))

    def members_of(self, session: Session, *, community_id: int) -> list[Member]:
        if community_id not in self.members:
            self.members |= current_members_by_community(
                session, community_ids=self._along(community_id, self.members)
            )
        return list(self.members[community_id])

    def meetings_of(self, session: Session, *, community_id: int) -> list[Meeting]:
        if community_id not in self.meetings:
            self.meetings |= meetings_by_community(
                session, community_ids=self._along(community_id, self.meetings)
            )
        return list(self.meetings[community_id])

    def _along(self, community_id: int, read: dict[int, Any]) -> set[int]:
        """The community asked about, and the claim's others not read yet."""
        return {community_id, *(i for i in self.community_ids if i not in read)}


@dataclass
class JobCtx:
    session: Session
    now: datetime
    job: Job
    community: Community
    meeting: Meeting | None
    outgoing: list[Outgoing] = field(default_factory=list)
    batch: Batch = field(default_factory=Batch)

    def send(self, item: Outgoing) -> None:
        self.outgoing.append(item)

    def current_members(self) -> list[Member]:
        """The community's current members, read once for the jobs of the batch (the
        changes a job makes to them, such as a member woken from a holiday, are on the
        same objects)."""
        return self.batch.members_of(self.session, community_id=self.community.id)

    def read_for_claim(self, name: str, read: Callable[[set[int]], Mapping[int, T]]) -> T | None:
        """``Batch.read_for_claim`` for the job's community."""
        return self.batch.read_for_claim(name, community_id=self.community.id, read=read)

    def take_for_claim(self, name: str, read: Callable[[set[int]], Mapping[int, T]]) -> T | None:
        """``Batch.take_for_claim`` for the job's community."""
        return self.batch.take_for_claim(name, community_id=self.community.id, read=read)

    def meetings(self) -> list[Meeting]:
        """The community's meetings, cancelled ones too, in their order; read once for the
        jobs of the batch."""
        return self.batch.meetings_of(self.session, community_id=self.community.id)

    def need_meeting(self) -> Meeting:
        """The job's meeting; a meeting cancelled (or deleted) since the job was planned
        leaves nothing to do."""
        if self.meeting is None or self.meeting.is_cancelled:
            raise Skip("meeting cancelled")
        return self.meeting


Executor = Callable[[JobCtx], None]
# When work of a kind is due around one meeting (None: not around this one).
MeetingRule = Callable[[Around], Spec | None]
# The next occurrence of community-wide recurring work after a moment.
CommunityRule = Callable[[Community, datetime], Spec]


@dataclass(frozen=True)
class TimedKind:
    """Work copbot does on its own: ``run`` executes a due row of this kind, and exactly one
    rule plans the rows. ``around_meeting`` is asked about every meeting that takes place;
    ``every`` gives the next occurrence after a moment and recurs: when one finishes, however
    it finished, the next is planned, and a due one is never cancelled by a re-plan (the
    rule only looks ahead). The kind is shown as the text ``timed.kind.<name>``."""

    name: str
    run: Executor
    around_meeting: MeetingRule | None = None
    every: CommunityRule | None = None

    def __post_init__(self) -> None:
        if (self.around_meeting is None) == (self.every is None):
            raise ValueError(f"timed kind {self.name!r} needs exactly one rule")

    @property
    def label(self) -> str:
        return f"timed.kind.{self.name}"


@cache
def kinds() -> dict[str, TimedKind]:
    """Every timed kind of every slice, in the order of the slices."""
    found: dict[str, TimedKind] = {}
    for declared in installed():
        for kind in declared.timed:
            if kind.name in found:
                raise RuntimeError(f"timed kind {kind.name!r} declared twice ({declared.name})")
            found[kind.name] = kind
    return found


def executors() -> dict[str, Executor]:
    return {name: kind.run for name, kind in kinds().items()}
