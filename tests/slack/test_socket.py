"""``copbot serve --socket-mode``: Slack pushes envelopes over a websocket the fake serves.

slack_sdk's socket client asks the fake Web API for a URL (``apps.connections.open``, with the
app-level token), connects to the fake's websocket and receives real-shaped envelopes; copbot
must acknowledge each on the socket and answer through the Web API like over HTTP.
"""

from __future__ import annotations

import asyncio
import json

import pytest

from adapters.slack.installs import SingleToken
from adapters.slack.sender import SlackSender
from adapters.slack.socket import SOCKET_KEY, build_socket_app, run_socket_mode
from bot.core import Core
from bot.db import make_engine, make_session_factory
from bot.settings import Settings
from scheduler.service import SCHEDULER_KEY
from tests.slack.fake_slack import FakeSlack
from tests.slack.test_commands import community
from tests.slack.workspace import (
    APP_TOKEN,
    CHANNEL,
    INTAKE_ANSWERS,
    TOKEN,
    SocketWorkspace,
    Workspace,
    answer_texts,
    member,
    open_intake_form,
    socket_settings_for,
)


def test_slash_command_is_acknowledged_on_the_socket_and_answered_through_the_web_api(
    socket_workspace: Workspace, fake: FakeSlack
) -> None:
    async def scenario() -> None:
        async with socket_workspace as ws:
            assert isinstance(ws, SocketWorkspace)
            # The websocket URL came from the Web API, asked with the app-level token.
            opened = await fake.await_call("apps.connections.open")
            assert opened[0].token == APP_TOKEN

            fields = ws.command_fields("UANN", "setup Test CoP")
            ack = await ws.envelope("slash_commands", fields)
            assert set(ack.args) == {"envelope_id"}  # an empty ack: the reply follows
            posts = await fake.await_call(
                "chat.postMessage", lambda c: c.args.get("channel") == CHANNEL
            )
            assert "Test CoP" in posts[0].args["text"]
            assert posts[0].token == TOKEN

            # A private answer goes to the command's response_url, as over HTTP.
            answers = await ws.run("UANN", "status")
            hooks = [c for c in answers if c.method == "response_url"]
            assert hooks and hooks[0].args["response_type"] == "ephemeral"
            assert "Test CoP" in hooks[0].args["text"]

    asyncio.run(scenario())


def test_health_check_stays_and_the_http_endpoint_is_not_mounted(
    socket_workspace: Workspace, fake: FakeSlack
) -> None:
    async def scenario() -> None:
        async with socket_workspace as ws:
            assert (await ws.client.get("/healthz")).status == 200
            # Without a signing secret an HTTP endpoint could not verify anything.
            response = await ws.client.post("/slack/events", data=b"{}")
            assert response.status in (404, 405)
            assert ws.client.app is not None and SOCKET_KEY in ws.client.app

    asyncio.run(scenario())


def test_button_and_modal_round_trip_over_the_socket(
    socket_workspace: Workspace, fake: FakeSlack
) -> None:
    async def scenario() -> None:
        async with socket_workspace as ws:
            await community(ws, "UBOB")
            opened = await open_intake_form(ws, "UBOB")
            calls = await ws.submit("UBOB", opened.args["view"], INTAKE_ANSWERS)
            assert answer_texts(calls)
            assert member(ws, "UBOB").organisation == "Acme Care"

    asyncio.run(scenario())


def test_redelivered_event_envelope_is_handled_once(
    socket_workspace: Workspace, fake: FakeSlack
) -> None:
    async def scenario() -> None:
        async with socket_workspace as ws:
            await community(ws, "UCAT")
            first = await ws.dm("UCAT", "Thuiszorg Noord", event_id="EvSOCK")
            again = await ws.dm("UCAT", "Thuiszorg Noord", event_id="EvSOCK", retry=1)
            assert answer_texts(first)
            assert answer_texts(again) == []
            cat = member(ws, "UCAT")
            assert (cat.organisation, cat.discipline) == ("Thuiszorg Noord", None)

    asyncio.run(scenario())


def test_malformed_envelope_changes_nothing_and_the_socket_keeps_working(
    socket_workspace: Workspace, fake: FakeSlack
) -> None:
    async def scenario() -> None:
        async with socket_workspace as ws:
            assert isinstance(ws, SocketWorkspace)
            # bolt cannot handle this one; it is not acknowledged and Slack would redeliver it.
            fake.push_envelope(
                {"envelope_id": "bad", "type": "interactive", "payload": {"type": "block_actions"}}
            )
            assert "Test CoP" in await ws.say("UANN", "setup Test CoP")

    asyncio.run(scenario())


