"""The digest's view of the other slices, through their published contract functions.

Every slice is optional: a slice that is not installed (or does not offer a function yet)
gives "no data", so the digest and the report still work and grow richer as slices land.
Results are turned into small typed values here, so the rest of the digest never touches
another slice's models.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from types import ModuleType
from typing import Any

from sqlalchemy.orm import Session


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
    mean: float | None
    valuable: tuple[str, ...]
    topics: tuple[str, ...]


def _module(name: str) -> ModuleType | None:
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name != name:
            raise
        return None


def _function(module: str, name: str) -> Callable[..., Any] | None:
    found = _module(module)
    function = getattr(found, name, None) if found is not None else None
    return function if callable(function) else None


def _texts(value: Any) -> tuple[str, ...]:
    """A summary's answers may be a list of strings, of (text, count) pairs, or one string."""
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,) if value.strip() else ()
    items: list[str] = []
    for item in value:
        if isinstance(item, tuple | list) and item:
            items.append(str(item[0]))
        elif isinstance(item, str) and item.strip():
            items.append(item)
    return tuple(items)


def _name(person: Any) -> str:
    return str(getattr(person, "display_name", person))


def facilitators(session: Session, *, meeting_ids: list[int]) -> dict[int, dict[str, str]]:
    """meeting id -> {"content": name, "process": name} (missing roles left out)."""
    function = _function("bot.facilitation.service", "facilitators_for")
    if function is None or not meeting_ids:
        return {}
    found: dict[int, dict[str, Any]] = function(session, meeting_ids=meeting_ids)
    return {
        mid: {role: _name(m) for role, m in roles.items() if m is not None}
        for mid, roles in found.items()
    }


def _rates(module: str, session: Session, meeting_ids: list[int]) -> dict[int, Rate]:
    function = _function(module, "response_rates")
    if function is None or not meeting_ids:
        return {}
    found: dict[int, tuple[int, int]] = function(session, meeting_ids=meeting_ids)
    return {mid: Rate(int(a), int(b)) for mid, (a, b) in found.items()}


def checkin_rates(session: Session, *, meeting_ids: list[int]) -> dict[int, Rate]:
    return _rates("bot.checkins.service", session, meeting_ids)


def evaluation_rates(session: Session, *, meeting_ids: list[int]) -> dict[int, Rate]:
    return _rates("bot.evaluations.service", session, meeting_ids)


def evaluation_summaries(session: Session, *, meeting_ids: list[int]) -> dict[int, EvalSummary]:
    function = _function("bot.evaluations.service", "summaries")
    if function is None or not meeting_ids:
        return {}
    found: dict[int, Any] = function(session, meeting_ids=meeting_ids)
    result: dict[int, EvalSummary] = {}
    for mid, summary in found.items():
        if summary is None:
            continue
        mean = getattr(summary, "mean", None)
        result[mid] = EvalSummary(
            count=int(getattr(summary, "count", 0) or 0),
            mean=float(mean) if mean is not None else None,
            valuable=_texts(getattr(summary, "valuable", None)),
            topics=_texts(getattr(summary, "topics", None)),
        )
    return result


def rating_trend(session: Session, *, community_id: int) -> list[tuple[int, float]]:
    function = _function("bot.evaluations.service", "rating_trend")
    if function is None:
        return []
    return [(int(n), float(mean)) for n, mean in function(session, community_id=community_id)]


def experiment_stats(
    session: Session, *, community_id: int, since: datetime
) -> tuple[int, int] | None:
    """(agreed, reported), or None when the buddies slice is not there."""
    function = _function("bot.buddies.service", "experiment_stats")
    if function is None:
        return None
    agreed, reported = function(session, community_id=community_id, since=since)
    return int(agreed), int(reported)


def _group_label(group: Any) -> str:
    people = getattr(group, "members", None)
    if people is None:
        return str(group)
    names = [p if isinstance(p, str) else _name(p) for p in _iterable(people)]
    return " & ".join(names)


def _iterable(value: Any) -> Iterable[Any]:
    return value if isinstance(value, list | tuple | set | frozenset) else [value]


def groups_without_report(session: Session, *, community_id: int) -> list[str]:
    function = _function("bot.buddies.service", "groups_without_report")
    if function is None:
        return []
    return [_group_label(g) for g in function(session, community_id=community_id)]


def open_experiments(session: Session, *, community_id: int) -> list[str]:
    """The texts of the experiments running now (without who runs them)."""
    function = _function("bot.buddies.service", "open_experiments")
    if function is None:
        return []
    texts = [
        str(getattr(e, "text", "") or "") for e in function(session, community_id=community_id)
    ]
    return [text for text in texts if text.strip()]


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
