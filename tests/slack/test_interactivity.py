"""Buttons, modals and DM replies: the round trips through Slack's interactivity."""

from __future__ import annotations

import asyncio

from bot.core import Core
from bot.db import make_engine, make_session_factory
from tests.slack.fake_slack import FakeSlack
from tests.slack.test_commands import community
from tests.slack.workspace import (
    INTAKE_ANSWERS,
    Workspace,
    answer_texts,
    dm_of,
    find_button,
    member,
    open_intake_form,
)


def test_form_button_opens_a_modal_and_the_submission_answers(
    workspace: Workspace, fake: FakeSlack
) -> None:
    async def scenario() -> None:
        async with workspace as ws:
            await community(ws, "UBOB")
            opened = await open_intake_form(ws, "UBOB")
            view = opened.args["view"]
            assert opened.args["trigger_id"].startswith("trigger-")
            assert [b["block_id"] for b in view["blocks"]] == [
                "organisation",
                "discipline",
                "practice_case",
                "learning_goals",
                "region",  # a choice of noord, midden, zuid (optional)
            ]
            calls = await ws.submit("UBOB", view, INTAKE_ANSWERS)
            replies = [c for c in calls if c.method == "chat.postMessage"]
            assert replies and replies[0].args["channel"] == dm_of("UBOB")
            bob = member(ws, "UBOB")
            assert (bob.organisation, bob.discipline) == ("Acme Care", "Nursing")
            # The form cannot be answered twice.
            calls = await ws.submit("UBOB", view, INTAKE_ANSWERS)
            assert any("closed" in t or "no longer" in t.lower() for t in answer_texts(calls))

    asyncio.run(scenario())


def test_a_plain_dm_reply_answers_the_open_prompt(workspace: Workspace, fake: FakeSlack) -> None:
    async def scenario() -> None:
        async with workspace as ws:
            await community(ws, "UCAT")
            calls = await ws.dm("UCAT", "Thuiszorg Noord")
            texts = answer_texts(calls)
            assert texts and "(2/4)" in texts[0], texts
            assert calls[-1].args["channel"] == dm_of("UCAT")
            assert member(ws, "UCAT").organisation == "Thuiszorg Noord"
            # The DM channel is remembered, so later DMs need no conversations.open.
            assert member(ws, "UCAT").address == {"dm": dm_of("UCAT")}

    asyncio.run(scenario())


def test_slack_retries_of_an_event_are_handled_once(workspace: Workspace, fake: FakeSlack) -> None:
    async def scenario() -> None:
        async with workspace as ws:
            await community(ws, "UCAT")
            first = await ws.dm("UCAT", "Thuiszorg Noord", event_id="EvSAME")
            again = await ws.dm("UCAT", "Thuiszorg Noord", event_id="EvSAME", retry=1)
            third = await ws.dm("UCAT", "Thuiszorg Noord", event_id="EvSAME", retry=2)
            assert answer_texts(first)
            assert answer_texts(again) == [] and answer_texts(third) == []
            assert member(ws, "UCAT").discipline is None  # recorded once, not as step 2

    asyncio.run(scenario())


def test_a_retry_whose_first_delivery_never_arrived_is_handled(
    workspace: Workspace, fake: FakeSlack
) -> None:
    async def scenario() -> None:
        async with workspace as ws:
            await community(ws, "UCAT")
            calls = await ws.dm("UCAT", "Thuiszorg Noord", event_id="EvLOST", retry=1)
            assert answer_texts(calls)
            assert member(ws, "UCAT").organisation == "Thuiszorg Noord"

    asyncio.run(scenario())


def test_bot_messages_and_edits_are_not_answers(workspace: Workspace, fake: FakeSlack) -> None:
    async def scenario() -> None:
        async with workspace as ws:
            await community(ws, "UCAT")
            before = len(fake.calls)
            for extra in (
                {"subtype": "message_changed"},
                {"bot_id": "B0001"},
                {"user": "UBOT"},
                {"channel_type": "channel"},
            ):
                event = {
                    "type": "message",
                    "channel": dm_of("UCAT"),
                    "channel_type": "im",
                    "user": "UCAT",
                    "text": "Thuiszorg Noord",
                    "ts": "1700000000.000300",
                    **extra,
                }
                response = await ws.post_json(ws.event_payload(event))
                assert response.status == 200
            await ws.idle()
            assert answer_texts(fake.calls[before:]) == []
            assert member(ws, "UCAT").organisation is None

    asyncio.run(scenario())


def test_buttons_with_the_same_core_action_get_distinct_slack_ids(
    workspace: Workspace, fake: FakeSlack
) -> None:
    """Block Kit refuses repeated action ids in one block; the click still reaches the core's
    action (rating buttons 1-5 all carry ``prompt.answer``)."""
    from adapters.slack.render import render_blocks
    from adapters.slack.translate import action_submission
    from bot.messages import Button, Buttons, Message

    message = Message(
        "Rate", (Buttons(tuple(Button(str(i), "prompt.answer", f"7:{i}") for i in range(1, 6))),)
    )
    elements = render_blocks(message)[0]["elements"]
    ids = [e["action_id"] for e in elements]
    assert len(set(ids)) == 5
    assert {action_submission(e).action_id for e in elements} == {"prompt.answer"}
    assert [action_submission(e).value for e in elements] == [f"7:{i}" for i in range(1, 6)]


def test_a_retry_that_reaches_another_replica_is_still_recognised(
    workspace: Workspace, fake: FakeSlack, sqlite_url: str
) -> None:
    """The record of handled events is in the database, so a second copbot process behind
    the same URL does not answer Slack's retry again."""
    engine = make_engine(sqlite_url)
    replica = Workspace(
        fake=fake,
        core=Core(
            session_factory=make_session_factory(engine),
            clock=workspace.clock,
            deliver_inline=False,
            worker_id="replica",
        ),
        settings=workspace.settings,
        clock=workspace.clock,
    )

    async def scenario() -> None:
        async with workspace as ws, replica as other:
            await community(ws, "UCAT")
            assert answer_texts(await ws.dm("UCAT", "Thuiszorg Noord", event_id="EvTWO"))
            again = await other.dm("UCAT", "Thuiszorg Noord", event_id="EvTWO", retry=1)
            assert answer_texts(again) == []
            assert member(ws, "UCAT").discipline is None

    try:
        asyncio.run(scenario())
    finally:
        engine.dispose()


def test_a_select_menu_choice_reaches_the_core_like_a_button(
    workspace: Workspace, fake: FakeSlack
) -> None:
    """Selects carry their value in ``selected_option``, not ``value``."""

    async def scenario() -> None:
        async with workspace as ws:
            await community(ws)
            await ws.say("UANN", "members sync")
            invite = fake.of("chat.postMessage", lambda c: c.args["channel"] == dm_of("UEVE"))
            button = find_button(invite, "member.join")
            payload = ws.action_payload("UEVE", button["action_id"], "")
            payload["actions"] = [
                {
                    "type": "static_select",
                    "action_id": button["action_id"],
                    "block_id": "b1",
                    "selected_option": {
                        "text": {"type": "plain_text", "text": "Join"},
                        "value": button["value"],
                    },
                    "action_ts": "1.0",
                }
            ]
            await ws.send_interactive(payload)
            await ws.idle()
            assert member(ws, "UEVE").status == "active"

    asyncio.run(scenario())
