"""Choosing the two facilitators of a meeting: pure, deterministic, no database.

Every meeting has two facilitators who complement each other, one on *content* and one on
*process*. The role rotates per meeting. The rules, in order of precedence (a later rule only
decides between choices the earlier ones find equally good, so every rule holds "where
possible"):

1. nobody facilitates two meetings in a row (the meetings just before and just after);
2. everyone gets a turn before the trajectory ends: when the meetings left are only just
   enough for all who never facilitated, whoever served least overall comes first;
3. fair per role: whoever served least in that role comes first;
4. no duo that already facilitated together while another duo is possible (and when every
   duo has, the one that did least often);
5. a first-timer (never facilitated) is paired with someone who has;
6. whoever served least overall comes first;
7. a fixed tie-break: a seeded hash of the member id, so a community's order is stable but
   does not simply follow who joined first.

Rule 5 outranks rule 6 so that a newcomer learns the role next to someone who has done it, but
rule 2 outranks both: with 20 people and 13 meetings (26 turns) only six turns can go to
someone a second time, so experienced partners are used while the remaining meetings leave
room for them and first-timers facilitate together after that. Without a known horizon
(``remaining=None``) rule 2 never applies.

What counts as a turn is the caller's decision, expressed in the history it passes: a turn
that was passed on (``passed=True``) counts, so the person who gave it away queues again at
the back instead of being first in line at every meeting; turns released because someone was
away are left out of the history, so that person keeps their place and comes first next time.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

# The two facilitator seats of a meeting (not a member's role, bot.members.models.Role).
Seat = Literal["content", "process"]
SEATS: tuple[Seat, Seat] = ("content", "process")


def other_role(role: str) -> Seat:
    """The seat beside ``role``."""
    return "process" if role == "content" else "content"


@dataclass(frozen=True)
class Turn:
    """One past or planned turn. ``position`` is the meeting's place in the schedule
    (chronological, cancelled meetings left out)."""

    position: int
    role: Seat
    member: int
    passed: bool = False


@dataclass(frozen=True)
class Pair:
    content: int
    process: int

    def by_role(self) -> dict[Seat, int]:
        return {"content": self.content, "process": self.process}


@dataclass
class Tally:
    """What the history says about everyone, seen from the meeting at ``position``."""

    per_role: dict[Seat, Counter[int]] = field(
        default_factory=lambda: {role: Counter() for role in SEATS}
    )
    total: Counter[int] = field(default_factory=Counter)
    experienced: set[int] = field(default_factory=set)
    neighbours: set[int] = field(default_factory=set)
    duos: Counter[frozenset[int]] = field(default_factory=Counter)


def tally(history: Iterable[Turn], *, position: int) -> Tally:
    result = Tally()
    together: dict[int, set[int]] = {}
    for turn in history:
        if turn.position == position and not turn.passed:
            continue  # the meeting being (re)assigned: its current holders do not count
        result.per_role[turn.role][turn.member] += 1
        result.total[turn.member] += 1
        if turn.passed:
            continue  # a passed turn counts as a turn, but was not facilitated
        if turn.position < position:
            result.experienced.add(turn.member)
        if abs(turn.position - position) == 1:
            result.neighbours.add(turn.member)
        together.setdefault(turn.position, set()).add(turn.member)
    result.duos = Counter(frozenset(ms) for ms in together.values() if len(ms) == 2)
    return result


def tie_break(member: int, *, seed: int) -> int:
    digest = hashlib.sha256(f"{seed}:{member}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


def must_cover(seen: Tally, people: Sequence[int], *, remaining: int | None) -> bool:
    """Rule 2: True when the turns left (this meeting's included) are only just enough for
    everyone who never facilitated, so no turn can go to someone a second time."""
    if remaining is None:
        return False
    never = sum(1 for m in people if seen.total[m] == 0)
    return never > 2 * remaining - 1


def choose_pair(
    *,
    candidates: Iterable[int],
    history: Sequence[Turn],
    position: int,
    seed: int = 0,
    remaining: int | None = None,
) -> Pair | None:
    """The (content, process) pair for the meeting at ``position``; None with fewer than two.
    ``remaining`` is the number of meetings from this one to the last one planned."""
    people = sorted(set(candidates))
    if len(people) < 2:
        return None
    seen = tally(history, position=position)
    low = {role: min(seen.per_role[role][m] for m in people) for role in SEATS}
    low_total = min(seen.total[m] for m in people)
    cover = must_cover(seen, people, remaining=remaining)
    order = {m: tie_break(m, seed=seed) for m in people}
    # Each member's part of the cost, looked up once: the pairs are n * (n - 1), and reading
    # the counters (whose misses go through ``__missing__``) for every pair cost more than
    # the rest of the rotation job. The cost is that of the rules above, in their order.
    near = {m: int(m in seen.neighbours) for m in people}
    total = {m: seen.total[m] for m in people}
    as_content = {m: seen.per_role["content"][m] - low["content"] for m in people}
    as_process = {m: seen.per_role["process"][m] - low["process"] for m in people}
    experienced = {m: m in seen.experienced for m in people}
    duos = {tuple(sorted(duo)): n for duo, n in seen.duos.items()}
    best: tuple[int, ...] | None = None
    content = process = people[0]
    for c in people:
        for p in people:
            if c == p:
                continue
            both = total[c] + total[p]
            cost = (
                near[c] + near[p],
                both - 2 * low_total if cover else 0,
                as_content[c] + as_process[p],
                duos.get((c, p) if c < p else (p, c), 0) if duos else 0,
                int(not (experienced[c] or experienced[p])),
                both,
                max(total[c], total[p]),
                min(order[c], order[p]),
                order[c],
            )
            # Strictly lower only: the first of equal pairs wins, as min() picks it.
            if best is None or cost < best:
                best, content, process = cost, c, p
    return Pair(content=content, process=process)


def choose_replacement(
    *,
    role: Seat,
    partner: int | None,
    candidates: Iterable[int],
    history: Sequence[Turn],
    position: int,
    seed: int = 0,
    remaining: int | None = None,
) -> int | None:
    """Who takes ``role`` next to ``partner`` (already fixed): the next in line for that role."""
    people = sorted(set(candidates) - {partner} if partner is not None else set(candidates))
    if not people:
        return None
    seen = tally(history, position=position)
    low = min(seen.per_role[role][m] for m in people)
    low_total = min(seen.total[m] for m in people)
    # One turn of this meeting is taken already: as if one meeting fewer were left.
    cover = must_cover(seen, people, remaining=None if remaining is None else remaining - 1)

    def cost(member: int) -> tuple[int, ...]:
        duo = frozenset((member, partner)) if partner is not None else frozenset()
        first_timers = partner is not None and not duo & seen.experienced
        return (
            int(member in seen.neighbours),
            seen.total[member] - low_total if cover else 0,
            seen.per_role[role][member] - low,
            seen.duos[duo],
            int(first_timers),
            seen.total[member],
            tie_break(member, seed=seed),
        )

    return min(people, key=cost)
