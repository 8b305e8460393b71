"""Teams delivery from a process without the web endpoint (``copbot scheduler``)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from adapters.teams.config import TeamsNotConfigured
from adapters.teams.sender import TeamsSender
from bot.core import Core
from bot.messages import Message, Text
from bot.outbox.sender import Recipient
from bot.settings import Settings
from scheduler.service import platform_senders
from tests.teams.conftest import APP_ID, APP_PASSWORD, TENANT, TeamsClient, uid
from tests.teams.fake_connector import FakeConnector
from tests.teams.test_commands import community
from tests.teams.test_proactive import member_address

CREDENTIALS = Settings(microsoft_app_id=APP_ID, microsoft_app_password=APP_PASSWORD)


def test_from_settings_sends_with_a_connector_token(platform: FakeConnector) -> None:
    sender = TeamsSender.from_settings(
        Settings(
            microsoft_app_id=APP_ID,
            microsoft_app_password=APP_PASSWORD,
            microsoft_app_tenant_id=TENANT,
        )
    )
    assert sender.bot_id == f"28:{APP_ID}"
    recipient = Recipient("teams", uid("ivy"), address=member_address(platform, "ivy"))
    sender.send(recipient, Message("hello", (Text("hello"),)))
    assert platform.dm_texts(uid("ivy")) == ["hello"]
    (created,) = platform.created_for(uid("ivy"))
    assert created["tenantId"] == TENANT
    assert created["authorization"] == "Bearer fake-connector-token"
    assert platform.token_paths == [f"/{TENANT}/oauth2/v2.0/token"]


def test_from_settings_in_dev_mode_sends_without_a_token(fake: FakeConnector) -> None:
    sender = TeamsSender.from_settings(Settings(teams_dev_mode=True))
    recipient = Recipient("teams", uid("ivy"), address=member_address(fake, "ivy"))
    sender.send(recipient, Message("hello", (Text("hello"),)))
    assert [c.authorization for c in fake.calls] == [None]


@pytest.mark.parametrize(
    ("settings", "reason"),
    [
        (Settings(), "MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD"),
        (Settings(microsoft_app_id=APP_ID), "MICROSOFT_APP_PASSWORD is not"),
        (Settings(microsoft_app_password="x"), "MICROSOFT_APP_ID is not"),
    ],
)
def test_from_settings_refuses_and_says_what_to_set(settings: Settings, reason: str) -> None:
    with pytest.raises(TeamsNotConfigured, match=reason):
        TeamsSender.from_settings(settings)


def test_the_standalone_scheduler_delivers_teams_prompts(teams: TeamsClient) -> None:
    """The web process stores the references; another core, built like ``copbot scheduler``
    builds it (senders from the settings only), sends the timed check-in."""
    community(teams, "bob", "cas")
    teams.fake.clear()
    senders = platform_senders(Settings(teams_dev_mode=True))
    assert isinstance(senders.get("teams"), TeamsSender)
    scheduler_core = Core(session_factory=teams.bot.factory, clock=teams.bot.clock, senders=senders)
    report = scheduler_core.run_due(datetime(2027, 1, 12, 12, 0, tzinfo=UTC))
    assert report.delivery.sent >= 3, report
    for user in ("ann", "bob", "cas"):
        assert teams.dm_texts(user), f"no check-in for {user}"
    # cas never wrote to the bot: this process opened the 1:1 chat itself.
    assert teams.fake.created_for(uid("cas"))
