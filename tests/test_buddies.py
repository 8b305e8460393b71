"""Buddy pairs through the black-box bot: the pairing job after a meeting, `buddy`, the
experiment (verb, reply, form), the mid-cycle nudge, the report-back (button, reply, check-in)
into the logbook and the facilitators' brief, `pair` and its permissions, Dutch, bad input."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from bot.buddies.models import BuddyGroupMember
from bot.members.models import Member
from bot.messages import Fields, Form, Message
from tests.harness import Harness, buttons, forms

# The harness community meets every six weeks from 2027-01-14 14:00 Amsterdam (13:00 UTC), two
# hours long. The buddy groups are made when meeting 1 ends; the nudge comes halfway to
# meeting 2 (2027-02-25 13:00 UTC); meeting 2's check-in three days and its brief one day
# before it.
PAIRING_AT = datetime(2027, 1, 14, 15, 0, tzinfo=UTC)
NUDGE_AT = datetime(2027, 2, 4, 14, 0, tzinfo=UTC)
CHECKIN_2_AT = datetime(2027, 2, 22, 13, 0, tzinfo=UTC)
BRIEF_2_AT = datetime(2027, 2, 24, 13, 0, tzinfo=UTC)
PAIRING_2_AT = datetime(2027, 2, 25, 15, 0, tzinfo=UTC)

PEOPLE = ("ann", "bob", "cat", "dan", "eve")
# Ann made the community: the intake (and so an organisation) is for those who join.
ORGS = {"bob": "Gemeente", "cat": "Gemeente", "dan": "GGD", "eve": "Welzijn"}


# -- helpers --------------------------------------------------------------------------------


def intake(bot: Harness, user: str, organisation: str) -> None:
    """Answer the intake's form (only the organisation), as a member would after joining."""
    asked = [m for m in bot.all_to(user) if "(1/4)" in m.text]
    prompt_id = next(v for _, a, v in buttons(asked[-1]) if a == "prompt.form")
    done = bot.click(user, "prompt.submit", prompt_id, {"organisation": organisation})
    assert "Thank you" in done[0].message.text or "Dank je" in done[0].message.text


def community(bot: Harness, orgs: dict[str, str] = ORGS, *, away: tuple[str, ...] = ()) -> None:
    """Ann's community with these members (who answer the intake) and who is away."""
    bot.community(members=tuple(orgs))
    for user, organisation in orgs.items():
        intake(bot, user, organisation)
    for user in away:
        assert "away" in bot.text(user, "away")
    for user in ("ann", *orgs, "general"):
        bot.inbox(user)


def introduced(user: str) -> str:
    """How a buddy is introduced: with their organisation, or by name alone (Ann has none)."""
    name = user.capitalize()
    return f"{name}: {ORGS[user]}" if user in ORGS else name


def fields(message: Message) -> list[tuple[str, str]]:
    return [pair for block in message.blocks if isinstance(block, Fields) for pair in block.pairs]


def pairing_dms(messages: list[Message]) -> list[Message]:
    return [m for m in messages if "Your buddy until" in m.text or "Je buddy tot" in m.text]


def announced_groups(bot: Harness) -> list[set[str]]:
    """The groups of the newest buddy round announced in the channel (pops its posts)."""
    posts = [m.text for m in bot.inbox("general") if "buddy round" in m.text.lower()]
    posts += [m.text for m in bot.inbox("general") if "buddyronde" in m.text.lower()]
    assert len(posts) == 1, posts
    groups = []
    for line in posts[0].splitlines():
        if line.startswith("• "):
            names = line[2:].replace(" and ", ", ").replace(" en ", ", ").split(", ")
            groups.append({name.lower() for name in names})
    return groups


def group_with(groups: list[set[str]], user: str) -> set[str]:
    return next(g for g in groups if user in g)


