"""Check-ins before a meeting, through the black-box bot: the wave, answers by reply and by
form, the reminder, expiry, the verb and the facilitators' summary."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.messages import Form, Message
from tests.buddies_helpers import intake
from tests.harness import Harness, buttons, forms

# Meeting 1 of the harness community: 2027-01-14 14:00 Amsterdam = 13:00 UTC. Check-in 3 days
# before, the reminder a day after the check-in.
MEETING_AT = datetime(2027, 1, 14, 13, 0, tzinfo=UTC)
CHECKIN_AT = MEETING_AT - timedelta(days=3)
REMINDER_AT = CHECKIN_AT + timedelta(days=1)


def checkins(messages: list[Message]) -> list[Message]:
    return [m for m in messages if "Check-in for meeting" in m.text or "Inchecken" in m.text]


def reminders(messages: list[Message]) -> list[Message]:
    return [m for m in messages if "reminder: your check-in" in m.text]


def form_prompt_id(message: Message) -> str:
    return next(value for _, action, value in buttons(message) if action == "prompt.form")


def test_wave_reaches_every_active_member_once(any_bot: Harness) -> None:
    bot = any_bot
    bot.community(members=("bob", "cat", "dan"))
    assert "marked away" in bot.text("dan", "away")
    bot.run_due(CHECKIN_AT)
    bot.run_due(CHECKIN_AT + timedelta(minutes=5))
    for user in ("ann", "bob", "cat"):
        received = checkins(bot.inbox(user))
        assert len(received) == 1, (user, [m.text for m in received])
        assert "What do you bring in?" in received[0].text
        assert "1 (2027-01-14 14:00)" in received[0].text
    assert checkins(bot.inbox("dan")) == []


def test_member_back_from_holiday_is_woken_for_the_wave(bot: Harness) -> None:
    bot.community(members=("bob",))
    assert "2027-01-08" in bot.text("bob", "away until 2027-01-08")
    bot.run_due(CHECKIN_AT)
    assert len(checkins(bot.inbox("bob"))) == 1


def test_answer_by_reply_shows_in_summary_and_status(any_bot: Harness) -> None:
    bot = any_bot
    bot.community(members=("bob", "cat"), introduced=True)
    bot.run_due(CHECKIN_AT)
    assert "Thanks for checking in" in bot.dm_text("bob", "A case about loneliness")
    summary = bot.text("ann", "checkin summary")
    assert "1 of 3 answered" in summary
    assert "Bob: A case about loneliness" in summary
    assert "Not yet answered: Ann, Cat" in summary
    assert "You have checked in for meeting 1" in bot.text("bob", "status")
    assert "not checked in for meeting 1 yet" in bot.text("cat", "status")
    assert "Only a facilitator" in bot.text("bob", "checkin summary")


def test_answer_by_form(bot: Harness) -> None:
    bot.community(members=("bob",))
    bot.run_due(CHECKIN_AT)
    prompt_id = form_prompt_id(checkins(bot.inbox("bob"))[0])
    opened = bot.click("bob", "prompt.form", prompt_id)
    form: Form = forms(opened[0].message)[0]
    assert [q.id for q in form.questions] == ["bring_in"]  # no experiment: one question
    empty = bot.click("bob", "prompt.submit", prompt_id, {"bring_in": "  "})
    assert "what you bring in" in empty[0].message.text
    done = bot.click("bob", "prompt.submit", prompt_id, {"bring_in": "Our new intake method"})
    assert "Thanks for checking in" in done[0].message.text
    assert "Bob: Our new intake method" in bot.text("ann", "checkin summary")
    again = bot.click("bob", "prompt.submit", prompt_id, {"bring_in": "twice"})
    assert "already closed" in again[0].message.text
    assert "cat" not in bot.click("cat", "prompt.form", prompt_id)[0].message.text.lower()


def test_reminder_only_to_non_responders_and_only_once(any_bot: Harness) -> None:
    bot = any_bot
    bot.community(members=("bob", "cat"), introduced=True)
    bot.run_due(CHECKIN_AT)
    bot.dm("bob", "Something from my practice")
    bot.run_due(REMINDER_AT)
    bot.run_due(REMINDER_AT + timedelta(hours=1))
    assert reminders(bot.inbox("bob")) == []
    cat = reminders(bot.inbox("cat"))
    assert len(cat) == 1
    assert any(action == "prompt.form" for _, action, _ in buttons(cat[0]))
    assert "Thanks for checking in" in bot.dm_text("cat", "A question about budgets")


def test_late_wave_is_skipped_and_prompts_expire_at_meeting_start(bot: Harness) -> None:
    bot.community(members=("bob",))
    report = bot.run_due(MEETING_AT + timedelta(minutes=1))
    assert report.jobs_skipped >= 2  # check-in and reminder: too late to be useful
    assert checkins(bot.inbox("bob")) == []


def test_prompt_closes_at_meeting_start(bot: Harness) -> None:
    bot.community(members=("bob",))
    bot.run_due(CHECKIN_AT)
    prompt_id = form_prompt_id(checkins(bot.inbox("bob"))[0])
    bot.clock.set(MEETING_AT + timedelta(minutes=1))
    assert "already closed" in bot.click("bob", "prompt.form", prompt_id)[0].message.text


def test_checkin_verb_for_participant_and_send_for_facilitator(bot: Harness) -> None:
    bot.community(members=("bob", "cat"))
    # Bob finished his intake: the wave's digest does not ask its question again, and his
    # plain replies answer the check-in he asked for.
    intake(bot, "bob", "Welzijn Noord")
    own = bot.say("bob", "checkin")[0].message
    assert "What do you bring in?" in own.text
    assert "Only a facilitator" in bot.text("bob", "checkin send")
    assert "sent to 2 members" in bot.text("ann", "checkin send")  # ann and cat; bob had his
    assert len(checkins(bot.inbox("cat"))) == 1
    assert len(checkins(bot.inbox("ann"))) == 1
    assert checkins(bot.inbox("bob")) == []
    bot.run_due(CHECKIN_AT)  # the planned wave finds everyone asked: nothing twice
    assert checkins(bot.inbox("cat")) == [] and checkins(bot.inbox("ann")) == []
    assert "Thanks for checking in" in bot.dm_text("bob", "First version")
    # Asking again re-opens the check-in: the new answer replaces the old one.
    bot.say("bob", "inchecken")
    bot.dm("bob", "Second version")
    summary = bot.text("ann", "checkin summary")
    assert "Bob: Second version" in summary and "First version" not in summary
    # Text after the verb is the check-in itself.
    assert "Thanks for checking in" in bot.text("bob", "checkin Third version")
    assert "Bob: Third version" in bot.text("ann", "checkin summary")


def test_cancelled_meeting_gets_no_checkin(bot: Harness) -> None:
    bot.community(members=("bob",))
    bot.text("ann", "schedule cancel 1")
    bot.run_due(CHECKIN_AT)
    assert checkins(bot.inbox("bob")) == []


def test_dutch_texts(bot: Harness) -> None:
    bot.community(members=("bob",), introduced=True)
    bot.text("ann", "config lang=nl")
    bot.run_due(CHECKIN_AT)
    received = checkins(bot.inbox("bob"))
    assert len(received) == 1
    assert "Inchecken voor bijeenkomst 1" in received[0].text
    assert "Wat breng je in?" in received[0].text
    assert "Dank je voor het inchecken" in bot.dm_text("bob", "Een casus over eenzaamheid")
    assert "1 van 2 beantwoord" in bot.text("ann", "checkin samenvatting")
    assert "Je bent ingecheckt" in bot.text("bob", "status")


def test_experiment_question_follows_for_members_with_open_experiment(bot: Harness) -> None:
    bot.community(members=("bob", "cat"), introduced=True)
    bot.run_due(MEETING_AT + timedelta(hours=2))  # meeting 1 ends: buddy pairs are made
    assert "experiment" in bot.dm_text("bob", "Ask one open question on every home visit")
    second_checkin = datetime(2027, 2, 22, 13, 0, tzinfo=UTC)  # meeting 2: 2027-02-25
    bot.run_due(second_checkin)
    prompt_id = form_prompt_id(checkins(bot.inbox("bob"))[0])
    form = forms(bot.click("bob", "prompt.form", prompt_id)[0].message)[0]
    assert [q.id for q in form.questions] == ["bring_in", "experiment"]
    assert "how did your experiment go" in bot.dm_text("bob", "A case about a neighbour").lower()
    assert "Thanks for checking in" in bot.dm_text("bob", "People talked much more")
    summary = bot.text("ann", "checkin summary")
    assert "Bob: A case about a neighbour" in summary
    assert "experiment: People talked much more" in summary
    assert "People talked much more" in bot.text("bob", "log")
    # Reported: asking again only asks what he brings in.
    bot.say("bob", "checkin")
    assert "Thanks for checking in" in bot.dm_text("bob", "An update")
