"""Calendar invites through Slack: the newcomer's welcome DM uploads their .ics as a file
(files.getUploadURLExternal, the upload, files.completeUploadExternal into the DM), and the
feed address comes by DM."""

from __future__ import annotations

import asyncio
from typing import Any

from icalendar import Calendar

from tests.slack.fake_slack import FakeSlack
from tests.slack.test_commands import community
from tests.slack.workspace import Workspace, dm_of


def test_the_welcome_and_a_schedule_change_upload_the_calendar(
    workspace: Workspace, fake: FakeSlack
) -> None:
    async def scenario() -> None:
        async with workspace as ws:
            await community(ws, "UBOB")
            await ws.idle()

            def calendars_to(user: str) -> list[Calendar]:
                done = [
                    entry
                    for file_id, entry in fake.completed.items()
                    if entry.get("channel_id") == dm_of(user)
                    and fake.uploads.get(file_id, b"").startswith(b"BEGIN:VCALENDAR")
                ]
                return [Calendar.from_ical(fake.uploads[str(e["id"])]) for e in done]

            (welcome,) = calendars_to("UBOB")
            assert len(welcome.walk("VEVENT")) == 13
            await ws.say("UANN", "schedule cancel 2")
            await ws.idle()
            latest = calendars_to("UBOB")[-1]
            cancelled: list[Any] = [
                e for e in latest.walk("VEVENT") if str(e["STATUS"]) == "CANCELLED"
            ]
            assert len(cancelled) == 1 and int(cancelled[0]["SEQUENCE"]) == 1
            assert "sent your calendar file" in await ws.say("UBOB", "calendar")
            await ws.idle()
            assert any("/calendar/" in text for text in fake.texts())

    asyncio.run(scenario())
