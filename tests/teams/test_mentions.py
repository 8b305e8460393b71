"""People copbot names are Teams mentions: ``<at>Name</at>`` in the text with a mention entity
(``{"type": "mention", "text": "<at>Name</at>", "mentioned": {"id", "name"}}``, the shape of
msteams-docs bots/how-to/conversations/channel-and-group-conversations.md) in the activity's
``entities``, and in a card's ``msteams.entities``."""

from __future__ import annotations

from typing import Any

from tests.teams.conftest import CHANNEL, NAMES, TeamsClient, uid


def mention(user: str) -> dict[str, Any]:
    name = NAMES.get(user, user)
    return {
        "type": "mention",
        "text": f"<at>{name}</at>",
        "mentioned": {"id": uid(user), "name": name},
    }


def channel_bodies(teams: TeamsClient) -> list[dict[str, Any]]:
    return [c.body for c in teams.fake.calls if c.conversation_id.startswith(CHANNEL)]


def test_the_join_announcement_mentions_the_newcomer(teams: TeamsClient) -> None:
    teams.command("ann", "setup Test CoP")
    teams.command("ann", "config lang=en")
    teams.command("bob", "join")
    name = NAMES.get("bob", "bob")
    body = next(b for b in channel_bodies(teams) if "Welcome" in str(b.get("text")))
    assert body["text"] == f"Welcome <at>{name}</at> to Test CoP!"
    assert body["entities"] == [mention("bob")]
