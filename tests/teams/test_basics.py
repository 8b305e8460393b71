from __future__ import annotations

from sqlalchemy import select

from adapters.roster import is_members_sync
from bot.places.models import CommunityPlace
from tests.teams.conftest import CHANNEL, TEAM, TENANT, TeamsClient


def test_setup_in_a_channel_binds_the_community(teams: TeamsClient) -> None:
    assert teams.say("ann", "setup Test CoP") == 200
    with teams.bot.factory() as session:
        community = session.scalars(select(CommunityPlace)).one()
    assert community.home
    assert community.platform == "teams"
    assert community.channel_id == CHANNEL
    assert community.team_id == TEAM
    # The tenant reaches the core: a 1:1 chat, which has no team, finds the community by it.
    assert community.tenant_id == TENANT
    assert community.address is not None
    assert community.address["tenantId"] == TENANT
    assert any("Test CoP" in t for t in teams.channel_texts()), teams.fake.calls


def test_members_sync_is_recognised_the_way_the_core_reads_a_command() -> None:
    # The same check serves Slack and Teams: any alias of ``members``, any case.
    assert is_members_sync("members sync")
    assert is_members_sync("Leden SYNC")
    assert is_members_sync("/cop members sync")
    assert not is_members_sync("members")
    assert not is_members_sync("members list")
    assert not is_members_sync("")
