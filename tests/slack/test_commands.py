"""Every verb of the core through /cop on the real endpoint, and how answers are placed."""

from __future__ import annotations

import asyncio
from collections import Counter

from bot.commands.registry import canonical_verbs
from tests.slack.fake_slack import FakeSlack
from tests.slack.workspace import CHANNEL, Workspace, answer_texts, dm_of, member

INTERNAL = "something went wrong on my side"


async def community(ws: Workspace, *members: str) -> None:
    assert "Test CoP" in await ws.say("UANN", "setup Test CoP")
    settings = (
        'lang=en start=2027-01-14 time=14:00 question="How do we keep elderly people at home?"'
    )
    assert "Saved" in await ws.say("UANN", f"config {settings}")
    for user in members:
        assert "Welcome" in await ws.say(user, "join")


def test_every_verb_answers_through_slack(any_workspace: Workspace, fake: FakeSlack) -> None:
    script = [
        ("UANN", "help"),
        ("UANN", "help schedule"),
        ("UANN", "status"),
        ("UANN", "config"),
        ("UANN", "members"),
        ("UANN", "role <@UBOB|bob> facilitator"),
        ("UANN", "schedule"),
        ("UANN", "schedule add 2027-03-03 10:00"),
        ("UANN", "schedule move 2 2027-03-04 10:00"),
        ("UANN", 'theme 1 "Loneliness at home"'),
        ("UANN", "pause 2027-07-10 2027-08-20 Summer"),
        ("UANN", "facilitators"),
        ("UANN", "rotate"),
        ("UANN", "pair"),
        ("UBOB", "buddy"),
        ("UBOB", "experiment Call one client's family every week"),
        ("UANN", "checkin"),
        ("UANN", "evaluate"),
        ("UANN", "results"),
        ("UCAT", "goal Learn to plan with families"),
        ("UCAT", "log Tried the kitchen-table talk"),
        ("UCAT", "success Mrs J. stays home another year"),
        ("UCAT", "language nl"),
        ("UCAT", "language default"),
        ("UCAT", "region Limburg"),
        ("UCAT", "timezone Europe/Brussels"),
        ("UCAT", "timezone auto"),
        ("UCAT", "share email cat@example.org"),
        ("UCAT", "coming yes"),
        ("UANN", "attendance"),
        ("UCAT", "calendar"),
        ("UANN", "digest"),
        ("UANN", "report"),
        ("UBOB", "map"),
        ("UANN", "link"),
        ("UBOB", "places"),
        ("UANN", "unlink"),
        ("UCAT", "away until 2027-02-01"),
        ("UCAT", "back"),
        ("UCAT", "swap 1 <@UCAT> <@UDAN>"),
        ("UCAT", "pass 1"),
        ("UDAN", "my-data"),
        ("UANN", "schedule cancel 3"),
        ("UEVE", "leave"),
        ("UDAN", "forget-me"),
        ("UANN", "no-such-verb"),
    ]

    async def scenario() -> None:
        async with any_workspace as ws:
            await community(ws, "UBOB", "UCAT", "UDAN")
            used = {"setup", "config", "join"}
            for user, text in script:
                calls = await ws.run(user, text)
                answers = answer_texts(calls)
                assert answers, f"no answer to {text!r}: {[c.method for c in calls]}"
                assert not any(INTERNAL in a for a in answers), (text, answers)
                used.add(text.split()[0])
            verbs = {v.name for v in canonical_verbs()}
            assert verbs - used == set(), "verbs not exercised through Slack"

    asyncio.run(scenario())


def test_private_answers_are_ephemeral_and_announcements_go_to_the_channel(
    workspace: Workspace, fake: FakeSlack
) -> None:
    async def scenario() -> None:
        async with workspace as ws:
            setup = await ws.run("UANN", "setup Test CoP")
            # ``setup`` is an announcement: posted in the channel, by the bot.
            posts = [c for c in setup if c.method == "chat.postMessage"]
            assert posts and posts[0].args["channel"] == CHANNEL
            status = await ws.run("UANN", "status")
            hooks = [c for c in status if c.method == "response_url"]
            assert hooks and hooks[0].args["response_type"] == "ephemeral"
            assert not [c for c in status if c.method == "chat.postMessage"]

    asyncio.run(scenario())


def test_announcement_where_the_bot_is_not_invited_falls_back_to_the_command(
    workspace: Workspace, fake: FakeSlack
) -> None:
    async def scenario() -> None:
        async with workspace as ws:
            fake.fail("chat.postMessage", "not_in_channel")
            calls = await ws.run("UANN", "setup Test CoP")
            hooks = [c for c in calls if c.method == "response_url"]
            assert hooks and hooks[0].args["response_type"] == "in_channel"
            assert "Test CoP" in hooks[0].args["text"]

    asyncio.run(scenario())


