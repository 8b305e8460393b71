"""Roles and facilitator turns: who may change roles, who is told, the core group, passing
a turn for someone else, and who reads the evaluation summary. English and Dutch."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.facilitation.service import facilitators_for
from bot.meetings.models import Meeting
from bot.members.models import Member
from bot.messages import names_only
from tests.harness import Harness

PEOPLE = ("bob", "cat", "dan", "eve")
DUTCH = 'lang=nl start=2027-01-14 time=14:00 question="Hoe blijven ouderen thuis wonen?"'
# Meeting 1: 2027-01-14 13:00 UTC; its evaluation opens an hour after it ends, closes 5 days later.
MEETING_AT = datetime(2027, 1, 14, 13, 0, tzinfo=UTC)
EVALUATION_AT = MEETING_AT + timedelta(hours=3)
CLOSE_AT = EVALUATION_AT + timedelta(days=5)


def role_of(bot: Harness, user: str) -> tuple[str, bool]:
    with bot.factory() as session:
        member = session.scalars(select(Member).where(Member.user_id == user)).one()
        return member.role, member.in_core_group


def facilitators(bot: Harness, number: int) -> dict[str, str]:
    with bot.factory() as session:
        meeting = session.scalars(select(Meeting).where(Meeting.number == number)).one()
        found = facilitators_for(session, meeting_ids=[meeting.id])[meeting.id]
        return {role: member.user_id for role, member in found.items()}


def texts(bot: Harness, user: str) -> list[str]:
    return [names_only(m.text) for m in bot.inbox(user)]


def test_only_organisers_change_roles(bot: Harness) -> None:
    bot.community(members=PEOPLE)
    assert "is now facilitator" in bot.text("ann", "role <@bob> facilitator")
    assert "is now facilitator" in bot.text("ann", "role <@cat> facilitator")
    # A facilitator can neither demote another facilitator nor promote anyone.
    refused = bot.text("bob", "role <@cat> participant")
    assert "Only an organiser" in refused, refused
    assert role_of(bot, "cat") == ("facilitator", True)
    assert "Only an organiser" in bot.text("bob", "role <@dan> facilitator")
    assert role_of(bot, "dan") == ("participant", False)
    # ``help`` no longer offers ``role`` to a facilitator, and does to an organiser.
    assert "`role`" not in bot.text("bob", "help")
    assert "`role`" in bot.text("ann", "help")


def test_a_new_role_holder_is_told_once_in_their_language(bot: Harness) -> None:
    bot.community(members=PEOPLE)
    bot.text("dan", "language nl")
    bot.inbox("dan")
    bot.text("ann", "role <@bob> facilitator")
    told = texts(bot, "bob")
    assert len(told) == 1, told
    assert "Ann made you facilitator of Test CoP" in told[0]
    assert "`rotate`" in told[0] and "`help`" in told[0]
    bot.text("ann", "role <@dan> organiser")
    told = texts(bot, "dan")
    assert len(told) == 1 and "Ann heeft je organisator gemaakt van Test CoP" in told[0], told
    assert "`config`" in told[0]
    # Giving a role someone already has changes nothing and tells nobody.
    assert "Bob is already facilitator" in bot.text("ann", "role <@bob> facilitator")
    assert texts(bot, "bob") == []
    # Taking it back is news too.
    bot.text("ann", "role <@bob> participant")
    told = texts(bot, "bob")
    assert len(told) == 1 and "Ann made you participant" in told[0], told


def test_demoting_takes_someone_out_of_the_core_group_and_their_turns(bot: Harness) -> None:
    bot.community(members=PEOPLE)
    bot.text("ann", "config facilitation=core")
    bot.text("ann", "role <@bob> facilitator")
    bot.text("ann", "role <@cat> facilitator")
    bot.text("ann", "rotate 1")
    bot.text("ann", "rotate 2")
    turns = facilitators(bot, 1)
    assert set(facilitators(bot, 1).values()) | set(facilitators(bot, 2).values()) <= {
        "ann",
        "bob",
        "cat",
    }
    holder = "bob" if "bob" in turns.values() else "cat"
    for user in ("ann", *PEOPLE, "general"):
        bot.inbox(user)
    bot.text("ann", f"role <@{holder}> participant")
    assert role_of(bot, holder) == ("participant", False)
    for number in (1, 2):
        assert holder not in facilitators(bot, number).values()
        assert set(facilitators(bot, number).values()) <= {"ann", "bob", "cat"} - {holder}
    told = texts(bot, holder)
    assert any("no longer in the core group" in t for t in told), told
    assert any("no longer facilitate meeting 1" in t for t in told), told
    # The core group is the organisers and facilitators: the next choice keeps to it.
    bot.text("ann", "role <@dan> facilitator")
    assert role_of(bot, "dan") == ("facilitator", True)
    assert any("core group" in t for t in texts(bot, "dan"))
    assert "the organisers and facilitators" in bot.text("eve", "facilitators")


def test_pass_for_someone_else_says_that_they_cannot_come(bot: Harness) -> None:
    bot.community(members=PEOPLE)
    bot.text("ann", "rotate 1")
    pair = facilitators(bot, 1)
    other = next(u for u in pair.values() if u != "ann")
    role = next(r for r, u in pair.items() if u == other)
    for user in ("ann", *PEOPLE):
        bot.inbox(user)
    reply = bot.text("ann", f"pass 1 <@{other}>")
    assert f"{other.capitalize()} cannot come to meeting 1" in reply, reply
    assert f"their {role} role" in reply and "your" not in reply
    assert any("passed your facilitator turn" in t for t in texts(bot, other))
    assert "someone else cannot come" in bot.text("ann", "help")
    assert "that person cannot come" in bot.text("ann", "help pass")


def test_pass_for_someone_else_in_dutch(bot: Harness) -> None:
    bot.community(members=PEOPLE, settings=DUTCH)
    bot.text("ann", "rotate 1")
    pair = facilitators(bot, 1)
    other = next(u for u in pair.values() if u != "ann")
    reply = bot.text("ann", f"pass 1 <@{other}>")
    assert f"{other.capitalize()} kan niet bij bijeenkomst 1 zijn" in reply, reply
    assert "jouw" not in reply
    assert "die persoon kan niet komen" in bot.text("ann", "help pass")
    assert "iemand anders kan niet komen" in bot.text("ann", "help")


def test_roles_in_dutch(bot: Harness) -> None:
    bot.community(members=PEOPLE, settings=DUTCH)
    assert "Bob is nu facilitator" in bot.text("ann", "role <@bob> facilitator")
    assert "Alleen een organisator" in bot.text("bob", "role <@cat> facilitator")
    told = texts(bot, "bob")
    assert any("Ann heeft je facilitator gemaakt van Test CoP" in t for t in told), told
    assert "Bob is al facilitator" in bot.text("ann", "rol <@bob> facilitator")


def answer_evaluation(bot: Harness, user: str, rating: int) -> None:
    asked = next(m for m in bot.inbox(user) if "anonymous" in m.text or "anoniem" in m.text)
    value = next(
        b.value
        for block in asked.blocks
        for b in getattr(block, "buttons", ())
        if b.action_id == "prompt.answer" and b.label == str(rating)
    )
    bot.click(user, "prompt.answer", value)
    bot.dm(user, "-")
    bot.dm(user, "-")


def test_the_evaluation_summary_goes_to_this_and_the_next_meetings_facilitators(
    bot: Harness,
) -> None:
    bot.community(members=PEOPLE)
    # Two more facilitators by role, who facilitate neither meeting 1 nor 2.
    bot.text("ann", "rotate 1")
    bot.text("ann", "rotate 2")
    first, second = facilitators(bot, 1), facilitators(bot, 2)
    readers = set(first.values()) | set(second.values())
    outsiders = [u for u in ("ann", *PEOPLE) if u not in readers]
    assert outsiders, (first, second)
    for user in outsiders:
        if user != "ann":
            bot.text("ann", f"role <@{user}> facilitator")
    bot.run_due(EVALUATION_AT)
    for user in ("bob", "cat", "dan"):
        answer_evaluation(bot, user, 4)
    for user in ("ann", *PEOPLE):
        bot.inbox(user)
    bot.run_due(CLOSE_AT)
    got = {
        u for u in ("ann", *PEOPLE) if any("Evaluation of meeting 1" in t for t in texts(bot, u))
    }
    assert got == readers, (got, first, second)
