"""Open, find and close prompts, and find the answer row a meeting's prompt fills in."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from functools import cache
from typing import Any, Protocol, TypeVar

from sqlalchemy import Select, bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session

from bot.errors import InvalidInput
from bot.members.models import Member
from bot.prompts.models import Prompt, PromptStatus

# A meeting's prompts (``waves``), for the other slices, which read prompts through here.
from bot.prompts.waves import asked_counts as asked_counts
from bot.prompts.waves import asked_per_member as asked_per_member
from bot.prompts.waves import expire_for_meeting as expire_for_meeting
from bot.prompts.waves import open_wave_prompts as open_wave_prompts
from bot.prompts.waves import prompts_about as prompts_about
from bot.prompts.waves import reopen_for_meeting as reopen_for_meeting
from bot.sqlutil import by_community, table_of


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


# The digest's read of a kind, built once (a due wave runs it for every claim; building and
# keying it cost more than running it).
@cache
def _of_kind_of_many() -> Select[Prompt]:
    return (
        select(Prompt)
        .where(
            Prompt.community_id.in_(bindparam("community_ids", expanding=True)),
            Prompt.kind == bindparam("kind"),
        )
        .order_by(Prompt.created_at, Prompt.id)
    )


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
    return of_kind_by_community(session, community_ids=[community_id], kind=kind)[community_id]


def of_kind_by_community(
    session: Session, *, community_ids: Iterable[int], kind: str
) -> dict[int, list[Prompt]]:
    """``of_kind`` of several communities in one query, by community id."""
    return by_community(session, _of_kind_of_many(), {"kind": kind}, community_ids=community_ids)


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
