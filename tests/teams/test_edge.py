"""Where real tenants touch copbot: which conversation is a channel, a group chat or the 1:1
chat, which addresses copbot keeps, pictures without words, and members sync asked by a
participant."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from adapters.teams.translate import conversation_kind
from bot.places.models import CommunityPlace
from tests.teams.conftest import BOT, CHANNEL, TEAM, TENANT, TeamsClient, uid
from tests.teams.test_commands import community, member

GROUP_CHAT = "19:3f2a9c@thread.v2"
OTHER_CHANNEL = "19:other-channel@thread.tacv2"


def community_address(teams: TeamsClient) -> Any:
    with teams.bot.factory() as session:
        return session.scalars(select(CommunityPlace)).one().address


def group_chat_activity(teams: TeamsClient, user: str, text: str) -> dict[str, Any]:
    return teams.activity(
        user,
        conversation={"isGroup": True, "conversationType": "groupChat", "tenantId": TENANT,
                      "id": GROUP_CHAT},
        text=f"<at>copbot</at> {text}",
        entities=[{"type": "mention", "text": "<at>copbot</at>", "mentioned": dict(BOT)}],
        channelData={"tenant": {"id": TENANT}},
    )  # fmt: skip


def test_help_in_a_group_chat_does_not_move_the_community(teams: TeamsClient) -> None:
    community(teams, "bob")
    before = community_address(teams)
    assert teams.post(group_chat_activity(teams, "bob", "help"))[0] == 200
    assert community_address(teams) == before
    assert before["reference"]["conversation"]["id"] == CHANNEL


def test_help_in_another_channel_of_the_team_does_not_move_the_community(
    teams: TeamsClient,
) -> None:
    community(teams, "bob")
    before = community_address(teams)
    status, _ = teams.post(teams.channel_activity("bob", "help", channel=OTHER_CHANNEL))
    assert status == 200
    assert community_address(teams) == before


def test_a_channel_activity_without_conversation_type_is_not_a_private_chat(
    teams: TeamsClient,
) -> None:
    """Microsoft's own mention example has no conversationType: it is still a channel."""
    community(teams, "bob")
    teams.dm("bob", "status")  # Bob's 1:1 chat becomes his address
    personal = member(teams, "bob").address
    assert personal is not None and personal["kind"] == "personal"
    activity = teams.channel_activity("bob", "status")
    del activity["conversation"]["conversationType"]
    del activity["conversation"]["isGroup"]
    assert teams.post(activity)[0] == 200
    assert member(teams, "bob").address == personal
    assert community_address(teams)["reference"]["conversation"]["id"] == CHANNEL


def test_conversation_kinds_from_what_the_payload_says() -> None:
    def kind(conversation: dict[str, Any], **extra: Any) -> str:
        return conversation_kind({"conversation": conversation, **extra})

    assert kind({"id": "a:1xyz"}) == "personal"
    assert kind({"id": "a:1xyz", "conversationType": "personal"}) == "personal"
    assert kind({"id": f"{CHANNEL};messageid=1"}) == "channel"
    assert kind({"id": "19:abc@thread.skype;messageid=2"}) == "channel"
    assert kind({"id": "x"}, channelData={"team": {"id": TEAM}}) == "channel"
    assert kind({"id": GROUP_CHAT}) == "groupChat"
    assert kind({"id": "19:meeting_abc@thread.v2"}) == "groupChat"
    assert kind({"id": "x", "isGroup": True}) == "groupChat"
    assert kind({"id": "x", "conversationType": "channel"}) == "channel"


def test_a_picture_without_words_gets_an_answer(teams: TeamsClient) -> None:
    community(teams, "bob")
    teams.fake.clear()
    activity = teams.activity(
        "bob",
        conversation=teams.personal_conversation("bob"),
        attachments=[{"contentType": "image/*", "contentUrl": "https://example.org/p.png"}],
    )
    assert teams.post(activity)[0] == 200
    assert any("only read text" in t for t in teams.dm_texts("bob"))


def test_members_sync_by_a_participant_reads_no_roster(teams: TeamsClient) -> None:
    community(teams, "bob")
    teams.fake.rosters[TEAM] = [{"id": uid("cas"), "name": "Cas"}]
    teams.fake.clear()
    said = teams.command("bob", "members sync")
    assert "facilitator" in said.lower()
    assert teams.fake.created_for(uid("cas")) == []
    assert teams.fake.roster_reads == 0
