from __future__ import annotations

from sqlalchemy import select

from bot.communities.models import Community
from tests.teams.conftest import CHANNEL, TEAM, TENANT, TeamsClient


def test_setup_in_a_channel_binds_the_community(teams: TeamsClient) -> None:
    assert teams.say("ann", "setup Test CoP") == 200
    with teams.bot.factory() as session:
        community = session.scalars(select(Community)).one()
    assert community.platform == "teams"
    assert community.channel_id == CHANNEL
    assert community.team_id == TEAM
    assert community.address is not None
    assert community.address["tenantId"] == TENANT
    assert any("Test CoP" in t for t in teams.channel_texts()), teams.fake.calls
