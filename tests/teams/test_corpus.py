"""Every Teams activity of the corpus (``tests/payloads/teams``: copied from Microsoft's
msteams-docs JSON examples and the test activities of microsoft/botbuilder-python,
microsoft/Agents-for-python and microsoft/teams.net, each naming its source) replayed through
``copbot serve``'s real ``/api/messages`` against the fake Bot Framework connector.

Each file has exactly one expectation below: the status the Bot Framework gets, where the answer
goes, and what must or must not change. A file without an expectation fails the suite.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any
from unittest.mock import ANY

import pytest
from sqlalchemy import select

from adapters.teams.web import INVOKE_MESSAGE
from bot.i18n import LANGS, t
from bot.members.models import Member
from bot.places.models import CommunityPlace
from bot.reach.models import Unreachable
from tests.teams.conftest import CHANNEL, TEAM, TeamsClient, uid
from tests.teams.test_commands import community, member

CORPUS = Path(__file__).parents[1] / "payloads" / "teams"
JSON = dict[str, Any]


def load(name: str) -> JSON:
    data = json.loads((CORPUS / f"{name}.json").read_text(encoding="utf-8"))
    assert isinstance(data, dict) and data["_source"], name
    return data


def exchange(teams: TeamsClient, data: JSON) -> tuple[int, Any]:
    """POST the activity as the Bot Framework would (its serviceUrl pointed at the fake):
    the status and the body of copbot's answer."""
    activity = dict(data["activity"])
    if "serviceUrl" in activity:
        activity["serviceUrl"] = teams.fake.base_url
    return teams.post(activity)


def replay(teams: TeamsClient, data: JSON) -> int:
    return exchange(teams, data)[0]


def addresses(teams: TeamsClient) -> tuple[list[Any], list[Any]]:
    with teams.bot.factory() as session:
        members = sorted(
            (m.user_id, m.community_id, json.dumps(m.address, sort_keys=True))
            for m in session.scalars(select(Member))
        )
        places = sorted(
            (c.channel_id, json.dumps(c.address, sort_keys=True))
            for c in session.scalars(select(CommunityPlace))
        )
    return members, places


def unreachable(teams: TeamsClient) -> set[tuple[str, str]]:
    with teams.bot.factory() as session:
        return {(u.scope, u.key) for u in session.scalars(select(Unreachable))}


def sent(teams: TeamsClient) -> list[str]:
    return [c.conversation_id for c in teams.fake.calls] + [
        c["members"][0]["id"] for c in teams.fake.created
    ]


def says(text: str, key: str) -> bool:
    return any(t(lang, key).split("{")[0].strip() in text for lang in LANGS)


Check = Callable[[TeamsClient, JSON, str], None]


def ignored(teams: TeamsClient, data: JSON, name: str) -> None:
    """Nothing for copbot: 200, nothing sent, nothing stored changes."""
    community(teams, "bob")
    teams.fake.clear()
    before = addresses(teams)
    assert replay(teams, data) == 200
    assert sent(teams) == [] and addresses(teams) == before and unreachable(teams) == set()


nothing_to_do = ignored  # handled, but about a team, channel or person copbot has no community for


def refused(teams: TeamsClient, data: JSON, name: str) -> None:
    """Lacks what every activity of its kind carries (a type, a serviceUrl): a 400, and
    nothing happens."""
    community(teams, "bob")
    teams.fake.clear()
    before = addresses(teams)
    assert replay(teams, data) == 400
    assert sent(teams) == [] and addresses(teams) == before


def other_team_removed(teams: TeamsClient, data: JSON, name: str) -> None:
    """copbot gone from another team: that team is held, the community's is untouched."""
    community(teams, "bob")
    teams.fake.clear()
    assert replay(teams, data) == 200
    team = data["activity"]["channelData"]["team"]["id"]
    assert unreachable(teams) == {("workspace", team)} and sent(teams) == []


def hello_once(teams: TeamsClient, data: JSON, name: str) -> None:
    """Added to a team: copbot introduces itself in the channel, once, even though Teams sends
    both a members-added and an installation update."""
    channel = data["activity"]["conversation"]["id"]
    assert replay(teams, data) == 200
    for other in ("docs__bot_added_to_team", "docs__installation_update_add"):
        assert replay(teams, load(other)) == 200
    hellos = teams.fake.texts(channel)
    assert len(hellos) == 1 and "setup" in hellos[0]


def mention_in_channel(teams: TeamsClient, data: JSON, name: str) -> None:
    """Microsoft's mention example has no conversationType: still a channel. The answer is
    private (the sender's 1:1 chat), nothing is posted in the channel, nobody's address moves."""
    community(teams, "bob")
    teams.fake.clear()
    before = addresses(teams)
    assert replay(teams, data) == 200
    sender = data["activity"]["from"]["id"]
    assert teams.fake.created_for(sender)
    assert not any(c.conversation_id.startswith("19:aebd0ad4") for c in teams.fake.calls)
    assert says("\n".join(teams.fake.texts(f"a:{sender}")), "error.unknown_verb")
    assert addresses(teams) == before


