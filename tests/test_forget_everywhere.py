"""After `forget-me`, not one byte of the person is left: every table and every column of the
database (found by reflection, so a table added later is covered too) and, on SQLite, the raw
bytes of the database file after a WAL checkpoint."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, inspect, select, text

from bot.context import Place
from bot.messages import Message, names_only
from bot.outbox.models import Delivery
from tests.harness import CHANNEL, PLATFORM, Harness, buttons

# Zelda is the person who asks to be forgotten; every string below is hers alone.
ZELDA = "zelda"
INTAKE = (
    "Wijkteam Oostpolder",
    "Ergotherapeut Vlietland",
    "Mevrouw Kwartelkoning en de trap",
    "Leren doorvragen bij Quirinus",
)
HER_WORDS = (
    "Logboek Pimpernel",
    "Doel Hazelworm",
    "Succes Marmelade",
    "Inbreng Rododendron",
    "Experiment Quokkaberg",
)
NEEDLES = (ZELDA, *INTAKE, *HER_WORDS)

CHECKIN_1 = datetime(2027, 1, 11, 13, 0, tzinfo=UTC)
BRIEF_1 = datetime(2027, 1, 13, 13, 0, tzinfo=UTC)
PAIRING_1 = datetime(2027, 1, 14, 15, 0, tzinfo=UTC)
EVALUATION_1 = datetime(2027, 1, 14, 16, 0, tzinfo=UTC)
DIGEST = datetime(2027, 1, 18, 8, 0, tzinfo=UTC)


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).decode("utf-8", "replace")
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def traces(engine: Engine) -> list[str]:
    """Every table and column holding one of the needles (case-insensitive)."""
    found = []
    tables = inspect(engine).get_table_names()
    assert len(tables) > 15, tables  # reflection, not a list kept by hand
    with engine.connect() as conn:
        for table in tables:
            result = conn.execute(text(f'SELECT * FROM "{table}"'))
            columns = list(result.keys())
            for row in result:
                for column, value in zip(columns, row, strict=True):
                    shown = cell(value).lower()
                    for needle in NEEDLES:
                        if needle.lower() in shown:
                            found.append(f"{table}.{column}: {needle!r} in {cell(value)[:300]!r}")
    return found


def raw_traces(engine: Engine) -> list[str]:
    """SQLite: the needles in the file's bytes once the WAL is checkpointed into it."""
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    database = engine.url.database
    assert database is not None
    found = []
    for path in (Path(database), Path(f"{database}-wal")):
        if not path.exists():
            continue
        data = path.read_bytes().lower()
        found += [f"{path.name}: {n!r}" for n in NEEDLES if n.lower().encode() in data]
    return found


def zelda_takes_part(bot: Harness) -> None:
    bot.community(members=("bob", "cat", "dan"))
    channel = Place(PLATFORM, CHANNEL, "channel")
    # Invited with members sync, joined with the invitation's button.
    roster = [bot.actor(ZELDA)]
    assert "invited 1" in "\n".join(
        r.message.text for r in bot.core.handle_roster(bot.actor("ann"), channel, roster)
    )
    [invitation] = bot.inbox(ZELDA)
    [(_, action, value)] = buttons(invitation)
    assert "Welcome" in "\n".join(r.message.text for r in bot.click(ZELDA, action, value))
    for answer in INTAKE:
        bot.dm(ZELDA, answer)
    assert "Noted" in bot.text(ZELDA, f"log {HER_WORDS[0]}")
    bot.text(ZELDA, f"goal {HER_WORDS[1]}")
    bot.text(ZELDA, f"success {HER_WORDS[2]}")
    bot.run_due(CHECKIN_1)
    bot.dm(ZELDA, HER_WORDS[3])
    bot.run_due(BRIEF_1)
    bot.run_due(PAIRING_1)
    agreed = bot.text(ZELDA, f"experiment {HER_WORDS[4]}")
    assert HER_WORDS[4] in agreed, agreed
    bot.run_due(EVALUATION_1)
    bot.dm(ZELDA, "4")
    bot.run_due(DIGEST)
    # Before: she is everywhere (the test would prove nothing otherwise).
    before = traces(bot.engine)
    assert any("deliveries.payload" in t and "Experiment Quokkaberg" in t for t in before)
    assert any("members." in t for t in before)


