"""A black-box Slack workspace: people type slash commands, click buttons, submit modals and
write DMs; every request is signed like Slack signs it and goes to the real ``/slack/events``
endpoint of ``copbot serve``'s aiohttp app. What copbot says back is read from the fake Web API.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from aiohttp import ClientResponse, web
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import select

from adapters.slack.socket import build_socket_app
from adapters.slack.web import SLACK_KEY, SlackAdapter
from bot.core import Core, RunReport
from bot.members.models import Member
from bot.settings import Settings
from copbot.server import build_web_app
from tests.harness import FakeClock
from tests.slack.fake_slack import TEAM, Call, FakeSlack, sign

SECRET = "test-signing-secret"
TOKEN = "xoxb-test-token"
APP_TOKEN = "xapp-1-A0001-test"
CHANNEL = "C0COP"
JSON = dict[str, Any]


def settings_for(fake: FakeSlack, database_url: str) -> Settings:
    return Settings(
        database_url=database_url,
        slack_bot_token=TOKEN,
        slack_signing_secret=SECRET,
        slack_api_url=fake.api_url,
        worker_id="test",
    )


def socket_settings_for(fake: FakeSlack, database_url: str) -> Settings:
    """Socket Mode needs the bot and app-level tokens, no signing secret."""
    return Settings(
        database_url=database_url,
        slack_bot_token=TOKEN,
        slack_app_token=APP_TOKEN,
        slack_api_url=fake.api_url,
        worker_id="test",
    )


def dm_of(user: str) -> str:
    """The DM channel id the fake's conversations.open gives for a user."""
    return "D" + user.removeprefix("U")


# -- payloads as Slack sends them (also used by bench.slack_ack and scripts/live-check) -------
def slash_command(fake: FakeSlack, user: str, text: str, *, channel: str, tag: str) -> JSON:
    """The form fields of ``/cop <text>``; ``tag`` makes its response_url and trigger unique."""
    return {
        "token": "legacy",
        "team_id": TEAM,
        "team_domain": "cop",
        "channel_id": channel,
        "channel_name": "cop" if channel.startswith("C") else "directmessage",
        "user_id": user,
        "user_name": user.lower(),
        "command": "/cop",
        "text": text,
        "api_app_id": "A0001",
        "response_url": fake.response_url(f"cmd{tag}"),
        "trigger_id": f"trigger-{tag}",
    }


def block_action(
    fake: FakeSlack, user: str, action_id: str, value: str, *, channel: str, tag: str
) -> JSON:
    """A click on a button copbot sent to ``channel``."""
    return {
        "type": "block_actions",
        "team": {"id": TEAM, "domain": "cop"},
        "user": {"id": user, "username": user.lower(), "team_id": TEAM},
        "api_app_id": "A0001",
        "token": "legacy",
        "container": {"type": "message", "channel_id": channel, "message_ts": "1.0"},
        "trigger_id": f"trigger-{tag}",
        "channel": {"id": channel, "name": "directmessage"},
        "response_url": fake.response_url(f"act{tag}"),
        "actions": [
            {
                "type": "button",
                "action_id": action_id,
                "block_id": "b1",
                "value": value,
                "action_ts": "1.0",
            }
        ],
    }


def event_callback(event: JSON, *, event_id: str) -> JSON:
    """An Events API delivery of ``event``."""
    return {
        "token": "legacy",
        "team_id": TEAM,
        "api_app_id": "A0001",
        "type": "event_callback",
        "event_id": event_id,
        "event_time": 1700000000,
        "authorizations": [{"team_id": TEAM, "user_id": "UBOT", "is_bot": True}],
        "event": event,
    }


