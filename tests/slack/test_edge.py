"""Where real workspaces touch copbot: DMs between colleagues, the word "payload", DM answers
with a subtype, what copbot ignores, odd timestamps, and members sync asked by a participant."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any
from urllib.parse import urlencode

import pytest

from tests.slack.fake_slack import FakeSlack, sign
from tests.slack.test_commands import community
from tests.slack.test_endpoint import communities
from tests.slack.workspace import Workspace, answer_texts, dm_of, member

COLLEAGUES_DM = "D0COLLEAGUES"  # a DM between UBOB and UCAT: copbot is not in it


def test_cop_in_a_dm_between_colleagues_never_posts_there_nor_keeps_it(
    workspace: Workspace, fake: FakeSlack
) -> None:
    async def scenario() -> None:
        async with workspace as ws:
            await community(ws, "UBOB")
            before = member(ws, "UBOB").address
            calls = await ws.run("UBOB", "status", channel=COLLEAGUES_DM)
            # Answered privately through the command's response_url, nothing posted there.
            hooks = [c for c in calls if c.method == "response_url"]
            assert hooks and hooks[0].args["response_type"] == "ephemeral"
            assert "Test CoP" in hooks[0].args["text"]
            assert fake.of("chat.postMessage", lambda c: c.args["channel"] == COLLEAGUES_DM) == []
            assert fake.of("chat.postEphemeral", lambda c: c.args["channel"] == COLLEAGUES_DM) == []
            # copbot asked Slack which DM is its own, and kept the stored address.
            assert fake.of("conversations.open", lambda c: c.args["users"] == "UBOB")
            assert member(ws, "UBOB").address == before
            # A later DM from copbot still reaches Bob in his own DM with copbot.
            await ws.dm("UBOB", "status")
            assert fake.of("chat.postMessage", lambda c: c.args["channel"] == dm_of("UBOB"))

    asyncio.run(scenario())


def test_setup_in_a_dm_between_colleagues_is_refused(workspace: Workspace, fake: FakeSlack) -> None:
    async def scenario() -> None:
        async with workspace as ws:
            said = await ws.say("UBOB", "setup Secret CoP", channel=COLLEAGUES_DM)
            assert "channel" in said
            assert fake.of("chat.postMessage", lambda c: c.args["channel"] == COLLEAGUES_DM) == []
            assert communities(ws) == 0

    asyncio.run(scenario())


def test_cop_in_copbots_own_dm_is_confirmed_and_stored(
    workspace: Workspace, fake: FakeSlack
) -> None:
    async def scenario() -> None:
        async with workspace as ws:
            await community(ws, "UBOB")
            calls = await ws.run("UBOB", "status", channel=dm_of("UBOB"))
            assert [c for c in calls if c.method == "chat.postMessage"]
            assert member(ws, "UBOB").address == {"dm": dm_of("UBOB")}

    asyncio.run(scenario())


@pytest.mark.parametrize("where", ["text", "channel name"])
def test_the_word_payload_is_just_a_word(workspace: Workspace, fake: FakeSlack, where: str) -> None:
    async def scenario() -> None:
        async with workspace as ws:
            await community(ws, "UBOB")
            text = "log We discussed the payload of the new care plan"
            fields = ws.command_fields("UBOB", text if where == "text" else "log Kept it short")
            if where == "channel name":
                fields["channel_name"] = "payload-team"
            response = await ws.post_form(fields)
            assert response.status == 200, await response.text()
            await ws.idle()
            assert any("logbook" in t.lower() for t in answer_texts(fake.calls)), answer_texts(
                fake.calls
            )

    asyncio.run(scenario())


@pytest.mark.parametrize("subtype", ["file_share", "thread_broadcast"])
def test_dm_answers_with_a_subtype_are_answers(
    workspace: Workspace, fake: FakeSlack, subtype: str
) -> None:
    async def scenario() -> None:
        async with workspace as ws:
            await community(ws, "UCAT")
            event: dict[str, Any] = {
                "type": "message",
                "subtype": subtype,
                "channel": dm_of("UCAT"),
                "channel_type": "im",
                "user": "UCAT",
                "text": "Thuiszorg Noord",
                "ts": "1700000001.000100",
            }
            if subtype == "file_share":
                event["files"] = [{"id": "F1", "name": "plan.pdf"}]
            else:
                event["thread_ts"] = "1700000000.000100"
            await ws.send_event(ws.event_payload(event))
            await ws.idle()
            assert member(ws, "UCAT").organisation == "Thuiszorg Noord"

    asyncio.run(scenario())


def test_a_file_without_words_gets_an_answer(workspace: Workspace, fake: FakeSlack) -> None:
    async def scenario() -> None:
        async with workspace as ws:
            event = {
                "type": "message",
                "subtype": "file_share",
                "channel": dm_of("UCAT"),
                "channel_type": "im",
                "user": "UCAT",
                "text": "",
                "files": [{"id": "F1", "name": "photo.jpg"}],
                "ts": "1700000001.000100",
            }
            await ws.send_event(ws.event_payload(event))
            await ws.idle()
            assert any("only read text" in t for t in fake.texts(channel=dm_of("UCAT")))

    asyncio.run(scenario())


IGNORED_EVENTS = [
    {"type": "reaction_added", "user": "UANN"},
    {"type": "message", "channel_type": "im", "subtype": "bot_message", "bot_id": "B1"},
    {"type": "message", "channel_type": "im", "subtype": "message_changed"},
    {"type": "message", "channel_type": "channel", "user": "UANN", "text": "setup X"},
    {"type": "app_home_opened", "user": "UANN", "tab": "messages"},
    {"type": "something_new_from_slack"},
]


@pytest.mark.parametrize("event", IGNORED_EVENTS, ids=lambda e: f"{e['type']}:{e.get('subtype')}")
def test_whatever_copbot_ignores_is_answered_200(
    workspace: Workspace, fake: FakeSlack, event: dict[str, str]
) -> None:
    async def scenario() -> None:
        async with workspace as ws:
            response = await ws.post_json(ws.event_payload(event))
            assert response.status == 200
            await ws.idle()
            assert [c.method for c in fake.calls] == []

    asyncio.run(scenario())


@pytest.mark.parametrize(
    "body",
    [
        {"type": "shortcut", "callback_id": "x", "user": {"id": "UANN"}},
        {"type": "view_closed", "user": {"id": "UANN"}, "view": {}},
        {"type": "block_suggestion", "user": {"id": "UANN"}},
        {"type": "app_rate_limited", "minute_rate_limited": 1},
    ],
    ids=lambda b: b["type"],
)
def test_interactivity_copbot_does_not_offer_is_answered_200(
    workspace: Workspace, fake: FakeSlack, body: dict[str, object]
) -> None:
    async def scenario() -> None:
        async with workspace as ws:
            response = await ws.post_form({"payload": json.dumps(body)})
            assert response.status == 200
            await ws.idle()
            assert fake.calls == []

    asyncio.run(scenario())


@pytest.mark.parametrize("stamp", ["abc", "", "1796572025.0", " 17", "١٧٩٦٥٧٢٠٢٥"])
def test_a_timestamp_that_is_not_whole_seconds_is_401(workspace: Workspace, stamp: str) -> None:
    async def scenario() -> None:
        async with workspace as ws:
            body = urlencode(ws.command_fields("UANN", "help"))
            headers = sign("test-signing-secret", body, int(time.time()))
            headers["X-Slack-Request-Timestamp"] = stamp
            response = await ws.client.post(
                "/slack/events",
                data=body.encode(),
                headers={"Content-Type": "application/x-www-form-urlencoded", **headers},
            )
            assert response.status == 401

    asyncio.run(scenario())


def test_members_sync_by_a_participant_reads_no_roster(
    workspace: Workspace, fake: FakeSlack
) -> None:
    async def scenario() -> None:
        async with workspace as ws:
            await community(ws, "UBOB")
            fake.clear()
            said = await ws.say("UBOB", "members sync")
            assert "facilitator" in said.lower()
            assert fake.of("conversations.members") == []
            # Bob's own profile only (the command's caller), never the channel's people.
            assert {c.args["user"] for c in fake.of("users.info")} <= {"UBOB"}

    asyncio.run(scenario())


@pytest.mark.parametrize("response_url", ["not a url", "ftp://x/y", "http://", "http://h:0/x"])
def test_a_bad_response_url_still_gets_an_answer(
    workspace: Workspace, fake: FakeSlack, response_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    async def scenario() -> None:
        async with workspace as ws:
            fields = ws.command_fields("UANN", "help")
            fields["response_url"] = response_url
            response = await ws.post_form(fields)
            assert response.status == 200
            await ws.idle()
            assert fake.of("chat.postEphemeral")  # answered in the channel instead

    asyncio.run(scenario())
    assert not [r for r in caplog.records if r.levelname == "ERROR" or r.exc_info]


def test_a_click_whose_channel_is_a_string_is_answered(
    workspace: Workspace, fake: FakeSlack, caplog: pytest.LogCaptureFixture
) -> None:
    async def scenario() -> None:
        async with workspace as ws:
            payload = ws.action_payload("UANN", "no.such.action", "x", channel="C0COP")
            payload["channel"] = "C0COP"
            response = await ws.post_form({"payload": json.dumps(payload)})
            assert response.status == 200
            await ws.idle()
            assert answer_texts(fake.calls)

    asyncio.run(scenario())
    assert not [r for r in caplog.records if r.levelname == "ERROR" or r.exc_info]


@pytest.mark.parametrize("where", ["command", "click", "event"])
def test_a_payload_without_a_user_is_refused_in_one_line(
    workspace: Workspace, fake: FakeSlack, where: str, caplog: pytest.LogCaptureFixture
) -> None:
    async def scenario() -> None:
        async with workspace as ws:
            if where == "command":
                fields = ws.command_fields("UANN", "help")
                del fields["user_id"]
                response = await ws.post_form(fields)
            elif where == "click":
                payload = ws.action_payload("UANN", "no.such.action", "x")
                del payload["user"]
                response = await ws.post_form({"payload": json.dumps(payload)})
            else:
                event = {"type": "app_mention", "channel": "C0COP", "text": "<@UBOT> help"}
                response = await ws.post_json(ws.event_payload(event))
            assert response.status in (200, 400)
            await ws.idle()

    asyncio.run(scenario())
    assert not [r for r in caplog.records if r.levelname == "ERROR" or r.exc_info]
    assert len([r for r in caplog.records if r.levelname == "WARNING"]) <= 1