def test_names_timezones_and_language_come_from_users_info_once(
    workspace: Workspace, fake: FakeSlack
) -> None:
    fake.add_user("UNL", "Noor", tz="Europe/Brussels", locale="nl-NL")

    async def scenario() -> None:
        async with workspace as ws:
            text = await ws.say("UNL", "setup Zorg CoP")
            assert "Zorg CoP" in text
            await ws.say("UNL", "status")
            await ws.say("UNL", "members")
            assert len(fake.of("users.info", lambda c: c.args.get("user") == "UNL")) == 1
            members = await ws.say("UNL", "members")
            # Slack shows the mention; the name from the profile is what copbot keeps.
            assert "<@UNL>" in members and member(ws, "UNL").display_name == "Noor"
            # The community took the founder's Slack language: Dutch.
            assert "Organisator" in members or "organisator" in members

    asyncio.run(scenario())


def test_members_sync_invites_the_channel_people_by_dm(
    workspace: Workspace, fake: FakeSlack
) -> None:
    async def scenario() -> None:
        async with workspace as ws:
            await community(ws, "UBOB")
            fake.clear()
            answer = await ws.say("UANN", "members sync")
            # Ann and Bob are members; the bot and the deleted account are skipped; the
            # channel list came in pages (the fake pages by two).
            assert "3" in answer, answer
            pages = fake.of("conversations.members")
            assert len(pages) >= 3
            invited = {c.args["channel"] for c in fake.of("chat.postMessage")}
            assert invited == {dm_of("UCAT"), dm_of("UDAN"), dm_of("UEVE")}
            # The invitation's Join button joins.
            invite = fake.of("chat.postMessage", lambda c: c.args["channel"] == dm_of("UEVE"))
            button = invite[0].args["blocks"][-1]["elements"][0]
            calls = await ws.click("UEVE", button["action_id"], button["value"])
            assert any("Test CoP" in t for t in answer_texts(calls))
            assert "<@UEVE>" in await ws.say("UANN", "members")

    asyncio.run(scenario())


def test_members_sync_asks_slack_about_each_person_once_even_when_it_fails(
    workspace: Workspace, fake: FakeSlack
) -> None:
    async def scenario() -> None:
        async with workspace as ws:
            await community(ws, "UBOB")
            fake.clear()
            # Ann and Bob are known; the five others in the channel are looked up and fail.
            fake.fail("users.info", "fatal_error", times=5)
            await ws.say("UANN", "members sync")
            asked = Counter(str(c.args.get("user")) for c in fake.of("users.info"))
            assert asked and set(asked.values()) == {1}, asked

    asyncio.run(scenario())


def test_members_sync_outside_the_channel_explains(workspace: Workspace, fake: FakeSlack) -> None:
    async def scenario() -> None:
        async with workspace as ws:
            await community(ws)
            fake.fail("conversations.members", "not_in_channel")
            answer = await ws.say("UANN", "members sync")
            assert "/invite" in answer

    asyncio.run(scenario())


def test_app_mention_in_the_channel_runs_the_command(workspace: Workspace, fake: FakeSlack) -> None:
    async def scenario() -> None:
        async with workspace as ws:
            await community(ws)
            event = {
                "type": "app_mention",
                "channel": CHANNEL,
                "user": "UANN",
                "text": "<@UBOT> status",
                "ts": "1700000000.000200",
            }
            before = len(fake.calls)
            response = await ws.post_json(ws.event_payload(event))
            assert response.status == 200
            await ws.idle()
            ephemerals = [c for c in fake.calls[before:] if c.method == "chat.postEphemeral"]
            assert ephemerals and ephemerals[0].args["user"] == "UANN"
            assert "Test CoP" in ephemerals[0].args["text"]

    asyncio.run(scenario())


def test_commands_in_the_dm_with_the_bot(workspace: Workspace, fake: FakeSlack) -> None:
    async def scenario() -> None:
        async with workspace as ws:
            await community(ws, "UBOB")
            calls = await ws.run("UBOB", "status", channel=dm_of("UBOB"))
            posts = [c for c in calls if c.method == "chat.postMessage"]
            assert posts and posts[0].args["channel"] == dm_of("UBOB")
            assert "Test CoP" in posts[0].args["text"]

    asyncio.run(scenario())


def test_members_sync_in_the_dm_explains_without_reading_a_roster(
    workspace: Workspace, fake: FakeSlack
) -> None:
    async def scenario() -> None:
        async with workspace as ws:
            await community(ws, "UBOB")
            fake.clear()
            answer = await ws.say("UANN", "members sync", channel=dm_of("UANN"))
            assert "not available here" in answer
            assert fake.of("conversations.members") == []
            assert fake.of("chat.postMessage", lambda c: c.args["channel"] != dm_of("UANN")) == []

    asyncio.run(scenario())