def group_id(bot: Harness, user: str) -> str:
    """The id the nudge's button carries: the user's group in the newest round."""
    with bot.factory() as session:
        return str(
            session.scalars(
                select(BuddyGroupMember.group_id)
                .join(Member, Member.id == BuddyGroupMember.member_id)
                .where(Member.user_id == user)
                .order_by(BuddyGroupMember.group_id.desc())
            ).first()
        )


def texts(replies: list[object]) -> str:
    return "\n".join(r.message.text for r in replies)  # type: ignore[attr-defined]


def nudges(messages: list[Message]) -> list[Message]:
    return [m for m in messages if m.text.startswith(("Halfway there", "Halverwege"))]


def briefs(bot: Harness, users: tuple[str, ...]) -> list[str]:
    return [m.text for u in users for m in bot.inbox(u) if m.text.startswith("Brief for")]


# -- the pairing job -----------------------------------------------------------------------


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
        assert [a for _, a, _ in buttons(received[0])] == ["prompt.form"]
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


# -- buddy and experiment ----------------------------------------------------------------------


def test_experiment_by_reply_tells_the_others_and_shows_in_buddy_and_status(
    any_bot: Harness,
) -> None:
    bot = any_bot
    community(bot)
    bot.run_due(PAIRING_AT)
    groups = announced_groups(bot)
    mine = group_with(groups, "bob")
    others = sorted(mine - {"bob"})
    shown = bot.text("bob", "buddy")
    assert "Your buddy: " in shown and all(o.capitalize() in shown for o in others)
    assert all(f"• {introduced(o)}\n" in shown for o in others)
    assert "No experiment agreed yet" in shown
    for user in PEOPLE:
        bot.inbox(user)

    saved = bot.dm_text("bob", "Ask every client about their neighbours")
    assert "Noted! Your experiment: Ask every client about their neighbours" in saved
    for other in others:
        told = bot.inbox(other)
        assert [m.text for m in told] == [
            "Bob noted your group's experiment: Ask every client about their neighbours"
        ]
    outsiders = set(PEOPLE) - mine
    assert all(bot.inbox(u) == [] for u in outsiders)
    assert "Your experiment: Ask every client" in bot.text(others[0], "buddy")
    assert "Your experiment: Ask every client" in bot.text("bob", "experiment")
    assert "Experiment: Ask every client" in bot.text("bob", "status")

    # Replacing it tells the buddies again, once.
    bot.text(others[0], "experiment Visit two neighbours together")
    assert [m.text for m in bot.inbox("bob")] == [
        f"{others[0].capitalize()} noted your group's experiment: Visit two neighbours together"
    ]
    assert "Visit two neighbours together" in bot.text("bob", "buddy")


def test_experiment_by_form_and_friendly_answers_to_bad_input(bot: Harness) -> None:
    community(bot)
    bot.run_due(PAIRING_AT)
    asked = pairing_dms(bot.inbox("cat"))[0]
    prompt_id = next(v for _, a, v in buttons(asked) if a == "prompt.form")
    form: Form = forms(bot.click("cat", "prompt.form", prompt_id)[0].message)[0]
    assert [q.id for q in form.questions] == ["experiment"]
    empty = bot.click("cat", "prompt.submit", prompt_id, {"experiment": "   "})
    assert "write down your experiment" in texts(empty)
    too_long = bot.click("cat", "prompt.submit", prompt_id, {"experiment": "x" * 1001})
    assert "at most 1000 characters" in texts(too_long)
    assert "meant for someone else" in texts(
        bot.click("eve", "prompt.submit", prompt_id, {"experiment": "Not mine"})
    )
    done = bot.click("cat", "prompt.submit", prompt_id, {"experiment": "A walk-in hour"})
    assert "Noted! Your experiment: A walk-in hour" in texts(done)
    again = bot.click("cat", "prompt.submit", prompt_id, {"experiment": "Twice"})
    assert "already closed" in texts(again)
    # The verb checks the same limits; alone it shows the experiment.
    assert "at most 1000 characters" in bot.text("cat", "experiment " + "y" * 1001)
    assert "Your experiment: A walk-in hour" in bot.text("cat", "experiment")


