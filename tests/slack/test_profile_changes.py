"""A member's new locale or time zone in Slack (Slack's published ``user_change`` example)
changes the language copbot speaks with them and their quiet hours, unless they chose their
own with `language` or `timezone`."""

from __future__ import annotations

import asyncio

from sqlalchemy import select

from bot.members.models import Member
from tests.slack.fake_slack import FakeSlack
from tests.slack.test_commands import community
from tests.slack.test_corpus import load, replay
from tests.slack.workspace import Workspace

NAME = "docs__user_change_member"  # locale en-US, time zone America/Los_Angeles


def bob(ws: Workspace) -> Member:
    with ws.core.session_factory() as session:
        return session.scalars(select(Member).where(Member.user_id == "UBOB")).one()


async def dutch_community_with_bob(ws: Workspace, fake: FakeSlack) -> None:
    """Bob's Slack speaks Dutch in Amsterdam; the community speaks Dutch."""
    fake.add_user("UBOB", "Bob", locale="nl-NL", tz="Europe/Amsterdam")
    await community(ws)
    await ws.say("UANN", "config lang=nl")
    assert "Welkom" in await ws.say("UBOB", "join")


async def profile_changed(ws: Workspace, fake: FakeSlack) -> None:
    """Bob switches Slack to English in Los Angeles: Slack says so with user_change (and
    users.info from then on)."""
    fake.users["UBOB"] |= {"locale": "en-US", "tz": "America/Los_Angeles"}
    assert await replay(ws, load(NAME), tag=NAME) == 200


def test_a_new_locale_and_time_zone_are_followed(workspace: Workspace, fake: FakeSlack) -> None:
    async def scenario() -> None:
        async with workspace as ws:
            await dutch_community_with_bob(ws, fake)
            assert (bob(ws).lang, bob(ws).tz) == (None, "Europe/Amsterdam")
            await profile_changed(ws, fake)
            assert (bob(ws).lang, bob(ws).tz) == ("en", "America/Los_Angeles")
            assert "Test CoP" in await ws.say("UBOB", "status")
            said = await ws.say("UBOB", "status")
            assert "Next meeting" in said or "next meeting" in said, said

    asyncio.run(scenario())


def test_what_a_member_chose_stays(workspace: Workspace, fake: FakeSlack) -> None:
    async def scenario() -> None:
        async with workspace as ws:
            await dutch_community_with_bob(ws, fake)
            assert "Nederlands" in await ws.say("UBOB", "taal nl")
            assert "Europe/Amsterdam" in await ws.say("UBOB", "tijdzone europe/amsterdam")
            await profile_changed(ws, fake)
            assert (bob(ws).lang, bob(ws).tz) == ("nl", "Europe/Amsterdam")
            # Following Slack again: the next word from Slack sets the time zone.
            assert "Slack" in await ws.say("UBOB", "tijdzone automatisch")
            assert bob(ws).tz == "America/Los_Angeles"

    asyncio.run(scenario())
