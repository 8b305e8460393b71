"""People copbot names are Slack mentions (``<@U…>``) in what it posts, in the `text` fallback
as in the blocks; names shown as text come from the profile, never the legacy handle."""

from __future__ import annotations

import asyncio

from adapters.slack.users import profile_from
from tests.slack.fake_slack import FakeSlack
from tests.slack.workspace import CHANNEL, Workspace


def posted_to(fake: FakeSlack, channel: str) -> list[str]:
    return [str(c.args.get("text", "")) for c in fake.of("chat.postMessage")
            if c.args.get("channel") == channel]  # fmt: skip


def section_texts(fake: FakeSlack, channel: str) -> list[str]:
    return [
        block["text"]["text"]
        for c in fake.of("chat.postMessage")
        if c.args.get("channel") == channel
        for block in c.args.get("blocks") or []
        if block.get("type") == "section" and "text" in block
    ]


def test_the_join_announcement_mentions_the_newcomer(workspace: Workspace, fake: FakeSlack) -> None:
    async def scenario() -> None:
        async with workspace as ws:
            await ws.say("UANN", "setup Test CoP")
            await ws.say("UANN", "config lang=en")
            await ws.say("UBOB", "join")
            await ws.idle()

    asyncio.run(scenario())
    assert "Welcome <@UBOB> to Test CoP!" in posted_to(fake, CHANNEL)
    assert "Welcome <@UBOB> to Test CoP!" in section_texts(fake, CHANNEL)


def test_a_name_comes_from_the_profile_never_the_handle() -> None:
    user = {"id": "U1", "name": "farid", "real_name": "Farid El Amrani",
            "profile": {"display_name": "", "real_name": "Farid El Amrani"}}  # fmt: skip
    assert profile_from(user).display_name == "Farid El Amrani"
    user["profile"] = {"display_name": "Farid", "real_name": "Farid El Amrani"}
    assert profile_from(user).display_name == "Farid"
    # No name in the profile at all: none, rather than the handle.
    assert profile_from({"id": "U2", "name": "olga", "profile": {}}).display_name is None
