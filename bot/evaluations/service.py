"""Evaluations: ask after each meeting, store answers anonymously, summarise from 3 answers.

Results are only ever shown as an aggregate of at least ``MIN_ANSWERS`` answers, without
names, and free texts are listed in alphabetical order so their order reveals nothing about
who answered when.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.commands.parser import as_int
from bot.communities.models import Community
from bot.errors import InvalidInput
from bot.evaluations.messaging import evaluation_message
from bot.evaluations.models import EvaluationAnswer
from bot.meetings.models import Meeting, MeetingStatus
from bot.members.models import Member
from bot.outbox.service import Outgoing
from bot.prompts.models import Prompt
from bot.prompts.service import (
    answer_row,
    asked_counts,
    open_wave_prompts,
    reopen_for_meeting,
)
from bot.timed.planner import evaluation_window

logger = logging.getLogger(__name__)

KIND = "evaluation"
MIN_ANSWERS = 3  # fewer answers could be traced back to a person: results stay hidden
RATINGS = range(1, 6)


@dataclass(frozen=True)
class EvaluationSummary:
    meeting_id: int
    count: int
    mean: float
    valuable: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)


# -- timing ----------------------------------------------------------------------------------
def close_at(community: Community, meeting: Meeting) -> datetime:
    """When the evaluation of ``meeting`` closes (the planner's ``evaluation_close`` moment)."""
    return evaluation_window(community, meeting)[1]


def is_closed(community: Community, meeting: Meeting, *, now: datetime) -> bool:
    return now >= close_at(community, meeting)


# -- the wave --------------------------------------------------------------------------------
def open_wave(
    session: Session, *, community: Community, meeting: Meeting, now: datetime
) -> list[Outgoing]:
    """Ask every active member who was not asked yet (keys ``evaluation:<meeting>:<member>``)."""
    closes = close_at(community, meeting)
    opened = open_wave_prompts(
        session, community=community, meeting_id=meeting.id, kind=KIND, expires_at=closes, now=now
    )
    if opened:
        logger.info("evaluation of meeting %s opened for %d members", meeting.id, len(opened))
    return [
        Outgoing(
            key=f"evaluation:{meeting.id}:{m.id}",
            member=m,
            community=community,
            message=evaluation_message(m, community, meeting, prompt_id=prompt_id),
            deadline=closes,
        )
        for m, prompt_id in opened
    ]


def reopen(
    session: Session, *, member: Member, community: Community, meeting: Meeting, now: datetime
) -> Prompt:
    """The member's evaluation of this meeting, open again from the rating."""
    return reopen_for_meeting(
        session,
        member=member,
        kind=KIND,
        meeting_id=meeting.id,
        expires_at=close_at(community, meeting),
        now=now,
    )


# -- answers ---------------------------------------------------------------------------------
def parse_rating(text: str) -> int:
    """'4', ' 4 ', '4/5' or '4.' -> 4; anything else is a friendly error."""
    raw = text.strip().lower().rstrip(".!")
    raw = raw.removesuffix("/5").strip()
    rating = as_int(raw) if raw.isdigit() else None
    if rating is not None and rating in RATINGS:
        return rating
    raise InvalidInput("evaluation.error.bad_rating", value=text.strip()[:20])


def save(
    session: Session,
    *,
    member: Member,
    meeting_id: int,
    now: datetime,
    rating: int | None = None,
    valuable: str | None = None,
    topics: str | None = None,
) -> EvaluationAnswer:
    """Store (or update) the member's one answer for this meeting; only given parts change."""
    answer = answer_row(
        session, model=EvaluationAnswer, member=member, meeting_id=meeting_id, now=now
    )
    if rating is not None:
        answer.rating = rating
    if valuable is not None:
        answer.valuable = valuable or None
    if topics is not None:
        answer.topics = topics or None
    session.flush()
    return answer


# -- results ---------------------------------------------------------------------------------
def answered_counts(session: Session, *, meeting_ids: Sequence[int]) -> dict[int, int]:
    ids = list(meeting_ids)
    if not ids:
        return {}
    counts = dict(
        session.execute(
            select(EvaluationAnswer.meeting_id, func.count(EvaluationAnswer.id))
            .where(EvaluationAnswer.meeting_id.in_(ids), EvaluationAnswer.rating.is_not(None))
            .group_by(EvaluationAnswer.meeting_id)
        ).all()
    )
    return {mid: counts.get(mid, 0) for mid in ids}


def _sorted_texts(values: list[str | None]) -> list[str]:
    return sorted((v.strip() for v in values if v and v.strip()), key=str.casefold)


def summaries(
    session: Session, *, meeting_ids: Sequence[int]
) -> dict[int, EvaluationSummary | None]:
    """The anonymous summary per meeting; None where fewer than ``MIN_ANSWERS`` answered."""
    ids = list(meeting_ids)
    if not ids:
        return {}
    by_meeting: dict[int, list[EvaluationAnswer]] = {mid: [] for mid in ids}
    for answer in session.scalars(
        select(EvaluationAnswer).where(
            EvaluationAnswer.meeting_id.in_(ids), EvaluationAnswer.rating.is_not(None)
        )
    ):
        by_meeting[answer.meeting_id].append(answer)
    result: dict[int, EvaluationSummary | None] = {}
    for mid, answers in by_meeting.items():
        if len(answers) < MIN_ANSWERS:
            result[mid] = None
            continue
        ratings = [a.rating for a in answers if a.rating is not None]
        result[mid] = EvaluationSummary(
            meeting_id=mid,
            count=len(ratings),
            mean=round(sum(ratings) / len(ratings), 2),
            valuable=_sorted_texts([a.valuable for a in answers]),
            topics=_sorted_texts([a.topics for a in answers]),
        )
    return result


def response_rates(session: Session, *, meeting_ids: Sequence[int]) -> dict[int, tuple[int, int]]:
    """(answered, asked) per meeting. Forgotten members' prompts are gone but their anonymous
    rating stays, so anonymous answers count as asked too."""
    ids = list(meeting_ids)
    if not ids:
        return {}
    prompts = asked_counts(session, kind=KIND, meeting_ids=ids)
    anonymous = dict(
        session.execute(
            select(EvaluationAnswer.meeting_id, func.count(EvaluationAnswer.id))
            .where(EvaluationAnswer.meeting_id.in_(ids), EvaluationAnswer.member_id.is_(None))
            .group_by(EvaluationAnswer.meeting_id)
        ).all()
    )
    answered = answered_counts(session, meeting_ids=ids)
    return {
        mid: (
            answered[mid],
            max(prompts.get(mid, 0) + anonymous.get(mid, 0), answered[mid]),
        )
        for mid in ids
    }


def previous_meeting(session: Session, *, meeting: Meeting) -> Meeting | None:
    return session.scalars(
        select(Meeting)
        .where(
            Meeting.community_id == meeting.community_id,
            Meeting.status != MeetingStatus.CANCELLED.value,
            Meeting.starts_at < meeting.starts_at,
        )
        .order_by(Meeting.starts_at.desc())
    ).first()


def following_meeting(session: Session, *, meeting: Meeting) -> Meeting | None:
    return session.scalars(
        select(Meeting)
        .where(
            Meeting.community_id == meeting.community_id,
            Meeting.status != MeetingStatus.CANCELLED.value,
            Meeting.starts_at > meeting.starts_at,
        )
        .order_by(Meeting.starts_at)
    ).first()


def topics_before(session: Session, *, meeting: Meeting) -> list[str]:
    """Topics suggested in the evaluation of the meeting before ``meeting``, as input for its
    preparation (empty for the first meeting, or when fewer than three answered)."""
    previous = previous_meeting(session, meeting=meeting)
    if previous is None:
        return []
    summary = summaries(session, meeting_ids=[previous.id])[previous.id]
    return list(summary.topics) if summary is not None else []


def rating_trend(session: Session, *, community_id: int) -> list[tuple[int, float]]:
    """(meeting number, mean rating) in meeting order, for meetings with enough answers."""
    rows = session.execute(
        select(Meeting.number, func.avg(EvaluationAnswer.rating))
        .join(EvaluationAnswer, EvaluationAnswer.meeting_id == Meeting.id)
        .where(
            Meeting.community_id == community_id,
            Meeting.status != MeetingStatus.CANCELLED.value,
            Meeting.number.is_not(None),
            EvaluationAnswer.rating.is_not(None),
        )
        .group_by(Meeting.id, Meeting.number, Meeting.starts_at)
        .having(func.count(EvaluationAnswer.id) >= MIN_ANSWERS)
        .order_by(Meeting.starts_at)
    ).all()
    return [(int(number), round(float(mean), 2)) for number, mean in rows if number is not None]


def last_evaluated(session: Session, *, community_id: int) -> Meeting | None:
    """The most recent meeting anyone answered an evaluation for."""
    return session.scalars(
        select(Meeting)
        .where(
            Meeting.community_id == community_id,
            Meeting.id.in_(
                select(EvaluationAnswer.meeting_id).where(
                    EvaluationAnswer.community_id == community_id
                )
            ),
        )
        .order_by(Meeting.starts_at.desc())
    ).first()
