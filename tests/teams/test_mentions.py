"""People copbot names are Teams mentions: ``<at>Name</at>`` in the text with a mention entity
(``{"type": "mention", "text": "<at>Name</at>", "mentioned": {"id", "name"}}``, the shape of
msteams-docs bots/how-to/conversations/channel-and-group-conversations.md) in the activity's
``entities``, and in a card's ``msteams.entities``."""

from __future__ import annotations

from typing import Any

from tests.teams.conftest import CHANNEL, NAMES, TeamsClient, uid
from tests.teams.test_card_flows import facilitators
from tests.teams.test_commands import community


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


def test_join_typed_in_the_1to1_chat_joins_the_tenants_community(teams: TeamsClient) -> None:
    teams.command("ann", "setup Test CoP")
    teams.command("ann", "config lang=en")
    said = teams.chat("bob", "join")
    assert "Welcome to *Test CoP*" in said, said
    # The channel hears of it through the outbox, with Bob mentioned.
    body = next(b for b in channel_bodies(teams) if "Welcome <at>" in str(b.get("text")))
    assert body["entities"] == [mention("bob")]
    assert any("(1/4)" in t for t in teams.dm_texts("bob"))


def test_join_in_the_1to1_chat_offers_the_tenants_communities(teams: TeamsClient) -> None:
    teams.command("ann", "setup Test CoP")
    teams.command("ann", "config lang=en")
    other = "19:other@thread.tacv2"
    teams.post(teams.channel_activity("dee", "setup Other CoP", channel=other))
    teams.post(teams.channel_activity("dee", "config lang=en", channel=other))
    teams.chat("cas", "join")
    card = teams.dm_cards("cas")[-1]
    offered = [(a["title"], a["data"]["copbot_value"]) for a in card["actions"]]
    assert [title for title, _ in offered] == ["Test CoP", "Other CoP"]
    teams.submit("cas", {"copbot_action": "member.join", "copbot_value": offered[1][1]})
    posted = [c.body for c in teams.fake.calls if c.conversation_id.startswith(other)]
    joined = next(b for b in posted if "Welcome <at>" in str(b.get("text")))
    assert joined["entities"] == [mention("cas")]


def test_facilitators_buddies_and_members_are_mentioned_with_entities(teams: TeamsClient) -> None:
    community(teams, "bob", "cas")
    teams.command("ann", "rotate")
    pair = set(facilitators(teams).values())
    post = next(
        b for b in channel_bodies(teams) if str(b.get("summary", "")).startswith("Facilitators")
    )
    expected = [m for m in (mention(u.removeprefix("29:")) for u in sorted(pair))]
    ids = {e["mentioned"]["id"] for e in post["entities"]}
    assert ids == pair, post["entities"]
    card = post["attachments"][0]["content"]
    card_ids = {e["mentioned"]["id"] for e in card["msteams"]["entities"]}
    assert card_ids == pair
    # Each entity's text is found as it is in what Teams shows.
    shown = " ".join(block.get("text", "") for block in card["body"])
    assert all(e["text"] in shown for e in card["msteams"]["entities"]), shown
    assert all(e in post["entities"] for e in expected)

    teams.command("ann", "pair")
    bob_dm = next(
        b for b in teams.fake.to(f"a:{uid('bob')}") if "buddy" in str(b.get("summary", "")).lower()
    )
    buddies = {e["mentioned"]["id"] for e in bob_dm.get("entities", [])}
    assert buddies and uid("bob") not in buddies, bob_dm

    teams.chat("ann", "members")
    listing = next(
        b for b in reversed(teams.fake.to(f"a:{uid('ann')}")) if "Members of" in str(b.get("text"))
    )
    facts = listing["attachments"][0]["content"]["body"][1]["facts"]
    assert [f["title"] for f in facts] == ["<at>Ann</at>", "<at>Bob de Vries</at>", "<at>Cas</at>"]
    listed = {
        e["mentioned"]["id"] for e in listing["attachments"][0]["content"]["msteams"]["entities"]
    }
    assert listed == {uid("ann"), uid("bob"), uid("cas")}
