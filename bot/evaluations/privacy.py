"""A member's evaluation answers for ``my-data`` and ``forget-me``."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.communities.service import community_by_id
from bot.evaluations.models import EvaluationAnswer
from bot.evaluations.results import is_closed
from bot.evaluations.service import KIND
from bot.meetings.service import meetings_by_ids, with_meetings
from bot.members.models import Member
from bot.prompts.service import delete_prompts


def export(session: Session, *, member: Member) -> dict[str, Any]:
    mine = session.scalars(select(EvaluationAnswer).where(EvaluationAnswer.member_id == member.id))
    rows = [
        (row, meeting.number, meeting.starts_at)
        for row, meeting in with_meetings(session, rows=mine, meeting_id=lambda r: r.meeting_id)
    ]
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


def forget(session: Session, *, member: Member, now: datetime) -> None:
    """The link to the member goes; what stays is anonymous.

    An evaluation that closed has shared its results: its rating and free texts stay as they
    were shown, without the member, because removing them now would change those results and
    so tell whoever watches them what the forgotten person had answered. An evaluation still
    open has shown nothing yet: its free texts go and only the rating stays, as a part of the
    total. Answers without a rating had nothing anonymous worth keeping.
    """
    session.execute(
        delete(EvaluationAnswer)
        .where(EvaluationAnswer.member_id == member.id, EvaluationAnswer.rating.is_(None))
        .execution_options(synchronize_session=False)
    )
    community = community_by_id(session, community_id=member.community_id)
    mine = list(
        session.scalars(select(EvaluationAnswer).where(EvaluationAnswer.member_id == member.id))
    )
    meetings = {m.id: m for m in meetings_by_ids(session, meeting_ids={a.meeting_id for a in mine})}
    for answer in mine:
        meeting = meetings.get(answer.meeting_id)
        shown = (
            community is not None
            and meeting is not None
            and is_closed(session, community=community, meeting=meeting, now=now)
        )
        answer.member_id = None
        if not shown:
            answer.valuable = answer.topics = None
    session.flush()
    # The prompts tie the member to the meetings they were asked about; the anonymous
    # answers still count as 'asked' in the response rates.
    delete_prompts(session, member=member, kind=KIND)
