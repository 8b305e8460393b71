"""A plain reply two open questions could take, in a Slack DM: copbot keeps it and asks which
question it answers with buttons; the click, an interactivity payload, files it there
(tests/test_plain_replies.py has the rules)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from tests.slack.fake_slack import FakeSlack
from tests.slack.test_commands import community
from tests.slack.workspace import Workspace, answer_texts, buttons_in, member

REMINDER_AT = datetime(2027, 1, 11, 8, 0, tzinfo=UTC)  # Monday's digest: the intake reminder
CHECKIN_AT = datetime(2027, 1, 11, 13, 0, tzinfo=UTC)  # meeting 1's check-in


def test_a_reply_two_questions_could_take_is_asked_about_and_filed_by_button(
    workspace: Workspace, fake: FakeSlack
) -> None:
    async def scenario() -> None:
        async with workspace as ws:
            await community(ws, "UBOB")
            await ws.run_due(REMINDER_AT)
            await ws.run_due(CHECKIN_AT)
            ws.clock.advance(timedelta(minutes=5))
            calls = await ws.dm("UBOB", "Welzijn Noord")
            [asked] = [c for c in calls if buttons_in(c)]
            assert "which one is this your answer to?" in str(asked.args["text"])
            offered = {b["text"]["text"]: b for b in buttons_in(asked)}
            assert list(offered) == [
                "Check-in for meeting 1",
                "Introduction (about you)",
                "None of these",
            ]
            assert member(ws, "UBOB").organisation is None
            chosen = offered["Introduction (about you)"]
            texts = answer_texts(await ws.click("UBOB", chosen["action_id"], chosen["value"]))
            assert any("(2/4)" in t for t in texts), texts
            assert member(ws, "UBOB").organisation == "Welzijn Noord"

    asyncio.run(scenario())
