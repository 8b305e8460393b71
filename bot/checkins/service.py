"""Check-ins: open the wave of questions before a meeting, store answers, summarise them.

Fan-out paths (the wave, the reminder) use a constant number of SQL statements whatever the
community's size: members, existing prompts and answers are loaded in bulk, prompts are
opened in one statement and the messages (``bot.checkins.flows``) are enqueued in one
statement by the caller.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime
from functools import cache

from sqlalchemy import Select, bindparam, func, select
from sqlalchemy.orm import Session

from bot.attendance.service import intents
from bot.checkins.models import CheckinAnswer
from bot.communities.models import Community
from bot.meetings.models import Meeting
from bot.meetings.service import meeting_by_id
from bot.members.models import Member
from bot.members.service import members_by_ids
from bot.prompts.models import Prompt, PromptStatus
from bot.prompts.service import (
    answer_row,
    asked_counts,
    asked_per_member,
    open_wave_prompts,
    prompts_about,
    reopen_for_meeting,
)
from bot.sqlutil import table_of
from bot.timed.around import Around

logger = logging.getLogger(__name__)

KIND = "checkin"


# -- the wave --------------------------------------------------------------------------------


def checkin_at(around: Around) -> datetime:
    """When the check-in before a meeting is asked: the community's lead time before it."""
    return around.before_start(around.community.checkin_before_min)


def wave(
    session: Session,
    *,
    community: Community,
    meeting: Meeting,
    now: datetime,
    members: list[Member] | None = None,
) -> list[tuple[Member, int]]:
    """Open a check-in for every active member who has none yet for this meeting: the
    members asked, each with their prompt's id (``members`` as ``open_wave_prompts``)."""
    opened = open_wave_prompts(
        session,
        community=community,
        meeting_id=meeting.id,
        kind=KIND,
        expires_at=meeting.starts_at,
        now=now,
        members=members,
    )
    if opened:
        logger.info("check-in for meeting %s opened for %d members", meeting.id, len(opened))
    return opened


def to_remind(
    session: Session, *, meeting: Meeting, now: datetime
) -> list[tuple[Member, int | None]]:
    """Who gets the one reminder: each active member who was asked and whose check-in is
    still unanswered (with that prompt's id), or who has not said yet whether they come (or
    said they do not know yet; with None); never someone who said they cannot come."""
    prompts = {p.member_id: p for p in prompts_about(session, meeting_id=meeting.id, kind=KIND)}
    active = [
        m
        for m in members_by_ids(session, member_ids=(mid for mid in prompts if mid is not None))
        if m.is_active
    ]
    rows = [(prompts[m.id], m) for m in sorted(active, key=lambda m: m.id)]
    said = intents(session, meeting_id=meeting.id)
    found: list[tuple[Member, int | None]] = []
    for prompt, member in rows:
        intent = said.get(member.id)
        if intent == "no":
            continue
        unanswered = (
            prompt.status == PromptStatus.OPEN.value
            and prompt.step == 0
            and (prompt.expires_at is None or prompt.expires_at > now)
        )
        if unanswered:
            found.append((member, prompt.id))
        elif intent in (None, "maybe"):
            found.append((member, None))
    return found


def reopen(session: Session, *, member: Member, meeting: Meeting, now: datetime) -> Prompt:
    """The member's check-in for this meeting, open again from the first question."""
    return reopen_for_meeting(
        session,
        member=member,
        kind=KIND,
        meeting_id=meeting.id,
        expires_at=meeting.starts_at,
        now=now,
    )


# -- answers ---------------------------------------------------------------------------------
def save(
    session: Session,
    *,
    member: Member,
    meeting_id: int,
    now: datetime,
    bring_in: str | None = None,
    experiment_report: str | None = None,
) -> CheckinAnswer:
    """Store (or update) the member's check-in; only the parts given are changed."""
    answer = answer_row(session, model=CheckinAnswer, member=member, meeting_id=meeting_id, now=now)
    if bring_in is not None:
        answer.bring_in = bring_in
    if experiment_report is not None:
        answer.experiment_report = experiment_report
    answer.updated_at = now
    session.flush()
    return answer