def picture_only(teams: TeamsClient, data: JSON, name: str) -> None:
    """A 1:1 message without words: copbot says what it can read, in that chat."""
    assert replay(teams, data) == 200
    (answer,) = teams.fake.texts(data["activity"]["conversation"]["id"])
    assert says(answer, "error.text_only")


def organisers_told(teams: TeamsClient, *, contains: str) -> None:
    assert any(contains in text for text in teams.dm_texts("ann")), teams.dm_texts("ann")


def channel_gone(reason: str) -> Check:
    def check(teams: TeamsClient, data: JSON, name: str) -> None:
        community(teams, "bob")
        assert replay(teams, data) == 200
        assert ("place", CHANNEL) in unreachable(teams)
        organisers_told(teams, contains=reason)

    return check


def back_after(first: str) -> Check:
    def check(teams: TeamsClient, data: JSON, name: str) -> None:
        community(teams, "bob")
        before = load(first)
        before["activity"]["id"] = "f:earlier"  # Microsoft's examples share one activity id
        assert replay(teams, before) == 200
        assert unreachable(teams)
        assert replay(teams, data) == 200
        assert unreachable(teams) == set()
        organisers_told(teams, contains="again")

    return check


def team_removed(teams: TeamsClient, data: JSON, name: str) -> None:
    community(teams, "bob")
    assert replay(teams, data) == 200
    assert unreachable(teams) == {("workspace", TEAM)}


def leaver_asked(teams: TeamsClient, data: JSON, name: str) -> None:
    community(teams, "bob")
    assert replay(teams, data) == 200
    assert any("leave the community" in text for text in teams.dm_texts("bob"))
    assert uid("bob") == data["activity"]["membersRemoved"][0]["id"]


def channel_command(teams: TeamsClient, data: JSON, name: str) -> None:
    """bob @mentions copbot in a reply in the community's channel, with a word it does not
    know: the bot's mention is taken off, the answer goes to his 1:1 chat only, nothing is
    posted in the channel and no address moves."""
    community(teams, "bob")
    teams.fake.clear()
    before = addresses(teams)
    assert replay(teams, data) == 200
    (answer,) = teams.dm_texts("bob")
    assert says(answer, "error.unknown_verb") and "`reply`" in answer, answer
    assert teams.channel_texts() == [] and addresses(teams) == before


def card_press_answered(teams: TeamsClient, data: JSON, name: str) -> None:
    """An Action.Execute of a card that is not copbot's, or a verb it does not know: Teams
    gets the invoke response it expects (200, a message response saying the button does not
    work) in the person's language, and nothing stored changes."""
    community(teams, "bob")
    teams.fake.clear()
    before = addresses(teams)
    status, body = exchange(teams, data)
    assert status == 200
    assert body == {"statusCode": 200, "type": INVOKE_MESSAGE, "value": ANY}, body
    assert body["value"] == t("en", "error.unknown_action")
    assert teams.channel_texts() == [] and addresses(teams) == before


def prompt_answered(teams: TeamsClient, data: JSON, name: str) -> None:
    """bob writes in his 1:1 chat while copbot's intake asks for his organisation: his words
    are the answer (the HTML copy and any file Teams attaches change nothing), the next
    question comes in that chat, and his time zone is the one the clientInfo entity carries."""
    community(teams, "bob")
    teams.fake.clear()
    assert replay(teams, data) == 200
    bob = member(teams, "bob")
    assert bob.organisation == data["activity"]["text"]
    assert bob.tz == "America/Los_Angeles"
    (question,) = teams.fake.texts(data["activity"]["conversation"]["id"])
    assert "discipline" in question, question
    assert teams.channel_texts() == []


def stranger_answered(teams: TeamsClient, data: JSON, name: str) -> None:
    """Someone of the tenant who is in no community writes to copbot: an answer in that chat,
    and they do not become a member."""
    community(teams, "bob")
    teams.fake.clear()
    assert replay(teams, data) == 200
    (answer,) = teams.fake.texts(data["activity"]["conversation"]["id"])
    assert says(answer, "error.no_open_prompt"), answer
    with teams.bot.factory() as session:
        ids = set(session.scalars(select(Member.user_id)))
    assert data["activity"]["from"]["id"] not in ids


