"""A whole CoP cycle in a Slack workspace, end to end through /slack/events and the Web API:
set-up, joining, facilitator rotation, buddy pairs, a check-in answered by DM reply, an
evaluation answered by button, the results and the organiser's digest."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from tests.slack.fake_slack import Call, FakeSlack
from tests.slack.test_commands import INTERNAL, community
from tests.slack.workspace import (
    CHANNEL,
    Workspace,
    answer_texts,
    buttons_in,
    dm_of,
    find_button,
)

PEOPLE = ("UBOB", "UCAT", "UDAN", "UEVE")


def dms(fake: FakeSlack, user: str, since: int = 0) -> list[Call]:
    return [
        c
        for c in fake.calls[since:]
        if c.method == "chat.postMessage" and c.args.get("channel") == dm_of(user)
    ]


def channel_posts(fake: FakeSlack, since: int = 0) -> list[str]:
    return [
        str(c.args["text"])
        for c in fake.calls[since:]
        if c.method == "chat.postMessage" and c.args.get("channel") == CHANNEL
    ]


def test_a_whole_cycle(any_workspace: Workspace, fake: FakeSlack) -> None:
    """Over HTTP and over Socket Mode alike."""

    async def scenario() -> None:
        async with any_workspace as ws:
            await community(ws, *PEOPLE)
            assert any("Welcome <@UBOB>" in t for t in channel_posts(fake))

            # Facilitators of the next meeting and the buddy round are announced in the channel.
            mark = len(fake.calls)
            await ws.run("UANN", "rotate")
            await ws.run("UANN", "pair")
            announced = channel_posts(fake, mark)
            assert len(announced) >= 2, announced

            # Three days before the first meeting (14 Jan 2027, 14:00 Amsterdam) the check-in
            # DMs go out through the outbox and the Web API.
            mark = len(fake.calls)
            report = await ws.run_due(datetime(2027, 1, 11, 13, 5, tzinfo=UTC))
            assert report.delivery.sent >= len(PEOPLE), report
            for user in PEOPLE:
                assert dms(fake, user, mark), f"no check-in for {user}"

            # Bob answers the check-in by simply replying in the DM. His intake and the buddy
            # experiment are open too, so copbot asks which question it answers: the check-in.
            calls = await ws.dm("UBOB", "I bring the case of Mrs J., who wants to stay home")
            answers = answer_texts(calls)
            assert answers and not any(INTERNAL in a for a in answers)
            checkin = find_button(calls, "Check-in for meeting 1")
            calls = await ws.click("UBOB", checkin["action_id"], checkin["value"])
            answers = answer_texts(calls)
            assert any("Thanks for checking in" in a for a in answers), answers
            summary = await ws.say("UANN", "checkin summary")
            assert "Mrs J." in summary, summary

            # After the meeting the evaluation arrives with rating buttons 1-5.
            mark = len(fake.calls)
            await ws.run_due(datetime(2027, 1, 14, 16, 5, tzinfo=UTC))
            ratings = {"UBOB": "4", "UCAT": "5", "UDAN": "3"}
            for user, rating in ratings.items():
                prompt = [c for c in dms(fake, user, mark) if buttons_in(c)]
                assert prompt, f"no evaluation for {user}"
                button = next(b for b in buttons_in(prompt[-1]) if b["text"]["text"] == rating)
                calls = await ws.click(user, button["action_id"], button["value"])
                follow_up = answer_texts(calls)
                assert follow_up and not any(INTERNAL in a for a in follow_up), follow_up
                await ws.dm(user, "The kitchen-table conversation")
                await ws.dm(user, "Dementia and living alone")

            # When the evaluation closes, the results.
            await ws.run_due(datetime(2027, 1, 20, 16, 5, tzinfo=UTC))
            results = await ws.say("UANN", "results 1")
            assert "3 answers" in results and "4.0" in results, results
            assert "kitchen-table" in results and "Dementia" in results

            # The organiser's digest.
            mark = len(fake.calls)
            digest = await ws.say("UANN", "digest")
            delivered = [str(c.args["text"]) for c in dms(fake, "UANN", mark)]
            everything = "\n".join([digest, *delivered])
            assert "Weekly digest of Test CoP" in everything, everything
            assert "Evaluation: last meeting (#1) 3/5" in everything
            assert INTERNAL not in everything

    asyncio.run(scenario())
