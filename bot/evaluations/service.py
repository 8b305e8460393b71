"""Evaluations: ask after each meeting and store the answers. What may be shown of them,
and when, is ``bot.evaluations.results``."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.attendance.service import came
from bot.commands.parser import as_int
from bot.communities.models import EVALUATION_MIN_ANSWERS, Community
from bot.errors import InvalidInput
from bot.evaluations.models import EvaluationAnswer
from bot.meetings.models import Meeting
from bot.meetings.service import latest_among, neighbour
from bot.members.models import Member
from bot.prompts.models import Prompt
from bot.prompts.service import (
    answer_row,
    asked_counts,
    open_wave_prompts,
    reopen_for_meeting,
)
from bot.timed.around import shift

if TYPE_CHECKING:
    from bot.evaluations.results import EvaluationSummary

logger = logging.getLogger(__name__)

KIND = "evaluation"
# The floor of every community's ``min_answers``: fewer answers could point at a person.
MIN_ANSWERS = EVALUATION_MIN_ANSWERS
RATINGS = range(1, 6)


# -- timing ----------------------------------------------------------------------------------


def evaluation_window(community: Community, meeting: Meeting) -> tuple[datetime, datetime]:
    """When the evaluation of ``meeting`` is asked and when it closes."""
    zone = ZoneInfo(community.tz)
    asked = shift(meeting.ends_at, timedelta(minutes=community.evaluation_after_min), zone=zone)
    closes = shift(asked, timedelta(minutes=community.evaluation_window_min), zone=zone)
    return asked, closes


def close_at(community: Community, meeting: Meeting) -> datetime:
    """When the evaluation of ``meeting`` closes (the planner's ``evaluation_close`` moment)."""
    return evaluation_window(community, meeting)[1]


# -- the wave --------------------------------------------------------------------------------
def wave(
    session: Session, *, community: Community, meeting: Meeting, now: datetime
) -> list[tuple[Member, int]]:
    """Open the evaluation for every active member who came and was not asked yet: the
    members asked, each with their prompt's id."""
    opened = open_wave_prompts(
        session,
        community=community,
        meeting_id=meeting.id,
        kind=KIND,
        expires_at=close_at(community, meeting),
        now=now,
        # Those who came (recorded when the meeting ended, corrected by the facilitators);
        # everyone when nobody's attendance was recorded.
        only=came(session, meeting_id=meeting.id),
    )
    if opened:
        logger.info("evaluation of meeting %s opened for %d members", meeting.id, len(opened))
    return opened


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
    return neighbour(session, meeting=meeting, after=False)


def following_meeting(session: Session, *, meeting: Meeting) -> Meeting | None:
    return neighbour(session, meeting=meeting, after=True)


def last_evaluated(session: Session, *, community_id: int) -> Meeting | None:
    """The most recent meeting anyone answered an evaluation for."""
    return latest_among(
        session,
        community_id=community_id,
        meeting_ids=select(EvaluationAnswer.meeting_id).where(
            EvaluationAnswer.community_id == community_id
        ),
    )


def answered_meetings(session: Session, *, meeting_ids: Sequence[int]) -> set[int]:
    """Which of these meetings someone evaluated (one query)."""
    return set(
        session.scalars(
            select(EvaluationAnswer.meeting_id).where(EvaluationAnswer.meeting_id.in_(meeting_ids))
        )
    )


# -- for the other features ---------------------------------------------------------------
# What checkins, facilitation and digest use of the evaluations' results. The results
# (``bot.evaluations.results``) build on this module: they are imported when called.


def topics_before(session: Session, *, meeting: Meeting, now: datetime) -> list[str]:
    """Topics suggested in the evaluation of the meeting before ``meeting``."""
    from bot.evaluations import results

    return results.topics_before(session, meeting=meeting, now=now)


def rating_trend(
    session: Session,
    *,
    community: Community,
    now: datetime,
    meetings: Sequence[Meeting] | None = None,
) -> list[tuple[int, float]]:
    """(meeting number, mean rating) of the closed evaluations with enough answers
    (``meetings``: the community's meetings not cancelled, in date order, when read
    already)."""
    from bot.evaluations import results

    return results.rating_trend(session, community=community, now=now, meetings=meetings)


def summaries(
    session: Session, *, community: Community, meeting_ids: Sequence[int], now: datetime
) -> dict[int, EvaluationSummary | None]:
    """The anonymous summary per meeting (None while open or with too few answers)."""
    from bot.evaluations import results

    return results.summaries(session, community=community, meeting_ids=meeting_ids, now=now)
