"""The group's experiment is the group's: a change is proposed to the other buddies, who agree
or keep it; a buddy left alone by `leave` or `forget-me` is re-paired or told, and so are the
facilitators; the brief flags a round that agreed no experiment. English and Dutch."""

from __future__ import annotations

from sqlalchemy import select

from bot.facilitation.service import facilitators_for
from bot.meetings.models import Meeting
from bot.messages import File, Message, names_only
from tests.buddies_helpers import (
    BRIEF_2_AT,
    ORGS,
    PAIRING_AT,
    announced_groups,
    community,
    group_with,
    texts,
)
from tests.harness import Harness, buttons

FOUR = {user: org for user, org in ORGS.items() if user != "eve"}  # Ann and three: two pairs


def proposals(messages: list[Message]) -> list[Message]:
    return [m for m in messages if any(a.startswith("experiment.") for _, a, _ in buttons(m))]


def button(message: Message, action: str) -> str:
    return next(v for _, a, v in buttons(message) if a == action)


def experiment_of(bot: Harness, user: str) -> str:
    return next(line for line in bot.text(user, "buddy").splitlines() if "experiment" in line)


def test_a_change_is_proposed_and_the_experiment_stays_until_the_buddy_agrees(
    bot: Harness,
) -> None:
    community(bot, FOUR)
    bot.run_due(PAIRING_AT)
    mine = group_with(announced_groups(bot), "bob")
    buddy = next(iter(mine - {"bob"}))
    bot.text("bob", "experiment Ask every client about their neighbours")
    told = bot.inbox(buddy)
    assert "Bob noted your group's experiment" in told[-1].text
    assert "`experiment <text>` to propose another" in told[-1].text

    said = bot.text(buddy, "experiment Visit two neighbours together")
    assert "I've asked Bob whether it becomes: Visit two neighbours together" in said, said
    assert "Until they agree it stays: Ask every client" in said
    assert "Ask every client" in experiment_of(bot, "bob")
    assert "Proposed by" in bot.text("bob", "buddy")
    asked = proposals(bot.inbox("bob"))
    assert len(asked) == 1
    assert f"{buddy.capitalize()} proposes a new experiment" in names_only(asked[0].text)
    assert [label for label, _, _ in buttons(asked[0])] == ["Agree", "Keep the current one"]

    # Bob keeps the one they agreed: it stays, and the proposer hears so.
    kept = texts(bot.click("bob", "experiment.keep", button(asked[0], "experiment.keep")))
    assert "Your group's experiment stays: Ask every client" in kept, kept
    assert "Ask every client" in experiment_of(bot, buddy)
    note = [names_only(m.text) for m in bot.inbox(buddy)]
    assert len(note) == 1 and "Bob would rather keep your group's experiment" in note[0], note
    again = texts(bot.click("bob", "experiment.agree", button(asked[0], "experiment.agree")))
    assert "answered already" in again and "Ask every client" in experiment_of(bot, "bob")

    # A second proposal, agreed: now it changes, and the proposer is told.
    bot.text(buddy, "experiment Visit two neighbours together")
    asked = proposals(bot.inbox("bob"))
    agreed = texts(bot.click("bob", "experiment.agree", button(asked[0], "experiment.agree")))
    assert "Agreed: your group's experiment is now Visit two neighbours together" in agreed
    assert "Visit two neighbours" in experiment_of(bot, buddy)
    assert [m.text for m in bot.inbox(buddy)] == [
        "Your group agreed a new experiment: Visit two neighbours together"
    ]
    # The same text again changes nothing.
    assert "already your group's experiment" in bot.text(
        "bob", "experiment Visit two neighbours together"
    )


def test_in_a_trio_every_buddy_agrees_and_a_newer_proposal_replaces_an_older(
    bot: Harness,
) -> None:
    community(bot)  # five people: a pair and a trio
    bot.run_due(PAIRING_AT)
    trio = next(g for g in announced_groups(bot) if len(g) == 3)
    first, second, third = sorted(trio)
    outsider = next(u for u in ("ann", *ORGS) if u not in trio)
    bot.text(first, "experiment One home visit together")
    bot.text(second, "experiment Two home visits")
    older = proposals(bot.inbox(third))[0]
    bot.text(second, "experiment Three home visits")
    newer = proposals(bot.inbox(third))[0]
    stale = texts(bot.click(third, "experiment.agree", button(older, "experiment.agree")))
    assert "no longer open" in stale, stale
    # Someone outside the group cannot answer for it.
    assert "not yours" in texts(
        bot.click(outsider, "experiment.agree", button(newer, "experiment.agree"))
    )
    waiting = texts(bot.click(third, "experiment.agree", button(newer, "experiment.agree")))
    assert f"once {first.capitalize()} agree" in waiting, waiting
    assert "One home visit" in experiment_of(bot, second)
    asked = proposals(bot.inbox(first))[-1]
    texts(bot.click(first, "experiment.agree", button(asked, "experiment.agree")))
    assert "Three home visits" in experiment_of(bot, third)


