"""The pairing algorithm on its own: repeats, organisations, trios, paused people, speed."""

from __future__ import annotations

import itertools
import random
import time
from collections import Counter

import pytest

from bot.buddies.pairing import Pairing, Person, pair_up


def _people(n: int, orgs: int, *, seed: int = 0) -> list[Person]:
    rng = random.Random(seed)
    return [Person(i + 1, f"Org {rng.randrange(orgs)}") for i in range(n)]


def _pairs(groups: tuple[tuple[int, ...], ...]) -> list[tuple[int, int]]:
    return [pair for group in groups for pair in itertools.combinations(sorted(group), 2)]


def _run(people: list[Person], rounds: int) -> list[Pairing]:
    history: list[tuple[tuple[int, ...], ...]] = []
    results = []
    for _ in range(rounds):
        result = pair_up(people, history)
        history.append(result.groups)
        results.append(result)
    return results


def _check_cover(result: Pairing, people: list[Person]) -> None:
    placed = [m for g in result.groups for m in g]
    assert sorted(placed) == sorted(p.id for p in people if not p.paused)


@pytest.mark.parametrize("seed", range(4))
def test_thirteen_rounds_of_twenty_never_repeat_a_pair(seed: int) -> None:
    people = _people(20, 8, seed=seed)
    results = _run(people, 13)
    seen = Counter(pair for r in results for pair in _pairs(r.groups))
    assert max(seen.values()) == 1
    assert sum(r.repeated_pairs for r in results) == 0
    for result in results:
        _check_cover(result, people)
        assert all(len(g) == 2 for g in result.groups)


def test_cross_organisation_share_is_the_best_possible() -> None:
    # Eight organisations, none bigger than half: every pair can cross organisations.
    orgs = [0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7]
    people = [Person(i + 1, f"Org {o}") for i, o in enumerate(orgs)]
    results = _run(people, 13)
    same = sum(r.same_org_pairs for r in results)
    assert same == 0
    org_of = {p.id: p.organisation for p in people}
    for result in results:
        assert all(org_of[a] != org_of[b] for a, b in _pairs(result.groups))


def test_dominant_organisation_pairs_internally_only_as_much_as_it_must() -> None:
    # 12 of 16 from one organisation: 4 outsiders can take 4 of them, 8 must pair up (4 pairs).
    people = [Person(i + 1, "Big" if i < 12 else f"Small {i}") for i in range(16)]
    result = pair_up(people)
    assert result.same_org_pairs == 4


def test_organisation_names_compare_loosely() -> None:
    people = [Person(1, "Gemeente Utrecht"), Person(2, " gemeente  utrecht"), Person(3, "GGD")]
    people.append(Person(4, "GGD "))
    result = pair_up(people)
    assert result.same_org_pairs == 0


@pytest.mark.parametrize("n", [3, 5, 7, 19, 21])
def test_odd_numbers_make_exactly_one_trio_and_leave_nobody_out(n: int) -> None:
    people = _people(n, 4)
    for result in _run(people, 5):
        _check_cover(result, people)
        sizes = Counter(len(g) for g in result.groups)
        assert sizes[3] == 1 and set(sizes) <= {2, 3}


def test_the_trio_rotates() -> None:
    people = _people(9, 9)
    trios = [set(next(g for g in r.groups if len(g) == 3)) for r in _run(people, 3)]
    assert len({frozenset(t) for t in trios}) == 3
    assert not set.intersection(*trios)  # nobody is in the trio every time


def test_paused_members_are_left_out() -> None:
    people = [Person(i + 1, f"Org {i % 3}", paused=i in (2, 5)) for i in range(8)]
    result = pair_up(people)
    _check_cover(result, people)
    assert 3 not in {m for g in result.groups for m in g}


def test_zero_or_one_member_makes_no_groups() -> None:
    assert pair_up([]).groups == ()
    alone = pair_up([Person(7, "A"), Person(8, "B", paused=True)])
    assert alone.groups == () and alone.alone == 7


def test_when_every_pair_was_used_the_least_repeated_are_chosen() -> None:
    people = [Person(i + 1, f"Org {i}") for i in range(6)]
    results = _run(people, 10)  # 5 rounds use all 15 pairs; then every pair again once
    seen = Counter(pair for r in results for pair in _pairs(r.groups))
    assert sum(r.repeated_pairs for r in results[:5]) == 0
    assert set(seen.values()) == {2}


def test_history_of_people_who_left_is_ignored_and_result_is_deterministic() -> None:
    people = _people(10, 3)
    history = [((1, 2), (3, 99), (4, 5, 98))]
    first = pair_up(people, history)
    assert first == pair_up(list(reversed(people)), history)
    assert (1, 2) not in _pairs(first.groups)


def test_duplicates_are_refused() -> None:
    with pytest.raises(ValueError):
        pair_up([Person(1), Person(1)])


def test_five_thousand_members_pair_in_well_under_a_few_seconds() -> None:
    people = _people(5001, 40)
    history = [pair_up(people).groups]
    started = time.perf_counter()
    result = pair_up(people, history)
    elapsed = time.perf_counter() - started
    _check_cover(result, people)
    assert result.repeated_pairs == 0
    assert elapsed < 3.0
