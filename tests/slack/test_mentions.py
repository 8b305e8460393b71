"""People copbot names are Slack mentions (``<@U…>``) in what it posts, in the `text` fallback
as in the blocks; names shown as text come from the profile, never the legacy handle."""

from __future__ import annotations

import asyncio
import re
from datetime import UTC, datetime

from adapters.slack.users import profile_from
from tests.slack.fake_slack import FakeSlack
from tests.slack.test_commands import community
from tests.slack.workspace import CHANNEL, Workspace, dm_of, find_button


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


def mentions_in(text: str) -> set[str]:
    return set(re.findall(r"<@(U[A-Z0-9]+)>", text))


def test_everyone_copbot_names_is_mentioned(workspace: Workspace, fake: FakeSlack) -> None:
    """Facilitators (announcement, list, status, brief), buddies (the round, the buddy DM),
    swap partners, the welcome DM, the members list and the digest: every name a mention."""
    people = {"UANN", "UBOB", "UCAT", "UDAN"}

    async def scenario() -> None:
        async with workspace as ws:
            await community(ws, "UBOB", "UCAT", "UDAN")
            welcome = posted_to(fake, dm_of("UBOB"))
            assert any(t.startswith("Welcome to Test CoP, <@UBOB>") for t in welcome), welcome
            members = await ws.say("UANN", "members")
            assert mentions_in(members) == people, members

            mark = len(fake.calls)
            await ws.run("UANN", "rotate 1")
            await ws.idle()
            announced = [t for t in posted_to(fake, CHANNEL)[-3:] if "Facilitators" in t]
            assert announced and len(mentions_in(announced[-1])) == 2, announced
            pair = mentions_in(announced[-1])
            listing = await ws.say("UBOB", "facilitators")
            assert pair <= mentions_in(listing), listing
            assert pair <= mentions_in(await ws.say("UBOB", "status"))
            # Each facilitator's DM names the other one.
            for user in pair:
                told = [t for t in posted_to(fake, dm_of(user)) if "You facilitate" in t]
                assert mentions_in(told[-1]) == pair - {user}, told

            # A swap request names who gives and who takes.
            giver = sorted(pair)[0]
            taker = sorted(people - pair)[0]
            await ws.say("UANN", f"swap 1 <@{giver}> <@{taker}>")
            await ws.idle()
            asked = [t for t in posted_to(fake, dm_of(taker)) if "swap" in t.lower()]
            assert {giver, taker} <= mentions_in(asked[-1]), asked

            # The buddy round in the channel and each buddy's DM.
            del fake.calls[:mark]
            await ws.run("UANN", "pair")
            await ws.idle()
            round_post = next(t for t in posted_to(fake, CHANNEL) if "buddy" in t.lower())
            assert mentions_in(round_post) == people, round_post
            dm = next(t for t in posted_to(fake, dm_of("UBOB")) if "buddy" in t.lower())
            assert mentions_in(dm) and "UBOB" not in mentions_in(dm), dm

            # The digest names the next meeting's facilitators.
            digest = await ws.say("UANN", "digest")
            assert pair <= mentions_in(digest), digest

    asyncio.run(scenario())


def test_the_brief_and_the_buddy_nudge_mention_people(
    workspace: Workspace, fake: FakeSlack
) -> None:
    async def scenario() -> None:
        async with workspace as ws:
            await community(ws, "UBOB", "UCAT")
            await ws.run_due(datetime(2027, 1, 11, 13, 0, tzinfo=UTC))  # check-ins
            # His intake is open too: copbot asks which question this answers.
            checkin = find_button(
                await ws.dm("UBOB", "The case of Mrs J."), "Check-in for meeting 1"
            )
            await ws.click("UBOB", checkin["action_id"], checkin["value"])
            await ws.run_due(datetime(2027, 1, 13, 13, 0, tzinfo=UTC))  # the brief
            briefs = [
                t for u in ("UANN", "UBOB", "UCAT") for t in posted_to(fake, dm_of(u))
                if t.startswith("Brief for meeting")
            ]  # fmt: skip
            assert briefs and all("<@UBOB>: The case of Mrs J." in t for t in briefs), briefs
            await ws.run_due(datetime(2027, 1, 14, 15, 0, tzinfo=UTC))  # buddy groups
            await ws.run_due(datetime(2027, 2, 4, 14, 0, tzinfo=UTC))  # the halfway nudge
            nudges = [t for t in posted_to(fake, dm_of("UBOB")) if "experiment" in t.lower()]
            assert nudges and mentions_in(nudges[-1]) - {"UBOB"}, nudges

    asyncio.run(scenario())