def test_forget_me_leaves_no_trace_in_any_table(any_bot: Harness) -> None:
    bot = any_bot
    zelda_takes_part(bot)
    assert "erased" in bot.dm_text(ZELDA, "forget-me confirm")
    assert traces(bot.engine) == []
    if bot.engine.dialect.name == "sqlite":
        bot.engine.dispose()
        assert raw_traces(bot.engine) == []
    # The messages the others got still read, without her; and copbot goes on working.
    with bot.factory() as session:
        sent = [
            names_only(Message.from_dict(p).text)  # read as shown: people by name
            for p in session.scalars(select(Delivery.payload))
        ]
    assert any("You, Bob and former member are buddies" in m for m in sent), sent
    assert any("former member noted your group's experiment: (erased)" in m for m in sent)
    assert "Test CoP" in bot.text("ann", "status")


def test_forget_me_of_someone_only_invited_or_asking(any_bot: Harness) -> None:
    bot = any_bot
    bot.community()
    assert "Saved" in bot.text("ann", "config open=no")
    # She asks to join the closed community (the organisers' DM names her) ...
    assert "asked its organisers" in bot.text(ZELDA, "join")
    # ... and is invited to another one (the invitation is addressed to her user id).
    assert "Other CoP" in bot.text("ann", "setup Other CoP", channel="other")
    other = Place(PLATFORM, "other", "channel")
    bot.core.handle_roster(bot.actor("ann"), other, [bot.actor(ZELDA)])
    assert any("join_requests" in t for t in traces(bot.engine))
    assert any("deliveries.key" in t for t in traces(bot.engine))
    assert "gewist" in bot.dm_text(ZELDA, "forget-me confirm")  # no community: copbot's default
    assert traces(bot.engine) == []


def test_forget_me_erases_both_accounts_of_a_linked_member(any_bot: Harness) -> None:
    """Zelda is in the community from the console and, with a second account, from a channel
    on another platform linked to it; `link me` made the two one member. forget-me typed from
    either account erases both."""
    from bot.context import Actor
    from bot.outbox.sender import RecordingSender

    bot = any_bot
    bot.core.senders["other"] = RecordingSender()
    zelda_takes_part(bot)
    code = re.findall(r"[A-Z2-9]{4}-[A-Z2-9]{4}", bot.text("ann", "link"))[-1]
    room = Place("other", "19:room@thread", "channel", team_id="team-b")
    second = Actor("other", "29:zelda", display_name="Zelda Z.", lang="en")
    organiser = Actor("other", "29:otto", display_name="Otto", lang="en")
    bot.core.handle_command(organiser, room, f"link {code}")
    bot.core.handle_command(second, room, "join")
    asked = bot.dm_text(ZELDA, "link me")
    assert "I sent you a code" in asked, asked
    mine = re.findall(r"[A-Z2-9]{4}-[A-Z2-9]{4}", bot.sender.to(ZELDA)[-1].text)[-1]
    dm = Place("other", "a:29:zelda", "dm")
    linked = bot.core.handle_message(second, dm, f"link me {mine}")
    assert "one member" in linked[0].message.text
    assert any("29:zelda" in t for t in traces(bot.engine))
    erased = bot.core.handle_message(second, dm, "forget-me confirm")
    assert "erased" in names_only(erased[0].message.text), erased
    assert traces(bot.engine) == []
    if bot.engine.dialect.name == "sqlite":
        bot.engine.dispose()
        assert raw_traces(bot.engine) == []
    assert "Test CoP" in bot.text("ann", "status")
