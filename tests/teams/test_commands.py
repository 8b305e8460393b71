"""Every verb typed in Teams, in a channel (``@copbot <verb>``) and in the 1:1 chat."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.commands.registry import canonical_verbs, verbs
from bot.members.models import Member
from bot.places.models import CommunityPlace
from tests.teams.conftest import CHANNEL, TEAM, TENANT, TeamsClient, uid

INTERNAL = "something went wrong"
UNKNOWN = "I don't know the command"
SETTINGS = 'lang=en start=2027-01-14 time=14:00 question="How do we keep elderly people at home?"'


def community(teams: TeamsClient, *members: str) -> None:
    assert "Test CoP" in teams.command("ann", "setup Test CoP")
    assert "Saved" in teams.command("ann", f"config {SETTINGS}")
    for name in members:
        assert "Welcome" in teams.command(name, "join")


def member(teams: TeamsClient, user: str) -> Member:
    with teams.bot.factory() as session:
        return session.scalars(select(Member).where(Member.user_id == uid(user))).one()


def test_setup_binds_the_channel_and_keeps_the_tenant(teams: TeamsClient) -> None:
    said = teams.command("ann", "setup Test CoP")
    assert "Test CoP" in said
    with teams.bot.factory() as session:
        row = session.scalars(select(CommunityPlace)).one()
    assert (row.platform, row.channel_id, row.team_id) == ("teams", CHANNEL, TEAM)
    assert row.address is not None
    assert row.address["tenantId"] == TENANT
    assert row.address["reference"]["conversation"]["id"] == CHANNEL
    # The announcement is a reply in the thread of the command.
    reply = next(c for c in teams.fake.calls if c.conversation_id.startswith(CHANNEL))
    assert reply.activity_id is not None and reply.body["replyToId"] == reply.activity_id
    founder = member(teams, "ann")
    assert founder.display_name == "Ann" and founder.role == "organiser"
    assert founder.address is not None and founder.address["tenantId"] == TENANT


def test_the_bot_mention_is_stripped_and_other_mentions_resolve(teams: TeamsClient) -> None:
    community(teams, "bob", "cas")
    said = teams.command("ann", "role @bob facilitator", mentions=("bob",))
    assert "Bob de Vries" in said and "acilitator" in said, said
    assert member(teams, "bob").role == "facilitator"
    said = teams.command("ann", "role @cas organiser", mentions=("cas",))
    assert member(teams, "cas").role == "organiser", said


def test_private_answers_in_a_channel_go_to_the_one_to_one_chat(teams: TeamsClient) -> None:
    community(teams, "bob")
    teams.fake.clear()
    said = teams.command("bob", "status")
    assert "Test CoP" in said
    assert any("Test CoP" in t for t in teams.dm_texts("bob"))
    assert not teams.channel_texts()


def test_plain_text_in_the_personal_chat_is_a_command_or_an_answer(teams: TeamsClient) -> None:
    community(teams, "bob")
    # bob joined in the channel and never wrote to the bot: the intake reached him anyway.
    assert teams.fake.created_for(uid("bob"))
    assert any("organisation" in t.lower() for t in teams.dm_texts("bob")), teams.dm_texts("bob")
    said = teams.chat("bob", "Gemeente Utrecht")
    assert member(teams, "bob").organisation == "Gemeente Utrecht", said
    said = teams.chat("bob", "log tried the kitchen-table conversation")
    assert INTERNAL not in said and UNKNOWN not in said


def test_timezone_and_language_come_from_the_client_info(teams: TeamsClient) -> None:
    community(teams)
    teams.command("bob", "join")
    assert teams.dm("bob", "status", tz="Europe/Amsterdam") == 200
    assert member(teams, "bob").tz == "Europe/Amsterdam"
    stored = member(teams, "bob").address
    assert stored is not None and stored["kind"] == "personal"
    assert stored["reference"]["conversation"]["id"] == f"a:{uid('bob')}"


def test_unknown_verbs_and_errors_answer_privately(teams: TeamsClient) -> None:
    community(teams)
    assert UNKNOWN in teams.command("ann", "frobnicate")
    # In the 1:1 chat plain text that is not a verb is an answer, not an unknown command:
    # here to the intake the organiser was asked after configuring.
    assert "What is your discipline" in teams.chat("ann", "frobnicate now")


EVERY_VERB = [
    # (user, where, text) — run in order, as one CoP cycle in Teams.
    ("ann", "channel", "help"),
    ("ann", "channel", "setup Test CoP"),
    ("ann", "channel", f"config {SETTINGS}"),
    ("bob", "channel", "join"),
    ("cas", "channel", "join"),
    ("dee", "channel", "join"),
    ("eva", "channel", "join"),
    ("ann", "channel", "status"),
    ("ann", "channel", "members"),
    ("ann", "channel", "role @bob facilitator"),
    ("ann", "channel", "schedule"),
    ("ann", "channel", "schedule add 2027-01-21 14:00"),
    ("ann", "channel", "schedule move 2 2027-01-22 14:00"),
    ("ann", "channel", "schedule cancel 2"),
    ("ann", "channel", 'theme 1 "Kitchen-table conversations"'),
    ("ann", "channel", "pause 2027-07-10 2027-08-22 Summer"),
    ("ann", "channel", "facilitators"),
    ("ann", "channel", "rotate"),
    ("ann", "channel", "swap 1 @ann @cas"),
    ("ann", "channel", "pass 1 @dee"),
    ("ann", "channel", "pair"),
    ("bob", "dm", "buddy"),
    ("bob", "dm", "experiment Ask one client what home means"),
    ("bob", "dm", "checkin"),
    ("bob", "dm", "evaluate"),
    ("bob", "dm", "results"),
    ("bob", "dm", "goal Learn to listen"),
    ("bob", "dm", "log Tried it today"),
    ("bob", "dm", "success Mrs J. stays at home"),
    ("ann", "channel", "digest"),
    ("ann", "channel", "report"),
    ("bob", "dm", "map"),
    ("ann", "channel", "link"),
    ("bob", "dm", "places"),
    ("ann", "channel", "unlink"),
    ("eva", "dm", "my-data"),
    ("eva", "dm", "away until 2027-03-01"),
    ("eva", "dm", "back"),
    ("eva", "dm", "language en"),
    ("eva", "dm", "region zuid"),
    ("eva", "dm", "timezone Europe/Amsterdam"),
    ("eva", "dm", "share email eva@example.org"),
    ("bob", "dm", "coming maybe"),
    ("ann", "channel", "attendance"),
    ("bob", "dm", "calendar"),
    ("dee", "channel", "leave"),
    ("eva", "dm", "forget-me"),
]


def test_every_verb_works_in_teams(teams: TeamsClient) -> None:
    registered = verbs()
    covered: set[str] = set()
    for user, where, text in EVERY_VERB:
        verb = text.split()[0]
        if verb not in registered:
            continue  # a slice that is not in this build yet
        mentions = tuple(w[1:] for w in text.split() if w.startswith("@"))
        said = teams.command(user, text, mentions=mentions) if where == "channel" else None
        if said is None:
            said = teams.chat(user, text)
        assert said, f"no answer to {text!r}"
        assert INTERNAL not in said, f"{text!r}: {said}"
        assert UNKNOWN not in said, f"{text!r}: {said}"
        covered.add(verb)
    missing = {verb.name for verb in canonical_verbs()} - covered
    assert not missing, missing


@pytest.mark.parametrize("alias", ["hulp", "?"])
def test_dutch_aliases(teams: TeamsClient, alias: str) -> None:
    if alias not in verbs():
        pytest.skip("alias not registered")
    assert teams.chat("ann", alias)
