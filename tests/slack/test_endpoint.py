"""POST /slack/events: Slack's handshake, signatures, malformed bodies, acknowledgement."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.communities.models import Community
from tests.slack.fake_slack import FakeSlack
from tests.slack.workspace import Workspace


def communities(ws: Workspace) -> int:
    with ws.core.session_factory() as session:
        return int(session.scalar(select(func.count()).select_from(Community)) or 0)


def test_url_verification_handshake(workspace: Workspace) -> None:
    async def scenario() -> None:
        async with workspace as ws:
            payload = {"token": "legacy", "challenge": "c-123", "type": "url_verification"}
            response = await ws.post_json(payload)
            assert response.status == 200
            assert (await response.json())["challenge"] == "c-123"
            assert (await ws.client.get("/healthz")).status == 200

    asyncio.run(scenario())


@pytest.mark.parametrize(
    "how",
    ["unsigned", "wrong secret", "stale", "future", "tampered"],
)
def test_forged_or_stale_requests_are_refused_and_change_nothing(
    workspace: Workspace, fake: FakeSlack, how: str
) -> None:
    async def scenario() -> None:
        async with workspace as ws:
            fields = ws.command_fields("UANN", "setup Forged CoP")
            body = "&".join(f"{k}={v}" for k, v in fields.items()).replace(" ", "+")
            kwargs: dict[str, Any] = {}
            if how == "unsigned":
                kwargs["signed"] = False
            elif how == "wrong secret":
                kwargs["secret"] = "not-the-secret"
            elif how == "stale":
                kwargs["timestamp"] = int(time.time()) - 6 * 60
            elif how == "future":
                kwargs["timestamp"] = int(time.time()) + 6 * 60
            if how == "tampered":
                good = ws.post  # sign the original, send another body under that signature
                from tests.slack.fake_slack import sign

                headers = sign("test-signing-secret", body)
                response = await ws.client.post(
                    "/slack/events",
                    data=body.replace("Forged", "Evil").encode(),
                    headers={"Content-Type": "application/x-www-form-urlencoded", **headers},
                )
                assert good is not None
            else:
                response = await ws.post(
                    body, content_type="application/x-www-form-urlencoded", **kwargs
                )
            assert response.status == 401
            await ws.idle()
            assert communities(ws) == 0
            assert fake.calls == []

    asyncio.run(scenario())


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("{not json", "application/json"),
        ("[1, 2, 3]", "application/json"),
        ("payload=%7Bbroken", "application/x-www-form-urlencoded"),
        ("payload=%5B%5D", "application/x-www-form-urlencoded"),
        ('{"type": "event_callback", "event": "not an object"}', "application/json"),
        ('{"type": "block_actions", "actions": "nope"}', "application/json"),
        ("", "application/json"),
    ],
)
def test_malformed_bodies_are_client_errors(
    workspace: Workspace, body: str, content_type: str
) -> None:
    async def scenario() -> None:
        async with workspace as ws:
            response = await ws.post(body, content_type=content_type)
            assert 400 <= response.status < 500, (response.status, await response.text())
            await ws.idle()

    asyncio.run(scenario())


def test_body_that_is_not_utf8_is_refused(workspace: Workspace) -> None:
    async def scenario() -> None:
        async with workspace as ws:
            response = await ws.client.post(
                "/slack/events",
                data=b"\xff\xfe\x00payload",
                headers={"Content-Type": "application/json"},
            )
            assert response.status == 400

    asyncio.run(scenario())


def test_ack_comes_before_the_work(workspace: Workspace, fake: FakeSlack) -> None:
    """The slash command is answered 200 with an empty body; the reply follows through the
    response_url, even when the Web API is slow to answer users.info."""

    async def scenario() -> None:
        async with workspace as ws:
            response = await ws.post_form(ws.command_fields("UANN", "help"))
            assert response.status == 200
            assert (await response.text()) == ""
            await ws.idle()
            assert fake.of("response_url")

    asyncio.run(scenario())


def test_oauth_environment_does_not_take_over(
    workspace: Workspace, fake: FakeSlack, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With SLACK_CLIENT_ID/SECRET in the environment bolt would switch to OAuth installs;
    copbot stays on its bot token."""
    monkeypatch.setenv("SLACK_CLIENT_ID", "111.222")
    monkeypatch.setenv("SLACK_CLIENT_SECRET", "shh")

    async def scenario() -> None:
        async with workspace as ws:
            await ws.run("UANN", "help")
            tokens = {c.token for c in fake.calls if c.method not in ("response_url",)}
            assert tokens == {"xoxb-test-token"}
            assert fake.of("response_url")

    asyncio.run(scenario())


def test_unknown_event_types_are_acknowledged(workspace: Workspace) -> None:
    async def scenario() -> None:
        async with workspace as ws:
            payload = ws.event_payload({"type": "reaction_added", "user": "UANN"})
            response = await ws.post_json(payload)
            assert response.status == 200
            response = await ws.post_json(
                ws.event_payload(
                    {"type": "message", "channel_type": "im", "subtype": "bot_message"}
                )
            )
            assert response.status == 200
            await ws.idle()

    asyncio.run(scenario())


def test_interactivity_payload_is_json_in_a_form_field(workspace: Workspace) -> None:
    async def scenario() -> None:
        async with workspace as ws:
            payload = ws.action_payload("UANN", "no.such.action", "x")
            response = await ws.post_form({"payload": json.dumps(payload)})
            assert response.status == 200
            await ws.idle()

    asyncio.run(scenario())


def test_the_ack_does_not_wait_for_slow_work(any_workspace: Workspace, fake: FakeSlack) -> None:
    """Slack's 3 seconds are for the acknowledgement only: while users.info hangs, the slash
    command is already acknowledged; the answer follows once Slack answers again."""

    async def scenario() -> None:
        async with any_workspace as ws:
            slow = fake.hold("users.info")
            await asyncio.wait_for(ws.command("UANN", "help"), timeout=5)
            await fake.await_call("users.info")  # the work started and waits for Slack
            assert fake.of("response_url") == []
            slow.set()
            await ws.idle()
            assert fake.of("response_url")

    asyncio.run(scenario())
