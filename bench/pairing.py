"""Pairing bench: buddy groups over a whole programme, and the facilitator rotation.

Buddy pairs (``bot.buddies.pairing.pair_up``), 13 rounds (one per meeting of an 18-month
programme) of 20 members:

- repeated pairs (goal 0), for the demo's organisation mix, a lopsided mix, 20 random mixes,
  a run where two members are away every round and one of 21 (a trio every round);
- the share of pairs that cross organisations, set against the best possible. The bound per
  round comes from the organisation sizes: only the largest organisation can hold more than
  half the members, and its surplus must pair internally (a maximum matching of the others
  with it). Over a run without repeats the bound can be tighter still: an outsider can meet
  each member of the big organisation only once, so after that outsiders pair with each
  other and the big organisation pairs internally more often. Both bounds are printed;
- time per round for 1,000 and 5,000 members over 13 rounds (the later rounds carry the
  history of the earlier ones), then the peak Python memory of the first and the last round
  of 5,000 with tracemalloc (a separate run: tracing slows Python down).

Facilitator rotation (``bot.facilitation.rotation.choose_pair``), 13 meetings: the spread of
turns per role (most minus fewest), people facilitating two meetings in a row, and duos that
served together more than once, for the whole group of 20, the demo's core group of 4 and the
whole group with people away. Figures are printed, not asserted.

    python -m bench.pairing
"""

from __future__ import annotations

import itertools
import random
import time
import tracemalloc
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from bot.buddies.pairing import Pairing, Person, org_key, pair_up
from bot.facilitation.rotation import SEATS, Turn, choose_pair
from copbot.demo import data as demo_data

ROUNDS = 13
MEETINGS = 13
SIZE = 20

Groups = tuple[tuple[int, ...], ...]


# -- buddy pairs ---------------------------------------------------------------------------


def demo_people() -> list[Person]:
    """The 20 participants of ``copbot demo`` with their organisations."""
    return [Person(i + 1, p.organisation) for i, p in enumerate(demo_data.PEOPLE)]


def lopsided_people() -> list[Person]:
    """12 of 20 from one organisation (a municipality that sends a whole team), 4 from a
    second and 4 from organisations of their own."""
    orgs = ["Gemeente"] * 12 + ["GGD"] * 4 + [f"Solo {k}" for k in range(4)]
    return [Person(i + 1, org) for i, org in enumerate(orgs)]


def random_people(seed: int, *, n: int = SIZE, orgs: int = 8) -> list[Person]:
    rng = random.Random(seed)
    return [Person(i + 1, f"Org {rng.randrange(orgs)}") for i in range(n)]


def pairs_of(groups: Groups) -> list[tuple[int, int]]:
    """Every pair inside the groups (a trio holds three)."""
    return [p for g in groups for p in itertools.combinations(sorted(g), 2)]


def org_sizes(people: Sequence[Person]) -> list[int]:
    counts = Counter(org_key(p.organisation) for p in people)
    # People without an organisation can pair with anyone: each counts as their own.
    unknown = counts.pop(None, 0)
    return sorted([*counts.values(), *([1] * unknown)], reverse=True)


def pair_count(n: int) -> int:
    """Pairs in one round: n/2, or with one trio (three pairs) when n is odd."""
    return n // 2 if n % 2 == 0 else (n - 3) // 2 + 3


