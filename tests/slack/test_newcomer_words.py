"""What a newcomer trips over, replayed through Slack's /slack/events: roles and who is told,
passing a turn for someone, the words that used to confuse, and a change of experiment agreed
with the buddy's button. The payloads are the Slack tests' (tests/slack/workspace.py)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from tests.slack.fake_slack import FakeSlack
from tests.slack.test_buttons import buttons_for
from tests.slack.test_commands import INTERNAL, community
from tests.slack.workspace import Workspace, answer_texts, dm_of

AFTER_MEETING_1 = datetime(2027, 1, 14, 16, 5, tzinfo=UTC)


def dms(fake: FakeSlack, user: str, since: int) -> list[str]:
    return [
        str(c.args.get("text", ""))
        for c in fake.calls[since:]
        if c.method == "chat.postMessage" and c.args.get("channel") == dm_of(user)
    ]


def test_roles_and_passing_a_turn_in_slack(workspace: Workspace, fake: FakeSlack) -> None:
    async def scenario() -> None:
        async with workspace as ws:
            await community(ws, "UBOB", "UCAT", "UDAN")
            mark = len(fake.calls)
            said = await ws.say("UANN", "role <@UBOB|bob> facilitator")
            assert "is now facilitator" in said, said
            await asyncio.to_thread(ws.core.deliver)
            told = dms(fake, "UBOB", mark)
            # Ann is mentioned, not just named.
            assert any("<@UANN> made you facilitator of Test CoP" in t for t in told), told
            # A facilitator cannot demote another facilitator.
            await ws.say("UANN", "role <@UCAT|cat> facilitator")
            assert "Only an organiser" in await ws.say("UBOB", "role <@UCAT|cat> participant")
            # Passing someone else's turn says that they cannot come.
            await ws.run("UANN", "rotate 1")
            line = next(
                x for x in (await ws.say("UANN", "facilitators")).splitlines() if "• 1" in x
            )
            other = next(u for u in ("UBOB", "UCAT", "UDAN") if f"<@{u}>" in line)
            said = await ws.say("UANN", f"pass 1 <@{other}|{other[1:].lower()}>")
            reply = said.splitlines()[0]
            assert "cannot come to meeting 1" in reply and "your" not in reply, said

    asyncio.run(scenario())


def test_the_words_a_newcomer_tries_in_slack(workspace: Workspace, fake: FakeSlack) -> None:
    async def scenario() -> None:
        async with workspace as ws:
            await community(ws, "UBOB")
            answers = {
                ("UBOB", "language de"): "English (`en`) and Dutch (`nl`)",
                ("UBOB", "checkin The case of Mrs J."): "Thanks for checking in",
                ("UANN", 'theme 3 "Loneliness"'): "Theme set",
                ("UANN", "theme 3 -"): "Theme cleared",
                ("UBOB", "back"): "You are not marked away",
                ("UBOB", "results 3"): "has not taken place yet",
                ("UANN", "report 2030-01-01 2030-02-01"): "has not begun yet",
            }
            for (user, text), expected in answers.items():
                said = await ws.say(user, text)
                assert expected in said and INTERNAL not in said, (text, said)

    asyncio.run(scenario())


def test_a_change_of_experiment_is_agreed_with_the_buddys_button_in_slack(
    workspace: Workspace, fake: FakeSlack
) -> None:
    async def scenario() -> None:
        async with workspace as ws:
            await community(ws, "UBOB", "UCAT", "UDAN")
            await ws.run_due(AFTER_MEETING_1)
            buddy_line = (await ws.say("UBOB", "buddy")).splitlines()[0]
            buddy = next(u for u in ("UANN", "UCAT", "UDAN") if f"<@{u}>" in buddy_line)
            await ws.say("UBOB", "experiment Ask every client about their neighbours")
            mark = len(fake.calls)
            said = await ws.say(buddy, "experiment Visit two neighbours together")
            assert "Until they agree it stays" in said, said
            await asyncio.to_thread(ws.core.deliver)
            agree = buttons_for(fake, "UBOB", "experiment.agree", mark)
            assert len(agree) == 1, [c.method for c in fake.calls[mark:]]
            texts = answer_texts(await ws.click("UBOB", "experiment.agree", agree[0][1]))
            assert any("your group's experiment is now Visit two" in t for t in texts), texts
            assert "Visit two neighbours together" in await ws.say(buddy, "buddy")

    asyncio.run(scenario())
