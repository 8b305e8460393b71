"""The digest's view of the other slices: their figures as small typed values, so the rest
of the digest and the report never touch another slice's models."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from bot.buddies import service as buddies
from bot.checkins import service as checkins
from bot.communities.models import Community
from bot.evaluations import service as evaluations
from bot.facilitation.service import facilitators_for
from bot.members.messaging import person
from bot.members.models import Member


@dataclass(frozen=True)
class Rate:
    answered: int
    asked: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.answered / self.asked) if self.asked else None

    def __add__(self, other: Rate) -> Rate:
        return Rate(self.answered + other.answered, self.asked + other.asked)


@dataclass(frozen=True)
class EvalSummary:
    count: int
    mean: float
    valuable: tuple[str, ...]
    topics: tuple[str, ...]


def facilitators(
    session: Session, *, meeting_ids: list[int], known: Iterable[Member] = ()
) -> dict[int, dict[str, str]]:
    """meeting id -> {"content": person, "process": person} (missing roles left out), each a
    mention (``bot.messages.Person``); files show them with ``names_only``. ``known``:
    members read already, not read again."""
    found = facilitators_for(session, meeting_ids=meeting_ids, known=known)
    return {
        mid: {role: str(person(member)) for role, member in roles.items()}
        for mid, roles in found.items()
    }


def _rates(found: dict[int, tuple[int, int]]) -> dict[int, Rate]:
    return {mid: Rate(answered, asked) for mid, (answered, asked) in found.items()}


def checkin_rates(session: Session, *, meeting_ids: list[int]) -> dict[int, Rate]:
    return _rates(checkins.response_rates(session, meeting_ids=meeting_ids))


def evaluation_rates(session: Session, *, meeting_ids: list[int]) -> dict[int, Rate]:
    return _rates(evaluations.response_rates(session, meeting_ids=meeting_ids))


def evaluation_summaries(
    session: Session, *, community: Community, meeting_ids: list[int], now: datetime
) -> dict[int, EvalSummary]:
    """The anonymous summaries of the meetings whose evaluation closed with enough answers."""
    return {
        mid: EvalSummary(
            count=summary.count,
            mean=summary.mean,
            valuable=tuple(summary.valuable),
            topics=tuple(summary.topics),
        )
        for mid, summary in evaluations.summaries(
            session, community=community, meeting_ids=meeting_ids, now=now
        ).items()
        if summary is not None
    }


def groups_without_report(session: Session, *, community_id: int) -> list[str]:
    """The current groups that have not reported back, as "Ann & Bob"."""
    return [
        " & ".join(group.members)
        for group in buddies.groups_without_report(session, community_id=community_id)
    ]


def experiment_news(session: Session, *, community_id: int, since: datetime) -> bool:
    """Whether any buddy agreed or reported back on an experiment since ``since``."""
    return buddies.activity_since(session, community_id=community_id, since=since)


def open_experiments(session: Session, *, community_id: int) -> list[str]:
    """The texts of the experiments running now (without who runs them)."""
    return [
        e.text
        for e in buddies.open_experiments(session, community_id=community_id)
        if e.text.strip()
    ]


def tally(texts: Iterable[str]) -> list[str]:
    """Answers given more than once are shown once with their count: repetition is the
    signal an organiser needs, not the same line three times."""
    counts: dict[str, int] = {}
    first: dict[str, str] = {}
    for text in texts:
        key = " ".join(text.split()).casefold()
        if not key:
            continue
        counts[key] = counts.get(key, 0) + 1
        first.setdefault(key, " ".join(text.split()))
    return [f"{first[k]} (×{n})" if n > 1 else first[k] for k, n in counts.items()]
