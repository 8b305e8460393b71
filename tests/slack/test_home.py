"""The App Home tab and the platform-neutral overview behind it."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from tests.slack.fake_slack import FakeSlack
from tests.slack.test_commands import community
from tests.slack.workspace import Workspace, dm_of


async def open_home(ws: Workspace, user: str) -> dict[str, object]:
    before = len(ws.fake.calls)
    event = {"type": "app_home_opened", "user": user, "channel": dm_of(user), "tab": "home"}
    response = await ws.post_json(ws.event_payload(event))
    assert response.status == 200
    await ws.idle()
    published = [c for c in ws.fake.calls[before:] if c.method == "views.publish"]
    assert len(published) == 1
    assert published[0].args["user_id"] == user
    view = published[0].args["view"]
    assert view["type"] == "home"
    return dict(view)


def text_of(view: dict[str, object]) -> str:
    parts: list[str] = []
    for block in view["blocks"]:  # type: ignore[attr-defined]
        if "text" in block:
            parts.append(block["text"]["text"])
        parts.extend(f["text"] for f in block.get("fields", []))
    return "\n".join(parts)


def test_home_for_someone_outside_any_community(workspace: Workspace) -> None:
    async def scenario() -> None:
        async with workspace as ws:
            view = await open_home(ws, "UEVE")
            assert "setup" in text_of(view)

    asyncio.run(scenario())


def test_home_shows_role_next_meeting_buddy_experiment_and_open_prompts(
    workspace: Workspace, fake: FakeSlack
) -> None:
    async def scenario() -> None:
        async with workspace as ws:
            await community(ws, "UBOB", "UCAT")
            await ws.run("UANN", "rotate")
            await ws.run("UANN", "pair")
            await ws.run("UBOB", "experiment Call one family every week")
            await ws.run_due(datetime(2027, 1, 11, 13, 5, tzinfo=UTC))
            text = text_of(await open_home(ws, "UBOB"))
            assert "Test CoP" in text
            assert "Participant" in text
            assert "2027-01-14" in text  # the next meeting
            # The buddy (mentioned) and the experiment.
            assert "<@UCAT>" in text and "Call one family every week" in text
            assert "Check-in" in text and "Introduction" in text  # open prompts
            organiser = text_of(await open_home(ws, "UANN"))
            assert "Organiser" in organiser

    asyncio.run(scenario())
