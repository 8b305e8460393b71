"""Teams fixtures: copbot's real aiohttp app and a fake Bot Framework, on one background loop.

Requests go over real HTTP to ``/api/messages``; the handler finishes the turn (core and
replies) before it answers, so a test can assert on the fake right after ``post`` returns.
"""

from __future__ import annotations

import asyncio
import json
import threading
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Coroutine, Iterator
from datetime import datetime
from typing import Any, TypeVar

import pytest
from aiohttp import web
from botframework.connector.auth import AuthenticationConstants  # type: ignore[import-untyped]

from adapters.teams.web import TEAMS_KEY
from bot.core import RunReport
from bot.settings import Settings
from copbot.server import build_web_app
from tests.harness import Harness
from tests.teams.fake_connector import FakeConnector

T = TypeVar("T")

TENANT = "tenant-0001"
TEAM = "19:team-root@thread.tacv2"
CHANNEL = "19:general@thread.tacv2"
BOT = {"id": "28:copbot-app", "name": "copbot"}
NAMES = {
    "ann": "Ann", "bob": "Bob de Vries", "cas": "Cas", "dee": "Dee", "eva": "Eva", "fay": "Fay",
    "gus": "Gus Jansen",
}  # fmt: skip


class Loop:
    """An event loop in a thread: servers run on it; tests block on results with a timeout."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.runners: list[web.AppRunner] = []

    def run(self, coro: Coroutine[Any, Any, T], timeout: float = 20) -> T:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def serve(self, app: web.Application) -> str:
        async def start() -> str:
            runner = web.AppRunner(app)
            await runner.setup()
            site = web.TCPSite(runner, "127.0.0.1", 0)
            await site.start()
            self.runners.append(runner)
            server = site._server
            assert server is not None
            port = server.sockets[0].getsockname()[1]  # type: ignore[attr-defined]
            return f"http://127.0.0.1:{port}"

        return self.run(start())

    def close(self) -> None:
        for runner in reversed(self.runners):
            self.run(runner.cleanup())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)
        self.loop.close()


def uid(user: str) -> str:
    return f"29:{user}"


class TeamsClient:
    """Posts real-shaped Teams activities to copbot's ``/api/messages``."""

    def __init__(
        self,
        url: str,
        fake: FakeConnector,
        harness: Harness,
        *,
        settle: Callable[[], None] | None = None,
        app: web.Application | None = None,
        drain_soon: Callable[[], None] | None = None,
    ) -> None:
        self.url = url
        self.fake = fake
        self.bot = harness
        self.auth: str | None = None
        # Waits for the work a request started in the background (the delivery it kicked),
        # so what a test reads from the fake afterwards is complete.
        self.settle = settle
        self.app = app  # copbot's aiohttp app, when the test needs its endpoint
        # Starts a pass of the endpoint's journal drain (inputs an outage or crash cut off).
        self.drain_soon = drain_soon
        self._n = 0

    # -- transport -------------------------------------------------------------------------
    def run_due(self, at: datetime) -> RunReport:
        """The scheduler's tick at ``at``, with no background work of copbot's running beside
        it (a delivery, a drain pass), and that work done before the test reads the fake."""
        self.wait()
        report = self.bot.run_due(at)
        self.wait()
        return report

    def wait(self) -> None:
        if self.settle is not None:
            self.settle()

    def drain(self) -> None:
        """A pass of the journal drain, as the endpoint runs one every few seconds, and what
        it started, done. Whether this pass or the endpoint's own got to an input first, the
        test then sees it handled (once)."""
        assert self.drain_soon is not None
        self.drain_soon()
        self.wait()

    def post(
        self, activity: Any, *, headers: dict[str, str] | None = None, raw: bytes | None = None
    ) -> tuple[int, Any]:
        data = raw if raw is not None else json.dumps(activity).encode()
        request = urllib.request.Request(f"{self.url}/api/messages", data=data, method="POST")
        request.add_header("Content-Type", "application/json")
        if self.auth:
            request.add_header("Authorization", self.auth)
        for key, value in (headers or {}).items():
            request.add_header(key, value)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                status, body = response.status, response.read()
        except urllib.error.HTTPError as exc:
            status, body = exc.code, exc.read()
        self.wait()
        try:
            return status, json.loads(body) if body else None
        except ValueError:
            return status, body.decode()

    # -- activities ------------------------------------------------------------------------
    def activity(self, user: str, *, conversation: dict[str, Any], **extra: Any) -> dict[str, Any]:
        self._n += 1
        base: dict[str, Any] = {
            "type": "message",
            "id": f"in-{self._n}",
            "timestamp": "2027-01-04T09:00:00.000Z",
            "serviceUrl": self.fake.base_url,
            "channelId": "msteams",
            "from": {"id": uid(user), "name": NAMES.get(user, user), "aadObjectId": f"aad-{user}"},
            "recipient": dict(BOT),
            "conversation": conversation,
            "locale": "en-US",
            "channelData": {"tenant": {"id": TENANT}},
        }
        base.update(extra)
        return base

    def channel_activity(
        self, user: str, text: str, *, mentions: tuple[str, ...] = (), channel: str = CHANNEL
    ) -> dict[str, Any]:
        """``@copbot <text>`` in a team channel, with mention entities as Teams sends them."""
        entities: list[dict[str, Any]] = [
            {"type": "mention", "text": "<at>copbot</at>", "mentioned": dict(BOT)}
        ]
        for who in mentions:
            tag = f"<at>{NAMES[who]}</at>"
            text = text.replace(f"@{who}", tag)
            entities.append(
                {"type": "mention", "text": tag, "mentioned": {"id": uid(who), "name": NAMES[who]}}
            )
        self._n += 1
        return self.activity(
            user,
            conversation={
                "isGroup": True,
                "conversationType": "channel",
                "tenantId": TENANT,
                "id": f"{channel};messageid=17000000{self._n}",
            },
            text=f"<at>copbot</at> {text}",
            entities=entities,
            channelData={
                "teamsChannelId": channel,
                "teamsTeamId": TEAM,
                "channel": {"id": channel},
                "team": {"id": TEAM},
                "tenant": {"id": TENANT},
            },
        )

    def personal_conversation(self, user: str) -> dict[str, Any]:
        return {"conversationType": "personal", "tenantId": TENANT, "id": f"a:{uid(user)}"}

    def say(self, user: str, text: str, *, mentions: tuple[str, ...] = ()) -> int:
        status, _ = self.post(self.channel_activity(user, text, mentions=mentions))
        return status

    def dm(self, user: str, text: str, *, tz: str | None = None) -> int:
        entities = []
        if tz:
            entities.append(
                {"type": "clientInfo", "locale": "en-US", "timezone": tz, "platform": "Web"}
            )
        status, _ = self.post(
            self.activity(
                user, conversation=self.personal_conversation(user), text=text, entities=entities
            )
        )
        return status

    def submit(self, user: str, data: dict[str, Any]) -> int:
        """An Action.Submit in the user's 1:1 chat: a message activity with ``value``."""
        status, _ = self.post(
            self.activity(
                user,
                conversation=self.personal_conversation(user),
                value=data,
                replyToId="card-1",
            )
        )
        return status

    def execute(self, user: str, data: dict[str, Any]) -> tuple[int, Any]:
        """An Action.Execute: an ``adaptiveCard/action`` invoke."""
        return self.post(
            self.activity(
                user,
                conversation=self.personal_conversation(user),
                type="invoke",
                name="adaptiveCard/action",
                value={
                    "action": {"type": "Action.Execute", "verb": data.get("copbot_action", "")}
                    | {"data": data},
                    "trigger": "manual",
                },
            )
        )

    def exchange(self, post: Any) -> list[str]:
        """Run ``post`` (a call of this client) and return the texts copbot sent meanwhile."""
        before = len(self.fake.calls)
        status = post() if callable(post) else post
        assert status == 200, status
        return [str(c.body.get("text", "")) for c in self.fake.calls[before:]]

    def command(self, user: str, text: str, *, mentions: tuple[str, ...] = ()) -> str:
        """``@copbot <text>`` in the channel; every text it caused, joined."""
        return "\n".join(self.exchange(lambda: self.say(user, text, mentions=mentions)))

    def chat(self, user: str, text: str) -> str:
        """``<text>`` in the user's 1:1 chat; every text it caused, joined."""
        return "\n".join(self.exchange(lambda: self.dm(user, text)))

    # -- what users saw --------------------------------------------------------------------
    def dm_texts(self, user: str) -> list[str]:
        return self.fake.dm_texts(uid(user))

    def dm_last(self, user: str) -> str:
        texts = self.dm_texts(user)
        assert texts, f"nothing was sent to {user}"
        return texts[-1]

    def dm_cards(self, user: str) -> list[dict[str, Any]]:
        return [
            a["content"]
            for body in self.fake.to(f"a:{uid(user)}")
            for a in body.get("attachments", [])
        ]

    def channel_texts(self) -> list[str]:
        return [t for call in self.fake.calls if call.conversation_id.startswith(CHANNEL)
                for t in [str(call.body.get("text", ""))]]  # fmt: skip


