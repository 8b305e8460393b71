"""One community with a Slack channel and a Teams channel, end to end: every input goes to
copbot serve's real endpoints (/slack/events signed like Slack signs, /api/messages shaped
like Teams' activities), every output is read at the fake Slack Web API and the fake Bot
Framework connector. Join from both, one person's two accounts made one (`link me`), rotate,
pair across platforms, buddies writing each other both ways, the digest, unlink."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlencode

import pytest

from tests.slack.fake_slack import BOT_USER, FakeSlack
from tests.slack.workspace import SECRET, TOKEN, dm_of, event_callback, slash_command
from tests.two_platforms import Served, serving

SLACK_CHANNEL = "C0COP"
CODE = re.compile(r"\b[A-Z2-9]{4}-[A-Z2-9]{4}\b")
ORGANISATIONS = {"UANN": "Gemeente Leiden", "UBOB": "Gemeente Leiden"}
TEAMS_ORGANISATIONS = {"cas": "Zorggroep Oost", "dee": "Zorggroep Oost"}


@dataclass
class World(Served):
    """copbot serving Slack and Teams from one process and one database."""

    # -- Slack -----------------------------------------------------------------------------
    def slack_say(self, user: str, text: str) -> str:
        """``/cop <text>`` in the Slack channel: every answer copbot gave, joined."""
        fields = slash_command(
            self.slack, user, text, channel=SLACK_CHANNEL, tag=str(next(self._ids))
        )
        calls = self.slack_post(urlencode(fields), "application/x-www-form-urlencoded")
        kinds = ("chat.postMessage", "chat.postEphemeral", "response_url")
        return "\n".join(str(c.args.get("text", "")) for c in calls if c.method in kinds)

    def slack_dm(self, user: str, text: str) -> None:
        event = {
            "type": "message",
            "channel": dm_of(user),
            "channel_type": "im",
            "user": user,
            "text": text,
            "ts": f"1700000{next(self._ids)}.000100",
        }
        payload = event_callback(event, event_id=f"Ev{next(self._ids):08d}")
        self.slack_post(json.dumps(payload), "application/json")

    def slack_channel_posts(self) -> list[str]:
        return [
            str(c.args.get("text", ""))
            for c in self.slack.of("chat.postMessage", lambda c: c.args["channel"] == SLACK_CHANNEL)
        ]

    def slack_dms(self, user: str) -> list[str]:
        return [
            str(c.args.get("text", ""))
            for c in self.slack.of("chat.postMessage", lambda c: c.args["channel"] == dm_of(user))
        ]

    # -- Teams -----------------------------------------------------------------------------
    def teams_channel_posts(self) -> list[str]:
        return self.teams.channel_texts()


@pytest.fixture
def world(any_db_url: str) -> Iterator[World]:
    slack = FakeSlack().start()
    for user_id, name in {"UANN": "Ann", "UBOB": "Bob", "UCAT": "Cat"}.items():
        slack.add_user(user_id, name)
    slack.add_user(BOT_USER, "copbot", bot=True)
    with serving(
        World, slack, any_db_url, slack_bot_token=TOKEN, slack_signing_secret=SECRET
    ) as world:
        yield world


def intake(world: World) -> None:
    """Everyone answers the intake in their own chat: Slack DMs and Teams 1:1 chats."""
    for user, organisation in ORGANISATIONS.items():
        for answer in (organisation, "Nurse", "Mrs J. at home", "Listening", "-"):
            world.slack_dm(user, answer)
    for user, organisation in TEAMS_ORGANISATIONS.items():
        for answer in (organisation, "Social worker", "Mr K. alone", "Asking", "-"):
            assert world.teams.dm(user, answer) == 200


def test_a_community_in_a_slack_channel_and_a_teams_channel(world: World) -> None:
    teams, bot = world.teams, world.bot
    said = world.slack_say("UANN", "setup Test CoP")
    assert "Test CoP" in said, said
    assert "Saved" in world.slack_say(
        "UANN", 'config lang=en start=2027-01-14 time=14:00 question="How do we keep people home?"'
    )
    assert "Welcome" in world.slack_say("UBOB", "join")

    # Ann asks for a code in Slack (only she sees it) and Cas types it in her Teams channel.
    given = world.slack_say("UANN", "link")
    found = CODE.search(given)
    assert found, given
    assert not any(found.group(0) in p for p in world.slack_channel_posts())
    linked = teams.command("cas", f"link {found.group(0)}")
    assert "This channel is now part of *Test CoP*" in linked, linked
    assert any("linked by Cas" in p for p in world.slack_channel_posts())

    # Dee joins in Teams: one roster; his welcome is announced in both channels.
    joined = teams.command("dee", "join")
    assert "Welcome <at>Dee</at>" in joined, joined
    assert any("Welcome Dee" in p for p in world.slack_channel_posts())
    members = world.slack_say("UANN", "members")
    for name in ("<@UANN>", "<@UBOB>", "Cas", "Dee"):
        assert name in members, members
    assert "Welcome" in "\n".join(teams.dm_texts("dee"))  # his welcome DM, in Teams

    # Bob is in the Teams channel too, with his Teams account: `link me` makes him one member.
    assert "Welcome" in teams.command("bob", "join")
    assert "I sent you a code" in world.slack_say("UBOB", "link me")
    code = CODE.search(world.slack_dms("UBOB")[-1])
    assert code, world.slack_dms("UBOB")[-1]
    merged = teams.chat("bob", f"link me {code.group(0)}")
    assert "one member of *Test CoP*" in merged, merged
    roster = world.slack_say("UANN", "members")
    assert roster.count("Bob") + roster.count("<@UBOB>") == 1, roster
    intake(world)

    # The facilitators, chosen in Slack, are announced in the Teams channel too: the Slack
    # people by name there, the Teams people as Teams mentions.
    mark = len(world.teams_channel_posts())
    world.slack_say("UANN", "rotate")
    posted = world.teams_channel_posts()[mark:]
    assert any("facilitat" in p.lower() for p in posted), posted

    # Pairing after the first meeting crosses organisations, and so platforms: each buddy
    # DM goes to its member on their own platform and names the buddy.
    bot.run_due(datetime(2027, 1, 14, 15, 5, tzinfo=UTC))
    for user in ORGANISATIONS:
        dm = "\n".join(world.slack_dms(user))
        assert "Cas" in dm or "Dee" in dm, dm
    for user in TEAMS_ORGANISATIONS:
        dm = "\n".join(teams.dm_texts(user))
        assert "Ann" in dm or "Bob" in dm, dm

    # Bob (Slack) writes to his buddy (Teams) through copbot, and the buddy answers back.
    paired = [d for d in world.slack_dms("UBOB") if "buddies" in d]
    assert paired, world.slack_dms("UBOB")
    buddy = "cas" if "Cas" in paired[-1] else "dee"
    said = world.slack_say("UBOB", "buddy Coffee on Thursday? I tried the kitchen table.")
    assert "Passed on to" in said, said
    note = teams.dm_last(buddy)
    assert "Bob, your buddy, writes:" in note and "> Coffee on Thursday?" in note, note
    answer = teams.chat(buddy, "buddy Yes, 10:00 works")
    assert "Passed on to" in answer, answer
    back = world.slack_dms("UBOB")[-1]
    assert f"{buddy.capitalize()}, your buddy, writes:" in back and "Yes, 10:00 works" in back

    # The organiser's digest, asked in Teams by Cas, covers everyone.
    digest = teams.command("cas", "digest")
    assert "Members: 4 (target 20)" in digest, digest  # Bob's two accounts count once
    # Slack's mention syntax never reaches Teams: Slack people are named there.
    assert "<@U" not in digest and "Facilitators:" in digest, digest

    # Cas unlinks the Teams channel: Slack hears it, Dee stays a member, and the Teams
    # channel hears no more of the community.
    said = teams.command("cas", "unlink")
    assert "no longer part of *Test CoP*" in said, said
    assert any("no longer lives in Teams" in p for p in world.slack_channel_posts())
    assert "Dee" in world.slack_say("UANN", "members")
    before = len(world.teams_channel_posts())
    assert "Welcome" in world.slack_say("UCAT", "join")
    assert any("Welcome <@UCAT>" in p for p in world.slack_channel_posts())
    assert len(world.teams_channel_posts()) == before