def min_same_org(sizes: list[int]) -> int:
    """The fewest same-organisation pairs one round can have.

    Only the largest organisation (L of n members) can exceed half. With n even, each of the
    n - L others takes one of its members and the rest, 2L - n, pair among themselves. With n
    odd, the trio absorbs one more of them at the cost of one same pair or two outsiders,
    which comes to the same: ceil((2L - n) / 2). With one organisation only, every pair is
    a same pair (a trio holds three).
    """
    n = sum(sizes)
    largest = sizes[0] if sizes else 0
    if n >= 2 and largest == n:
        return pair_count(n)
    return max(0, (2 * largest - n + 1) // 2)


def run_bound_cross(sizes: list[int], rounds: int) -> int:
    """The most cross-organisation pairs over ``rounds`` rounds without a repeated pair.

    With an even number of members and one organisation of L > n/2 (S = n - L others): in a
    round with y outsider-outsider pairs, S - 2y outsiders meet the big organisation and the
    round has at most S - y cross pairs. Outsider-big pairs may not repeat, so over the run
    at most S * L of them exist: the outsider-outsider pairs make up the rest.
    Otherwise the per-round bound is the run's bound.
    """
    n = sum(sizes)
    per_round = pair_count(n) - min_same_org(sizes)
    largest = sizes[0] if sizes else 0
    if n % 2 or 2 * largest <= n:
        return rounds * per_round
    outsiders = n - largest
    forced = max(0, rounds * outsiders - outsiders * largest)
    return rounds * outsiders - (forced + 1) // 2


@dataclass
class RunFigures:
    label: str
    people: int
    rounds: int
    pairs: int
    repeated: int
    worst_repeat: int
    same_org: int
    best_cross_rounds: int  # the per-round bounds added up
    best_cross_run: int  # the bound over the whole run without repeats
    seconds: float

    @property
    def cross(self) -> int:
        return self.pairs - self.same_org

    def lines(self) -> list[str]:
        def share(count: int) -> str:
            return f"{count / self.pairs:6.1%}" if self.pairs else "   -  "

        lines = [
            f"{self.label}: {self.people} members x {self.rounds} rounds "
            f"({self.seconds * 1000 / self.rounds:.1f} ms per round)",
            f"  repeated pairs       {self.repeated:4d}  (goal 0; most meetings of one pair:"
            f" {self.worst_repeat})",
            f"  cross-organisation   {self.cross:4d} of {self.pairs} pairs = {share(self.cross)};"
            f" best possible per round {share(self.best_cross_rounds)}",
        ]
        if self.best_cross_run != self.best_cross_rounds:
            lines.append(
                f"  {'':20s} best possible over {self.rounds} rounds without repeats:"
                f" {self.best_cross_run} = {share(self.best_cross_run)}"
                f" ({self.cross / max(self.best_cross_run, 1):.1%} of it reached)"
            )
        return lines


def simulate(
    label: str,
    people: list[Person],
    *,
    rounds: int = ROUNDS,
    away_per_round: int = 0,
    seed: int = 0,
) -> RunFigures:
    rng = random.Random(seed)
    history: list[Groups] = []
    results: list[Pairing] = []
    best_rounds = 0
    elapsed = 0.0
    for _ in range(rounds):
        away = set(rng.sample([p.id for p in people], away_per_round)) if away_per_round else set()
        present = [Person(p.id, p.organisation, paused=p.id in away) for p in people]
        started = time.perf_counter()
        result = pair_up(present, history)
        elapsed += time.perf_counter() - started
        history.append(result.groups)
        results.append(result)
        active = [p for p in present if not p.paused]
        best_rounds += pair_count(len(active)) - min_same_org(org_sizes(active))
    seen = Counter(p for r in results for p in pairs_of(r.groups))
    # The run bound assumes the same people every round; with people away it is the sum.
    best_run = (
        best_rounds
        if away_per_round
        else min(best_rounds, run_bound_cross(org_sizes(people), rounds))
    )
    return RunFigures(
        label=label,
        people=len(people) - away_per_round,
        rounds=rounds,
        pairs=sum(seen.values()),
        repeated=sum(r.repeated_pairs for r in results),
        worst_repeat=max(seen.values(), default=0),
        same_org=sum(r.same_org_pairs for r in results),
        best_cross_rounds=best_rounds,
        best_cross_run=best_run,
        seconds=elapsed,
    )


def random_mixes(count: int = 20) -> list[str]:
    runs = [simulate(f"random {seed}", random_people(seed)) for seed in range(count)]
    repeated = sum(r.repeated for r in runs)
    same = sum(r.same_org for r in runs)
    pairs = sum(r.pairs for r in runs)
    best = sum(r.pairs - r.best_cross_run for r in runs)
    return [
        f"{count} random mixes (20 members over 8 organisations): {repeated} repeated pairs in"
        f" total; {same} same-organisation pairs of {pairs}, fewest possible {best}",
    ]


def lopsided_large(n: int) -> list[Person]:
    """60% from one organisation, the rest over seven others."""
    big = n * 6 // 10
    return [Person(i + 1, "Big" if i < big else f"Org {i % 7}") for i in range(n)]


def timing(label: str, people: list[Person], *, rounds: int = ROUNDS) -> str:
    """Seconds for round 1, round 2 and the last round (with all earlier rounds as history)."""
    history: list[Groups] = []
    seconds: list[float] = []
    repeated = 0
    for _ in range(rounds):
        started = time.perf_counter()
        result = pair_up(people, history)
        seconds.append(time.perf_counter() - started)
        history.append(result.groups)
        repeated += result.repeated_pairs
    return (
        f"{len(people):,} members, {label}: round 1 {seconds[0]:.3f} s, round 2"
        f" {seconds[1]:.3f} s, round {rounds} {seconds[-1]:.3f} s, slowest {max(seconds):.3f} s"
        f" ({repeated} repeated pairs in {rounds} rounds)"
    )


def peak_memory(people: list[Person], *, rounds: int = ROUNDS) -> str:
    """Peak Python memory of the first round and of the last (the history is the input)."""
    history: list[Groups] = []
    peaks: list[float] = []
    for number in range(rounds):
        traced = number in (0, rounds - 1)
        if traced:
            tracemalloc.start()
        try:
            history.append(pair_up(people, history).groups)
            if traced:
                peaks.append(tracemalloc.get_traced_memory()[1] / 1e6)
        finally:
            if traced:
                tracemalloc.stop()
    return (
        f"{len(people):,} members: peak Python memory round 1 {peaks[0]:.1f} MB,"
        f" round {rounds} {peaks[-1]:.1f} MB (tracemalloc)"
    )


# -- facilitator rotation ------------------------------------------------------------------


@dataclass
class RotationFigures:
    label: str
    candidates: int
    spread: dict[str, int]
    back_to_back: int
    repeated_duos: int
    least_repeated_duos: int
    turns: list[int]  # turns per candidate, both roles

    def lines(self) -> list[str]:
        spread = ", ".join(f"{role} {value}" for role, value in self.spread.items())
        never = sum(1 for t in self.turns if t == 0)
        return [
            f"{self.label}: {self.candidates} candidates, {MEETINGS} meetings",
            f"  spread per role (most - fewest turns)  {spread}",
            f"  turns per person, both roles           most {max(self.turns)}, fewest"
            f" {min(self.turns)}; never facilitated {never}",
            f"  two meetings in a row                  {self.back_to_back}",
            f"  duos repeated                          {self.repeated_duos}"
            f" (at least {self.least_repeated_duos} with {self.candidates} candidates)",
        ]


def least_repeated_duos(candidates: int, meetings: int) -> int:
    """The fewest repeated duos with nobody facilitating twice in a row (rule 1 comes first).

    Consecutive duos must be disjoint, so the duos used form a walk in the graph of disjoint
    duos (the Kneser graph K(n, 2)). For n = 4 each duo has one disjoint duo only: two duos
    alternate. From n = 5 that graph has a path through every duo (the Petersen graph for
    n = 5), so every duo can be used before any repeats.
    """
    if candidates == 4:
        return meetings - 2
    return max(0, meetings - candidates * (candidates - 1) // 2)


def rotate(
    label: str, candidates: int, *, away: dict[int, set[int]] | None = None, seed: int = 7
) -> RotationFigures:
    history: list[Turn] = []
    duos: Counter[frozenset[int]] = Counter()
    chosen: list[set[int]] = []
    for position in range(MEETINGS):
        absent = (away or {}).get(position, set())
        people = [m for m in range(1, candidates + 1) if m not in absent]
        pair = choose_pair(
            candidates=people,
            history=history,
            position=position,
            seed=seed,
            remaining=MEETINGS - position,
        )
        assert pair is not None
        history += [
            Turn(position, "content", pair.content),
            Turn(position, "process", pair.process),
        ]
        duos[frozenset((pair.content, pair.process))] += 1
        chosen.append({pair.content, pair.process})
    spread: dict[str, int] = {}
    for role in SEATS:
        served = Counter(t.member for t in history if t.role == role)
        counts = [served[m] for m in range(1, candidates + 1)]
        spread[role] = max(counts) - min(counts)
    back_to_back = sum(len(a & b) for a, b in itertools.pairwise(chosen))
    return RotationFigures(
        label=label,
        candidates=candidates,
        spread=spread,
        back_to_back=back_to_back,
        repeated_duos=sum(c - 1 for c in duos.values()),
        least_repeated_duos=least_repeated_duos(candidates, MEETINGS),
        turns=[sum(1 for t in history if t.member == m) for m in range(1, candidates + 1)],
    )


def rotation_lines() -> list[str]:
    rng = random.Random(3)
    # Two or three people away around every meeting, as holidays go.
    away = {pos: set(rng.sample(range(1, SIZE + 1), rng.choice((2, 3)))) for pos in range(13)}
    runs = [
        rotate("whole group", SIZE),
        rotate("core group of 4", len(demo_data.FACILITATORS)),
        rotate("whole group, 2-3 away per meeting", SIZE, away=away),
    ]
    lines = [line for run in runs for line in run.lines()]
    lines.append(
        "  (in a core group of 4 nobody facilitates twice in a row only if each duo is the"
        " previous one's complement: two duos alternate)"
    )
    return lines


def main() -> None:
    print("Buddy pairs: 13 rounds (one per meeting), repeats and organisations")
    for figures in (
        simulate("demo mix (8 organisations, largest 3)", demo_people()),
        simulate("lopsided mix (12 of 20 from one organisation)", lopsided_people()),
        simulate("demo mix, 2 away per round", demo_people(), away_per_round=2, seed=5),
        simulate(
            "demo mix + newcomer (21: a trio)", [*demo_people(), Person(21, "Gemeente Leiden")]
        ),
    ):
        print("\n".join(figures.lines()))
    print("\n".join(random_mixes()))
    print()
    print("Buddy pairs: time per round (single process, pure Python)")
    for n in (1_000, 5_000):
        print(timing("40 organisations", random_people(n, n=n, orgs=40)))
        print(timing("60% from one organisation", lopsided_large(n)))
    print(timing("40 organisations (odd: a trio)", random_people(1, n=5_001, orgs=40)))
    print(peak_memory(random_people(5_000, n=5_000, orgs=40)))
    print()
    print("Facilitator rotation: 13 meetings")
    print("\n".join(rotation_lines()))


if __name__ == "__main__":
    main()