def brings_in(session: Session, *, meeting_id: int, member_id: int) -> bool:
    """Has the member said what they bring in to this meeting (their check-in done)?"""
    return bool(session.scalar(_bring_in(), {"meeting": meeting_id, "member": member_id}))


@cache
def _bring_in() -> Select[str | None]:
    # ``status`` asks it on every view: built once, on the table's columns (``table_of``).
    answers = table_of(CheckinAnswer).c
    return (
        select(answers.bring_in)
        .where(answers.meeting_id == bindparam("meeting"), answers.member_id == bindparam("member"))
        .limit(1)
    )


def answers_for(session: Session, *, meeting_id: int) -> list[CheckinAnswer]:
    return list(
        session.scalars(
            select(CheckinAnswer)
            .where(CheckinAnswer.meeting_id == meeting_id)
            .order_by(CheckinAnswer.answered_at, CheckinAnswer.id)
        )
    )


def response_rates(session: Session, *, meeting_ids: Sequence[int]) -> dict[int, tuple[int, int]]:
    """(answered, asked) per meeting: answers against check-in prompts opened."""
    ids = list(meeting_ids)
    if not ids:
        return {}
    asked = asked_counts(session, kind=KIND, meeting_ids=ids)
    answered = dict(
        session.execute(
            select(CheckinAnswer.meeting_id, func.count(CheckinAnswer.id))
            .where(CheckinAnswer.meeting_id.in_(ids), CheckinAnswer.bring_in.is_not(None))
            .group_by(CheckinAnswer.meeting_id)
        ).all()
    )
    return {
        mid: (answered.get(mid, 0), max(asked.get(mid, 0), answered.get(mid, 0))) for mid in ids
    }


def summary(
    session: Session, *, meeting_id: int
) -> tuple[Meeting, list[tuple[CheckinAnswer, Member]], list[Member]] | None:
    """What the facilitators' check-in summary shows: the meeting, each answer with its
    member, and who was asked and has not answered yet."""
    meeting = meeting_by_id(session, meeting_id=meeting_id)
    if meeting is None:
        return None
    given = {
        answer.member_id: answer
        for answer in session.scalars(
            select(CheckinAnswer).where(CheckinAnswer.meeting_id == meeting_id)
        )
    }
    answers = [
        (given[member.id], member)
        for member in members_by_ids(session, member_ids=(mid for mid in given if mid is not None))
    ]
    answered_ids = {answer.member_id for answer, _ in answers}
    asked = (p.member_id for p in prompts_about(session, meeting_id=meeting_id, kind=KIND))
    missing = [
        member
        for member in members_by_ids(
            session, member_ids=(mid for mid in asked if mid is not None), current=True
        )
        if member.id not in answered_ids
    ]
    return meeting, answers, missing


def rates_per_member(session: Session, *, meeting_ids: Sequence[int]) -> dict[int, tuple[int, int]]:
    """(answered, asked) per member over these meetings, in two queries."""
    ids = list(meeting_ids)
    if not ids:
        return {}
    asked = asked_per_member(session, kind=KIND, meeting_ids=ids)
    answered = dict(
        session.execute(
            select(CheckinAnswer.member_id, func.count(CheckinAnswer.id))
            .where(CheckinAnswer.meeting_id.in_(ids), CheckinAnswer.bring_in.is_not(None))
            .group_by(CheckinAnswer.member_id)
        ).all()
    )
    return {
        member_id: (answered.get(member_id, 0), max(count, answered.get(member_id, 0)))
        for member_id, count in asked.items()
        if member_id is not None
    }


def answered_meetings(session: Session, *, meeting_ids: Sequence[int]) -> set[int]:
    """Which of these meetings someone checked in for (one query)."""
    return set(
        session.scalars(
            select(CheckinAnswer.meeting_id).where(CheckinAnswer.meeting_id.in_(meeting_ids))
        )
    )
