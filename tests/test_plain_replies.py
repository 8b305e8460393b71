"""A plain reply that more than one open question could take: copbot keeps it and asks which
question it answers instead of guessing, and the intake takes a reply only while it is the
live conversation (found in the demo, where sentences became organisations and an
organisation a check-in). Through the black-box bot; the same conversation replayed at the
HTTP edge is in tests/slack/test_plain_replies.py and tests/teams/test_plain_replies.py."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.checkins.models import CheckinAnswer
from bot.members.models import Member
from bot.messages import File, Message
from bot.prompts.models import HeldReply
from tests.harness import Harness, buttons

# Meeting 1 of the harness community: 2027-01-14 14:00 Amsterdam. Monday's digest (09:00
# Amsterdam), with the intake reminder, comes first; the check-in at 13:00 UTC.
REMINDER_AT = datetime(2027, 1, 11, 8, 0, tzinfo=UTC)
CHECKIN_AT = datetime(2027, 1, 11, 13, 0, tzinfo=UTC)
INTRODUCTION = "Introduction (about you)"
CHECKIN = "Check-in for meeting 1"


def reminded_then_checkin(bot: Harness) -> None:
    bot.run_due(REMINDER_AT)
    bot.run_due(CHECKIN_AT)


def asked(bot: Harness, user: str, text: str) -> Message:
    bot.clock.advance(timedelta(minutes=5))  # people reply a little later
    replies = bot.dm(user, text)
    assert len(replies) == 1, [r.message.text for r in replies]
    return replies[0].message


def choices(message: Message) -> dict[str, str]:
    """The questions offered for a kept reply: label -> the button's value."""
    return {label: value for label, action, value in buttons(message) if action == "prompt.file"}


def state(bot: Harness, user: str) -> tuple[str | None, list[str], list[str]]:
    """(organisation, check-in bring-ins, kept replies) of ``user``."""
    with bot.factory() as session:
        member = session.scalars(select(Member).where(Member.user_id == user)).one()
        bring_ins = session.scalars(
            select(CheckinAnswer.bring_in).where(CheckinAnswer.member_id == member.id)
        ).all()
        kept = session.scalars(select(HeldReply.text).where(HeldReply.member_id == member.id))
        return member.organisation, [b for b in bring_ins if b], list(kept)


def test_a_reply_both_the_intake_and_the_check_in_could_take_is_kept_and_asked_about(
    any_bot: Harness,
) -> None:
    """Bob's intake was asked again by its reminder, then the check-in came: "Welzijn Noord"
    could answer either. copbot keeps it, asks, and files it where Bob says; the intake then
    goes on by plain replies, and the check-in takes his next words once it is done."""
    bot = any_bot
    bot.community(members=("bob",))
    reminded_then_checkin(bot)
    received = [m.text for m in bot.inbox("bob")]
    assert any("introduction is not finished" in t for t in received), received
    assert any("Check-in for meeting 1" in t for t in received), received

    question = asked(bot, "bob", "Welzijn Noord")
    assert "which one is this your answer to?" in question.text
    assert "“Welzijn Noord”" in question.text
    # The question asked last comes first; no button stands out, and none of them may be it.
    assert list(choices(question)) == [CHECKIN, INTRODUCTION]
    assert buttons(question)[-1][:2] == ("None of these", "prompt.drop")
    assert {b.style for b in question.blocks[-1].buttons} == {"default"}  # type: ignore[union-attr]
    # Kept before copbot answered, filed nowhere yet.
    assert state(bot, "bob") == (None, [], ["Welzijn Noord"])

    filed = bot.click("bob", "prompt.file", choices(question)[INTRODUCTION])
    assert "(2/4)" in filed[0].message.text
    assert state(bot, "bob") == ("Welzijn Noord", [], [])
    # The intake has just asked its next question: the next replies follow it, unasked.
    bot.clock.advance(timedelta(minutes=1))
    assert "(3/4)" in bot.dm_text("bob", "Social worker")
    assert "(4/4)" in bot.dm_text("bob", "Mrs J. wants to stay home")
    bot.dm_text("bob", "Listening better")
    assert "Thank you" in bot.dm_text("bob", "-")  # the optional region, skipped
    # The intake is done: the check-in is the one open question, and takes the reply.
    assert "Thanks for checking in" in bot.dm_text("bob", "A case about loneliness")
    assert state(bot, "bob") == ("Welzijn Noord", ["A case about loneliness"], [])


