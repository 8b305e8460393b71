"""A meeting's prompts: the wave that asks every member about a meeting (a check-in, an
evaluation), one member asked again, how many were asked, and what is still open closed.
Other slices reach these through ``bot.prompts.service``."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Table,
    any_,
    bindparam,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Session
from sqlalchemy.sql.dml import ReturningInsert

from bot.communities.models import Community
from bot.members.models import Member
from bot.members.service import current_members, wake_paused
from bot.prompts.models import Prompt, PromptStatus
from bot.sqlutil import table_of


# The statement of a wave, built once (a due wave of a thousand communities runs it a
# thousand times; building and keying it cost more than running it). It opens the prompts of
# those not asked yet and hands back (member id, prompt id) of each, in the one statement (on
# the table: the ORM's bulk insert cost more than the insert itself). The rows differ only
# in their member, so they are selected from the members by id, with the rest as one value
# each: as rows of values (nine per member) the statement was written out for each wave and,
# past 50 values, parsed again by psycopg each time: the costliest statement of a due wave's
# jobs. On PostgreSQL the ids are one array (one statement text whatever their number).
@cache
def _open_returning(dialect: str) -> ReturningInsert[int, int]:
    table: Table = table_of(Prompt)
    rows, members = table.c, table_of(Member).c
    chosen = (
        members.id == any_(bindparam("member_ids", type_=postgresql.ARRAY(Integer)))
        if dialect == "postgresql"
        else members.id.in_(bindparam("member_ids", expanding=True))
    )
    same = ("community_id", "kind", "meeting_id", "step", "status", "answers", "created_at")
    values: dict[str, ColumnElement[Any]] = {
        name: bindparam(name, type_=rows[name].type) for name in (*same, "expires_at")
    }
    values["member_id"] = members.id
    # Nobody asked twice: a member with this meeting's prompt of this kind is left out by the
    # statement itself (a read of who was asked cost a statement of its own per wave).
    asked = (
        select(rows.id)
        .where(
            rows.member_id == members.id,
            rows.meeting_id == values["meeting_id"],
            rows.kind == values["kind"],
        )
        .exists()
    )
    return (
        insert(table)
        .from_select(list(values), select(*values.values()).where(chosen, ~asked))
        .returning(rows.member_id, rows.id)
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
    members: list[Member] | None = None,
) -> list[tuple[Member, int]]:
    """Open a ``kind`` prompt about this meeting for every active member who has none yet
    (of ``only`` those member ids, when given); returns those members with their new
    prompt's id, so asking again asks nobody twice. ``members``: the community's current
    members, when the caller has read them already.

    A fixed few statements whatever the community's size: the members are read in bulk (or
    given), and the prompts are opened in one statement that leaves out whoever was asked.
    """
    # Members whose holiday has ended are asked too: woken among the current members, read
    # once for both.
    current = (
        members if members is not None else current_members(session, community_id=community.id)
    )
    wake_paused(session, community=community, now=now, members=current)
    session.flush()
    active = sorted((m for m in current if m.is_active), key=lambda m: m.id)
    wanted = [m for m in active if only is None or m.id in only]
    if not wanted:
        return []
    values = {
        "community_id": community.id,
        "member_ids": [m.id for m in wanted],
        "kind": kind,
        "meeting_id": meeting_id,
        "step": 0,
        "status": PromptStatus.OPEN.value,
        "answers": {},
        "created_at": now,
        "expires_at": expires_at,
    }
    opened = session.execute(_open_returning(session.get_bind().dialect.name), values)
    prompt_ids: dict[int, int] = {member_id: prompt_id for member_id, prompt_id in opened}
    return [(m, prompt_ids[m.id]) for m in wanted if m.id in prompt_ids]


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
