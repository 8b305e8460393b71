"""The buttons of the buddy and facilitation slices, clicked in Slack: confirming a swap of
facilitator turns, and marking an experiment done from the halfway nudge."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from tests.slack.fake_slack import Call, FakeSlack
from tests.slack.test_commands import INTERNAL, community
from tests.slack.workspace import Workspace, answer_texts, buttons_in, dm_of, member

AFTER_MEETING_1 = datetime(2027, 1, 14, 16, 5, tzinfo=UTC)
HALFWAY = datetime(2027, 2, 5, 12, 0, tzinfo=UTC)


def buttons_for(fake: FakeSlack, user: str, action_id: str, since: int) -> list[tuple[Call, str]]:
    """(message, Slack action id) of every ``action_id`` button DMed to ``user``."""
    found = []
    for call in fake.calls[since:]:
        if call.method == "chat.postMessage" and call.args.get("channel") == dm_of(user):
            for button in buttons_in(call):
                if button["action_id"].split("#")[0] == action_id:
                    found.append((call, button["value"]))
    return found


async def cycle_started(ws: Workspace) -> None:
    """Meeting 1 is over: the facilitators of meeting 2 are chosen, the buddies paired."""
    await community(ws, "UBOB", "UCAT", "UDAN")
    await ws.run("UANN", "rotate")
    await ws.run_due(AFTER_MEETING_1)


def test_swap_confirmed_by_button(workspace: Workspace, fake: FakeSlack) -> None:
    async def scenario() -> None:
        async with workspace as ws:
            await cycle_started(ws)
            before = await ws.say("UANN", "facilitators")
            line = next(x for x in before.splitlines() if x.startswith("• 2 "))
            giver = "UBOB" if "<@UBOB>" in line else "UCAT"
            taker = next(u for u in ("UDAN", "UEVE", "UANN") if f"<@{u}>" not in line)
            if taker == "UEVE":
                await ws.run("UEVE", "join")
            mark = len(fake.calls)
            answer = await ws.say(giver, f"swap 2 <@{giver}> <@{taker}>")
            assert INTERNAL not in answer
            await asyncio.to_thread(ws.core.deliver)
            confirms = [
                (user, value)
                for user in (giver, taker)
                for _, value in buttons_for(fake, user, "swap.confirm", mark)
            ]
            assert any(user == taker for user, _ in confirms), answer
            for user, value in confirms:
                texts = answer_texts(await ws.click(user, "swap.confirm", value))
                assert texts and not any(INTERNAL in t for t in texts), texts
            after = await ws.say("UANN", "facilitators")
            line = next(x for x in after.splitlines() if x.startswith("• 2 "))
            assert f"<@{taker}>" in line and f"<@{giver}>" not in line, line

    asyncio.run(scenario())


def test_experiment_marked_done_from_the_halfway_nudge(
    workspace: Workspace, fake: FakeSlack
) -> None:
    async def scenario() -> None:
        async with workspace as ws:
            await cycle_started(ws)
            assert "Noted" in await ws.say("UBOB", "experiment Call one family every week")
            mark = len(fake.calls)
            await ws.run_due(HALFWAY)
            nudges = buttons_for(fake, "UBOB", "experiment.done", mark)
            assert nudges, [c.method for c in fake.calls[mark:]]
            message, value = nudges[-1]
            assert "Call one family every week" in message.args["text"]
            texts = answer_texts(await ws.click("UBOB", "experiment.done", value))
            # Done: copbot asks how it went; the answer is a plain reply in the DM.
            assert texts and "How did your experiment go" in texts[0], texts
            texts = answer_texts(await ws.dm("UBOB", "Two families now plan the care with us"))
            assert texts and not any(INTERNAL in t for t in texts), texts

    asyncio.run(scenario())


def test_a_closed_community_lets_in_by_an_organisers_button(
    workspace: Workspace, fake: FakeSlack
) -> None:
    """`join` in a closed community's channel asks the organisers; Let in, clicked in Slack,
    welcomes the newcomer by DM; a forged Join button for the closed community opens nothing."""

    async def scenario() -> None:
        async with workspace as ws:
            await community(ws, "UBOB")
            assert "Saved" in await ws.say("UANN", "config open=no")
            forged = answer_texts(
                await ws.click("UMAL", "member.join", str(member(ws, "UANN").community_id))
            )
            refused = " ".join(forged)
            assert "not for you" in refused or "niet voor jou" in refused, forged
            mark = len(fake.calls)
            assert "asked its organisers" in await ws.say("UCAT", "join")
            await asyncio.to_thread(ws.core.deliver)
            [(_, value)] = buttons_for(fake, "UANN", "member.approve", mark)
            texts = answer_texts(await ws.click("UANN", "member.approve", value))
            assert any("is in Test CoP now" in t for t in texts), texts
            await asyncio.to_thread(ws.core.deliver)
            told = [
                str(c.args.get("text", ""))
                for c in fake.calls[mark:]
                if c.method == "chat.postMessage" and c.args.get("channel") == dm_of("UCAT")
            ]
            assert any("let you in" in t for t in told) and any("(1/4)" in t for t in told), told
            assert member(ws, "UCAT").status == "active"

    asyncio.run(scenario())