@pytest.fixture
def loop() -> Iterator[Loop]:
    background = Loop()
    yield background
    background.close()


@pytest.fixture
def fake(loop: Loop) -> FakeConnector:
    connector = FakeConnector()
    connector.base_url = loop.serve(connector.app())
    return connector


def start_copbot(loop: Loop, harness: Harness, settings: Settings) -> tuple[str, web.Application]:
    app = build_web_app(settings, harness.core, scheduler=False)
    return loop.serve(app), app


def client_for(
    loop: Loop, fake: FakeConnector, harness: Harness, settings: Settings
) -> TeamsClient:
    """copbot started with ``settings``, and a client whose every request waits for the
    background work it started."""
    url, app = start_copbot(loop, harness, settings)

    def settle() -> None:
        if TEAMS_KEY in app:
            # Generous: on a loaded machine a delivery run can take seconds; never a sleep.
            loop.run(app[TEAMS_KEY].idle(), timeout=120)

    def drain_soon() -> None:
        # Queued on the loop before the wait that follows it, so that wait sees the pass.
        loop.loop.call_soon_threadsafe(app[TEAMS_KEY].drainer.soon)

    return TeamsClient(url, fake, harness, settle=settle, app=app, drain_soon=drain_soon)


@pytest.fixture
def teams(loop: Loop, fake: FakeConnector, bot: Harness) -> TeamsClient:
    """copbot in dev mode (no app id), its connector calls going to the fake."""
    return client_for(loop, fake, bot, Settings(database_url="sqlite://", teams_dev_mode=True))


