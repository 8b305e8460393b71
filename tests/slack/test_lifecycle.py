"""Slack lifecycle end to end: the app uninstalled and installed again, a deactivated account,
copbot taken out of the community's channel. copbot goes quiet, and then whole again."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from sqlalchemy import select

from bot.outbox.models import Delivery, DeliveryStatus
from tests.slack.fake_slack import FakeSlack
from tests.slack.test_commands import community
from tests.slack.workspace import CHANNEL, Workspace, dm_of

CHECKIN = datetime(2027, 1, 11, 13, 0, tzinfo=UTC)


def held(ws: Workspace) -> int:
    with ws.core.session_factory() as session:
        return len(
            session.scalars(
                select(Delivery.id).where(Delivery.status == DeliveryStatus.HELD.value)
            ).all()
        )


def test_uninstalled_then_installed_again(workspace: Workspace, fake: FakeSlack) -> None:
    async def scenario() -> None:
        async with workspace as ws:
            await community(ws, "UBOB")
            await ws.send_event(ws.event_payload({"type": "app_uninstalled"}))
            await ws.idle()
            fake.clear()
            await ws.run_due(CHECKIN)  # the check-ins are due, but the app is gone
            assert fake.of("chat.postMessage") == [] and held(ws) >= 2
            # Installed again: the first command from the workspace proves it.
            await ws.run("UBOB", "status")
            await asyncio.to_thread(ws.core.deliver)
            assert fake.of("chat.postMessage", lambda c: c.args["channel"] == dm_of("UBOB"))
            told = fake.of("chat.postMessage", lambda c: "can post" in c.args["text"])
            assert [c.args["channel"] for c in told] == [dm_of("UANN")]
            assert held(ws) == 0

    asyncio.run(scenario())


def test_a_deactivated_account_gets_no_dms(workspace: Workspace, fake: FakeSlack) -> None:
    async def scenario() -> None:
        async with workspace as ws:
            await community(ws, "UBOB")
            user = {**fake.users["UBOB"], "deleted": True}
            await ws.send_event(ws.event_payload({"type": "user_change", "user": user}))
            await ws.idle()
            fake.clear()
            await ws.run_due(CHECKIN)
            assert fake.of("chat.postMessage", lambda c: c.args["channel"] == dm_of("UBOB")) == []
            assert fake.of("chat.postMessage", lambda c: c.args["channel"] == dm_of("UANN"))

    asyncio.run(scenario())


def test_copbot_removed_from_the_channel_and_invited_back(
    workspace: Workspace, fake: FakeSlack
) -> None:
    async def scenario() -> None:
        async with workspace as ws:
            await community(ws, "UBOB")
            event = {"type": "member_left_channel", "user": "UBOT", "channel": CHANNEL}
            await ws.send_event(ws.event_payload(event))
            await ws.idle()
            await asyncio.to_thread(ws.core.deliver)
            told = fake.of("chat.postMessage", lambda c: "removed" in c.args["text"])
            assert [c.args["channel"] for c in told] == [dm_of("UANN")]
            event = {"type": "member_joined_channel", "user": "UBOT", "channel": CHANNEL}
            fake.clear()
            await ws.send_event(ws.event_payload(event))
            await ws.idle()
            await asyncio.to_thread(ws.core.deliver)
            assert fake.of("chat.postMessage", lambda c: "can post" in c.args["text"])
            # No introduction: the channel already has its community.
            assert fake.of("chat.postMessage", lambda c: c.args["channel"] == CHANNEL) == []

    asyncio.run(scenario())
