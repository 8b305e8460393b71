"""A member's evaluation answers for ``my-data`` and ``forget-me``."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from bot.evaluations.models import EvaluationAnswer
from bot.evaluations.service import KIND
from bot.meetings.models import Meeting
from bot.members.models import Member
from bot.prompts.service import delete_prompts


def export(session: Session, *, member: Member) -> dict[str, Any]:
    rows = session.execute(
        select(EvaluationAnswer, Meeting.number, Meeting.starts_at)
        .join(Meeting, Meeting.id == EvaluationAnswer.meeting_id)
        .where(EvaluationAnswer.member_id == member.id)
        .order_by(Meeting.starts_at)
    ).all()
    return {
        "evaluations": [
            {
                "meeting": number,
                "meeting_starts_at": starts_at.isoformat(),
                "rating": answer.rating,
                "valuable": answer.valuable,
                "topics": answer.topics,
                "answered_at": answer.answered_at.isoformat(),
            }
            for answer, number, starts_at in rows
        ]
    }


def forget(session: Session, *, member: Member) -> None:
    """Keep only the rating, as an anonymous part of the aggregate: the link to the member
    and the free texts go; answers without a rating had nothing anonymous worth keeping."""
    session.execute(
        delete(EvaluationAnswer)
        .where(EvaluationAnswer.member_id == member.id, EvaluationAnswer.rating.is_(None))
        .execution_options(synchronize_session=False)
    )
    session.execute(
        update(EvaluationAnswer)
        .where(EvaluationAnswer.member_id == member.id)
        .values(member_id=None, valuable=None, topics=None)
        .execution_options(synchronize_session=False)
    )
    # The prompts tie the member to the meetings they were asked about; the anonymous
    # answers still count as 'asked' in the response rates.
    delete_prompts(session, member=member, kind=KIND)
