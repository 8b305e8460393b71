"""Buddy groups for one cycle: a pure, deterministic algorithm (no database, no clock).

The rules, in order of importance:

1. nobody active is left out, paused members are left out entirely;
2. no pair meets again until every possible pairing has been used; when repeats cannot be
   avoided, the least-repeated pairs are chosen;
3. pairs cross organisations whenever possible (learning across organisations is the point
   of a CoP, and it keeps competitors' internal matters out of a buddy conversation);
4. an odd number of members gives exactly one trio, and the trio rotates;
5. two members whose last experiment did not happen are preferably not paired together
   again: each is better off with someone whose experiment did run.

The groups come from a minimum-cost search: every pair has a cost (a huge one per earlier
meeting, squared so the least-repeated pair wins; a small one for the same organisation).
Several cheap, structured starting points are tried: a bipartition of the members by
organisation whose halves are rotated against each other per round (a Latin-square schedule:
no pair repeats within a run of rounds, and no pair shares an organisation when no
organisation has more than half the members), and the classic round-robin circle method.
Each start is then improved by local search: swapping members between a costly group and
another group, and, for small groups of people, three-way rotations. Everything is seeded
from the inputs, so the same inputs give the same groups.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

# A repeat always outweighs any number of same-organisation pairs.
W_REPEAT = 1_000_000
W_ORG = 4
# Two members whose experiment did not happen last cycle: less than a same-organisation pair.
W_IDLE = 2
# Per earlier trio of each member of a trio: the trio rotates, but organisations come first.
W_TRIO = 1
# Below this size extra starting points and three-way moves are affordable.
SMALL = 200
EXTRA_STARTS = 6
# Bounds the local search on very large communities (cost evaluations).
BUDGET = 1_500_000


@dataclass(frozen=True)
class Person:
    id: int
    organisation: str | None = None
    paused: bool = False
    idle: bool = False  # their group's experiment did not happen last cycle


@dataclass(frozen=True)
class Pairing:
    groups: tuple[tuple[int, ...], ...]
    repeated_pairs: int = 0
    same_org_pairs: int = 0
    alone: int | None = None  # the only active member, who cannot be paired


def org_key(organisation: str | None) -> str | None:
    """Organisations as typed by people: compare without case and extra spaces."""
    if organisation is None:
        return None
    key = " ".join(organisation.split()).casefold()
    return key or None


class _Costs:
    """Pair costs over internal indices 0..n-1 (people sorted by id)."""

    def __init__(self, people: list[Person], history: Sequence[Sequence[Sequence[int]]]) -> None:
        self.ids = [p.id for p in people]
        self.n = len(people)
        index = {pid: i for i, pid in enumerate(self.ids)}
        codes: dict[str, int] = {}
        self.org: list[int] = []
        self.idle = [p.idle for p in people]
        for person in people:
            key = org_key(person.organisation)
            self.org.append(-1 if key is None else codes.setdefault(key, len(codes)))
        self.counts: dict[int, int] = {}
        self.trios = [0] * self.n
        for past_round in history:
            for group in past_round:
                members = sorted(index[m] for m in group if m in index)
                if len(group) >= 3:
                    for i in members:
                        self.trios[i] += 1
                for a_pos, a in enumerate(members):
                    for b in members[a_pos + 1 :]:
                        slot = a * self.n + b
                        self.counts[slot] = self.counts.get(slot, 0) + 1
        self.evaluations = 0
        # No grouping can do better than this: each group holds at most one member of an
        # organisation without a same-organisation pair.
        sizes = Counter(code for code in self.org if code >= 0)
        largest = max(sizes.values(), default=0)
        self.lower_bound = W_ORG * max(0, largest - self.n // 2)

    def pair(self, a: int, b: int) -> int:
        self.evaluations += 1
        if a > b:
            a, b = b, a
        seen = self.counts.get(a * self.n + b, 0)
        cost = W_REPEAT * seen * seen
        if self.org[a] >= 0 and self.org[a] == self.org[b]:
            cost += W_ORG
        if self.idle[a] and self.idle[b]:
            cost += W_IDLE
        return cost

    def group(self, members: Sequence[int]) -> int:
        total = W_TRIO * sum(self.trios[m] for m in members) if len(members) > 2 else 0
        for pos, a in enumerate(members):
            for b in members[pos + 1 :]:
                total += self.pair(a, b)
        return total

    def repeated(self, a: int, b: int) -> bool:
        if a > b:
            a, b = b, a
        return a * self.n + b in self.counts

    def same_org(self, a: int, b: int) -> bool:
        return self.org[a] >= 0 and self.org[a] == self.org[b]


def pair_up(people: Sequence[Person], history: Sequence[Sequence[Sequence[int]]] = ()) -> Pairing:
    """Groups for the next cycle. ``history`` holds earlier rounds, oldest first, each a list
    of groups of member ids (members no longer present are ignored)."""
    active = sorted((p for p in people if not p.paused), key=lambda p: p.id)
    if len({p.id for p in active}) != len(active):
        raise ValueError("a person is listed twice")
    if not active:
        return Pairing(groups=())
    if len(active) == 1:
        return Pairing(groups=(), alone=active[0].id)
    costs = _Costs(active, history)
    round_no = len(history)
    rng_seed = round_no * 1_000_003 + costs.n
    best: list[list[int]] | None = None
    best_cost = 0
    for start in _starts(costs, round_no=round_no, seed=rng_seed):
        groups = _improve(start, costs, small=costs.n <= SMALL)
        total = sum(costs.group(g) for g in groups)
        if best is None or total < best_cost:
            best, best_cost = groups, total
        if best_cost <= costs.lower_bound:
            break
    assert best is not None
    return _result(best, costs)


def _extras(costs: _Costs, *, round_no: int, count: int) -> list[int]:
    """Who may join a pair to make the trio: whoever was in one least often, rotating."""
    n = costs.n
    return sorted(range(n), key=lambda i: (costs.trios[i], (i - round_no) % n))[:count]


def _starts(costs: _Costs, *, round_no: int, seed: int) -> list[list[list[int]]]:
    n = costs.n
    small = n <= SMALL
    if n % 2 == 0:
        return _orders(costs, list(range(n)), round_no=round_no, seed=seed, small=small)
    starts = []
    for extra in _extras(costs, round_no=round_no, count=1):
        even = [i for i in range(n) if i != extra]
        for groups in _orders(costs, even, round_no=round_no, seed=seed + extra, small=small):
            _attach(groups, extra, costs)
            starts.append(groups)
    return starts


def _orders(
    costs: _Costs, even: list[int], *, round_no: int, seed: int, small: bool
) -> list[list[list[int]]]:
    # The circle comes first: while membership is stable, following it keeps every later
    # round free of repeats too, which a locally perfect choice can spoil.
    orders = [_circle_pairs(even, round_no), _split_pairs(costs, even, round_no=round_no)]
    if small:
        rng = random.Random(seed)
        for _ in range(EXTRA_STARTS):
            shuffled = even[:]
            rng.shuffle(shuffled)
            orders.append([[shuffled[k], shuffled[k + 1]] for k in range(0, len(shuffled), 2)])
    return orders


def _split_pairs(costs: _Costs, members: list[int], *, round_no: int) -> list[list[int]]:
    """Members ordered by organisation (largest first) and paired across the middle, the
    second half rotated by the round number."""
    sizes = Counter(costs.org[i] for i in members)

    def key(i: int) -> tuple[int, int, int]:
        org = costs.org[i]
        # Unknown organisations go last: they can pair with anyone.
        return (org < 0, -sizes[org], org)

    ordered = sorted(members, key=lambda i: (*key(i), i))
    half = len(ordered) // 2
    shift = round_no % half if half else 0
    return [[ordered[k], ordered[half + (k + shift) % half]] for k in range(half)]


def _circle_pairs(members: list[int], round_no: int) -> list[list[int]]:
    """Round ``round_no`` of the round-robin circle method: over m - 1 rounds of the same m
    members, every pair meets exactly once."""
    m = len(members)
    if m == 2:
        return [members[:]]
    ring = m - 1
    r = round_no % ring
    pairs = [[members[m - 1], members[r]]]
    for k in range(1, m // 2):
        pairs.append([members[(r + k) % ring], members[(r - k) % ring]])
    return pairs


def _attach(groups: list[list[int]], extra: int, costs: _Costs) -> None:
    def added(g: int) -> tuple[int, int]:
        return (costs.group([*groups[g], extra]) - costs.group(groups[g]), g)

    groups[min(range(len(groups)), key=added)].append(extra)


def _improve(start: list[list[int]], costs: _Costs, *, small: bool) -> list[list[int]]:
    """Local search: while a costly group can be made cheaper by exchanging one member with
    another group (or, for small communities, by rotating members over three groups)."""
    groups = [g[:] for g in start]
    gcost = [costs.group(g) for g in groups]
    budget_end = costs.evaluations + BUDGET
    changed = True
    while changed and costs.evaluations < budget_end and sum(gcost) > costs.lower_bound:
        changed = False
        for gi in range(len(groups)):
            if gcost[gi] == 0:
                continue
            if _swap(groups, gcost, gi, costs) or (small and _rotate(groups, gcost, gi, costs)):
                changed = True
            if costs.evaluations >= budget_end:
                break
    return groups


def _swap(groups: list[list[int]], gcost: list[int], gi: int, costs: _Costs) -> bool:
    g = groups[gi]
    count = len(groups)
    for step in range(1, count):
        hi = (gi + step) % count
        h = groups[hi]
        for xi, x in enumerate(g):
            for yi, y in enumerate(h):
                new_g = [*g[:xi], y, *g[xi + 1 :]]
                new_h = [*h[:yi], x, *h[yi + 1 :]]
                cg, ch = costs.group(new_g), costs.group(new_h)
                if cg + ch < gcost[gi] + gcost[hi]:
                    groups[gi], groups[hi] = new_g, new_h
                    gcost[gi], gcost[hi] = cg, ch
                    return True
    return False


def _rotate(groups: list[list[int]], gcost: list[int], gi: int, costs: _Costs) -> bool:
    """x leaves G for H, y leaves H for K, z leaves K for G."""
    g = groups[gi]
    count = len(groups)
    for hi in range(count):
        if hi == gi:
            continue
        h = groups[hi]
        for ki in range(count):
            if ki in (gi, hi):
                continue
            k = groups[ki]
            before = gcost[gi] + gcost[hi] + gcost[ki]
            for xi, x in enumerate(g):
                for yi, y in enumerate(h):
                    new_h = [*h[:yi], x, *h[yi + 1 :]]
                    ch = costs.group(new_h)
                    if ch >= before:
                        continue
                    for zi, z in enumerate(k):
                        new_g = [*g[:xi], z, *g[xi + 1 :]]
                        new_k = [*k[:zi], y, *k[zi + 1 :]]
                        cg, ck = costs.group(new_g), costs.group(new_k)
                        if cg + ch + ck < before:
                            groups[gi], groups[hi], groups[ki] = new_g, new_h, new_k
                            gcost[gi], gcost[hi], gcost[ki] = cg, ch, ck
                            return True
    return False


def _result(groups: list[list[int]], costs: _Costs) -> Pairing:
    repeated = same_org = 0
    for group in groups:
        for pos, a in enumerate(group):
            for b in group[pos + 1 :]:
                repeated += costs.repeated(a, b)
                same_org += costs.same_org(a, b)
    as_ids = sorted(tuple(sorted(costs.ids[i] for i in group)) for group in groups)
    return Pairing(groups=tuple(as_ids), repeated_pairs=repeated, same_org_pairs=same_org)
