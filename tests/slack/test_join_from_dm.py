"""`join` typed in the Slack DM with copbot: the workspace's only community is joined and the
channel hears of it (a mention of the newcomer); with two, copbot offers both as buttons and a
click joins that one."""

from __future__ import annotations

import asyncio

from tests.slack.fake_slack import FakeSlack
from tests.slack.test_mentions import posted_to
from tests.slack.workspace import CHANNEL, Workspace, answer_texts, buttons_in, dm_of

OTHER = "C0OTHER"


def test_join_in_the_dm_joins_the_only_community(workspace: Workspace, fake: FakeSlack) -> None:
    async def scenario() -> None:
        async with workspace as ws:
            await ws.say("UANN", "setup Test CoP")
            await ws.say("UANN", "config lang=en")
            answered = answer_texts(await ws.dm("UBOB", "join"))
            await ws.idle()
            assert any("Welcome to *Test CoP*" in a for a in answered), answered

    asyncio.run(scenario())
    assert "Welcome <@UBOB> to Test CoP!" in posted_to(fake, CHANNEL)
    # Nothing of the announcement in Bob's DM; his welcome and intake are there.
    in_dm = posted_to(fake, dm_of("UBOB"))
    assert not any("Welcome <@UBOB>" in t for t in in_dm)
    assert any("(1/4)" in t for t in in_dm)


def test_join_in_the_dm_offers_each_community_of_the_workspace(
    workspace: Workspace, fake: FakeSlack
) -> None:
    fake.channel_members[OTHER] = ["UOLGA"]

    async def scenario() -> None:
        async with workspace as ws:
            await ws.say("UANN", "setup Test CoP")
            await ws.say("UANN", "config lang=en")
            await ws.say("UDAN", "setup Other CoP", channel=OTHER)
            await ws.say("UDAN", "config lang=en", channel=OTHER)
            calls = await ws.dm("UCAT", "join")
            offered = [b for c in calls for b in buttons_in(c)]
            assert [b["text"]["text"] for b in offered] == ["Test CoP", "Other CoP"]
            other = offered[1]
            await ws.click("UCAT", other["action_id"], other["value"])
            await ws.idle()

    asyncio.run(scenario())
    assert "Welcome <@UCAT> to Other CoP!" in posted_to(fake, OTHER)
    assert not any("<@UCAT>" in t for t in posted_to(fake, CHANNEL))
