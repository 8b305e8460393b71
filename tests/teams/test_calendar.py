"""Calendar invites through Teams: the welcome's .ics goes as a file through the consent
flow (a FileConsentCard in the 1:1 chat, the upload once accepted), as the published invoke
payloads describe (MicrosoftDocs/msteams-docs, bots-filesv4.md); see tests/teams/test_files.py."""

from __future__ import annotations

from icalendar import Calendar

from tests.teams.conftest import TeamsClient, uid
from tests.teams.test_commands import community
from tests.teams.test_files import CONSENT, answer


def test_the_welcome_offers_the_calendar_as_a_file(teams: TeamsClient) -> None:
    community(teams, "bob")
    cards = [
        a
        for body in teams.fake.to(f"a:{uid('bob')}")
        for a in body.get("attachments", [])
        if a["contentType"] == CONSENT and a["name"].endswith(".ics")
    ]
    assert len(cards) == 1
    # The card carries no calendar text: the file goes whole, as a file.
    for body in teams.fake.to(f"a:{uid('bob')}"):
        assert "BEGIN:VCALENDAR" not in str(body)
    status, _ = answer(teams, "bob", cards[0], "accept")
    assert status == 200
    uploaded = teams.fake.uploads[cards[0]["name"]]
    cal = Calendar.from_ical(uploaded)
    assert len(cal.walk("VEVENT")) == 13
    assert {str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")} == {"Europe/Amsterdam"}
