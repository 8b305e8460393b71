"""Open, find and close prompts, and find the answer row a meeting's prompt fills in."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import datetime
from functools import cache
from typing import Any, Protocol, TypeVar

from sqlalchemy import Select, Table, bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session
from sqlalchemy.sql.dml import ReturningInsert

from bot.communities.models import Community
from bot.errors import InvalidInput
from bot.members.models import Member
from bot.members.service import current_members, wake_paused
from bot.prompts.models import Prompt, PromptStatus
from bot.sqlutil import table_of


class MeetingAnswer(Protocol):
    """A model with one answer row per member and meeting (check-ins, evaluations)."""

    def __init__(self, **kw: Any) -> None: ...

    @property
    def community_id(self) -> int: ...

    @property
    def meeting_id(self) -> int: ...

    @property
    def member_id(self) -> int | None: ...

    @property
    def answered_at(self) -> datetime: ...


AnswerRow = TypeVar("AnswerRow", bound=MeetingAnswer)


def open_prompt(
    session: Session,
    *,
    member: Member,
    kind: str,
    now: datetime,
    meeting_id: int | None = None,
    ref: str | None = None,
    expires_at: datetime | None = None,
    fresh: bool = False,
) -> Prompt:
    """Open a prompt, or return the one already open for the same thing (idempotent).

    A prompt about the same thing that was answered or expired (the intake of a member who
    left and joins again) opens again from its first step, as if new; with ``fresh`` also
    one still open (asked anew, it starts at its first question).
    """
    existing = session.scalars(
        select(Prompt).where(
            Prompt.member_id == member.id,
            Prompt.kind == kind,
            Prompt.meeting_id == meeting_id
            if meeting_id is not None
            else Prompt.meeting_id.is_(None),
            Prompt.ref == ref if ref is not None else Prompt.ref.is_(None),
        )
    ).first()
    if existing is not None:
        still_open = existing.status == PromptStatus.OPEN.value and (
            existing.expires_at is None or existing.expires_at > now
        )
        if fresh or not still_open:
            existing.status, existing.step, existing.answers = PromptStatus.OPEN.value, 0, {}
            existing.answered_at = existing.touched_at = existing.reminded_at = None
            existing.created_at, existing.expires_at = now, expires_at
            session.flush()
        return existing
    prompt = Prompt(
        community_id=member.community_id,
        member_id=member.id,
        kind=kind,
        meeting_id=meeting_id,
        ref=ref,
        status=PromptStatus.OPEN.value,
        answers={},
        created_at=now,
        expires_at=expires_at,
    )
    session.add(prompt)
    session.flush()
    return prompt


def open_prompts_bulk(session: Session, *, rows: list[dict[str, Any]]) -> None:
    """Open many prompts in one statement (a fan-out over a whole community)."""
    if rows:
        session.execute(insert(Prompt), rows)


# The statements of a wave and of the digest, built once (a due wave of a thousand
# communities runs each a thousand times; building and keying them cost more than running).
# Who was asked already: on the table's columns, outside the ORM's compilation (twice as
# cheap); the session still flushes pending changes before it.
@cache
def _asked() -> Select[int]:
    prompts = table_of(Prompt).c
    return select(prompts.member_id).where(
        prompts.meeting_id == bindparam("meeting_id"), prompts.kind == bindparam("kind")
    )


# Opens the prompts and hands back (member id, prompt id) of each, in the one statement (on
# the table: the ORM's bulk insert cost more than the insert itself).
@cache
def _open_returning() -> ReturningInsert[int, int]:
    table: Table = table_of(Prompt)
    return insert(table).returning(table.c.member_id, table.c.id)


@cache
def _of_kind() -> Select[Prompt]:
    return (
        select(Prompt)
        .where(Prompt.community_id == bindparam("community_id"), Prompt.kind == bindparam("kind"))
        .order_by(Prompt.created_at, Prompt.id)
    )


def open_wave_prompts(
    session: Session,
    *,
    community: Community,
    meeting_id: int,
    kind: str,
    expires_at: datetime,
    now: datetime,
    only: Collection[int] | None = None,
) -> list[tuple[Member, int]]:
    """Open a ``kind`` prompt about this meeting for every active member who has none yet
    (of ``only`` those member ids, when given); returns those members with their new
    prompt's id, so asking again asks nobody twice.

    A fixed few statements whatever the community's size: members and earlier prompts are
    read in bulk and the prompts are opened in one statement.
    """
    # Members whose holiday has ended are asked too: woken among the current members, read
    # once for both.
    current = current_members(session, community_id=community.id)
    wake_paused(session, community=community, now=now, members=current)
    session.flush()
    members = sorted((m for m in current if m.is_active), key=lambda m: m.id)
    asked = set(session.scalars(_asked(), {"meeting_id": meeting_id, "kind": kind}))
    fresh = [m for m in members if m.id not in asked and (only is None or m.id in only)]
    if not fresh:
        return []
    rows = [
        {
            "community_id": community.id,
            "member_id": m.id,
            "kind": kind,
            "meeting_id": meeting_id,
            "step": 0,
            "status": PromptStatus.OPEN.value,
            "answers": {},
            "created_at": now,
            "expires_at": expires_at,
        }
        for m in fresh
    ]
    prompt_ids: dict[int, int] = {
        member_id: prompt_id
        for member_id, prompt_id in session.execute(_open_returning(), rows).all()
    }
    return [(m, prompt_ids[m.id]) for m in fresh]


def reopen_for_meeting(
    session: Session,
    *,
    member: Member,
    kind: str,
    meeting_id: int,
    expires_at: datetime,
    now: datetime,
) -> Prompt:
    """The member's ``kind`` prompt about this meeting, open again from its first question
    (opened now if they were never asked)."""
    prompt = session.scalars(
        select(Prompt).where(
            Prompt.member_id == member.id, Prompt.meeting_id == meeting_id, Prompt.kind == kind
        )
    ).first()
    if prompt is None:
        prompt = Prompt(
            community_id=member.community_id,
            member_id=member.id,
            kind=kind,
            meeting_id=meeting_id,
            answers={},
        )
        session.add(prompt)
    prompt.status, prompt.step, prompt.answered_at = PromptStatus.OPEN.value, 0, None
    prompt.expires_at = expires_at
    # Plain replies answer the newest open prompt: this is the one the member just asked for.
    prompt.created_at = now
    session.flush()
    return prompt


def asked_counts(session: Session, *, kind: str, meeting_ids: Sequence[int]) -> dict[int, int]:
    """How many ``kind`` prompts each meeting has (meetings without any are left out)."""
    rows = session.execute(
        select(Prompt.meeting_id, func.count(Prompt.id))
        .where(Prompt.meeting_id.in_(list(meeting_ids)), Prompt.kind == kind)
        .group_by(Prompt.meeting_id)
    ).all()
    return {meeting_id: count for meeting_id, count in rows if meeting_id is not None}


def answer_of(
    session: Session, *, model: type[AnswerRow], meeting_id: int, member_id: int
) -> AnswerRow | None:
    """The member's answer row for this meeting in ``model``'s table."""
    return session.scalars(_answer_of(model), {"meeting": meeting_id, "member": member_id}).first()


@cache
def _answer_of(model: type[AnswerRow]) -> Select[AnswerRow]:
    # ``status`` asks it on every view: built once per table with bind parameters.
    return (
        select(model)
        .filter_by(meeting_id=bindparam("meeting"), member_id=bindparam("member"))
        .limit(1)
    )


def answer_row(
    session: Session, *, model: type[AnswerRow], member: Member, meeting_id: int, now: datetime
) -> AnswerRow:
    """The member's answer row for this meeting, added when there is none yet: the table
    keeps one per member and meeting, so answering again updates it."""
    answer = answer_of(session, model=model, meeting_id=meeting_id, member_id=member.id)
    if answer is None:
        answer = model(
            community_id=member.community_id,
            meeting_id=meeting_id,
            member_id=member.id,
            answered_at=now,
        )
        session.add(answer)
    return answer


def delete_prompts(session: Session, *, member: Member, kind: str) -> None:
    """Erase the member's ``kind`` prompts: they tie the member to the meetings asked about."""
    session.execute(
        delete(Prompt)
        .where(Prompt.member_id == member.id, Prompt.kind == kind)
        .execution_options(synchronize_session=False)
    )