APP_ID = BOT["id"].removeprefix("28:")
APP_PASSWORD = "fake-client-secret"


@pytest.fixture
def platform(fake: FakeConnector, monkeypatch: pytest.MonkeyPatch) -> FakeConnector:
    """Point botframework-connector's identity endpoints at the fake: the OpenID metadata
    (signing keys for inbound tokens) and the login service (outbound tokens).

    A unique query string per fake keeps botframework's process-wide metadata cache from
    serving one test's keys to another test that happens to get the same port.
    """
    monkeypatch.setattr(
        AuthenticationConstants,
        "TO_BOT_FROM_CHANNEL_OPENID_METADATA_URL",
        f"{fake.base_url}/openid?fake={uuid.uuid4().hex}",
    )
    monkeypatch.setattr(
        AuthenticationConstants, "TO_CHANNEL_FROM_BOT_LOGIN_URL_PREFIX", f"{fake.base_url}/"
    )
    return fake


def auth_settings(**extra: Any) -> Settings:
    return Settings(
        database_url="sqlite://",
        microsoft_app_id=APP_ID,
        microsoft_app_password=APP_PASSWORD,
        **extra,
    )


@pytest.fixture
def teams_auth(loop: Loop, platform: FakeConnector, bot: Harness) -> TeamsClient:
    """copbot with an app id: every request authenticated. The client sends valid tokens."""
    client = client_for(loop, platform, bot, auth_settings())
    client.auth = "Bearer " + platform.channel_token(app_id=APP_ID, service_url=platform.base_url)
    return client