def test_socket_mode_runs_the_scheduler(fake: FakeSlack, sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    core = Core(session_factory=make_session_factory(engine), deliver_inline=False)

    async def scenario() -> None:
        from aiohttp.test_utils import TestClient, TestServer

        app = build_socket_app(socket_settings_for(fake, sqlite_url), core, scheduler=True)
        async with TestClient(TestServer(app)) as client:
            assert client.app is not None and client.app[SCHEDULER_KEY].running
            await fake.await_call("apps.connections.open")

    try:
        asyncio.run(scenario())
    finally:
        engine.dispose()


@pytest.mark.parametrize(
    ("bot_token", "app_token", "says"),
    [
        (TOKEN, None, "SLACK_APP_TOKEN is not set"),
        (None, APP_TOKEN, "SLACK_BOT_TOKEN is not set"),
        (TOKEN, TOKEN, "does not start with xapp-"),
    ],
)
def test_missing_or_wrong_tokens_are_explained(
    fake: FakeSlack,
    sqlite_url: str,
    capsys: pytest.CaptureFixture[str],
    bot_token: str | None,
    app_token: str | None,
    says: str,
) -> None:
    settings = Settings(
        database_url=sqlite_url,
        slack_bot_token=bot_token,
        slack_app_token=app_token,
        slack_api_url=fake.api_url,
    )
    core = Core(session_factory=make_session_factory(make_engine(sqlite_url)))
    assert run_socket_mode(settings, core=core, scheduler=False) == 2
    err = capsys.readouterr().err
    assert says in err and "connections:write" in err
    assert fake.calls == []


def test_several_workspaces_are_sent_to_the_http_mode(
    fake: FakeSlack, sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Installs in several workspaces need the install pages, so a public address: Socket Mode
    refuses to start with the app's client id and secret rather than answer with no token."""
    settings = Settings(
        **{
            **socket_settings_for(fake, sqlite_url).__dict__,
            "slack_client_id": "2141029472.691202649728",
            "slack_client_secret": "e1b9e11dfcd19c1982d5de12921e17e8c",
        }
    )
    core = Core(session_factory=make_session_factory(make_engine(sqlite_url)))
    assert run_socket_mode(settings, core=core, scheduler=False) == 2
    err = capsys.readouterr().err
    assert "SLACK_CLIENT_ID and SLACK_CLIENT_SECRET are set" in err, err
    assert "needs the HTTP mode" in err
    assert fake.calls == []


def test_socket_mode_speaks_for_the_one_workspace_of_the_bot_token(
    socket_workspace: Workspace, fake: FakeSlack
) -> None:
    """The adapter Socket Mode wires up holds SLACK_BOT_TOKEN alone: every answer and every
    outbox send goes out with it, and no installation is looked up."""

    async def scenario() -> None:
        async with socket_workspace as ws:
            assert isinstance(ws.adapter.tokens, SingleToken)
            sender = ws.core.senders["slack"]
            assert isinstance(sender, SlackSender) and sender.tokens is ws.adapter.tokens
            assert "slack" not in ws.core.records  # no installation records to erase
            await ws.command("UANN", "setup Test CoP")
            # Two people's commands are worked on side by side: Bob joins once the community
            # exists (else he is told there is none yet and nothing is sent to his DM).
            await ws.idle()
            await ws.command("UBOB", "join")
            await ws.idle()
            ws.core.deliver()  # the welcome DM, from the outbox
            calls = [c for c in fake.calls if c.token is not None]
            assert fake.of("chat.postMessage", lambda c: c.args.get("channel") == "DBOB")
            assert {c.token for c in calls} == {APP_TOKEN, TOKEN}
            assert {c.method for c in calls if c.token == APP_TOKEN} == {"apps.connections.open"}

    asyncio.run(scenario())


@pytest.mark.parametrize(
    ("method", "variable"),
    [("apps.connections.open", "SLACK_APP_TOKEN"), ("auth.test", "SLACK_BOT_TOKEN")],
)
def test_a_refused_token_stops_start_up_with_an_explanation(
    fake: FakeSlack, sqlite_url: str, capsys: pytest.CaptureFixture[str], method: str, variable: str
) -> None:
    """slack_sdk alone would retry a revoked token forever; start-up fails and says why."""
    fake.fail(method, "invalid_auth", times=100)
    settings = Settings(
        **{**socket_settings_for(fake, sqlite_url).__dict__, "port": 0, "host": "127.0.0.1"}
    )
    core = Core(session_factory=make_session_factory(make_engine(sqlite_url)))
    assert run_socket_mode(settings, core=core, scheduler=False) == 1
    err = capsys.readouterr().err
    assert f"Slack refused {variable} (invalid_auth)" in err
    assert len(fake.of(method)) == 1


def test_envelope_shape_is_what_slack_sends(socket_workspace: Workspace, fake: FakeSlack) -> None:
    """The ack is a JSON text frame naming the envelope (what Slack's servers expect)."""

    async def scenario() -> None:
        async with socket_workspace as ws:
            assert isinstance(ws, SocketWorkspace)
            ack = await ws.envelope("slash_commands", ws.command_fields("UANN", "help"))
            assert json.loads(json.dumps(ack.args))["envelope_id"].startswith("env-")
            await ws.idle()

    asyncio.run(scenario())