def test_without_a_group_there_is_no_experiment_to_note(bot: Harness) -> None:
    community(bot)
    assert "no buddy group in this cycle" in bot.text("bob", "experiment Try something")
    assert "no buddy in this cycle" in bot.text("bob", "buddy")
    stranger = bot.click("bob", "experiment.done", "12345")
    assert "already closed" in texts(stranger)
    assert "already closed" in texts(bot.click("bob", "experiment.done", "not-a-number"))


# -- the nudge and the report-back -------------------------------------------------------------


def test_nudge_goes_only_to_those_who_have_not_reported(any_bot: Harness) -> None:
    bot = any_bot
    community(bot)
    bot.run_due(PAIRING_AT)
    groups = announced_groups(bot)
    agreed = group_with(groups, "ann")
    reporter, *rest = [*sorted(agreed - {"ann"}), "ann"]
    bot.text("ann", "experiment Call two clients back after a week")
    # One of them tried it early and reports through the button's question.
    asked = bot.click(reporter, "experiment.done", group_id(bot, reporter))
    assert "How did your experiment go (Call two clients back after a week)" in texts(asked)
    assert "Thank you" in bot.dm_text(reporter, "Both were glad I called")
    for user in PEOPLE:
        bot.inbox(user)

    bot.run_due(NUDGE_AT)
    assert nudges(bot.inbox(reporter)) == []
    for user in rest:
        got = nudges(bot.inbox(user))
        assert len(got) == 1, user
        assert "How is your experiment" in got[0].text and "Call two clients" in got[0].text
        assert [a for _, a, _ in buttons(got[0])] == ["experiment.done"]
    for user in set(PEOPLE) - agreed:
        got = nudges(bot.inbox(user))
        assert len(got) == 1, user
        assert "have not agreed an experiment yet" in got[0].text
        assert buttons(got[0]) == []
    bot.run_due(NUDGE_AT)
    assert all(nudges(bot.inbox(u)) == [] for u in PEOPLE)


def test_a_reply_to_the_nudge_is_the_report_back(any_bot: Harness) -> None:
    bot = any_bot
    # Bob never finished his intake: his reply must still reach the experiment, not the intake.
    bot.community(members=("bob",))
    bot.run_due(PAIRING_AT)
    bot.text("bob", "experiment Ask about neighbours at every visit")
    bot.run_due(NUDGE_AT)
    assert len(nudges(bot.inbox("bob"))) == 1
    thanks = bot.dm_text("bob", "Three clients named a neighbour I did not know")
    assert "Your report is in your logbook" in thanks
    logbook = bot.text("bob", "log")
    assert (
        "[experiment] Ask about neighbours at every visit — "
        "Three clients named a neighbour I did not know"
    ) in logbook
    assert "Three clients" not in bot.text("bob", "members")  # not taken as his organisation
    assert "(reported back)" in bot.text("ann", "buddy")


def test_an_experiment_erased_by_forget_me_says_so_to_the_buddies_left(bot: Harness) -> None:
    bot.community(members=("bob", "cat"))  # with Ann, three: one trio
    bot.run_due(PAIRING_AT)
    bot.text("bob", "experiment Phone Mrs Jansen's daughter about the stairs")
    assert "erased" in bot.text("bob", "forget-me confirm")
    assert "Nederlands" in bot.text("cat", "language nl")
    for user in ("ann", "cat"):
        bot.inbox(user)

    assert "Your experiment: removed at a member's request" in bot.text("ann", "buddy")
    assert "Experiment: removed at a member's request" in bot.text("ann", "status")
    assert "Jullie experiment: verwijderd op verzoek van een lid" in bot.text("cat", "buddy")
    bot.run_due(NUDGE_AT)
    assert "(removed at a member's request)" in nudges(bot.inbox("ann"))[0].text
    assert "(verwijderd op verzoek van een lid)" in nudges(bot.inbox("cat"))[0].text
    # Ann's report stands on its own in her logbook, without the erased text before it.
    bot.dm_text("ann", "We phoned her together")
    assert "[experiment] We phoned her together" in bot.text("ann", "log")
    assert "Jansen" not in bot.text("ann", "log")
    # A new text replaces the note.
    bot.text("cat", "experiment Bel de dochter over de trap")
    assert "Your experiment (reported back): Bel de dochter" in bot.text("ann", "buddy")


