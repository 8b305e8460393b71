"""Bot Framework authentication on /api/messages, and what ``serve`` does without an app id.

Tokens are real RS256 JWTs signed by the fake's key; botframework-connector fetches the keys
from the fake's OpenID metadata, so the whole validation path runs as in production.
"""

from __future__ import annotations

import logging
import time
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from sqlalchemy import func, select

from bot.communities.models import Community
from bot.settings import Settings
from copbot.schema import metadata
from copbot.server import build_web_app, run_server
from tests.harness import Harness
from tests.teams.conftest import (
    APP_ID,
    APP_PASSWORD,
    TENANT,
    Loop,
    TeamsClient,
    auth_settings,
    client_for,
    start_copbot,
)
from tests.teams.fake_connector import FakeConnector


def row_counts(harness: Harness) -> dict[str, int]:
    """Rows per table: proof that a rejected request changed nothing at all."""
    with harness.factory() as session:
        return {
            table.name: session.scalar(select(func.count()).select_from(table)) or 0
            for table in metadata().sorted_tables
        }


def unauthenticated(teams: TeamsClient, header: str | None, **post: Any) -> int:
    """Post ``setup`` with ``header`` as the Authorization; assert nothing happened."""
    before = row_counts(teams.bot)
    teams.auth = header
    status, _ = teams.post(teams.channel_activity("ann", "setup Forged CoP"), **post)
    assert row_counts(teams.bot) == before
    assert teams.fake.calls == [] and teams.fake.created == []
    return status


def token(fake: FakeConnector, **claims: Any) -> str:
    return "Bearer " + fake.channel_token(app_id=APP_ID, service_url=fake.base_url, **claims)


# -- with an app id ------------------------------------------------------------------------
def test_a_valid_token_is_accepted_and_answers_with_a_connector_token(
    teams_auth: TeamsClient,
) -> None:
    said = teams_auth.command("ann", "setup Test CoP")
    assert "Test CoP" in said
    with teams_auth.bot.factory() as session:
        assert session.scalars(select(Community.name)).one() == "Test CoP"
    # Replies carry the client-credentials token fetched from the (fake) login service.
    assert teams_auth.fake.calls
    assert all(c.authorization == "Bearer fake-connector-token" for c in teams_auth.fake.calls)
    (token_request,) = teams_auth.fake.token_requests  # cached for the next calls
    assert token_request["client_id"] == APP_ID
    assert token_request["client_secret"] == APP_PASSWORD
    assert token_request["grant_type"] == "client_credentials"
    assert token_request["scope"] == "https://api.botframework.com/.default"


def test_no_authorization_header_is_401(teams_auth: TeamsClient) -> None:
    assert unauthenticated(teams_auth, None) == 401


@pytest.mark.parametrize(
    "header",
    [
        "Bearer garbage",
        "Bearer a.b.c",
        "Bearer ",
        "Basic YW5uOnNlY3JldA==",
        "garbage",
    ],
)
def test_garbage_tokens_are_401(teams_auth: TeamsClient, header: str) -> None:
    assert unauthenticated(teams_auth, header) == 401


def test_a_token_signed_by_another_key_is_401(teams_auth: TeamsClient) -> None:
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    assert unauthenticated(teams_auth, token(teams_auth.fake, key=other)) == 401


@pytest.mark.parametrize(
    "claims",
    [
        {"aud": "some-other-bot"},  # a token for another bot
        {"iss": "https://sts.windows.net/evil/"},  # not issued by the Bot Framework
        {"serviceurl": "https://smba.trafficmanager.net/emea/"},  # another service URL
        {"exp": int(time.time()) - 3600, "nbf": int(time.time()) - 7200},  # expired
    ],
)
def test_tokens_with_wrong_claims_are_401(teams_auth: TeamsClient, claims: dict[str, Any]) -> None:
    # Signed with the fake's published key: only the claims are wrong.
    assert unauthenticated(teams_auth, token(teams_auth.fake, **claims)) == 401


def test_a_token_for_another_channel_is_401(teams_auth: TeamsClient) -> None:
    """The signing key is endorsed for msteams only; an activity claiming another channel
    (with the same valid token) fails the endorsement check."""
    before = row_counts(teams_auth.bot)
    activity = teams_auth.channel_activity("ann", "setup Forged CoP")
    activity["channelId"] = "webchat"
    status, _ = teams_auth.post(activity)
    assert status == 401
    assert row_counts(teams_auth.bot) == before and teams_auth.fake.calls == []


