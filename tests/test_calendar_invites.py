"""Calendar invites: every member's meetings as iCalendar (RFC 5545) with the icalendar
library, attached to the welcome and to every schedule change, and a personal subscription
feed ``GET /calendar/<token>.ics`` served by ``copbot serve`` (revocable, nothing about others).

The .ics text is parsed back with icalendar and checked against RFC 5545's rules: CRLF line
ends, lines of at most 75 octets, the required VCALENDAR properties (VERSION, PRODID), and in
each VEVENT a UID and DTSTAMP; times carry the community's TZID with its VTIMEZONE; the UID
is stable per meeting while SEQUENCE rises and STATUS becomes CANCELLED."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

from aiohttp.test_utils import TestClient, TestServer
from icalendar import Calendar
from sqlalchemy import select

from bot.invites.models import CalendarFeed
from bot.messages import File, Message
from bot.settings import Settings
from copbot.server import build_web_app
from tests.harness import Harness


def ics_files(messages: list[Message]) -> list[File]:
    return [
        b for m in messages for b in m.blocks if isinstance(b, File) and b.name.endswith(".ics")
    ]


def check_rfc5545(text: str) -> Calendar:
    """Parse back and check the rules a calendar client relies on."""
    raw = text.encode("utf-8")
    assert raw.endswith(b"\r\n")
    for line in raw.split(b"\r\n"):
        assert len(line) <= 75, line
        assert b"\n" not in line
    cal = Calendar.from_ical(text)
    assert cal.name == "VCALENDAR"
    assert str(cal["VERSION"]) == "2.0" and str(cal["PRODID"]).startswith("-//copbot")
    zones = {str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")}
    for event in cal.walk("VEVENT"):
        for required in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "SEQUENCE", "STATUS"):
            assert required in event, required
        start = event["DTSTART"]
        assert start.params["TZID"] in zones
        assert event.decoded("DTEND") > event.decoded("DTSTART")
    return cal


def events(cal: Calendar) -> dict[str, Any]:
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def test_the_welcome_carries_the_calendar_and_changes_update_the_same_events(bot: Harness) -> None:
    bot.community(members=("bob",))
    bot.text("cas", "join")
    welcome = bot.inbox("cas")
    (first,) = ics_files(welcome)
    assert first.mime == "text/calendar"
    assert "calendar file" in welcome[0].text
    cal = check_rfc5545(first.content)
    before = events(cal)
    assert len(before) == 13
    meeting_3 = next(e for e in before.values() if "meeting 3" in str(e["SUMMARY"]))
    assert meeting_3.decoded("DTSTART").isoformat() == "2027-04-08T14:00:00+02:00"
    assert str(meeting_3["DTSTART"].params["TZID"]) == "Europe/Amsterdam"
    assert int(meeting_3["SEQUENCE"]) == 0 and str(meeting_3["STATUS"]) == "CONFIRMED"
    # A move: every member hears of it, with the same event (UID) at its new time.
    bot.text("ann", "schedule move 3 2027-04-15 15:00")
    told = bot.inbox("cas")
    assert any("Meeting 3 moved" in m.text for m in told)
    (moved,) = ics_files(told)
    after = events(check_rfc5545(moved.content))
    assert set(after) == set(before)
    uid_3 = str(meeting_3["UID"])
    assert after[uid_3].decoded("DTSTART").isoformat() == "2027-04-15T15:00:00+02:00"
    assert int(after[uid_3]["SEQUENCE"]) == 1
    # A cancellation: the same event, cancelled.
    bot.text("ann", "schedule cancel 3")
    (cancelled,) = ics_files(bot.inbox("bob"))[-1:]
    bot.inbox("cas")
    event = events(check_rfc5545(cancelled.content))[uid_3]
    assert str(event["STATUS"]) == "CANCELLED" and int(event["SEQUENCE"]) == 2
    # A series change too, once per member.
    bot.text("ann", "config time=15:00")
    told = bot.inbox("cas")
    assert len(ics_files(told)) == 1 and any("Meetings moved: 12" in m.text for m in told)


def test_the_calendar_shows_only_the_members_own_roles(bot: Harness) -> None:
    bot.community(members=("bob", "cas", "dee"))
    bot.text("ann", "rotate 1")
    files = {}
    for user in ("ann", "bob", "cas", "dee"):
        bot.text(user, "calendar")
        (file,) = ics_files(bot.inbox(user))
        files[user] = file.content
    with_role = [u for u, text in files.items() if "You facilitate this meeting" in text]
    assert len(with_role) == 2
    for text in files.values():
        for user in ("Ann", "Bob", "Cas", "Dee"):
            assert user not in text  # no names: nothing about others


def test_the_feed_is_served_revocable_and_reset(bot: Harness) -> None:
    bot.community(members=("bob",))
    asked = bot.text("bob", "calendar")
    assert "sent your calendar file and address to you by DM" in asked
    dm = bot.inbox("bob")[-1]
    assert "/calendar/" in dm.text and "COPBOT_PUBLIC_URL" in dm.text
    with bot.factory() as session:
        token = session.scalars(select(CalendarFeed.token)).one()
    settings = Settings(database_url="sqlite://")

    async def get(path: str) -> tuple[int, str, str]:
        # The app `copbot serve` runs, on a local port.
        app = build_web_app(settings, bot.core, scheduler=False, slack_http=False)
        async with TestClient(TestServer(app)) as client:
            response = await client.get(path)
            return response.status, response.headers.get("Content-Type", ""), await response.text()

    status, kind, body = asyncio.run(get(f"/calendar/{token}.ics"))
    assert status == 200 and kind.startswith("text/calendar")
    assert len(events(check_rfc5545(body))) == 13
    for wrong in ("nope", "x" * 43, token[:-1] + ("A" if token[-1] != "A" else "B")):
        assert asyncio.run(get(f"/calendar/{wrong}.ics"))[0] == 404
    # Reset: the old address stops working, the new one works.
    bot.text("bob", "calendar reset")
    assert asyncio.run(get(f"/calendar/{token}.ics"))[0] == 404
    with bot.factory() as session:
        fresh = session.scalars(select(CalendarFeed.token)).one()
    assert fresh != token and asyncio.run(get(f"/calendar/{fresh}.ics"))[0] == 200
    # Off: gone; forget-me also takes it.
    assert "switched off" in bot.text("bob", "calendar off")
    assert asyncio.run(get(f"/calendar/{fresh}.ics"))[0] == 404
    bot.text("bob", "calendar")
    with bot.factory() as session:
        again = session.scalars(select(CalendarFeed.token)).one()
    bot.dm("bob", "forget-me")
    bot.click("bob", "privacy.forget_confirm")
    assert asyncio.run(get(f"/calendar/{again}.ics"))[0] == 404
    with bot.factory() as session:
        assert session.scalars(select(CalendarFeed)).all() == []


def test_the_public_address_is_used_when_set_and_texts_are_dutch(sqlite_url: str) -> None:
    from tests.harness import FakeClock

    bot = Harness(sqlite_url, clock=FakeClock(datetime(2027, 1, 4, 9, 0, tzinfo=UTC)))
    bot.core.public_url = "https://cop.example.org/"
    bot.community(settings="lang=nl start=2027-01-14 time=14:00", members=("bob",))
    assert "agendabestand" in bot.text("bob", "kalender")
    dm = bot.inbox("bob")[-1]
    assert "https://cop.example.org/calendar/" in dm.text and "COPBOT_PUBLIC_URL" not in dm.text
    (file,) = ics_files([dm])
    cal = check_rfc5545(file.content)
    assert any("bijeenkomst 1" in str(e["SUMMARY"]) for e in cal.walk("VEVENT"))
    bot.close()
