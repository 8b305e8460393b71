"""A database outage seen from Teams: what cannot be stored is answered with "try again in a
minute"; what was stored and then cut off is handled once the database is back, once."""

from __future__ import annotations

from datetime import timedelta

from adapters.teams.web import TEAMS_KEY
from tests.outage import Outage, engine_of
from tests.teams.conftest import Loop, TeamsClient
from tests.teams.test_commands import community, member


def test_a_message_that_cannot_be_stored_asks_to_try_again(teams: TeamsClient) -> None:
    community(teams, "bob")
    outage = Outage(engine_of(teams.bot.core))
    outage.down()
    assert teams.dm("bob", "log Called the GP") == 200
    assert any("cannot save this right now" in t for t in teams.dm_texts("bob"))
    outage.up()


def test_a_channel_command_that_cannot_be_stored_answers_privately(teams: TeamsClient) -> None:
    community(teams, "bob")
    outage = Outage(engine_of(teams.bot.core))
    outage.down()
    teams.fake.clear()
    assert teams.say("bob", "status") == 200
    assert any("cannot save" in t for t in teams.dm_texts("bob"))
    assert teams.channel_texts() == []
    outage.up()


def test_a_stored_activity_cut_off_is_handled_once_when_the_database_is_back(
    teams: TeamsClient, loop: Loop
) -> None:
    community(teams, "cas")
    outage = Outage(engine_of(teams.bot.core))
    outage.down(after=1)  # the activity is stored; the database goes away right after
    assert teams.dm("cas", "Thuiszorg Noord") == 200
    assert any("saved" in t for t in teams.dm_texts("cas"))
    outage.up()
    teams.bot.clock.advance(timedelta(minutes=1))
    # The endpoint's own pass (every few seconds) may come first: either way, handled once.
    teams.drain()
    teams.drain()
    assert member(teams, "cas").organisation == "Thuiszorg Noord"
    assert len([t for t in teams.dm_texts("cas") if "(2/4)" in t]) == 1
    assert teams.app is not None
    assert loop.run(teams.app[TEAMS_KEY].drain()) == 0  # nothing left to hand out


def test_a_drain_pass_is_background_work_the_idle_seam_waits_for(teams: TeamsClient) -> None:
    """An activity stored and never handled (the process died): a pass of the journal drain
    hands it out, and waiting for the endpoint to be idle includes that pass and the answer it
    sent, so a test (or a shutdown) never races it."""
    community(teams, "bob")
    activity = teams.activity("bob", conversation=teams.personal_conversation("bob"), text="status")
    assert teams.bot.core.record("teams", "crashed-before-handling", activity) is not None
    teams.bot.clock.advance(timedelta(minutes=1))  # past the lease: it was cut off
    teams.fake.clear()
    teams.drain()
    assert any("Test CoP" in text for text in teams.dm_texts("bob")), teams.fake.calls