def test_the_check_in_chosen_for_a_kept_reply_takes_it_as_if_typed_there(bot: Harness) -> None:
    bot.community(members=("bob",))
    reminded_then_checkin(bot)
    question = asked(bot, "bob", "A case about loneliness")
    filed = bot.click("bob", "prompt.file", choices(question)[CHECKIN])
    assert "Thanks for checking in" in filed[0].message.text
    assert state(bot, "bob") == (None, ["A case about loneliness"], [])
    # Filed once: the other button, clicked late, files nothing more.
    late = bot.click("bob", "prompt.file", choices(question)[INTRODUCTION])
    assert "already filed" in late[0].message.text
    assert state(bot, "bob") == (None, ["A case about loneliness"], [])


def test_once_bob_moved_on_the_intake_takes_no_reply_unasked(bot: Harness) -> None:
    """Bob answered the check-in (asked after his intake) by its form: the conversation moved
    on. His next words are not his organisation unless he says so."""
    bot.community(members=("bob",))
    reminded_then_checkin(bot)
    checkin = next(m for m in bot.inbox("bob") if "Check-in for meeting 1" in m.text)
    form = next(v for _, a, v in buttons(checkin) if a == "prompt.form")
    done = bot.click("bob", "prompt.submit", form, {"bring_in": "A case about loneliness"})
    assert "Thanks for checking in" in done[0].message.text

    question = asked(bot, "bob", "We will try a lunch with the neighbours.")
    assert "I asked it a while ago" in question.text
    assert list(choices(question)) == [INTRODUCTION]
    assert state(bot, "bob") == (
        None,
        ["A case about loneliness"],
        ["We will try a lunch with the neighbours."],
    )
    # It was not an answer: copbot forgets it.
    dropped = bot.click("bob", "prompt.drop", buttons(question)[-1][2])
    assert "not filed it anywhere" in dropped[0].message.text
    assert state(bot, "bob") == (None, ["A case about loneliness"], [])


def test_an_experiment_typed_after_the_buddy_pairing_is_not_an_organisation(
    bot: Harness,
) -> None:
    """The demo's case: Bob's buddy agreed their experiment first, so only Bob's intake was
    still open when he typed his own experiment in reply to the pairing."""
    bot.community(members=("bob", "cat"))
    bot.clock.advance(timedelta(days=2))
    assert "buddy" in bot.text("ann", "pair").lower()
    bot.clock.advance(timedelta(hours=1))
    assert "Noted" in bot.text("cat", "experiment Call two neighbours every week")
    question = asked(bot, "bob", "I organise a coffee hour in the new flat.")
    assert list(choices(question)) == [INTRODUCTION]
    assert state(bot, "bob")[0] is None
    # Bob says it is his organisation after all: his word, filed as he says.
    bot.click("bob", "prompt.file", choices(question)[INTRODUCTION])
    assert state(bot, "bob")[0] == "I organise a coffee hour in the new flat."


def test_a_kept_reply_is_in_my_data_and_forget_me_erases_it(bot: Harness) -> None:
    bot.community(members=("bob",))
    reminded_then_checkin(bot)
    asked(bot, "bob", "Welzijn Noord")
    shown = bot.dm("bob", "my-data")[0].message
    assert "until you say which question it answers: “Welzijn Noord”" in shown.text
    document = next(b for b in shown.blocks if isinstance(b, File))
    [membership] = json.loads(document.content)["memberships"]
    assert [r["text"] for r in membership["prompts"]["kept_replies"]] == ["Welzijn Noord"]

    bot.dm("bob", "forget-me")
    bot.click("bob", "privacy.forget_confirm")
    with bot.factory() as session:
        assert session.scalars(select(HeldReply)).all() == []


def test_a_kept_reply_is_asked_about_in_dutch_too(bot: Harness) -> None:
    bot.community(members=("bob",), settings="lang=nl start=2027-01-14 time=14:00")
    reminded_then_checkin(bot)
    question = asked(bot, "bob", "Welzijn Noord")
    assert "op welke vraag is dit je antwoord?" in question.text
    assert list(choices(question)) == ["Check-in voor bijeenkomst 1", "Kennismaking (over jou)"]
    assert buttons(question)[-1][0] == "Geen van deze"


def test_someone_elses_kept_reply_cannot_be_filed(bot: Harness) -> None:
    bot.community(members=("bob", "cat"))
    reminded_then_checkin(bot)
    question = asked(bot, "bob", "Welzijn Noord")
    other = asked(bot, "cat", "Zorg Zuid")
    _, _, bobs_held = choices(question)[INTRODUCTION].partition(":")
    cats_intake, _, _ = choices(other)[INTRODUCTION].partition(":")
    forged = bot.click("cat", "prompt.file", f"{cats_intake}:{bobs_held}")
    assert "meant for someone else" in forged[0].message.text
    assert state(bot, "cat")[0] is None and state(bot, "bob")[2] == ["Welzijn Noord"]
    refused = bot.click("cat", "prompt.drop", bobs_held)
    assert "meant for someone else" in refused[0].message.text
    assert state(bot, "bob")[2] == ["Welzijn Noord"]
