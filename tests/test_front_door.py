"""The core's front door: characters no database can store, and numbers no row can have.

PostgreSQL refuses a NUL character in any text, also as a query parameter; an INTEGER column
holds -2**31..2**31-1. Both used to come back as "something went wrong" (a DataError).
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.context import Actor, Place, Submission
from bot.logbook.models import LogEntry
from bot.members.models import Member
from bot.texts import TEXTS
from tests.harness import CHANNEL, PLATFORM, Harness

INTERNAL = (TEXTS["error.internal"]["en"], TEXTS["error.internal"]["nl"])
HUGE = ("2147483648", "9223372036854775808", "-1", "0", "-9223372036854775809", "9" * 3000)


def texts(replies: list) -> str:  # type: ignore[type-arg]
    return "\n".join(r.message.text for r in replies)


def assert_friendly(replies: list) -> str:  # type: ignore[type-arg]
    assert replies, "no answer at all"
    text = texts(replies)
    assert not any(internal in text for internal in INTERNAL), text
    return text


def test_nul_characters_in_text_are_dropped_once_for_every_verb(any_bot: Harness) -> None:
    bot = any_bot
    bot.community(members=("bob",))
    assert "Noted" in assert_friendly(bot.say("bob", "log before\x00after"))
    assert_friendly(bot.say("bob", "goal listen\x00 better"))
    assert_friendly(bot.say("bob", "success a\x00b"))
    assert "Saved" in assert_friendly(bot.say("ann", 'config question="Why\x00 not?"'))
    assert_friendly(bot.say("ann", "theme 1 Care\x00 at home"))
    with bot.factory() as session:
        texts_stored = set(session.scalars(select(LogEntry.text)))
    assert "beforeafter" in texts_stored
    assert not any("\x00" in t for t in texts_stored)
    assert "Why not?" in bot.text("ann", "config")


def test_nul_characters_in_answers_buttons_and_forms(any_bot: Harness) -> None:
    bot = any_bot
    bot.community()
    assert "Welcome" in assert_friendly(bot.say("bob", "join"))
    # The intake question is open: a plain reply with a NUL answers it.
    assert_friendly(bot.dm("bob", "Gemeente\x00 Utrecht"))
    with bot.factory() as session:
        bob = session.scalars(select(Member).where(Member.user_id == "bob")).one()
        assert bob.organisation == "Gemeente Utrecht"
    for action, value in (
        ("prompt.answer", "1\x00:2"),
        ("prompt.form", "\x00"),
        ("member.join", "1\x00"),
        ("swap.confirm", "\x00"),
        ("experiment.done", "\x00"),
        ("nothing\x00", "x"),
    ):
        assert_friendly(bot.click("bob", action, value))
    assert_friendly(bot.click("bob", "prompt.submit", "1", {"organisation\x00": "a\x00b"}))


def test_nul_characters_in_ids_and_names(any_bot: Harness) -> None:
    bot = any_bot
    bot.community()
    core = bot.core
    channel = Place(PLATFORM, CHANNEL, "channel")
    # A display name is text: the NUL goes, the name stays.
    named = Actor(PLATFORM, "carol", display_name="Car\x00ol")
    assert "Welcome" in assert_friendly(core.handle_command(named, channel, "join"))
    with bot.factory() as session:
        carol = session.scalars(select(Member).where(Member.user_id == "carol")).one()
        assert carol.display_name == "Carol"
    # An id is not ours to edit: refused in the caller's language, never mistaken for another.
    for actor, place in (
        (Actor(PLATFORM, "dave\x00", display_name="Dave"), channel),
        (Actor(PLATFORM, "dave", lang="nl"), Place(PLATFORM, "general\x00", "channel")),
        (Actor(PLATFORM, "dave"), Place(PLATFORM, CHANNEL, "channel", team_id="T\x00")),
        (Actor(PLATFORM, "dave"), Place(PLATFORM, "dave\x00", "dm")),
    ):
        assert_friendly(core.handle_command(actor, place, "join"))
        assert_friendly(core.handle_message(actor, place, "hello"))
        assert_friendly(core.handle_action(actor, place, Submission("member.join", "1")))
    refused = texts(core.handle_command(Actor(PLATFORM, "x\x00", lang="nl"), channel, "status"))
    assert refused == TEXTS["error.bad_characters"]["nl"]
    assert core.lang(Actor(PLATFORM, "x\x00", lang="en"), channel) == "en"
    assert core.home(Actor(PLATFORM, "x\x00")).text
    stored = core.record(PLATFORM, "event\x00", {"text": "before\x00after"})
    assert stored is not None and core.record(PLATFORM, "event\x00", {}) is None
    with bot.factory() as session:
        assert (
            session.scalars(select(Member.user_id).where(Member.user_id.like("dave%"))).all() == []
        )


def test_lone_surrogates_are_replaced(any_bot: Harness) -> None:
    bot = any_bot
    bot.community(members=("bob",))
    assert "Noted" in assert_friendly(bot.say("bob", "log half \ud800 a pair"))
    with bot.factory() as session:
        assert "half ? a pair" in set(session.scalars(select(LogEntry.text)))


@pytest.mark.parametrize("number", HUGE)
def test_numbers_beyond_the_column_range_are_unknown_numbers(any_bot: Harness, number: str) -> None:
    bot = any_bot
    bot.community(members=("bob",))
    unknown = bot.text("ann", "schedule cancel 99")
    assert unknown == "There is no meeting 99. See `schedule`."
    shown = number[:40]
    for command in (
        f"schedule cancel {number}",
        f"schedule move {number} 2027-03-01 14:00",
        f"theme {number} Care at home",
        f"results {number}",
        f"checkin summary {number}",
        f"rotate {number}",
        f"pass {number}",
        f"swap {number} <@ann> <@bob>",
    ):
        text = assert_friendly(bot.say("ann", command))
        assert text.startswith(f"There is no meeting {shown}."), (command, text)


@pytest.mark.parametrize("number", HUGE)
def test_button_values_beyond_the_column_range_are_stale_buttons(
    any_bot: Harness, number: str
) -> None:
    bot = any_bot
    bot.community(members=("bob",))
    for action, value in (
        ("prompt.answer", f"{number}:3"),
        ("prompt.form", number),
        ("prompt.submit", number),
        ("member.join", number),
        ("swap.confirm", number),
        ("swap.decline", number),
        ("experiment.done", number),
    ):
        assert_friendly(bot.click("bob", action, value))


def test_numbers_in_settings_and_answers(any_bot: Harness) -> None:
    bot = any_bot
    bot.community(members=("bob",))
    for value in ("9" * 3000, "١٢"):
        text = assert_friendly(bot.say("ann", f"config size={value}"))
        assert "is not a number I can use here" in text, text
    for value in ("2147483648", "-5"):  # numbers, outside the range a size can have
        text = assert_friendly(bot.say("ann", f"config size={value}"))
        assert "use 2 to 500" in text, text
    for value in ("9" * 7 + "w", "99999999999999999d", "1" * 400 + "m"):
        text = assert_friendly(bot.say("ann", f"config checkin_before={value}"))
        assert "is not a duration I understand" in text, text
    # Digits str.isdigit() takes for a year but int() cannot read.
    for year in ("²⁰²⁷", "١٢٣٤"):
        text = assert_friendly(bot.say("ann", f"pause zomervakantie zuid {year}"))
        assert "could not read" in text, text
    for value in ("9" * 3000, "2147483648", "٣"):
        prompt_value = f"1:{value}"
        assert_friendly(bot.click("bob", "prompt.answer", prompt_value))
