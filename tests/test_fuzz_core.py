"""Property-based fuzzing (hypothesis) of the command parser and the core's front door.

Whatever anyone types, clicks or sends in a form, under whatever id and in whatever place:
the parser either reads it or raises the core's own friendly error, and the core always
answers, in the language of the person, and never with "something went wrong" (an exception
that escaped a handler) or an error in its log. The core runs for real, on SQLite and on
PostgreSQL (where NUL characters and out-of-range numbers used to be database errors).

``make test`` runs 150 examples per property (seconds); ``COPBOT_FUZZ_EXAMPLES=2000`` digs
deeper. On the code before the front door cleaned its input, 300 examples found NUL
characters (DataError), integers out of range and lone surrogates in ids (encode errors).
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.commands import parser
from bot.commands.registry import actions, canonical_verbs
from bot.communities.settings import DUTCH_KEYS, KEYS
from bot.context import Actor, Place, Reply, Submission
from bot.errors import CopError
from bot.i18n import catalog
from tests.harness import CHANNEL, PLATFORM, Harness

SETTINGS = settings(
    max_examples=int(os.environ.get("COPBOT_FUZZ_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
PEOPLE = ("ann", "bob", "cat", "zoe")  # organiser, member, member, outsider
# Verbs whose whole point is to change the language of the answer are left to their own tests.
LANGUAGE_CHANGES = {"language", "taal"}


# -- strategies --------------------------------------------------------------------------------
def verb_words() -> list[str]:
    words: list[str] = []
    for verb in canonical_verbs():
        if verb.name in LANGUAGE_CHANGES:
            continue
        words += [verb.name, *verb.aliases]
    return words


nasty_text = st.text(
    alphabet=st.characters(codec=None, categories=None, exclude_characters=""),
    max_size=40,
)
numbers = st.one_of(
    st.integers(-(2**70), 2**70).map(str),
    st.sampled_from(["0", "1", "2", "3", "13", "2147483647", "2147483648", "9" * 60, "-1", "+3"]),
    # Digits that str.isdigit() accepts and int() does not, or reads as another number.
    st.sampled_from(["²⁰²⁷", "١٢٣٤", "𝟚𝟘𝟚𝟟", "2027"]),
)
dates = st.one_of(
    st.dates().map(str),
    st.sampled_from(["2027-01-14", "2027-02-30", "9999-12-31", "0001-01-01", "2027-1-1"]),
)
times = st.one_of(st.sampled_from(["14:00", "25:00", "23:59", "7.30", "00:00"]), nasty_text)
mentions = st.one_of(
    st.sampled_from([f"<@{p}>" for p in PEOPLE] + ["<@ghost>", "<@>", "<@x|Name>", "@bob"]),
    nasty_text.map(lambda s: f"<@{s}>"),
)
setting_keys = sorted(k for k in (*KEYS, *DUTCH_KEYS) if k not in ("lang", "taal"))
pairs = st.builds(
    lambda k, v, quoted: f'{k}="{v}"' if quoted else f"{k}={v}",
    st.sampled_from(setting_keys),
    st.one_of(nasty_text, numbers, dates, st.sampled_from(["yes", "no", "3d", "6w", "mon 09:00"])),
    st.booleans(),
)
words = st.one_of(
    nasty_text, numbers, dates, times, mentions, pairs,
    st.sampled_from(["add", "move", "cancel", "send", "close", "summary", "sync", "confirm",
                     "remove", "list", "until", "participant", "organiser", "generate", '"', "“",
                     "zomervakantie", "herfstvakantie", "zuid", "noord", "midden", "alle"]),
)  # fmt: skip
commands = st.builds(
    lambda verb, args, prefix: f"{prefix}{verb} {' '.join(args)}",
    st.sampled_from(verb_words()),
    st.lists(words, max_size=5),
    st.sampled_from(["", "", "/cop ", "/", " "]),
)
any_text = st.one_of(commands, nasty_text, st.sampled_from(["4", "-", "ja", "5/5", ""]))
action_ids = st.one_of(st.sampled_from(sorted(actions())), nasty_text)
values = st.one_of(
    numbers,
    nasty_text,
    st.builds(lambda a, b: f"{a}:{b}", numbers, st.one_of(numbers, nasty_text)),
)
fields = st.dictionaries(
    st.sampled_from(["rating", "valuable", "topics", "organisation", "experiment", "answer"])
    | nasty_text,
    st.one_of(nasty_text, numbers),
    max_size=4,
)
people = st.one_of(st.sampled_from(PEOPLE), nasty_text.filter(bool))
places = st.sampled_from(["channel", "dm", "elsewhere"])


# -- the language of an answer ------------------------------------------------------------------
@cache
def fragments() -> dict[str, tuple[str, ...]]:
    """Per language, long literal pieces of the texts that exist only in that language."""
    found: dict[str, set[str]] = {"en": set(), "nl": set()}
    for entry in catalog().values():
        en, nl = entry.get("en", ""), entry.get("nl", "")
        if en == nl:
            continue
        for lang, other, template in (("en", nl, en), ("nl", en, nl)):
            for piece in re.split(r"\{[^}]*\}|`[^`]*`", template):
                piece = piece.strip(" .,:;!?()\n")
                if len(piece) >= 16 and piece not in other:
                    found[lang].add(piece)
    return {lang: tuple(sorted(pieces)) for lang, pieces in found.items()}


def language_of(text: str) -> set[str]:
    return {lang for lang, pieces in fragments().items() if any(p in text for p in pieces)}


# -- the bot ----------------------------------------------------------------------------------
@pytest.fixture
def fuzz_bot(any_db_url: str) -> Iterator[Harness]:
    """A Dutch community: Ann organises, Bob and Cat are members, Zoe is an outsider;
    a meeting was held and its evaluation is open, so prompts and buttons are live."""
    bot = Harness(any_db_url)
    bot.community(
        members=("bob", "cat"),
        settings='lang=nl start=2027-01-14 time=14:00 question="Hoe houden we ouderen thuis?"',
    )
    bot.run_due(datetime(2027, 1, 14, 16, 0, tzinfo=UTC))
    yield bot
    bot.close()


def actor(bot: Harness, user: str) -> Actor:
    return Actor(PLATFORM, user, display_name=user.capitalize(), lang="nl")


def place(user: str, where: str) -> Place:
    if where == "dm":
        return Place(PLATFORM, user, "dm")
    return Place(PLATFORM, CHANNEL if where == "channel" else "elsewhere", "channel")


def check(replies: list[Reply], caplog: pytest.LogCaptureFixture) -> None:
    internal = catalog()["error.internal"]
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    caplog.clear()
    assert not errors, [r.getMessage() for r in errors]
    assert replies, "no answer at all"
    for reply in replies:
        text = reply.message.text
        assert internal["nl"] not in text and internal["en"] not in text, text
        assert "en" not in language_of(text), f"an English answer to a Dutch speaker: {text!r}"


# -- the parser ---------------------------------------------------------------------------------
@SETTINGS
@given(text=st.one_of(any_text, nasty_text, st.text(max_size=300)))
def test_the_parser_reads_anything_or_says_why(text: str) -> None:
    try:
        parsed = parser.parse(text)
    except CopError:
        return
    assert parsed.verb == parsed.verb.lower()
    for index in range(len(parsed.tokens) + 1):
        parsed.rest(index)
        try:
            number = parsed.number(index)
        except CopError:
            continue
        assert 1 <= number <= parser.MAX_ID


@SETTINGS
@given(value=st.one_of(nasty_text, numbers, dates, times, st.text(max_size=50)))
def test_every_value_reader_either_reads_or_refuses_kindly(value: str) -> None:
    readers = (
        parser.parse_date,
        parser.parse_time,
        parser.parse_duration,
        parser.parse_number,
        lambda v: parser.parse_local_datetime(v, "14:00", tz="Europe/Amsterdam"),
        lambda v: parser.parse_local_datetime("2027-03-28", v, tz="Europe/Amsterdam"),
    )
    for read in readers:
        with contextlib.suppress(CopError):
            read(value)
    number = parser.parse_id(value)
    assert number is None or 1 <= number <= parser.MAX_ID


# -- the core's front door -------------------------------------------------------------------------
@SETTINGS
@given(user=people, where=places, text=any_text)
def test_any_command_gets_a_friendly_dutch_answer(
    fuzz_bot: Harness, caplog: pytest.LogCaptureFixture, user: str, where: str, text: str
) -> None:
    bot = fuzz_bot
    check(bot.core.handle_command(actor(bot, user), place(user, where), text), caplog)


@SETTINGS
@given(user=people, text=any_text)
def test_any_message_gets_a_friendly_dutch_answer(
    fuzz_bot: Harness, caplog: pytest.LogCaptureFixture, user: str, text: str
) -> None:
    bot = fuzz_bot
    check(bot.core.handle_message(actor(bot, user), place(user, "dm"), text), caplog)


@SETTINGS
@given(user=people, where=places, action=action_ids, value=values, form=fields)
def test_any_click_or_form_gets_a_friendly_dutch_answer(
    fuzz_bot: Harness,
    caplog: pytest.LogCaptureFixture,
    user: str,
    where: str,
    action: str,
    value: str,
    form: dict[str, str],
) -> None:
    bot = fuzz_bot
    submission = Submission(action, value, form)
    check(bot.core.handle_action(actor(bot, user), place(user, where), submission), caplog)


@SETTINGS
@given(steps=st.lists(st.tuples(people, places, any_text), min_size=1, max_size=8))
def test_sequences_of_inputs_and_timed_work(
    fuzz_bot: Harness, caplog: pytest.LogCaptureFixture, steps: list[tuple[str, str, str]]
) -> None:
    """A run of inputs with time passing between them, the due work run after each."""
    bot = fuzz_bot
    for user, where, text in steps:
        check(bot.core.handle_command(actor(bot, user), place(user, where), text), caplog)
        bot.clock.advance(timedelta(days=2))
        bot.core.run_due(bot.clock())
        errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
        caplog.clear()
        assert not errors, [r.getMessage() for r in errors]
