"""The facilitator rotation as a pure algorithm: every rule, and whole simulated trajectories."""

from __future__ import annotations

import itertools
from collections import Counter

import pytest

from bot.facilitation.rotation import Pair, Turn, choose_pair, choose_replacement

A, B, C, D, E, F = 1, 2, 3, 4, 5, 6


def turns(position: int, content: int, process: int) -> list[Turn]:
    return [Turn(position, "content", content), Turn(position, "process", process)]


def simulate(
    members: int, meetings: int, *, seed: int = 7, away: dict[int, set[int]] | None = None
) -> list[Pair]:
    history: list[Turn] = []
    pairs: list[Pair] = []
    for position in range(meetings):
        absent = (away or {}).get(position, set())
        people = [m for m in range(1, members + 1) if m not in absent]
        pair = choose_pair(
            candidates=people,
            history=history,
            position=position,
            seed=seed,
            remaining=meetings - position,
        )
        assert pair is not None
        history += turns(position, pair.content, pair.process)
        pairs.append(pair)
    return pairs


def spread(pairs: list[Pair], members: int, role: str) -> int:
    served = Counter(getattr(p, role) for p in pairs)
    counts = [served[m] for m in range(1, members + 1)]
    return max(counts) - min(counts)


def test_two_different_people_and_deterministic() -> None:
    first = choose_pair(candidates=[A, B, C, D], history=[], position=0, seed=3)
    again = choose_pair(candidates=[D, C, B, A], history=[], position=0, seed=3)
    assert first is not None and first == again
    assert first.content != first.process


def test_fewer_than_two_candidates_gives_none() -> None:
    assert choose_pair(candidates=[A], history=[], position=0) is None
    assert choose_pair(candidates=[], history=[], position=0) is None


def test_least_served_in_the_role_comes_first() -> None:
    # Far-away meetings, so only the counts matter: A and C did content, B and D process.
    history = turns(0, A, B) + turns(2, C, D)
    pair = choose_pair(candidates=[A, B, C, D], history=history, position=6)
    assert pair is not None
    assert pair.content in (B, D) and pair.process in (A, C)


def test_never_the_same_person_two_meetings_in_a_row() -> None:
    history = turns(3, A, B) + turns(5, C, D)
    pair = choose_pair(candidates=[A, B, C, D, E, F], history=history, position=4)
    assert pair is not None and {pair.content, pair.process} == {E, F}


def test_back_to_back_only_when_nobody_else_is_there() -> None:
    history = turns(0, A, B)
    pair = choose_pair(candidates=[A, B, C], history=history, position=1)
    assert pair is not None and C in (pair.content, pair.process)


def test_no_duo_repeated_while_another_is_possible() -> None:
    # Content is due for B or D and process for A or C; A+B and C+D worked together before.
    history = turns(0, A, B) + turns(2, C, D)
    pair = choose_pair(candidates=[A, B, C, D], history=history, position=4)
    assert pair is not None
    assert {pair.content, pair.process} not in ({A, B}, {C, D})


def test_first_timer_is_paired_with_someone_experienced() -> None:
    history = turns(0, A, B)
    pair = choose_pair(candidates=[A, B, C, D, E], history=history, position=2)
    assert pair is not None
    people = {pair.content, pair.process}
    assert len(people & {A, B}) == 1  # one who has done it ...
    assert len(people & {C, D, E}) == 1  # ... next to a first-timer


def test_someone_away_keeps_their_place() -> None:
    normal = simulate(6, 4)
    chosen = normal[3]
    missing = chosen.content
    with_holiday = simulate(6, 5, away={3: {missing}})
    assert missing not in (with_holiday[3].content, with_holiday[3].process)
    assert missing in (with_holiday[4].content, with_holiday[4].process)


def test_passed_turn_goes_to_the_next_in_line_and_counts_as_a_turn() -> None:
    # E passes the content turn of meeting 2; F keeps process. A did content already, so the
    # next in line is B, C or D; B has facilitated before and F has not: B.
    history = [*turns(0, A, B), Turn(2, "content", E, passed=True)]
    taker = choose_replacement(
        role="content", partner=F, candidates=[A, B, C, D, F], history=history, position=2
    )
    assert taker == B
    # Passing counts as a turn: later, C (never did content) comes before E.
    later = choose_replacement(
        role="content", partner=None, candidates=[C, E], history=history, position=9
    )
    assert later == C


def test_replacement_avoids_neighbours_and_repeated_duos() -> None:
    history = turns(0, A, B) + turns(3, C, D)
    taker = choose_replacement(
        role="process", partner=A, candidates=[A, B, C, D, E], history=history, position=4
    )
    assert taker == E  # B would repeat A+B; C and D facilitated meeting 3


def test_tie_break_is_seeded_and_stable() -> None:
    pairs = {
        seed: choose_pair(candidates=range(1, 11), history=[], position=0, seed=seed)
        for seed in range(6)
    }
    assert len({(p.content, p.process) for p in pairs.values() if p}) > 1
    assert pairs[2] == choose_pair(candidates=range(1, 11), history=[], position=0, seed=2)


def test_thirteen_meetings_with_twenty_members() -> None:
    pairs = simulate(20, 13)
    served = Counter(m for p in pairs for m in (p.content, p.process))
    assert set(served) == set(range(1, 21))  # everyone facilitates in the 18 months
    # First-timers learn next to someone experienced as long as that leaves everyone a turn:
    # 26 turns for 20 people leave 6 second turns, one per meeting from meeting 3 on.
    first = {m: next(i for i, p in enumerate(pairs) if m in (p.content, p.process)) for m in served}
    mixed = [i for i, p in enumerate(pairs) if (first[p.content] == i) != (first[p.process] == i)]
    assert len(mixed) == 6
    assert spread(pairs, 20, "content") <= 1
    assert spread(pairs, 20, "process") <= 1
    for before, after in itertools.pairwise(pairs):
        assert not {before.content, before.process} & {after.content, after.process}
    duos = [frozenset((p.content, p.process)) for p in pairs]
    assert len(set(duos)) == len(duos)


@pytest.mark.parametrize(("members", "meetings"), [(5, 30), (8, 40), (10, 26), (20, 40)])
def test_long_trajectories_stay_fair_at_every_step(members: int, meetings: int) -> None:
    pairs = simulate(members, meetings)
    for end in range(1, meetings + 1):
        assert spread(pairs[:end], members, "content") <= 1
        assert spread(pairs[:end], members, "process") <= 1
    for before, after in itertools.pairwise(pairs):
        assert not {before.content, before.process} & {after.content, after.process}


def test_duos_repeat_only_once_all_others_are_used() -> None:
    pairs = simulate(20, 40)
    duos = [frozenset((p.content, p.process)) for p in pairs]
    assert len(set(duos)) == len(duos)