def asked_ahead(
    session: Session, *, member_ids: Sequence[int], kind: str, now: datetime
) -> list[tuple[int, int, int]]:
    """(community, member, meeting) of the ``kind`` prompts these members were asked about a
    meeting whose prompt has not expired yet (answered or not), the soonest first."""
    rows = session.execute(
        select(Prompt.community_id, Prompt.member_id, Prompt.meeting_id)
        .where(
            Prompt.member_id.in_(list(member_ids)),
            Prompt.kind == kind,
            Prompt.meeting_id.is_not(None),
            Prompt.expires_at > now,
        )
        .order_by(Prompt.expires_at, Prompt.id)
    )
    return [(c, m, mt) for c, m, mt in rows if m is not None and mt is not None]


def meeting_of(prompt: Prompt) -> int:
    """The meeting a prompt opened for one (a check-in, an evaluation) is about."""
    if prompt.meeting_id is None:  # such prompts are always opened with their meeting
        raise InvalidInput("error.prompt_closed")
    return prompt.meeting_id


def close(prompt: Prompt, *, now: datetime) -> None:
    prompt.status = PromptStatus.ANSWERED.value
    prompt.answered_at = now


def expire_for_meeting(session: Session, *, meeting_id: int, kind: str) -> None:
    session.execute(
        update(Prompt)
        .where(
            Prompt.meeting_id == meeting_id,
            Prompt.kind == kind,
            Prompt.status == PromptStatus.OPEN.value,
        )
        .values(status=PromptStatus.EXPIRED.value)
        .execution_options(synchronize_session=False)
    )


