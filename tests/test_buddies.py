"""Buddy groups through the black-box bot: the pairing job after a meeting, the next cycle
without repeats, `buddy`, `pair` and its permissions, and latecomers joining a round."""

from __future__ import annotations

from bot.messages import Fields, Message
from tests.buddies_helpers import (
    ORGS,
    PAIRING_2_AT,
    PAIRING_AT,
    announced_groups,
    community,
    group_with,
    intake,
    introduced,
    pairing_dms,
)
from tests.harness import Harness, buttons


def fields(message: Message) -> list[tuple[str, str]]:
    return [pair for block in message.blocks if isinstance(block, Fields) for pair in block.pairs]


# -- the pairing job -------------------------------------------------------------------------------


def test_pairing_job_after_a_meeting_makes_a_trio_leaves_nobody_out_and_skips_the_away(
    any_bot: Harness,
) -> None:
    bot = any_bot
    orgs = {**ORGS, "fay": "Welzijn"}
    community(bot, orgs, away=("fay",))
    bot.run_due(PAIRING_AT)
    groups = announced_groups(bot)
    # Five active members: one pair and one trio; Fay is away and in no group.
    assert sorted(len(g) for g in groups) == [2, 3]
    assert set().union(*groups) == {"ann", "bob", "cat", "dan", "eve"}
    # Every group crosses organisations (possible here: no organisation has more than two;
    # Ann's is unknown and pairs with anyone).
    for group in groups:
        organisations = [orgs[u] for u in group if u in orgs]
        assert len(set(organisations)) == len(organisations), group
    for user in ("ann", "bob", "cat", "dan", "eve"):
        received = pairing_dms(bot.inbox(user))
        assert len(received) == 1, user
        others = group_with(groups, user) - {user}
        for other in others:
            if other in ORGS:
                assert f"{introduced(other)}\n" in received[0].text
            else:  # nothing known about them: no line, no empty field
                assert f"{other.capitalize()}:" not in received[0].text
                assert other.capitalize() not in [k for k, _ in fields(received[0])]
        assert "unknown" not in received[0].text
        assert "Next meeting: 2027-02-25 14:00" in received[0].text
        # The experiment's form, and writing to the buddy (relayed to their platform).
        assert [a for _, a, _ in buttons(received[0])] == ["prompt.form", "buddy.write"]
    trio = next(g for g in groups if len(g) == 3)
    member = sorted(trio)[0]
    names = sorted(u.capitalize() for u in trio - {member})
    welcome = pairing_dms(bot.all_to(member))[-1]
    assert f"You, {names[0]} and {names[1]} are buddies" in welcome.text
    assert pairing_dms(bot.inbox("fay")) == []
    assert "no buddy in this cycle" in bot.text("fay", "buddy")

    bot.run_due(PAIRING_AT)  # the same due work again: nothing is sent twice
    assert all(pairing_dms(bot.inbox(u)) == [] for u in ("ann", *orgs))
    assert bot.inbox("general") == []


def test_next_cycle_makes_new_pairs_without_repeats(bot: Harness) -> None:
    community(bot, {"bob": "B", "cat": "C", "dan": "D"})
    bot.run_due(PAIRING_AT)
    first = announced_groups(bot)
    bot.run_due(PAIRING_2_AT)
    second = announced_groups(bot)
    pairs = {frozenset(g) for g in first} | {frozenset(g) for g in second}
    assert len(pairs) == 4  # two rounds of two pairs, none repeated
    assert "already made" in bot.text("ann", "pair")


# -- pair ------------------------------------------------------------------------------------------


def test_pair_is_for_facilitators_and_makes_the_cycle_once(any_bot: Harness) -> None:
    bot = any_bot
    six = {**ORGS, "fay": "Welzijn"}
    everyone = ("ann", *six)
    community(bot, six)
    assert "Only a facilitator" in bot.text("bob", "pair")
    assert "Usage: `pair`" in bot.text("ann", "pair now")
    made = bot.text("ann", "koppel")
    assert "Made 3 buddy groups" in made
    groups = announced_groups(bot)
    assert sorted(len(g) for g in groups) == [2, 2, 2]
    assert all(len(pairing_dms(bot.inbox(u))) == 1 for u in everyone)
    again = bot.text("ann", "pair")
    assert "already made" in again
    assert all(f"• {' and '.join(sorted(u.capitalize() for u in g))}" in again for g in groups)
    assert bot.inbox("general") == [] and all(bot.inbox(u) == [] for u in everyone)
    # The cycle before meeting 1 was paired by hand; meeting 1 opens a new one.
    bot.run_due(PAIRING_AT)
    later = announced_groups(bot)
    before = {frozenset(p) for g in groups for p in _pairs(g)}
    assert not before & {frozenset(p) for g in later for p in _pairs(g)}