def test_done_button_asks_how_it_went_and_takes_a_form(bot: Harness) -> None:
    community(bot)
    bot.run_due(PAIRING_AT)
    groups = announced_groups(bot)
    bot.text("bob", "experiment Invite the district nurse to our team meeting")
    bot.run_due(NUDGE_AT)
    nudge = nudges(bot.inbox("bob"))[0]
    (_, action, value), *_ = buttons(nudge)
    stranger = next(iter(set(PEOPLE) - group_with(groups, "bob")))
    assert "not yours" in texts(bot.click(stranger, action, value))
    asked = bot.click("bob", action, value)
    prompt_id = next(v for _, a, v in buttons(asked[0].message) if a == "prompt.form")
    form = forms(bot.click("bob", "prompt.form", prompt_id)[0].message)[0]
    assert [q.id for q in form.questions] == ["report"]
    empty = bot.click("bob", "prompt.submit", prompt_id, {"report": ""})
    assert "tell me how your experiment went" in texts(empty)
    fields = {"report": "She came and stayed for lunch"}
    assert "in your logbook" in texts(bot.click("bob", "prompt.submit", prompt_id, fields))
    assert "She came and stayed for lunch" in bot.text("bob", "log")


def test_report_back_at_the_next_checkin_reaches_logbook_and_brief(any_bot: Harness) -> None:
    bot = any_bot
    community(bot)
    bot.run_due(PAIRING_AT)
    groups = announced_groups(bot)
    bot.text("cat", "experiment Use the new signalling card with five clients")
    reported_group = group_with(groups, "cat")
    other_group = next(g for g in groups if "cat" not in g)
    other = sorted(other_group)[0]
    bot.text(other, "experiment A coffee hour in the new flat")
    bot.run_due(NUDGE_AT)
    bot.run_due(CHECKIN_2_AT)
    assert "What do you bring in" in bot.inbox("cat")[-1].text
    follow_up = bot.dm_text("cat", "A case about a client who refuses help")
    assert "how did your experiment go" in follow_up
    assert "Thanks for checking in" in bot.dm_text("cat", "Four of five cards came back filled in")
    assert "Four of five cards came back filled in" in bot.text("cat", "log")
    # A buddy who reports nothing is still asked at their own check-in.
    buddy = sorted(reported_group - {"cat"})[0]
    assert "how did your experiment go" in bot.dm_text(buddy, "Nothing special this time")
    for user in PEOPLE:
        bot.inbox(user)

    bot.run_due(BRIEF_2_AT)
    found = briefs(bot, PEOPLE)
    assert len(found) == 2  # one per facilitator
    brief = found[0]
    assert "Four of five cards came back filled in" in brief
    assert "A case about a client who refuses help" in brief
    # Cat's group reported back; the other group's experiment is still running.
    running = brief.split("Buddy experiments still running")[1]
    assert "A coffee hour in the new flat" in running
    assert "signalling card" not in running


def test_report_back_made_through_the_nudge_reaches_the_brief(bot: Harness) -> None:
    community(bot)
    bot.run_due(PAIRING_AT)
    bot.text("cat", "experiment Use the new signalling card with five clients")
    bot.run_due(NUDGE_AT)
    bot.dm("cat", "Four of five cards came back filled in")
    bot.run_due(BRIEF_2_AT)
    found = briefs(bot, PEOPLE)
    assert found and all("Four of five cards" in brief for brief in found)


