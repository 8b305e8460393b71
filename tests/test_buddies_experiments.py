"""Buddy experiments through the black-box bot: agreeing one (verb, reply, form) and bad
input, the mid-cycle nudge, the report-back (button, reply, check-in) into the logbook and the
facilitators' brief, an experiment erased by forget-me, and the Dutch texts."""

from __future__ import annotations

from sqlalchemy import select

from bot.buddies.models import BuddyGroupMember
from bot.members.models import Member
from bot.messages import Form, Message
from tests.buddies_helpers import (
    BRIEF_2_AT,
    CHECKIN_2_AT,
    NUDGE_AT,
    PAIRING_AT,
    PEOPLE,
    announced_groups,
    community,
    group_with,
    introduced,
    pairing_dms,
    texts,
)
from tests.harness import Harness, buttons, forms

# The check-in of meeting 2 on the button copbot shows when a reply could answer more than one
# open question.
CHECKIN_2 = "Check-in for meeting 2"


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


def nudges(messages: list[Message]) -> list[Message]:
    return [m for m in messages if m.text.startswith(("Halfway there", "Halverwege"))]


def briefs(bot: Harness, users: tuple[str, ...]) -> list[str]:
    return [m.text for u in users for m in bot.inbox(u) if m.text.startswith("Brief for")]


# -- agreeing an experiment ------------------------------------------------------------------------


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
        assert [m.text.splitlines()[0] for m in told] == [
            "Bob noted your group's experiment: Ask every client about their neighbours"
        ]
        assert "to propose another" in told[0].text
    outsiders = set(PEOPLE) - mine
    assert all(bot.inbox(u) == [] for u in outsiders)
    assert "Your experiment: Ask every client" in bot.text(others[0], "buddy")
    assert "Your experiment: Ask every client" in bot.text("bob", "experiment")
    assert "Experiment: Ask every client" in bot.text("bob", "status")

    # Changing it is a proposal the other buddies agree to; then they are told, once.
    bot.text(others[0], "experiment Visit two neighbours together")
    assert "Your experiment: Ask every client" in bot.text("bob", "buddy")
    voters = ["bob", *others[1:]]
    for voter in voters:
        asked = [m for m in bot.inbox(voter) if "proposes a new experiment" in m.text]
        agree = next(v for _, a, v in buttons(asked[0]) if a == "experiment.agree")
        bot.click(voter, "experiment.agree", agree)
    assert "Visit two neighbours together" in bot.text("bob", "buddy")
    agreed = [m.text for m in bot.inbox(others[0])]
    assert agreed == ["Your group agreed a new experiment: Visit two neighbours together"], agreed


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


# -- the nudge and the report-back -----------------------------------------------------------------


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
    assert [q.id for q in form.questions] == ["outcome", "report"]
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
    # The halfway nudge's question (how did it go?) is still open beside the check-in:
    # copbot asks which one the reply answers, and Cat says the check-in.
    follow_up = bot.dm_for("cat", "A case about a client who refuses help", CHECKIN_2)
    assert "how did your experiment go" in follow_up[0].message.text
    assert "Thanks for checking in" in bot.dm_text("cat", "Four of five cards came back filled in")
    assert "Four of five cards came back filled in" in bot.text("cat", "log")
    # A buddy who reports nothing is still asked at their own check-in.
    buddy = sorted(reported_group - {"cat"})[0]
    said = bot.dm_for(buddy, "Nothing special this time", CHECKIN_2)
    assert "how did your experiment go" in said[0].message.text
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


# -- Dutch -----------------------------------------------------------------------------------------


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
