"""How copbot talks to the Web API while answering people: pooled connections, rate limits
honoured (Retry-After), and whatever people type never ending in an internal error."""

from __future__ import annotations

import asyncio

import pytest
from slack_sdk.errors import SlackApiError

from adapters.slack.client import RetryAfterHandler, make_async_client
from tests.slack.fake_slack import FakeSlack
from tests.slack.test_commands import INTERNAL, community
from tests.slack.workspace import TOKEN, Workspace, answer_texts, dm_of, member


def test_answers_reuse_one_pooled_connection(workspace: Workspace, fake: FakeSlack) -> None:
    """slack_sdk opens a connection per call unless given a session; copbot gives it one."""

    async def scenario() -> None:
        async with workspace as ws:
            for _ in range(5):
                await ws.run("UANN", "help")
            calls = [c for c in fake.calls if c.method in ("users.info", "response_url")]
            assert len(calls) == 6  # users.info once (cached), five replies
            assert len({c.peer for c in calls}) == 1, {c.peer for c in calls}

    asyncio.run(scenario())


def test_rate_limited_users_info_is_retried_after_retry_after(
    workspace: Workspace, fake: FakeSlack
) -> None:
    fake.add_user("UNL", "Noor", locale="nl-NL")

    async def scenario() -> None:
        async with workspace as ws:
            fake.rate_limit("users.info", retry_after=0)
            await ws.run("UNL", "setup Zorg CoP")
            assert len(fake.of("users.info")) == 2
            assert "<@UNL>" in await ws.say("UNL", "members")
            assert member(ws, "UNL").display_name == "Noor"

    asyncio.run(scenario())


def test_rate_limited_reply_in_the_dm_still_arrives(workspace: Workspace, fake: FakeSlack) -> None:
    async def scenario() -> None:
        async with workspace as ws:
            await community(ws, "UBOB")
            fake.rate_limit("chat.postMessage", retry_after=0)
            calls = await ws.run("UBOB", "status", channel=dm_of("UBOB"))
            posts = [c for c in calls if c.method == "chat.postMessage"]
            assert len(posts) == 2 and posts[0].args == posts[1].args
            assert "Test CoP" in posts[1].args["text"]

    asyncio.run(scenario())


def test_a_long_rate_limit_ends_in_an_apology_not_silence(
    workspace: Workspace, fake: FakeSlack
) -> None:
    """Waiting a minute for Slack would leave the person guessing; copbot says so instead."""

    async def scenario() -> None:
        async with workspace as ws:
            await community(ws, "UBOB")
            fake.rate_limit("chat.postMessage", retry_after=60)
            calls = await ws.run("UBOB", "status", channel=dm_of("UBOB"))
            posts = [c for c in calls if c.method == "chat.postMessage"]
            assert len(posts) == 2
            assert INTERNAL in posts[1].args["text"]

    asyncio.run(scenario())


def test_retry_after_is_waited_for_exactly(fake: FakeSlack) -> None:
    waits: list[float] = []

    async def record(seconds: float) -> None:
        waits.append(seconds)

    async def scenario() -> None:
        client = make_async_client(token=TOKEN, base_url=fake.api_url)
        client.retry_handlers = [RetryAfterHandler(sleep=record)]
        fake.rate_limit("users.info", retry_after=7)
        response = await client.users_info(user="UANN")
        assert response["user"]["id"] == "UANN"
        assert waits == [7.0]

        fake.rate_limit("users.info", retry_after=60)
        with pytest.raises(SlackApiError) as caught:
            await client.users_info(user="UANN")
        assert caught.value.response.status_code == 429
        assert waits == [7.0]  # too long to keep someone waiting: not retried

    asyncio.run(scenario())


ODD_INPUT = [
    "",
    "   ",
    'config name="unterminated',
    "config tz=Mars/Olympus_Mons",
    "config lang=fr",
    "config cadence=sometimes",
    "schedule add 2027-02-30 25:99",
    "schedule move x",
    "schedule cancel 999",
    "theme 99 Nothing",
    "pause 2027-09-01 2027-08-01 Backwards",
    "role <@UNOBODY> king",
    "role <@UBOB|bob>",
    "swap",
    "swap 1 <@UNOBODY> <@UBOB>",
    "results abc",
    "results 999",
    "log",
    "experiment",
    "help no-such-verb",
    "help 🤖 <script>alert(1)</script>",
    "x" * 4000,
    "<@UBOT> <!channel> <#C123|general> &amp; &lt;",
    "setup",
    "setup Another CoP in the same channel",
]


def test_nothing_people_type_ends_in_an_internal_error(
    workspace: Workspace, fake: FakeSlack
) -> None:
    async def scenario() -> None:
        async with workspace as ws:
            await community(ws, "UBOB")
            for text in ODD_INPUT:
                answers = answer_texts(await ws.run("UANN", text))
                assert answers, f"no answer to {text!r}"
                assert not any(INTERNAL in a for a in answers), (text, answers)

    asyncio.run(scenario())
