"""Where the halfway reflection falls, and what members answered (kept in their logbook)."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from bot.logbook.service import EntryKind, entries_of_kinds
from bot.meetings.models import Meeting
from bot.prompts.models import PromptStatus
from bot.prompts.service import asked_about_other, status_counts

KIND = "reflection"
# The logbook entries a reflection writes: the first question's answer, then the second's.
ANSWERS = (EntryKind.HALFWAY_LEARNED, EntryKind.HALFWAY_NEXT)
QUESTIONS = {EntryKind.HALFWAY_LEARNED.value: "learned", EntryKind.HALFWAY_NEXT.value: "next"}
# A series this short has no middle worth stopping at: the first meetings are still
# getting-to-know-each-other and the last is the next one.
MIN_MEETINGS = 3


def halfway(series: Sequence[Meeting]) -> Meeting | None:
    """The meeting closest to the middle of the series (in order) in time; of two equally
    close, the earlier. With holidays and pauses the middle in time is the programme's
    halfway point, which the middle by count need not be.

    Found by bisection: the planner asks about every meeting of the series, and a scan per
    meeting would cost the square of its length."""
    if len(series) < MIN_MEETINGS:
        return None
    first, last = series[0].starts_at, series[-1].starts_at
    middle = first + (last - first) / 2
    after = bisect_left(series, middle, key=starts)  # the first at or after the middle
    candidates = [series[after]] if after < len(series) else []
    if after > 0:
        # The earliest of the meetings at the last moment before the middle.
        candidates.insert(0, series[bisect_left(series, series[after - 1].starts_at, key=starts)])
    return min(candidates, key=lambda m: abs(m.starts_at - middle))


def starts(meeting: Meeting) -> datetime:
    return meeting.starts_at


def asked_elsewhere(session: Session, *, community_id: int, meeting_id: int) -> bool:
    """Members were already asked at another meeting: the series changed after the halfway
    reflection went out, and it is asked once per programme."""
    return asked_about_other(session, community_id=community_id, kind=KIND, meeting_id=meeting_id)


def answered_counts(session: Session, *, community_id: int) -> tuple[int, int]:
    """(members who answered, members asked) in the community."""
    counts = status_counts(session, community_id=community_id, kind=KIND)
    return counts.get(PromptStatus.ANSWERED.value, 0), sum(counts.values())


@dataclass(frozen=True)
class Answer:
    """One answer as the logbook keeps it, named by the question it answers."""

    question: str  # "learned" or "next"
    text: str
    meeting_id: int | None
    created_at: datetime


def answers_of(session: Session, *, member_id: int) -> list[Answer]:
    return [
        Answer(QUESTIONS[entry.kind], entry.text, entry.meeting_id, entry.created_at)
        for entry in entries_of_kinds(session, member_id=member_id, kinds=ANSWERS)
    ]
