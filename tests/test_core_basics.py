"""Community set-up, settings, members, meetings and the parser, through the black-box bot."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.commands.parser import parse, parse_duration, parse_local_datetime
from bot.errors import CopError
from tests.harness import Harness, buttons


def test_setup_makes_founder_organiser(any_bot: Harness) -> None:
    any_bot.community(members=("bob",))
    assert "organiser" in any_bot.text("ann", "members")
    assert "Only an organiser" in any_bot.text("bob", "config size=10")


def test_cadence_generates_thirteen_meetings_over_eighteen_months(bot: Harness) -> None:
    bot.community()
    listing = bot.text("ann", "schedule")
    assert "13. " in listing and "14. " not in listing
    assert "1. 2027-01-14 14:00" in listing


def test_meeting_in_public_holiday_is_refused_and_generated_ones_shift(bot: Harness) -> None:
    bot.community()
    # King's Day, a Dutch public holiday
    assert "is not a meeting day" in bot.text("ann", "schedule add 2027-04-27 14:00")
    reply = bot.text("ann", "pause 2027-02-20 2027-03-07 spring holiday")
    assert "moved to 2027-03-11" in reply
    assert "2027-02-25" not in bot.text("ann", "schedule")


def test_bad_input_gets_friendly_answers_in_member_language(bot: Harness) -> None:
    bot.community(members=("bob",))
    assert "not a date I understand" in bot.text("ann", "schedule add 2027-02-30 14:00")
    assert "don't know the command" in bot.text("bob", "frobnicate")
    assert "not complete" in bot.text("ann", "schedule add")
    assert "too long" in bot.text("bob", "log " + "x" * 3000)
    assert "not a setting" in bot.text("ann", "config colour=blue")
    assert "Only an organiser" in bot.text("bob", "config lang=nl")
    bot.text("ann", "config lang=nl")
    assert "ken ik niet" in bot.text("bob", "frobnicate")


def test_config_is_all_or_nothing(bot: Harness) -> None:
    bot.community()
    assert "not a timezone" in bot.text("ann", "config size=12 tz=Mars/Base")
    assert "size = 20" in bot.text("ann", "config")


def test_join_sends_welcome_and_intake_answered_by_reply(bot: Harness) -> None:
    bot.community()
    bot.text("bob", "join")
    received = bot.inbox("bob")
    assert "Welcome to Test CoP" in received[0].text
    assert "organisation" in received[1].text
    assert any(a == "prompt.form" for _, a, _ in buttons(received[1]))
    assert "discipline" in bot.dm_text("bob", "Gemeente Utrecht")
    bot.dm_text("bob", "Social work")
    bot.dm_text("bob", "Loneliness in the neighbourhood")
    assert "school holiday region" in bot.dm_text("bob", "Listening better")
    assert "Thank you" in bot.dm_text("bob", "Utrecht")
    assert "Gemeente Utrecht" in bot.text("ann", "members")


def test_parser_handles_quotes_mentions_and_durations() -> None:
    parsed = parse('/cop config name="Zorg & Wonen" question=“Hoe dan?”')
    assert parsed.verb == "config"
    assert parsed.args == ["name=Zorg & Wonen", "question=Hoe dan?"]
    assert parse_duration("1d12h") == timedelta(days=1, hours=12)
    assert parse_duration("0m") == timedelta(0)
    with pytest.raises(CopError):
        parse_duration("soon")
    with pytest.raises(CopError):  # skipped hour when clocks go forward
        parse_local_datetime("2027-03-28", "02:30", tz="Europe/Amsterdam")
    assert parse_local_datetime("2027-07-01", "14:00", tz="Europe/Amsterdam") == datetime(
        2027, 7, 1, 12, 0, tzinfo=UTC
    )


def test_roster_sync_invites_non_members_who_join_by_button(bot: Harness) -> None:
    from bot.context import Place

    bot.community(members=("bob",))
    roster = [bot.actor("bob"), bot.actor("cat"), bot.actor("dan")]
    replies = bot.core.handle_roster(
        bot.actor("ann"), Place("console", "general", "channel"), roster
    )
    assert "invited 2" in replies[0].message.text
    invitation = bot.inbox("cat")[0]
    assert buttons(invitation)[0][1:] == ("member.join", "1")
    assert "Welcome" in "\n".join(r.message.text for r in bot.click("cat", "member.join", "1"))
    assert "Cat" in bot.text("ann", "members")
    denied = bot.core.handle_roster(
        bot.actor("bob"), Place("console", "general", "channel"), roster
    )
    assert "Only a facilitator" in denied[0].message.text


def test_joining_at_night_still_gets_the_welcome_at_once(bot: Harness) -> None:
    bot.community()
    bot.clock.set(datetime(2027, 1, 4, 23, 30, tzinfo=UTC))  # 00:30 in Amsterdam
    bot.text("bob", "join")
    received = bot.inbox("bob")
    assert "Welcome to Test CoP" in received[0].text  # they are awake: no quiet hours


def test_organisers_hear_once_when_the_group_leaves_eight_to_twenty_five(bot: Harness) -> None:
    bot.community(members=tuple(f"m{i:02}" for i in range(24)))  # 25 with the organiser
    bot.inbox("ann")
    bot.text("zoe", "join")
    (warning,) = bot.inbox("ann")
    assert "26 active members" in warning.text and "8 to 25" in warning.text
    bot.text("zed", "join")
    assert bot.inbox("ann") == []  # 27: already said
    for name in ["zed", "zoe", *(f"m{i:02}" for i in range(18))]:
        bot.text(name, "leave")
    (low,) = bot.inbox("ann")
    assert "7 active members" in low.text


def test_an_end_date_weeks_after_a_meeting_keeps_that_meeting(bot: Harness) -> None:
    bot.community()
    bot.text("ann", "config end=2028-07-01")
    listing = bot.text("ann", "schedule")
    assert "13. 2028-06-01 14:00" in listing and "14. " not in listing


def test_a_past_moment_is_said_to_be_past_before_anything_else(bot: Harness) -> None:
    bot.community()
    assert "already passed" in bot.text("ann", "schedule add 2020-01-01 14:00")  # New Year's Day


def test_the_founder_gets_the_intake_once_in_the_language_just_chosen(bot: Harness) -> None:
    bot.text("ann", "setup Test CoP")
    assert bot.inbox("ann") == []
    bot.text("ann", "config lang=en size=18")
    (intake,) = bot.inbox("ann")
    assert "Which organisation do you work for?" in intake.text
    bot.text("ann", "config size=20")
    assert bot.inbox("ann") == []
    assert "discipline" in bot.dm_text("ann", "Gemeente Utrecht")


def test_the_intake_stops_catching_stray_replies_after_two_weeks(bot: Harness) -> None:
    bot.community()
    bot.text("bob", "join")
    bot.clock.advance(timedelta(days=15))
    assert "no open question" in bot.dm_text("bob", "Thanks!")
    assert "Thanks!" not in bot.text("ann", "members")


def test_a_member_chooses_their_own_language(bot: Harness) -> None:
    bot.community(members=("bob",))
    assert "Nederlands" in bot.text("bob", "taal nl")
    assert "ken ik niet" in bot.text("bob", "frobnicate")
    assert "don't know the command" in bot.text("ann", "frobnicate")  # the community stays en
    assert "English" in bot.text("bob", "language default")
    assert "I speak English (`en`) and Dutch (`nl`)" in bot.text("bob", "language fr")


def test_an_answer_that_starts_with_a_verb_is_an_answer_while_a_question_is_open(
    bot: Harness,
) -> None:
    bot.community()
    bot.text("bob", "join")
    assert "discipline" in bot.dm_text("bob", "Success Foundation Utrecht")  # prose: an answer
    assert "Test CoP" in bot.dm_text("bob", "status")  # a lone verb: the command
    assert "Noted" in bot.dm_text("bob", "log called the GP about Mrs Jansen")  # lower case
    assert "practice" in bot.dm_text("bob", "Social work")
    assert "Success Foundation Utrecht" in bot.text("ann", "members")


def test_verbs_refuse_words_they_do_not_take(bot: Harness) -> None:
    """Every verb and subcommand says in the verb table how many words it takes; one word
    more is refused with the verb's usage, and nothing happens."""
    from bot.commands.registry import canonical_verbs

    bot.community(members=("bob",))
    left = bot.text("bob", "leave <@ann>")
    assert "did not expect `<@ann>`" in left and "Usage: `leave`" in left, left
    assert "Welcome" not in bot.text("bob", "status") and "Bob" in bot.text("ann", "members")
    dutch = bot.text("ann", "config lang=nl") and bot.text("bob", "afmelden nu")
    assert "Daar verwachtte ik geen `nu`" in dutch and "Gebruik" in dutch, dutch
    bot.text("ann", "config lang=en")
    checked = 0
    for verb in canonical_verbs():
        cases = [((), verb.args)] + [((word,), spec) for word, spec in verb.sub_args.items()]
        for prefix, spec in cases:
            if spec.most is None:
                continue
            words = " ".join([verb.name, *prefix, *(["2027-01-01"] * spec.most), "surplus"])
            answer = bot.text("ann", words)
            assert "did not expect `surplus`" in answer, (words, answer)
            assert f"Usage: `{verb.name}" in answer or "Usage:" in answer, (words, answer)
            checked += 1
    assert checked >= 20