@dataclass
class Workspace:
    fake: FakeSlack
    core: Core
    settings: Settings
    clock: FakeClock
    client: TestClient[web.Request, web.Application] = field(init=False)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    async def __aenter__(self) -> Workspace:
        app = build_web_app(self.settings, self.core, scheduler=False)
        self.client = TestClient(TestServer(app))
        await self.client.start_server()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.client.close()

    @property
    def adapter(self) -> SlackAdapter:
        assert self.client.app is not None
        return self.client.app[SLACK_KEY]

    async def idle(self) -> None:
        """Wait for every piece of work the requests so far started (no sleeping)."""
        # Generous: on a loaded machine a delivery run can take seconds; never a sleep.
        await asyncio.wait_for(self.adapter.idle(), timeout=120)

    # -- raw requests ----------------------------------------------------------------------
    async def post(
        self,
        body: str,
        *,
        content_type: str,
        headers: dict[str, str] | None = None,
        secret: str = SECRET,
        timestamp: int | None = None,
        signed: bool = True,
    ) -> ClientResponse:
        all_headers = {"Content-Type": content_type, **(headers or {})}
        if signed:
            all_headers.update(sign(secret, body, timestamp))
        return await self.client.post("/slack/events", data=body.encode(), headers=all_headers)

    async def post_form(self, fields: JSON, **kwargs: Any) -> ClientResponse:
        return await self.post(
            urlencode(fields), content_type="application/x-www-form-urlencoded", **kwargs
        )

    async def post_json(self, payload: JSON, **kwargs: Any) -> ClientResponse:
        return await self.post(json.dumps(payload), content_type="application/json", **kwargs)

    # -- people doing things -----------------------------------------------------------------
    def command_fields(self, user: str, text: str, *, channel: str = CHANNEL) -> JSON:
        return slash_command(self.fake, user, text, channel=channel, tag=str(next(self._ids)))

    # -- how Slack hands copbot a payload: signed HTTP here, Socket Mode in SocketWorkspace --
    async def send_command(self, fields: JSON) -> None:
        response = await self.post_form(fields)
        assert response.status == 200, await response.text()

    async def send_interactive(self, payload: JSON) -> None:
        response = await self.post_form({"payload": json.dumps(payload)})
        assert response.status == 200, await response.text()

    async def send_event(self, payload: JSON, *, retry: int | None = None) -> None:
        headers = {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"}
        response = await self.post_json(payload, headers=headers if retry else None)
        assert response.status == 200, await response.text()

    async def command(self, user: str, text: str, *, channel: str = CHANNEL) -> None:
        await self.send_command(self.command_fields(user, text, channel=channel))

    async def run(self, user: str, text: str, *, channel: str = CHANNEL) -> list[Call]:
        """``/cop <text>`` and wait until it is handled; returns what copbot answered."""
        before = len(self.fake.calls)
        await self.command(user, text, channel=channel)
        await self.idle()
        return self.fake.calls[before:]

    async def say(self, user: str, text: str, *, channel: str = CHANNEL) -> str:
        """The text of every answer copbot gave to ``/cop <text>``."""
        return "\n".join(answer_texts(await self.run(user, text, channel=channel)))

    def action_payload(
        self, user: str, action_id: str, value: str, *, channel: str | None = None
    ) -> JSON:
        channel = channel or dm_of(user)
        return block_action(
            self.fake, user, action_id, value, channel=channel, tag=str(next(self._ids))
        )

    async def click(
        self, user: str, action_id: str, value: str, *, channel: str | None = None
    ) -> list[Call]:
        before = len(self.fake.calls)
        await self.send_interactive(self.action_payload(user, action_id, value, channel=channel))
        await self.idle()
        return self.fake.calls[before:]

    async def submit(self, user: str, view: JSON, answers: dict[str, str]) -> list[Call]:
        """Submit a modal copbot opened, filling in ``answers`` by question id."""
        values: JSON = {}
        for block in view["blocks"]:
            element = block["element"]
            answer = answers.get(block["block_id"], "")
            if element["type"] == "plain_text_input":
                values[block["block_id"]] = {"value": {"type": element["type"], "value": answer}}
            else:
                option = next((o for o in element["options"] if o["value"] == answer), None)
                values[block["block_id"]] = {
                    "value": {"type": element["type"], "selected_option": option}
                }
        payload = {
            "type": "view_submission",
            "team": {"id": TEAM, "domain": "cop"},
            "user": {"id": user, "username": user.lower(), "team_id": TEAM},
            "api_app_id": "A0001",
            "token": "legacy",
            "trigger_id": f"trigger-view-{next(self._ids)}",
            "view": {
                "id": "V1",
                "type": "modal",
                "callback_id": view["callback_id"],
                "private_metadata": view["private_metadata"],
                "blocks": view["blocks"],
                "state": {"values": values},
            },
        }
        before = len(self.fake.calls)
        await self.send_interactive(payload)
        await self.idle()
        return self.fake.calls[before:]

    def event_payload(self, event: JSON, *, event_id: str | None = None) -> JSON:
        return event_callback(event, event_id=event_id or f"Ev{next(self._ids):08d}")

    async def dm(
        self, user: str, text: str, *, event_id: str | None = None, retry: int | None = None
    ) -> list[Call]:
        """``user`` writes ``text`` in their DM with copbot (a message.im event)."""
        event = {
            "type": "message",
            "channel": dm_of(user),
            "channel_type": "im",
            "user": user,
            "text": text,
            "ts": f"1700000{next(self._ids)}.000100",
        }
        before = len(self.fake.calls)
        await self.send_event(self.event_payload(event, event_id=event_id), retry=retry)
        await self.idle()
        return self.fake.calls[before:]

    async def run_due(self, at: datetime) -> RunReport:
        """The scheduler's tick at ``at``: timed jobs, then the outbox, through the Web API.
        The clock stays there, as time does."""
        # Nothing of copbot's own (a delivery, a drain pass) runs beside the tick, and what the
        # tick started is done before the test reads the fake.
        await self.idle()
        self.clock.set(at)
        report = await asyncio.to_thread(self.core.run_due, at)
        await self.idle()
        return report


@dataclass
class SocketWorkspace(Workspace):
    """The same workspace with Slack in Socket Mode: copbot connects to the fake's websocket
    (found through apps.connections.open) and every payload arrives there as an envelope,
    which copbot must acknowledge on the socket."""

    async def __aenter__(self) -> SocketWorkspace:
        app = build_socket_app(self.settings, self.core, scheduler=False)
        self.client = TestClient(TestServer(app))
        await self.client.start_server()
        return self

    async def envelope(self, kind: str, payload: JSON, *, retry: int | None = None) -> Call:
        """Push one envelope and wait for copbot's acknowledgement of it."""
        envelope_id = f"env-{next(self._ids)}"
        envelope: JSON = {
            "envelope_id": envelope_id,
            "type": kind,
            "payload": payload,
            "accepts_response_payload": kind != "events_api",
        }
        if retry:
            envelope.update(retry_attempt=retry, retry_reason="timeout")
        self.fake.push_envelope(envelope)
        acks = await self.fake.await_call(
            "socket_ack", lambda c: c.args.get("envelope_id") == envelope_id
        )
        return acks[0]

    async def send_command(self, fields: JSON) -> None:
        await self.envelope("slash_commands", fields)

    async def send_interactive(self, payload: JSON) -> None:
        await self.envelope("interactive", payload)

    async def send_event(self, payload: JSON, *, retry: int | None = None) -> None:
        await self.envelope("events_api", payload, retry=retry)


def answer_texts(calls: list[Call]) -> list[str]:
    kinds = ("chat.postMessage", "chat.postEphemeral", "response_url")
    return [str(c.args.get("text", "")) for c in calls if c.method in kinds]


def buttons_in(call: Call) -> list[JSON]:
    return [
        element
        for block in call.args.get("blocks") or []
        if block.get("type") == "actions"
        for element in block["elements"]
    ]


def find_button(calls: list[Call], label_or_action: str) -> JSON:
    for call in reversed(calls):
        for button in buttons_in(call):
            if label_or_action in (button["action_id"], button["text"]["text"]):
                return button
    raise AssertionError(f"no button {label_or_action!r} in {[c.method for c in calls]}")


def member(ws: Workspace, user: str) -> Member:
    """The member row of ``user``, read fresh from the database."""
    with ws.core.session_factory() as session:
        found = session.scalars(select(Member).where(Member.user_id == user)).one()
        session.expunge(found)
        return found


INTAKE_ANSWERS = {
    "organisation": "Acme Care",
    "discipline": "Nursing",
    "practice_case": "Mrs J. wants to stay home",
    "learning_goals": "Plan care with families",
}


async def open_intake_form(ws: Workspace, user: str) -> Call:
    """Press "Answer in a form" under the intake in ``user``'s DM: the one ``views.open``
    call it makes."""
    intake = ws.fake.of("chat.postMessage", lambda c: c.args["channel"] == dm_of(user))
    button = find_button(intake, "prompt.form")
    calls = await ws.click(user, button["action_id"], button["value"])
    opened = [c for c in calls if c.method == "views.open"]
    assert len(opened) == 1, [c.method for c in calls]
    return opened[0]
