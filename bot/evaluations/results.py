"""What anyone may see of an evaluation, and when: the anonymity rules in one place.

Someone who watches the results change must learn nothing about one person's answer. So, as
survey tools do (Viva Glint: suppress what a smaller group would reveal):

- results of a meeting appear only once its evaluation has closed (at the end of its window,
  or earlier when a facilitator closes it with enough answers): while answers still come in
  nothing is shown, so the change one answer makes is never visible, and a closed
  evaluation takes no answer or change any more;
- only with at least ``min_answers`` answers (3, or more as the community sets);
- free texts in an order that says nothing about who answered when (shuffled per meeting);
- no figure more precise than the one shown: the mean leaves this module rounded to one
  decimal, for the summary, the digest, the report and its CSV alike.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.communities.models import Community
from bot.communities.service import community_by_id
from bot.errors import Conflict
from bot.evaluations.models import EvaluationAnswer, EvaluationClosing
from bot.evaluations.service import (
    KIND,
    answered_counts,
    close_at,
    previous_meeting,
)
from bot.meetings.models import Meeting
from bot.meetings.service import meetings_by_ids, not_cancelled
from bot.prompts.service import expire_for_meeting


@dataclass(frozen=True)
class EvaluationSummary:
    meeting_id: int
    count: int
    mean: float  # rounded to one decimal, as shown
    valuable: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)


def one_decimal(total: int, count: int) -> float:
    """total / count rounded half up to one decimal (3.25 -> 3.3, as people round)."""
    exact = Decimal(total) / Decimal(count)
    return float(exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def shuffled(values: Sequence[str | None], *, meeting_id: int) -> list[str]:
    """The free texts in an order fixed per meeting that has nothing to do with when (or in
    what order) they were written: sorted first, so the order of answering cannot leak in,
    then shuffled with the meeting as seed, so the order does not follow the alphabet
    either (which would still place a newly added text between its neighbours)."""
    texts = sorted((v.strip() for v in values if v and v.strip()), key=str.casefold)
    random.Random(f"evaluation:{meeting_id}").shuffle(texts)
    return texts


# -- closing ---------------------------------------------------------------------------------
def closed_early(session: Session, *, meeting_ids: Sequence[int]) -> dict[int, datetime]:
    ids = list(meeting_ids)
    if not ids:
        return {}
    rows = session.execute(
        select(EvaluationClosing.meeting_id, EvaluationClosing.closed_at).where(
            EvaluationClosing.meeting_id.in_(ids)
        )
    )
    return {meeting_id: at for meeting_id, at in rows}


def closed_at(session: Session, *, community: Community, meeting: Meeting) -> datetime:
    """When the evaluation closes or closed: the end of its window, or earlier."""
    early = closed_early(session, meeting_ids=[meeting.id]).get(meeting.id)
    planned = close_at(community, meeting)
    return min(planned, early) if early is not None else planned


def is_closed(session: Session, *, community: Community, meeting: Meeting, now: datetime) -> bool:
    return now >= closed_at(session, community=community, meeting=meeting)


def close_early(session: Session, *, community: Community, meeting: Meeting, now: datetime) -> None:
    """A facilitator closes the evaluation now, once enough have answered (closing it with
    fewer would only hide the results for good)."""
    number = meeting.number or "×"
    if is_closed(session, community=community, meeting=meeting, now=now):
        raise Conflict("evaluation.error.closed", n=number)
    count = answered_counts(session, meeting_ids=[meeting.id])[meeting.id]
    minimum = community.min_answers
    if count < minimum:
        raise Conflict("evaluation.error.close_too_few", n=number, count=count, minimum=minimum)
    session.add(EvaluationClosing(community_id=community.id, meeting_id=meeting.id, closed_at=now))
    expire_for_meeting(session, meeting_id=meeting.id, kind=KIND)
    session.flush()


# -- figures ---------------------------------------------------------------------------------
def summaries(
    session: Session, *, community: Community, meeting_ids: Sequence[int], now: datetime
) -> dict[int, EvaluationSummary | None]:
    """The anonymous summary per meeting; None where the evaluation is still open or fewer
    than ``min_answers`` answered. A fixed few queries, whatever the number of meetings."""
    ids = list(meeting_ids)
    if not ids:
        return {}
    meetings = {
        m.id: m for m in meetings_by_ids(session, meeting_ids=ids, community_id=community.id)
    }
    early = closed_early(session, meeting_ids=ids)
    closed = {
        mid
        for mid, m in meetings.items()
        if now >= min(close_at(community, m), early.get(mid, close_at(community, m)))
    }
    by_meeting: dict[int, list[EvaluationAnswer]] = {mid: [] for mid in closed}
    if closed:
        for answer in session.scalars(
            select(EvaluationAnswer).where(
                EvaluationAnswer.meeting_id.in_(sorted(closed)),
                EvaluationAnswer.rating.is_not(None),
            )
        ):
            by_meeting[answer.meeting_id].append(answer)
    minimum = community.min_answers
    result: dict[int, EvaluationSummary | None] = dict.fromkeys(ids)
    for mid, answers in by_meeting.items():
        ratings = [a.rating for a in answers if a.rating is not None]
        if len(ratings) < minimum:
            continue
        result[mid] = EvaluationSummary(
            meeting_id=mid,
            count=len(ratings),
            mean=one_decimal(sum(ratings), len(ratings)),
            valuable=shuffled([a.valuable for a in answers], meeting_id=mid),
            topics=shuffled([a.topics for a in answers], meeting_id=mid),
        )
    return result


def rating_trend(
    session: Session,
    *,
    community: Community,
    now: datetime,
    meetings: Sequence[Meeting] | None = None,
) -> list[tuple[int, float]]:
    """(meeting number, mean rating) in meeting order, for closed evaluations with enough
    answers. ``meetings``: the community's meetings that were not cancelled, in date order,
    when the caller has read them already (the digest)."""
    if meetings is None:
        meetings = not_cancelled(session, community_id=community.id)
    meetings = [m for m in meetings if m.number is not None and m.starts_at <= now]
    found = summaries(session, community=community, meeting_ids=[m.id for m in meetings], now=now)
    return [
        (int(m.number), summary.mean)
        for m in meetings
        if (summary := found.get(m.id)) is not None and m.number is not None
    ]


def topics_before(session: Session, *, meeting: Meeting, now: datetime) -> list[str]:
    """Topics suggested in the evaluation of the meeting before ``meeting``, as input for its
    preparation (empty for the first meeting, or while that evaluation is not shareable)."""
    previous = previous_meeting(session, meeting=meeting)
    community = community_by_id(session, community_id=meeting.community_id)
    if previous is None or community is None:
        return []
    summary = summaries(session, community=community, meeting_ids=[previous.id], now=now)[
        previous.id
    ]
    return list(summary.topics) if summary is not None else []
