"""A database outage seen from Slack: nothing acknowledged is lost, nothing runs twice, and
what cannot be stored is refused in the way Slack (or the person) can act on."""

from __future__ import annotations

import asyncio
import json
import time
from datetime import timedelta
from urllib.parse import urlencode

from sqlalchemy import func, select

from bot.logbook.models import LogEntry
from tests.outage import Outage, engine_of
from tests.slack.fake_slack import FakeSlack
from tests.slack.test_commands import community
from tests.slack.workspace import Workspace, answer_texts, dm_of, member, open_intake_form


def test_an_event_that_cannot_be_stored_is_refused_and_its_retry_handled(
    workspace: Workspace, fake: FakeSlack
) -> None:
    async def scenario() -> None:
        async with workspace as ws:
            await community(ws, "UCAT")
            outage = Outage(engine_of(ws.core))
            event = ws.event_payload(
                {"type": "message", "channel": dm_of("UCAT"), "channel_type": "im",
                 "user": "UCAT", "text": "Thuiszorg Noord", "ts": "1.000200"},
                event_id="EvDOWN",
            )  # fmt: skip
            outage.down()
            response = await ws.post_json(event)
            assert response.status == 503  # Slack delivers it again
            outage.up()
            await ws.send_event(event, retry=1)
            await ws.send_event(event, retry=2)  # a late second retry changes nothing
            await ws.idle()
            assert member(ws, "UCAT").organisation == "Thuiszorg Noord"
            asked = [t for t in fake.texts(channel=dm_of("UCAT")) if "(2/4)" in t]
            assert len(asked) == 1

    asyncio.run(scenario())


def test_a_command_that_cannot_be_stored_asks_to_try_again(
    workspace: Workspace, fake: FakeSlack
) -> None:
    async def scenario() -> None:
        async with workspace as ws:
            await community(ws, "UBOB")
            outage = Outage(engine_of(ws.core))
            outage.down()
            said = await ws.say("UBOB", "log Called the GP")
            assert "cannot save this right now" in said
            outage.up()
            with ws.core.session_factory() as session:
                assert session.scalar(select(func.count()).select_from(LogEntry)) == 0

    asyncio.run(scenario())


def test_a_form_that_cannot_be_stored_stays_open(workspace: Workspace, fake: FakeSlack) -> None:
    async def scenario() -> None:
        async with workspace as ws:
            await community(ws, "UBOB")
            view = (await open_intake_form(ws, "UBOB")).args["view"]
            outage = Outage(engine_of(ws.core))
            outage.down()
            payload = {
                "type": "view_submission", "team": {"id": "T0001"},
                "user": {"id": "UBOB", "team_id": "T0001"}, "trigger_id": "trigger-x",
                "view": {"id": "V1", "callback_id": view["callback_id"],
                         "private_metadata": view["private_metadata"], "blocks": view["blocks"],
                         "state": {"values": {"organisation": {"value": {
                             "type": "plain_text_input", "value": "Acme"}}}}},
            }  # fmt: skip
            response = await ws.post_form({"payload": json.dumps(payload)})
            answer = await response.json()
            assert answer["response_action"] == "errors"
            assert "cannot save" in answer["errors"]["organisation"]
            outage.up()

    asyncio.run(scenario())


def test_an_input_cut_off_after_it_was_stored_is_handled_once_later(
    workspace: Workspace, fake: FakeSlack
) -> None:
    async def scenario() -> None:
        async with workspace as ws:
            await community(ws, "UCAT")
            outage = Outage(engine_of(ws.core))
            slow = fake.hold("users.info")
            ws.adapter.users.forget("UCAT")
            event = ws.event_payload(
                {"type": "message", "channel": dm_of("UCAT"), "channel_type": "im",
                 "user": "UCAT", "text": "Thuiszorg Noord", "ts": "1.000300"},
            )  # fmt: skip
            response = await ws.post_json(event)
            assert response.status == 200  # stored, then acknowledged
            await fake.await_call("users.info")
            outage.down()  # the database goes away while copbot works on it
            slow.set()
            await ws.idle()
            assert any("saved" in t for t in fake.texts(channel=dm_of("UCAT")))
            outage.up()
            ws.clock.advance(timedelta(minutes=1))
            # The adapter's own pass (every few seconds) may come first: handled once either way.
            for _ in range(2):
                ws.adapter.drainer.soon()
                await ws.idle()
            assert await ws.adapter.drain() == 0  # nothing left to hand out
            assert member(ws, "UCAT").organisation == "Thuiszorg Noord"
            assert len([t for t in fake.texts(channel=dm_of("UCAT")) if "(2/4)" in t]) == 1

    asyncio.run(scenario())


def test_a_replayed_signed_command_runs_once(workspace: Workspace, fake: FakeSlack) -> None:
    """A captured signed request sent again within Slack's five minutes is acknowledged and
    ignored: the signature is in the journal (shared by every worker of the database)."""

    async def scenario() -> None:
        async with workspace as ws:
            await community(ws, "UBOB")
            body = urlencode(ws.command_fields("UBOB", "log Tried the kitchen-table talk"))
            captured = int(time.time())  # the same signed request, three times
            for _ in range(3):
                response = await ws.post(
                    body, content_type="application/x-www-form-urlencoded", timestamp=captured
                )
                assert response.status == 200
            await ws.idle()
            with ws.core.session_factory() as session:
                assert session.scalar(select(func.count()).select_from(LogEntry)) == 1
            assert len([t for t in answer_texts(fake.calls) if "logbook" in t.lower()]) == 1

    asyncio.run(scenario())


def test_readiness_follows_the_database_and_liveness_does_not(workspace: Workspace) -> None:
    async def scenario() -> None:
        async with workspace as ws:
            outage = Outage(engine_of(ws.core))
            assert (await ws.client.get("/readyz")).status == 200
            outage.down()
            response = await ws.client.get("/readyz")
            assert response.status == 503
            assert (await response.json())["database"] == "unavailable"
            assert (await ws.client.get("/healthz")).status == 200
            outage.up()
            assert (await ws.client.get("/readyz")).status == 200

    asyncio.run(scenario())