def test_an_unauthenticated_body_is_judged_after_the_token(teams_auth: TeamsClient) -> None:
    # Without a valid token even a broken body is a 401: nothing is revealed about parsing.
    assert unauthenticated(teams_auth, "Bearer garbage", raw=b"{not json") == 401
    assert unauthenticated(teams_auth, None, raw=b"[]") == 401


def test_a_valid_token_with_a_malformed_activity_is_400(teams_auth: TeamsClient) -> None:
    token = teams_auth.auth
    activity = teams_auth.channel_activity("ann", "setup X")
    del activity["from"]
    status, _ = teams_auth.post(activity)
    assert status == 400
    assert teams_auth.auth == token and teams_auth.fake.calls == []


def test_single_tenant_bots_get_their_token_from_their_own_tenant(
    loop: Loop, platform: FakeConnector, bot: Harness
) -> None:
    client = client_for(loop, platform, bot, auth_settings(microsoft_app_tenant_id=TENANT))
    client.auth = token(platform)
    assert "Test CoP" in client.command("ann", "setup Test CoP")
    assert platform.token_requests, "no connector token was requested"
    assert platform.token_paths == [f"/{TENANT}/oauth2/v2.0/token"]


def test_dev_mode_is_ignored_when_an_app_id_is_set(
    loop: Loop, platform: FakeConnector, bot: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        client = client_for(loop, platform, bot, auth_settings(teams_dev_mode=True))
    assert "COPBOT_TEAMS_DEV_MODE is ignored" in caplog.text
    assert unauthenticated(client, None) == 401


# -- without an app id ---------------------------------------------------------------------
def test_dev_mode_accepts_a_stray_authorization_header(teams: TeamsClient) -> None:
    """botbuilder answers 500 to any Authorization header when auth is off; copbot ignores it."""
    teams.auth = "Bearer something-the-emulator-sent"
    assert "Test CoP" in teams.command("ann", "setup Test CoP")


def test_dev_mode_warns_loudly_at_start(
    loop: Loop, bot: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        start_copbot(loop, bot, Settings(database_url="sqlite://", teams_dev_mode=True))
    warning = next(r for r in caplog.records if "DEVELOPMENT MODE" in r.getMessage())
    assert warning.levelno == logging.WARNING
    assert "WITHOUT authentication" in warning.getMessage()


def routes(settings: Settings, harness: Harness) -> set[str]:
    app = build_web_app(settings, harness.core, scheduler=False)
    return {r.resource.canonical for r in app.router.routes() if r.resource is not None}


@pytest.mark.parametrize(
    ("settings", "reason"),
    [
        (Settings(microsoft_app_password="secret"), "MICROSOFT_APP_PASSWORD is set but"),
        (Settings(microsoft_app_tenant_id=TENANT), "MICROSOFT_APP_TENANT_ID is set but"),
        (Settings(microsoft_app_id=APP_ID), "MICROSOFT_APP_PASSWORD is not"),
    ],
)
def test_serve_refuses_teams_without_what_it_needs_and_says_why(
    bot: Harness,
    settings: Settings,
    reason: str,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with caplog.at_level(logging.ERROR):
        assert "/api/messages" not in routes(settings, bot)
    assert reason in caplog.text and "Teams endpoint NOT enabled" in caplog.text
    # With no other platform, serve does not start at all, and says why on stderr.
    assert run_server(settings) == 2
    err = capsys.readouterr().err
    assert "nothing to serve" in err and reason in err


def test_serve_without_any_teams_setting_leaves_the_endpoint_out(
    bot: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    # On its own logger: a Slack app named "copbot" in the same process sets the level of the
    # "copbot" logger (bolt copies the root level onto its app logger).
    with caplog.at_level(logging.INFO, logger="copbot.server"):
        assert "/api/messages" not in routes(Settings(), bot)
    assert "COPBOT_TEAMS_DEV_MODE=1" in caplog.text


def test_serve_enables_teams_in_dev_mode_and_with_credentials(bot: Harness) -> None:
    assert "/api/messages" in routes(Settings(teams_dev_mode=True), bot)
    assert "/api/messages" in routes(
        Settings(microsoft_app_id=APP_ID, microsoft_app_password=APP_PASSWORD), bot
    )
