"""Teams lifecycle end to end: copbot removed from the team and added again, a newcomer in the
team, copbot removed from someone's personal scope."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from tests.teams.conftest import BOT, CHANNEL, TENANT, TeamsClient, uid
from tests.teams.test_commands import community

CHECKIN = datetime(2027, 1, 11, 13, 0, tzinfo=UTC)


def team_update(teams: TeamsClient, **members: Any) -> dict[str, Any]:
    activity = teams.channel_activity("ann", "")
    activity.pop("text")
    activity["conversation"]["id"] = CHANNEL
    return activity | {"type": "conversationUpdate", **members}


def test_removed_from_the_team_then_added_again(teams: TeamsClient) -> None:
    community(teams, "bob")
    teams.post(team_update(teams, membersRemoved=[dict(BOT)]))
    teams.fake.clear()
    teams.bot.core.deliver_inline = False
    teams.run_due(CHECKIN)
    assert teams.fake.calls == [] and teams.fake.created == []
    status, _ = teams.post(team_update(teams, membersAdded=[dict(BOT)]))
    assert status == 200
    teams.bot.core.deliver()
    assert any("check-in" in t.lower() for t in teams.dm_texts("bob"))
    assert any("can post" in t for t in teams.dm_texts("ann"))
    # What waited for the channel is posted there now; no introduction: it has its community.
    assert any("Facilitators" in t for t in teams.channel_texts())
    assert not any("I am copbot" in t for t in teams.channel_texts())


def test_a_newcomer_in_the_team_is_invited(teams: TeamsClient) -> None:
    community(teams, "bob")
    newcomer = {"id": uid("dee"), "name": "Dee", "aadObjectId": "aad-dee"}
    assert teams.post(team_update(teams, membersAdded=[newcomer]))[0] == 200
    (invite,) = teams.dm_texts("dee")
    assert "invited" in invite


def test_removed_from_a_personal_scope(teams: TeamsClient) -> None:
    community(teams, "bob")
    teams.dm("bob", "status")
    removal = teams.activity(
        "bob", conversation=teams.personal_conversation("bob"), type="installationUpdate",
        action="remove", channelData={"tenant": {"id": TENANT}},
    )  # fmt: skip
    assert teams.post(removal)[0] == 200
    teams.fake.clear()
    teams.run_due(CHECKIN)
    assert teams.dm_texts("bob") == [] and teams.dm_texts("ann")