# -- pair ---------------------------------------------------------------------------------------


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
    assert "You have left" in bot.text("dan", "leave")
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
    assert buttons(welcome[0]) == []  # nothing to answer
    assert bot.inbox("general") == []  # the round is not announced again

    # Two more at once become each other's buddies, with their own experiment to agree.
    for user in ("gus", "hal"):
        bot.text(user, "join")
        bot.inbox(user)
    assert "I added Gus and Hal" in bot.text("ann", "pair")
    assert "Your buddy: Hal" in bot.text("gus", "buddy")
    asked = pairing_dms(bot.inbox("hal"))
    assert len(asked) == 1 and "Gus" in asked[0].text and buttons(asked[0])
    assert "Thank you" not in bot.dm_text("hal", "We swap one home visit")  # not the intake
    assert "Your experiment: We swap one home visit" in bot.text("gus", "buddy")
    assert "already made" in bot.text("ann", "pair")


def test_whose_buddy_left_keeps_the_experiment_and_is_nudged(bot: Harness) -> None:
    community(bot, {"bob": "B"})
    bot.run_due(PAIRING_AT)
    bot.text("bob", "leave")
    assert "no buddy in this cycle" in bot.text("ann", "buddy")
    assert "Noted! Your experiment: Call a neighbour." in bot.text(
        "ann", "experiment Call a neighbour"
    )
    bot.run_due(NUDGE_AT)
    nudge = nudges(bot.inbox("ann"))[0]
    assert "How is your experiment going? (Call a neighbour)" in nudge.text
    assert nudges(bot.inbox("bob")) == []


def test_pair_with_too_few_active_members(bot: Harness) -> None:
    bot.community(members=())
    assert "only active member" in bot.text("ann", "pair")
    bot.text("bob", "join")
    bot.text("bob", "away")
    assert "only active member" in bot.text("ann", "pair")
    bot.text("bob", "back")
    assert "Made 1 buddy group and" in bot.text("ann", "pair")


# -- Dutch ---------------------------------------------------------------------------------------


def test_dutch_texts_and_aliases(bot: Harness) -> None:
    community(bot, {"bob": "B", "cat": "C"})
    bot.text("ann", "config lang=nl")
    assert "1 buddygroepje gemaakt" in bot.text("ann", "koppel")
    dm = pairing_dms(bot.inbox("bob"))[0]
    assert "Je buddy tot de volgende bijeenkomst" in dm.text
    assert "Jij, Ann en Cat zijn buddy's" in dm.text
    assert "Antwoord hier met jullie experiment" in dm.text
    prompt_id = next(v for _, a, v in buttons(dm) if a == "prompt.form")
    leeg = bot.click("bob", "prompt.submit", prompt_id, {"experiment": ""})
    assert "Schrijf jullie experiment alsjeblieft op" in texts(leeg)
    assert "Je buddy: " in bot.text("bob", "maatje")
    saved = bot.text("bob", "experimenteer Elke week één buurman bellen")
    assert "Genoteerd! Jullie experiment: Elke week één buurman bellen" in saved
    assert "heeft jullie experiment genoteerd" in bot.inbox("cat")[-1].text
    assert "maximaal 1000 tekens" in bot.text("bob", "experiment " + "x" * 1001)
    bot.run_due(PAIRING_AT)  # meeting 1's cycle: a new round, in Dutch
    assert any("Nieuwe buddyronde" in m.text for m in bot.inbox("general"))
    bot.text("cat", "experiment Een koffie-uur in de flat")
    bot.run_due(NUDGE_AT)
    nudge = nudges(bot.inbox("cat"))[0]
    assert "Hoe gaat het experiment" in nudge.text
    assert [label for label, _, _ in buttons(nudge)] == ["Geprobeerd: terugkoppelen"]
    asked = bot.click("cat", "experiment.done", buttons(nudge)[0][2])
    assert "Hoe ging jullie experiment" in texts(asked)
    report_id = buttons(asked[0].message)[0][2]
    leeg = bot.click("cat", "prompt.submit", report_id, {"report": " "})
    assert "Vertel me alsjeblieft hoe jullie experiment ging" in texts(leeg)
    assert "Dank je! Je terugkoppeling staat in je logboek" in bot.dm_text("cat", "Het werkte")