def test_a_proposal_in_dutch(bot: Harness) -> None:
    community(bot, FOUR)
    bot.text("ann", "config lang=nl")
    bot.run_due(PAIRING_AT)
    mine = group_with(announced_groups(bot), "bob")
    buddy = next(iter(mine - {"bob"}))
    bot.text("bob", "experiment Elke cliënt naar de buren vragen")
    said = bot.text(buddy, "experiment Samen twee buren bezoeken")
    assert "Jullie hadden al een experiment afgesproken" in said, said
    asked = proposals(bot.inbox("bob"))[0]
    assert [label for label, _, _ in buttons(asked)] == ["Akkoord", "Houd het huidige"]
    done = texts(bot.click("bob", "experiment.agree", button(asked, "experiment.agree")))
    assert "Afgesproken: jullie experiment is nu Samen twee buren bezoeken" in done


def facilitators_of_meeting(bot: Harness, number: int) -> set[str]:
    with bot.factory() as session:
        meeting = session.scalars(select(Meeting).where(Meeting.number == number)).one()
        found = facilitators_for(session, meeting_ids=[meeting.id])[meeting.id]
        return {m.user_id for m in found.values()}


def test_forget_me_re_pairs_the_buddy_left_alone_and_tells_the_facilitators(
    bot: Harness,
) -> None:
    community(bot, FOUR)
    bot.run_due(PAIRING_AT)
    groups = announced_groups(bot)
    gone = "dan"
    alone = next(iter(group_with(groups, gone) - {gone}))
    other_pair = next(g for g in groups if gone not in g)
    bot.text(alone, "experiment Ask the GP")
    readers = facilitators_of_meeting(bot, 2) - {gone, alone} or {"ann"}
    for user in ("ann", *FOUR, "general"):
        bot.inbox(user)
    assert "your personal data in 1 " in texts(bot.dm(gone, "forget-me confirm"))
    # The buddy now has the other pair as buddies, and is told why (not who went).
    shown = bot.text(alone, "buddy")
    assert all(u.capitalize() in shown for u in other_pair), shown
    moved = [m.text for m in bot.inbox(alone)]
    assert any("Your buddy is no longer part of the community" in t for t in moved), moved
    for user in other_pair:
        told = [names_only(m.text) for m in bot.inbox(user)]
        assert any(f"{alone.capitalize()} joins your buddy group" in t for t in told), told
    for reader in readers:
        notes = [
            names_only(m.text)
            for m in bot.all_to(reader)
            if "no longer part of the community" in m.text
        ]
        assert any(f"I've put {alone.capitalize()} with" in t for t in notes), (reader, notes)
    # Nobody is told who went.
    for user in ("ann", *FOUR):
        said = [names_only(m.text) for m in bot.all_to(user) if "no longer" in m.text]
        assert not any("Dan" in t for t in said), said


def test_leave_in_dutch_re_pairs_the_buddy(bot: Harness) -> None:
    community(bot, FOUR)
    bot.text("ann", "config lang=nl")
    bot.run_due(PAIRING_AT)
    groups = announced_groups(bot)
    alone = next(iter(group_with(groups, "cat") - {"cat"}))
    for user in ("ann", *FOUR):
        bot.inbox(user)
    bot.text("cat", "afmelden")
    moved = [m.text for m in bot.inbox(alone)]
    assert any("Je buddy doet niet meer mee aan de community" in t for t in moved), moved


def brief_of(bot: Harness, user: str) -> str:
    found = [m.text for m in bot.inbox(user) if m.text.startswith(("Brief for", "Briefing"))]
    assert found, user
    return found[-1]


def test_the_brief_flags_a_round_that_agreed_no_experiment(bot: Harness) -> None:
    community(bot, FOUR)
    bot.run_due(PAIRING_AT)
    bot.run_due(BRIEF_2_AT)
    briefed = facilitators_of_meeting(bot, 2)
    for user in briefed:
        text = brief_of(bot, user)
        assert "⚠ None of the 2 buddy groups agreed an experiment this cycle" in text, text
        assert "No buddy experiments are running" not in text


def test_the_brief_lists_what_was_agreed_and_flags_nothing_then(bot: Harness) -> None:
    community(bot, FOUR)
    bot.text("ann", "config lang=nl")
    bot.run_due(PAIRING_AT)
    bot.text("bob", "experiment Een huisbezoek samen")
    bot.run_due(BRIEF_2_AT)
    for user in facilitators_of_meeting(bot, 2):
        text = brief_of(bot, user)
        assert "Een huisbezoek samen" in text and "⚠ Geen van de" not in text, text


def test_my_data_shows_proposals_and_forget_me_erases_them(bot: Harness) -> None:
    from bot.buddies.models import ExperimentProposal

    community(bot, FOUR)
    bot.run_due(PAIRING_AT)
    buddy = next(iter(group_with(announced_groups(bot), "bob") - {"bob"}))
    bot.text("bob", "experiment Ask the neighbours")
    bot.text(buddy, "experiment My own clients' street")
    exported = [
        block.content
        for reply in bot.dm(buddy, "my-data")
        for block in reply.message.blocks
        if isinstance(block, File)
    ]
    assert any("My own clients' street" in content for content in exported), exported
    bot.dm(buddy, "forget-me confirm")
    with bot.factory() as session:
        left = session.scalars(select(ExperimentProposal.text)).all()
    assert left == [], left
    # Bob's pending question is gone with it: answering it changes nothing.
    asked = proposals(bot.inbox("bob"))[0]
    answer = texts(bot.click("bob", "experiment.agree", button(asked, "experiment.agree")))
    assert "closed" in answer or "not yours" in answer, answer
