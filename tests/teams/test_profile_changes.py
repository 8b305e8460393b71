"""A member's new locale or time zone in Teams (the clientInfo entity of Microsoft's published
"Receive a message" example: en-US, America/Los_Angeles) changes the language copbot speaks
with them and their quiet hours, unless they chose their own with `language` or `timezone`."""

from __future__ import annotations

from sqlalchemy import select

from bot.members.models import Member
from tests.teams.conftest import TeamsClient, uid
from tests.teams.test_commands import community
from tests.teams.test_corpus import load, replay

NAME = "docs__personal_message_rich_text"  # locale en-US, time zone America/Los_Angeles


def join_speaking_dutch(teams: TeamsClient) -> None:
    """A Dutch community; Bob joins from the channel with Teams in Dutch, in Amsterdam."""
    community(teams)
    teams.command("ann", "config lang=nl")
    activity = teams.channel_activity("bob", "join")
    activity["locale"] = "nl-NL"
    activity["entities"].append(
        {"type": "clientInfo", "locale": "nl-NL", "timezone": "Europe/Amsterdam"}
    )
    assert teams.post(activity)[0] == 200


def bob_profile(teams: TeamsClient) -> tuple[str | None, str | None]:
    with teams.bot.factory() as session:
        bob = session.scalars(select(Member).where(Member.user_id == uid("bob"))).one()
        return bob.lang, bob.tz


def test_a_new_locale_and_time_zone_are_followed(teams: TeamsClient) -> None:
    join_speaking_dutch(teams)
    assert bob_profile(teams) == (None, "Europe/Amsterdam")
    assert replay(teams, load(NAME)) == 200
    assert bob_profile(teams) == ("en", "America/Los_Angeles")
    assert "Next meeting" in teams.chat("bob", "status")


def test_what_a_member_chose_stays(teams: TeamsClient) -> None:
    join_speaking_dutch(teams)
    assert "Nederlands" in teams.chat("bob", "taal nl")
    assert "Europe/Amsterdam" in teams.chat("bob", "tijdzone Europe/Amsterdam")
    assert replay(teams, load(NAME)) == 200
    assert bob_profile(teams) == ("nl", "Europe/Amsterdam")
    assert "Volgende bijeenkomst" in teams.chat("bob", "status")


def test_a_time_zone_with_no_choice_follows_teams_again(teams: TeamsClient) -> None:
    join_speaking_dutch(teams)
    teams.chat("bob", "tijdzone Asia/Tokyo")
    assert "Teams" in teams.chat("bob", "tijdzone automatisch")
    assert replay(teams, load(NAME)) == 200
    assert bob_profile(teams)[1] == "America/Los_Angeles"


def test_a_time_zone_that_is_not_one_is_refused_kindly(teams: TeamsClient) -> None:
    join_speaking_dutch(teams)
    said = teams.chat("bob", "tijdzone Mars/Olympus")
    assert "Mars/Olympus" in said and "IANA" in said
    assert bob_profile(teams)[1] == "Europe/Amsterdam"
