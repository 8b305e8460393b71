"""copbot installed in any Slack workspace: the OAuth v2 install end to end against the fake
Slack, every Web API call with the token of the workspace it concerns (the Authorization
header of each call is checked), token rotation before a scheduled send, uninstalling, a
member of a Slack Connect channel from another organisation, and an org-wide install."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from freezegun import freeze_time
from slack_sdk import WebClient
from sqlalchemy import select

from adapters.slack.installs import Installations
from adapters.slack.oauth import BOT_SCOPES
from adapters.slack.sender import SlackSender
from bot.db import make_engine
from bot.messages import plain
from bot.outbox.models import Delivery, DeliveryStatus
from bot.outbox.sender import PermanentDeliveryError, Recipient, TransientDeliveryError
from tests.slack.fake_slack import Call, FakeSlack
from tests.slack.installs import (
    CLIENT_ID,
    CLIENT_SECRET,
    GRANT_A,
    GRANT_B,
    A,
    B,
    InstallableWorkspace,
    Team,
    installable,
    payload,
    replaced,
    web_api,
)
from tests.slack.scopes import granted_bot_scopes, manifest

CHECKIN = datetime(2027, 1, 11, 13, 0, tzinfo=UTC)  # three days before the first meeting
CONFIG = 'lang=en start=2027-01-14 time=14:00 question="How do we keep elderly people at home?"'

PEOPLE = {A: ("UANN", "UBOB"), B: ("UBEA", "UBAS")}


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    slack = FakeSlack(granted=granted_bot_scopes()).start()
    for team, people in PEOPLE.items():
        for user in people:
            slack.add_user(user, user[1:].title(), team=team.team_id)
        slack.channel_members[team.channel] = [*people, team.bot_user]
    yield slack
    slack.stop()


@pytest.fixture
def ws(fake: FakeSlack, sqlite_url: str) -> Iterator[InstallableWorkspace]:
    with installable(fake, sqlite_url) as workspace:
        yield workspace


def where(fake: FakeSlack, call: Call) -> set[str]:
    """The workspaces of the channels and people a call is about (DM channels are 'D' + the
    person's id in the fake)."""
    ids: list[str] = []
    for name in ("channel", "user", "users", "channel_id"):
        value = call.args.get(name)
        if isinstance(value, str):
            ids.extend(value.split(","))
    teams: set[str] = set()
    for found in ids:
        user = "U" + found[1:] if found.startswith("D") else found
        if user in fake.users:
            teams.add(str(fake.users[user]["team_id"]))
        for team in PEOPLE:
            if found == team.channel:
                teams.add(team.team_id)
    return teams


def assert_each_call_speaks_for_its_workspace(fake: FakeSlack, calls: list[Call]) -> None:
    for call in web_api(calls):
        assert call.token is not None, call
        own = fake.team_of_token(call.token)
        assert own is not None, f"{call.method} with a token Slack never issued: {call.token}"
        about = where(fake, call)
        assert about <= {own}, f"{call.method} about {about} with the token of {own}"


async def community(ws: InstallableWorkspace, team: Team) -> list[Call]:
    organiser, member = PEOPLE[team]
    calls = await ws.command_from(team, organiser, "setup Test CoP")
    calls += await ws.command_from(team, organiser, f"config {CONFIG}")
    calls += await ws.command_from(team, member, "join")
    return calls


def test_the_install_pages_ask_for_the_manifest_scopes() -> None:
    assert sorted(BOT_SCOPES) == sorted(manifest("manifest.yml")["oauth_config"]["scopes"]["bot"])
    redirects = manifest("manifest.yml")["oauth_config"]["redirect_urls"]
    assert redirects == ["https://YOUR-HOST/slack/oauth_redirect"]


def test_install_then_the_workspace_is_answered_with_its_own_token(
    ws: InstallableWorkspace, fake: FakeSlack
) -> None:
    async def scenario() -> None:
        async with ws:
            page = await ws.install(GRANT_A, code="code-a")
            assert page.startswith("200"), page
            # oauth.v2.access with the app's credentials (HTTP Basic), then auth.test with
            # the new token (bolt asks for the bot id).
            exchange = fake.of("oauth.v2.access")
            assert [c.args["code"] for c in exchange] == ["code-a"]
            assert exchange[0].args["authorization"].startswith("Basic ")
            assert [c.token for c in fake.of("auth.test")] == [A.token]
            bots = ws.bots()
            assert [(b["team_id"], b["enterprise_id"], b["bot_token"]) for b in bots] == [
                (A.team_id, A.enterprise_id, A.token)
            ]
            assert bots[0]["bot_user_id"] == A.bot_user

            calls = await community(ws, A)
            assert "Welcome" in " ".join(c.args.get("text", "") for c in calls)
            await ws.run_due(CHECKIN)
            every = fake.calls
            assert {c.token for c in web_api(every)} == {A.token}
            assert_each_call_speaks_for_its_workspace(fake, every)
            # The check-in reached the member through A's installation.
            assert fake.of("chat.postMessage", lambda c: c.args["channel"] == "DBOB")

    asyncio.run(scenario())


def test_a_forged_or_replayed_install_is_refused(ws: InstallableWorkspace, fake: FakeSlack) -> None:
    async def scenario() -> None:
        async with ws:
            fake.grant("code-x", GRANT_A)
            # No state from our install page (a link crafted elsewhere): refused, no exchange.
            forged = await ws.client.get(
                "/slack/oauth_redirect", params={"code": "code-x", "state": "made-up"}
            )
            assert forged.status >= 400
            assert fake.of("oauth.v2.access") == [] and ws.bots() == []

    asyncio.run(scenario())


def test_two_workspaces_side_by_side_never_mix_tokens(
    ws: InstallableWorkspace, fake: FakeSlack
) -> None:
    async def scenario() -> None:
        async with ws:
            assert (await ws.install(GRANT_A, code="code-a")).startswith("200")
            assert (await ws.install(GRANT_B, code="code-b")).startswith("200")
            await community(ws, A)
            await community(ws, B)
            await ws.dm_from(B, "UBAS", "status")
            await ws.dm_from(A, "UBOB", "status")
            await ws.command_from(A, "UANN", "members sync")
            await ws.command_from(B, "UBEA", "members sync")
            await ws.run_due(CHECKIN)
            used = {c.token for c in web_api(fake.calls)}
            assert used == {A.token, B.token}
            assert_each_call_speaks_for_its_workspace(fake, fake.calls)
            # Both communities got their check-ins, each in its own workspace.
            channels = {c.args["channel"] for c in fake.of("chat.postMessage")}
            assert {"DBOB", "DBAS", "DANN", "DBEA"} <= channels

    asyncio.run(scenario())


def test_an_expiring_token_is_rotated_before_a_scheduled_send(
    ws: InstallableWorkspace, fake: FakeSlack
) -> None:
    rotated = payload("slack-installs/bolt__oauth_v2_access_bot_refresh")["response"]
    # Installed with token rotation on: the installation's answer carries a refresh token
    # and a lifetime, as bolt's refresh answer does.
    first = GRANT_A | {
        "access_token": "xoxb-first",
        "refresh_token": "xoxe-1-first",
        "expires_in": rotated["expires_in"],
    }
    fake.refresh("xoxe-1-first", rotated)
    installed_at = datetime.now(UTC)

    async def scenario() -> None:
        async with ws:
            assert (await ws.install(first, code="code-r")).startswith("200")
            await community(ws, A)
            assert fake.of("oauth.v2.access", lambda c: "refresh_token" in c.args) == []
            before = len(fake.calls)
            # Eleven hours on, the token has one hour left: the scheduler's tick refreshes it
            # before it sends (no request from Slack came in meanwhile).
            ignore = ["asyncio", "aiohttp", "tests.slack.fake_slack", "threading"]
            with freeze_time(installed_at + timedelta(hours=11), ignore=ignore):
                ws.clock.set(CHECKIN)
                ws.core.run_due(CHECKIN)
            later = fake.calls[before:]
            assert later[0].method == "oauth.v2.access"
            assert later[0].args["grant_type"] == "refresh_token"
            assert later[0].args["refresh_token"] == "xoxe-1-first"
            sends = web_api(later)
            assert sends and {c.token for c in sends} == {"xoxb-valid-refreshed"}
            assert fake.of("chat.postMessage", lambda c: c.args["channel"] == "DBOB")
            bots = ws.bots()
            assert bots[0]["bot_token"] == "xoxb-valid-refreshed"
            assert bots[0]["bot_refresh_token"] == "xoxe-1-valid-bot-refreshed"

    asyncio.run(scenario())


def test_uninstalling_removes_the_tokens_and_copbot_stops_sending_there(
    ws: InstallableWorkspace, fake: FakeSlack
) -> None:
    uninstalled = replaced(
        payload("slack/bolt__app_uninstalled")["event"],
        {"T111": A.team_id, "E111": str(A.enterprise_id)},
    )
    revoked = replaced(payload("slack/docs__tokens_revoked")["event"], {"T0001": B.team_id})

    async def scenario() -> None:
        async with ws:
            await ws.install(GRANT_A, code="code-a")
            await ws.install(GRANT_B, code="code-b")
            await community(ws, A)
            await community(ws, B)
            await ws.event(uninstalled)
            fake.revoke(A.token)  # Slack revokes the token with the uninstall
            assert [b["team_id"] for b in ws.bots()] == [B.team_id]
            before = len(fake.calls)
            await ws.run_due(CHECKIN)
            tokens = {c.token for c in web_api(fake.calls[before:])}
            assert tokens == {B.token}
            with ws.core.session_factory() as session:
                held = session.scalars(
                    select(Delivery.recipient).where(
                        Delivery.workspace_id == A.team_id,
                        Delivery.status == DeliveryStatus.HELD.value,
                    )
                ).all()
            assert "UBOB" in held
            await ws.event(revoked)
            assert ws.bots() == []

    asyncio.run(scenario())


def test_a_message_for_a_workspace_without_installation_fails_for_good(
    fake: FakeSlack, sqlite_url: str
) -> None:
    installations = Installations(
        engine=make_engine(sqlite_url),
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        api_url=fake.api_url,
    )
    sender = SlackSender(WebClient(base_url=fake.api_url), tokens=installations)
    recipient = Recipient("slack", "UBOB", workspace_id="TGONE", key="k1")
    with pytest.raises(PermanentDeliveryError, match="not installed"):
        sender.send(recipient, plain("hello"))
    assert fake.calls == []


def test_a_reinstall_is_used_at_once_also_by_a_process_that_kept_the_old_token(
    ws: InstallableWorkspace, fake: FakeSlack, sqlite_url: str
) -> None:
    # Another process (a separate `copbot scheduler`) with its own cache of tokens.
    scheduler = SlackSender(
        WebClient(base_url=fake.api_url),
        tokens=Installations(
            engine=make_engine(sqlite_url),
            client_id=CLIENT_ID,
            client_secret=CLIENT_SECRET,
            api_url=fake.api_url,
        ),
    )
    to_bob = Recipient("slack", "UBOB", workspace_id=A.team_id, key="k1")
    again = GRANT_A | {"access_token": "xoxb-again"}

    async def scenario() -> None:
        async with ws:
            await ws.install(GRANT_A, code="code-a")
            await asyncio.to_thread(scheduler.send, to_bob, plain("one"))
            # Reinstalled: Slack revokes the old token and issues a new one.
            fake.revoke(A.token)
            await ws.install(again, code="code-again")
            await community(ws, A)
            assert {c.token for c in web_api(fake.calls)[-3:]} == {"xoxb-again"}
            # The other process learns it from Slack's refusal: not a lost message but a
            # retry, which then goes out with the new token.
            with pytest.raises(TransientDeliveryError, match="token_revoked"):
                await asyncio.to_thread(scheduler.send, to_bob, plain("two"))
            await asyncio.to_thread(scheduler.send, to_bob, plain("two"))
            last = fake.of("chat.postMessage")[-1]
            assert (last.args["text"], last.token) == ("two", "xoxb-again")

    asyncio.run(scenario())


def test_a_slack_connect_member_is_reached_through_their_own_workspace_when_copbot_is_there(
    ws: InstallableWorkspace, fake: FakeSlack
) -> None:
    mention = payload("slack-installs/bolt__app_mention_slack_connect_grid")["event"]
    host = Team("T03E94MJU", None, "xoxb-3-host", "U04T5KKKLUE", "C04T3ACM40K")
    grant_host = replaced(
        GRANT_B, {"TB0000002": host.team_id, "xoxb-2-bbbb": host.token, "UBOTB0002": host.bot_user}
    )
    # The external member's own workspace in their organisation, installed later.
    home = Team("T014GJXU940", "E013Y3SHLAY", "xoxb-4-home", "UBOTH0004", "CHOME0004")
    grant_home = replaced(
        GRANT_A,
        {
            "T9TK3CUKW": home.team_id,
            "E12345678": "E013Y3SHLAY",
            GRANT_A["access_token"]: home.token,
            "U0KRQLJ9H": home.bot_user,
        },
    )
    external = "W013QGS7BPF"
    fake.add_user("UHOST", "Hanna", team=host.team_id)
    fake.add_user(external, "Wouter", team=home.team_id, enterprise="E013Y3SHLAY")

    async def scenario() -> None:
        async with ws:
            await ws.install(grant_host, code="code-host")
            await ws.command_from(host, "UHOST", "setup Across Orgs")
            await ws.command_from(host, "UHOST", f"config {CONFIG}")
            calls = await ws.event(mention)
            # Their name came from users.info through the installation that saw them.
            info = [c for c in calls if c.method == "users.info" and c.args["user"] == external]
            assert info and {c.token for c in info} == {host.token}
            # A member of a shared channel is mentionable there, though from another
            # organisation: their welcome in the channel mentions them.
            welcome = [
                c
                for c in calls
                if c.method == "chat.postMessage" and c.args["channel"] == host.channel
            ]
            assert any(f"<@{external}>" in json.dumps(c.args) for c in welcome), welcome
            await ws.run_due(CHECKIN - timedelta(days=1))
            # Their own workspace has no copbot yet: the channel's installation writes.
            to_them = fake.of("conversations.open", lambda c: c.args["users"] == external)
            assert to_them and {c.token for c in to_them} == {host.token}
            await ws.install(grant_home, code="code-home")
            before = len(fake.calls)
            await ws.run_due(CHECKIN)
            later = fake.calls[before:]
            opened = [
                c for c in later if c.method == "conversations.open" and c.args["users"] == external
            ]
            assert opened and {c.token for c in opened} == {home.token}
            dm = "D" + external  # the fake names DMs "D" + the id without its "U"
            posted = [
                c for c in later if c.method == "chat.postMessage" and c.args["channel"] == dm
            ]
            assert posted and {c.token for c in posted} == {home.token}

    asyncio.run(scenario())


def test_an_org_wide_install_answers_every_workspace_of_the_organisation(
    ws: InstallableWorkspace, fake: FakeSlack
) -> None:
    grant = payload("slack-installs/docs__oauth_v2_access_org_wide")["response"]
    org = Team("TGRID0001", "E1XXX", grant["access_token"], grant["bot_user_id"], "CGRID0001")
    fake.add_user("UGRA", "Gra", team=org.team_id, enterprise="E1XXX")
    fake.add_user("UGRB", "Grb", team=org.team_id, enterprise="E1XXX")
    org = Team(org.team_id, org.enterprise_id, org.token, org.bot_user, org.channel, org_wide=True)

    async def scenario() -> None:
        async with ws:
            page = await ws.install(grant, code="code-org")
            assert page.startswith("200"), page
            bots = ws.bots()
            assert [
                (b["enterprise_id"], b["team_id"], b["is_enterprise_install"]) for b in bots
            ] == [("E1XXX", None, True)]
            calls = await ws.command_from(org, "UGRA", "setup Test CoP")
            calls += await ws.command_from(org, "UGRA", f"config {CONFIG}")
            calls += await ws.command_from(org, "UGRB", "join")
            assert "Welcome" in " ".join(c.args.get("text", "") for c in calls)
            await ws.run_due(CHECKIN)
            assert {c.token for c in web_api(fake.calls)} == {org.token}
            assert fake.of("chat.postMessage", lambda c: c.args["channel"] == "DGRB")

    asyncio.run(scenario())