def open_once(
    session: Session,
    *,
    community_id: int,
    kind: str,
    meeting_id: int | None,
    wanted: Mapping[tuple[int, str], bool],
    expires_at: datetime | None,
    now: datetime,
) -> dict[tuple[int, str], int]:
    """Open a ``kind`` prompt for each (member id, ref) in ``wanted`` that has none yet about
    this meeting (or none about no meeting); ``wanted`` says whether it is answered already
    (the group agreed its experiment before this member was asked). Returns the prompt id of
    every wanted pair, opened now or before. One query, one insert and one more query
    whatever the fan-out: opened again, it asks nobody twice."""
    if not wanted:
        return {}
    query = select(Prompt.member_id, Prompt.ref, Prompt.id).where(
        Prompt.community_id == community_id,
        Prompt.kind == kind,
        Prompt.meeting_id == meeting_id if meeting_id is not None else Prompt.meeting_id.is_(None),
        Prompt.ref.in_(sorted({ref for _, ref in wanted})),
    )

    def found() -> dict[tuple[int, str], int]:
        return {
            (member_id, ref): pid
            for member_id, ref, pid in session.execute(query)
            if member_id is not None and ref is not None and (member_id, ref) in wanted
        }

    existing = found()
    rows: list[dict[str, Any]] = [
        {
            "community_id": community_id,
            "member_id": member_id,
            "kind": kind,
            "meeting_id": meeting_id,
            "ref": ref,
            "step": 0,
            "status": PromptStatus.ANSWERED.value if answered else PromptStatus.OPEN.value,
            "answers": {},
            "created_at": now,
            "expires_at": expires_at,
        }
        for (member_id, ref), answered in sorted(wanted.items())
        if (member_id, ref) not in existing
    ]
    if not rows:
        return existing
    open_prompts_bulk(session, rows=rows)
    return found()


def expire_open(session: Session, *, member_id: int, kind: str, ref: str) -> None:
    """The member's open ``kind`` question about ``ref`` is no longer theirs to answer."""
    session.execute(
        update(Prompt)
        .where(
            Prompt.member_id == member_id,
            Prompt.kind == kind,
            Prompt.ref == ref,
            Prompt.status == PromptStatus.OPEN.value,
        )
        .values(status=PromptStatus.EXPIRED.value)
        .execution_options(synchronize_session=False)
    )