def _pairs(group: set[str]) -> list[tuple[str, str]]:
    members = sorted(group)
    return [(a, b) for i, a in enumerate(members) for b in members[i + 1 :]]


def test_pair_gives_latecomers_a_buddy(bot: Harness) -> None:
    community(bot, {"bob": "B", "cat": "C", "dan": "D"})
    bot.run_due(PAIRING_AT)
    groups = announced_groups(bot)
    left_alone = next(iter(group_with(groups, "dan") - {"dan"}))
    bot.text(left_alone, "experiment A walk-in hour")
    # The other pair is away when Dan leaves: there is no group to join his buddy to, so
    # the buddy stays (and is told so) and the gap waits for a latecomer.
    away = sorted({"ann", "bob", "cat", "dan"} - {"dan", left_alone})
    for user in away:
        bot.text(user, "away")
    assert "You have left" in bot.text("dan", "leave")
    assert any("no group to join you to" in m.text for m in bot.inbox(left_alone))
    for user in away:
        bot.text(user, "back")
    for user in ("ann", "bob", "cat", "dan"):
        bot.inbox(user)

    bot.text("fay", "join")
    intake(bot, "fay", "E")
    bot.inbox("fay")
    assert "no buddy in this cycle" in bot.text("fay", "buddy")
    assert "I added Fay" in bot.text("ann", "pair")
    # Dan left, so Fay fills his place next to his buddy; nobody else hears of it.
    assert f"Your buddy: {left_alone.capitalize()}\n" in bot.text("fay", "buddy")
    assert "Dan" not in bot.text(left_alone, "buddy")
    told = [m.text for m in bot.inbox(left_alone)]
    assert told == [
        "Fay joins your buddy group until the next meeting: welcome them! "
        "I've shared your experiment with them: A walk-in hour."
    ]
    for user in {"ann", "bob", "cat", "dan"} - {left_alone}:
        assert bot.inbox(user) == [], user
    welcome = pairing_dms(bot.inbox("fay"))
    assert len(welcome) == 1
    assert f"You and {left_alone.capitalize()} are buddies" in welcome[0].text
    assert "already agreed its experiment: A walk-in hour" in welcome[0].text
    # Nothing to answer: only the way to write to the buddy.
    assert [a for _, a, _ in buttons(welcome[0])] == ["buddy.write"]
    assert bot.inbox("general") == []  # the round is not announced again

    # Two more at once become each other's buddies, with their own experiment to agree.
    for user in ("gus", "hal"):
        bot.text(user, "join")
        bot.inbox(user)
    assert "I added Gus and Hal" in bot.text("ann", "pair")
    assert "Your buddy: Hal" in bot.text("gus", "buddy")
    asked = pairing_dms(bot.inbox("hal"))
    assert len(asked) == 1 and "Gus" in asked[0].text and buttons(asked[0])
    # Hal's intake is open as well: copbot asks which question he answers, and it is the
    # experiment, not the intake.
    agreed = bot.dm_for("hal", "We swap one home visit", "Your buddy experiment")
    assert "Thank you" not in agreed[0].message.text
    assert "Your experiment: We swap one home visit" in bot.text("gus", "buddy")
    assert "already made" in bot.text("ann", "pair")


def test_pair_with_too_few_active_members(bot: Harness) -> None:
    bot.community(members=())
    assert "only active member" in bot.text("ann", "pair")
    bot.text("bob", "join")
    bot.text("bob", "away")
    assert "only active member" in bot.text("ann", "pair")
    bot.text("bob", "back")
    assert "Made 1 buddy group and" in bot.text("ann", "pair")