def card_text_as_command(teams: TeamsClient, data: JSON, name: str) -> None:
    """A messageBack click in the community's channel: its text is read as typed (Teams shows
    it as the person's message); the value is no copbot action. Answered in bob's 1:1 chat,
    nothing in the channel, nothing stored changes."""
    community(teams, "bob")
    teams.fake.clear()
    before = addresses(teams)
    assert replay(teams, data) == 200
    (answer,) = teams.dm_texts("bob")
    assert says(answer, "error.unknown_verb"), answer
    assert teams.channel_texts() == [] and addresses(teams) == before


def group_chat_private(teams: TeamsClient, data: JSON, name: str) -> None:
    """bob mentions copbot in a group chat (no community there): the answer goes to his 1:1
    chat, nothing is posted in the group chat, and neither his address nor the community's
    moves to it."""
    community(teams, "bob")
    teams.fake.clear()
    before = addresses(teams)
    assert replay(teams, data) == 200
    chat = data["activity"]["conversation"]["id"]
    assert teams.fake.texts(chat) == []
    (answer,) = teams.dm_texts("bob")
    assert says(answer, "error.unknown_verb") and "hallo" in answer, answer
    assert addresses(teams) == before


EXPECT: dict[str, Check] = {
    # msteams-docs
    "docs__channel_created": ignored,
    "docs__channel_renamed": ignored,
    "docs__channel_deleted": nothing_to_do,
    "docs__channel_restored": nothing_to_do,
    "docs__channel_deleted_community": channel_gone("deleted"),
    "docs__channel_restored_community": back_after("docs__channel_deleted_community"),
    "docs__bot_added_to_team": hello_once,
    "docs__installation_update_add": hello_once,
    "docs__bot_added_personal": nothing_to_do,
    "docs__team_member_removed": nothing_to_do,
    "docs__team_member_removed_community": leaver_asked,
    "docs__team_renamed": ignored,
    "docs__teamdeleted": other_team_removed,
    "docs__teamdeleted_community": team_removed,
    "docs__teamrestored": nothing_to_do,
    "docs__teamrestored_community": back_after("docs__teamdeleted_community"),
    "docs__teamarchived": nothing_to_do,
    "docs__teamarchived_community": channel_gone("archived"),
    "docs__teamunarchived": nothing_to_do,
    "docs__teamunarchived_community": back_after("docs__teamarchived_community"),
    "docs__reactions_added": ignored,
    "docs__reactions_removed": ignored,
    "docs__mention_without_conversation_type": mention_in_channel,
    "docs__file_consent_accept": ignored,
    "docs__file_consent_decline": refused,  # published without its type
    "docs__personal_message_rich_text": prompt_answered,
    "docs__personal_message_with_file": prompt_answered,
    "docs__personal_message_stranger": stranger_answered,
    "docs__card_submit_message_back": card_text_as_command,
    "docs__action_execute_food": card_press_answered,
    # microsoft/teams.net
    "teamsnet__channel_mention_reply": channel_command,
    "teamsnet__action_execute_without_verb": card_press_answered,
    # Agents-for-python
    "agents__benchmark_personal_message": picture_only,
    "agents__benchmark_complex_directline": refused,
    # botbuilder-python
    "botbuilder__channelcreated": ignored,
    "botbuilder__channelrenamed": ignored,
    "botbuilder__channelrestored": nothing_to_do,
    "botbuilder__channeldeleted": nothing_to_do,
    "botbuilder__teamarchived": nothing_to_do,
    "botbuilder__teamdeleted": other_team_removed,
    "botbuilder__teamharddeleted": other_team_removed,
    "botbuilder__teamrenamed": ignored,
    "botbuilder__teamrestored": nothing_to_do,
    "botbuilder__teamunarchived": nothing_to_do,
    "botbuilder__team_member_added": nothing_to_do,
    "botbuilder__bot_added_to_team": nothing_to_do,
    "botbuilder__team_member_removed": nothing_to_do,
    "botbuilder__signin_verify_state": ignored,
    "botbuilder__file_consent_accept": ignored,
    "botbuilder__file_consent_decline": ignored,
    "botbuilder__file_consent_bad_action": ignored,
    "botbuilder__o365_connector_card_action": ignored,
    "botbuilder__compose_extension_query": ignored,
    "botbuilder__compose_extension_submit_edit": ignored,
    "botbuilder__compose_extension_submit_send": ignored,
    "botbuilder__compose_extension_submit_none": ignored,
    "botbuilder__installation_update_remove": ignored,
    "botbuilder__installation_update_remove_upgrade": ignored,
    "botbuilder__group_chat_message": group_chat_private,
}


def test_every_activity_of_the_corpus_has_an_expectation() -> None:
    assert {p.stem for p in CORPUS.glob("*.json")} == set(EXPECT)
    assert len(EXPECT) >= 30


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_published_activity_replays_as_teams_expects(name: str, teams: TeamsClient) -> None:
    EXPECT[name](teams, load(name), name)