def answer_open(
    session: Session,
    *,
    community_id: int,
    kind: str,
    ref: str,
    now: datetime,
    member_id: int | None = None,
) -> None:
    """Every open ``kind`` question about ``ref`` in the community (of one member, when
    given) is answered: what it asked was settled another way (the group agreed its
    experiment, the report came in by button). The community keeps the read to its own
    prompts (``ix_prompts_community_kind``)."""
    query = select(Prompt).where(
        Prompt.community_id == community_id,
        Prompt.kind == kind,
        Prompt.ref == ref,
        Prompt.status == PromptStatus.OPEN.value,
    )
    if member_id is not None:
        query = query.where(Prompt.member_id == member_id)
    for prompt in session.scalars(query):
        prompt.status, prompt.answered_at = PromptStatus.ANSWERED.value, now


def prompts_about(session: Session, *, meeting_id: int, kind: str) -> list[Prompt]:
    """Every ``kind`` question asked about this meeting, in one query."""
    return list(
        session.scalars(select(Prompt).where(Prompt.meeting_id == meeting_id, Prompt.kind == kind))
    )


def asked_per_member(session: Session, *, kind: str, meeting_ids: Sequence[int]) -> dict[int, int]:
    """How many ``kind`` questions about these meetings each member was asked, in one
    query."""
    return {
        member_id: count
        for member_id, count in session.execute(
            select(Prompt.member_id, func.count(Prompt.id))
            .where(Prompt.meeting_id.in_(list(meeting_ids)), Prompt.kind == kind)
            .group_by(Prompt.member_id)
        ).all()
        if member_id is not None
    }


# -- lookups for the other slices (they read prompts only through these) ---------------------
def prompt_by_id(session: Session, *, prompt_id: int | None) -> Prompt | None:
    return session.get(Prompt, prompt_id) if prompt_id is not None else None


def open_about(session: Session, *, member_id: int, meeting_id: int, kind: str) -> Prompt | None:
    """The member's open ``kind`` question about this meeting, if any."""
    return session.scalars(
        select(Prompt).where(
            Prompt.member_id == member_id,
            Prompt.meeting_id == meeting_id,
            Prompt.kind == kind,
            Prompt.status == PromptStatus.OPEN.value,
        )
    ).first()


def of_kind(session: Session, *, community_id: int, kind: str) -> list[Prompt]:
    """Every ``kind`` question asked in the community, oldest first, in one query."""
    return list(session.scalars(_of_kind(), {"community_id": community_id, "kind": kind}))


def was_asked(session: Session, *, member_id: int, kind: str) -> bool:
    """Was the member ever asked a ``kind`` question?"""
    found = session.scalar(
        select(Prompt.id).where(Prompt.member_id == member_id, Prompt.kind == kind).limit(1)
    )
    return found is not None


def open_of(session: Session, *, member_id: int) -> list[Prompt]:
    """The member's questions still open (expired ones included), oldest first."""
    return list(
        session.scalars(
            select(Prompt)
            .where(Prompt.member_id == member_id, Prompt.status == PromptStatus.OPEN.value)
            .order_by(Prompt.created_at)
        )
    )


def asked_about_other(session: Session, *, community_id: int, kind: str, meeting_id: int) -> bool:
    """Was a ``kind`` question asked in the community about another meeting than this one?"""
    found = session.scalar(
        select(Prompt.id)
        .where(
            Prompt.community_id == community_id,
            Prompt.kind == kind,
            Prompt.meeting_id != meeting_id,
        )
        .limit(1)
    )
    return found is not None


def status_counts(session: Session, *, community_id: int, kind: str) -> dict[str, int]:
    """How many ``kind`` questions of the community are in each status, in one query."""
    return {
        str(status): int(n)
        for status, n in session.execute(
            select(Prompt.status, func.count())
            .where(Prompt.community_id == community_id, Prompt.kind == kind)
            .group_by(Prompt.status)
        ).all()
    }


def status_of(session: Session, *, member_id: int, kind: str) -> str | None:
    """The status of the member's ``kind`` question (None: never asked)."""
    return session.scalar(_status_of(), {"member": member_id, "kind": kind})


@cache
def _status_of() -> Select[str]:
    # ``status`` asks it on every view: on the table's columns (``table_of``).
    prompts = table_of(Prompt).c
    return (
        select(prompts.status)
        .where(prompts.member_id == bindparam("member"), prompts.kind == bindparam("kind"))
        .limit(1)
    )
