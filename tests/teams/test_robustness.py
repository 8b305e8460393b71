"""Malformed activities are a 4xx (never a 500); activity types copbot has no use for are
answered 200 and change nothing; a redelivered activity is handled once."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from tests.teams.conftest import CHANNEL, TeamsClient
from tests.teams.test_auth import row_counts
from tests.teams.test_commands import community

Mutation = Callable[[dict[str, Any]], None]


def _set(path: str, value: Any) -> Mutation:
    def mutate(activity: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target = activity
        for key in parents:
            target = target[key]
        target[last] = value

    return mutate


def _drop(key: str) -> Mutation:
    return lambda activity: activity.pop(key, None)


BROKEN_BODIES = [b"", b"not json", b"[]", b"42", b'"message"', b"null", b"\xff\xfe", b"{"]

# Each breaks something every activity of its type must have: a 400.
MALFORMED: dict[str, Mutation] = {
    "no type": _drop("type"),
    "type is a number": _set("type", 5),
    "no serviceUrl": _drop("serviceUrl"),
    "serviceUrl is a list": _set("serviceUrl", ["x"]),
    "no conversation": _drop("conversation"),
    "conversation is a string": _set("conversation", "19:x"),
    "conversation without id": _set("conversation", {"conversationType": "channel"}),
    "no from": _drop("from"),
    "from is a string": _set("from", "29:ann"),
    "from without id": _set("from", {"name": "Ann"}),
}

# Odd but survivable shapes: answered (200) or refused (4xx), never a 500.
ODD: dict[str, Mutation] = {
    "entities is a number": _set("entities", 5),
    "entities is a string": _set("entities", "mention"),
    "entity is a list": _set("entities", [[1, 2], None, {"type": "mention"}]),
    "mention without mentioned": _set("entities", [{"type": "mention", "text": "<at>x</at>"}]),
    "text is a number": _set("text", 12),
    "text is null": _set("text", None),
    "locale is a number": _set("locale", 31),
    "channelData is a string": _set("channelData", "x"),
    "tenant is a list": _set("channelData.tenant", ["t"]),
    "recipient is a string": _set("recipient", "28:bot"),
    "value is a string": _set("value", "copbot_action"),
    "value action is a number": _set("value", {"copbot_action": 7, "copbot_value": []}),
    "id is an object": _set("id", {"a": 1}),
    "conversation id is a number": _set("conversation.id", 1234),
    "timestamp is garbage": _set("timestamp", "yesterday"),
    "conversation id holds a lone surrogate": _set("conversation.id", "a:\ud800"),
    "a 300-character sender id": _set("from.id", "29:" + "é" * 300),
    "clientInfo timezone is bogus": _set(
        "entities", [{"type": "clientInfo", "timezone": "Mars/Olympus", "locale": 5}]
    ),
}


@pytest.mark.parametrize("raw", BROKEN_BODIES)
def test_a_body_that_is_not_an_activity_is_400(teams: TeamsClient, raw: bytes) -> None:
    status, _ = teams.post(None, raw=raw)
    assert status == 400


@pytest.mark.parametrize("name", list(MALFORMED))
def test_malformed_activities_are_400_and_change_nothing(teams: TeamsClient, name: str) -> None:
    community(teams)
    teams.fake.clear()
    before = row_counts(teams.bot)
    activity = teams.channel_activity("bob", "join")
    MALFORMED[name](activity)
    status, body = teams.post(activity)
    assert status == 400, body
    assert row_counts(teams.bot) == before and teams.fake.calls == []


@pytest.mark.parametrize("name", list(ODD))
@pytest.mark.parametrize("where", ["channel", "personal"])
def test_odd_activities_never_cause_a_500(teams: TeamsClient, name: str, where: str) -> None:
    community(teams)
    if where == "channel":
        activity = teams.channel_activity("bob", "join")
    else:
        activity = teams.activity(
            "bob", conversation=teams.personal_conversation("bob"), text="status"
        )
    ODD[name](activity)
    status, body = teams.post(activity)
    assert status < 500, (status, body)
    # An invoke and a conversation update with the same oddity are no worse.
    for kind in ({"type": "invoke", "name": "adaptiveCard/action"}, {"type": "conversationUpdate"}):
        variant = copy.deepcopy(activity) | kind
        status, body = teams.post(variant)
        assert status < 500, (kind, status, body)


IGNORED = [
    {"type": "typing"},
    {"type": "messageReaction", "reactionsAdded": [{"type": "like"}]},
    {"type": "messageUpdate", "text": "<at>copbot</at> setup Sneaky"},
    {"type": "messageDelete"},
    {"type": "event", "name": "application/vnd.microsoft.meetingStart"},
    {"type": "endOfConversation"},
    {"type": "somethingNew", "text": "setup Sneaky"},
    {"type": "invoke", "name": "composeExtension/query", "value": {}},
    {"type": "invoke", "name": "signin/verifyState", "value": {}},
    {"type": "conversationUpdate", "channelData": {"eventType": "channelRenamed"}},
    {"type": "installationUpdate", "action": "somethingNew"},
]


@pytest.mark.parametrize("extra", IGNORED, ids=lambda e: f"{e['type']}:{e.get('name', '')}")
def test_unknown_activity_types_are_ignored_politely(
    teams: TeamsClient, extra: dict[str, Any]
) -> None:
    community(teams)
    teams.fake.clear()
    before = row_counts(teams.bot)
    activity = teams.channel_activity("bob", "join") | extra
    status, _ = teams.post(activity)
    assert status == 200
    assert row_counts(teams.bot) == before
    assert teams.fake.calls == [] and teams.fake.created == []


def test_the_bot_added_to_a_team_says_hello_once(teams: TeamsClient) -> None:
    activity = teams.channel_activity("ann", "")
    activity.pop("text")
    activity |= {"type": "conversationUpdate", "membersAdded": [{"id": "28:copbot-app"}]}
    activity["channelData"]["eventType"] = "teamMemberAdded"
    assert teams.post(activity)[0] == 200
    assert teams.post(activity)[0] == 200  # redelivered: answered once
    hello = [t for t in teams.channel_texts() if "setup" in t]
    assert len(hello) == 1, teams.channel_texts()


def test_the_bot_installed_personally_says_hello_in_the_chat(teams: TeamsClient) -> None:
    activity = teams.activity(
        "gus",
        conversation=teams.personal_conversation("gus"),
        type="conversationUpdate",
        membersAdded=[{"id": "28:copbot-app"}],
        locale="nl-NL",
    )
    assert teams.post(activity)[0] == 200
    (hello,) = teams.dm_texts("gus")
    assert "Ik ben copbot" in hello


def test_a_redelivered_message_is_handled_once(teams: TeamsClient) -> None:
    community(teams)
    activity = teams.channel_activity("bob", "join")
    assert teams.post(activity)[0] == 200
    rows = row_counts(teams.bot)
    teams.fake.clear()
    assert teams.post(activity)[0] == 200
    assert row_counts(teams.bot) == rows and teams.fake.calls == []


def test_a_thread_reply_keeps_the_community_bound_to_the_channel(teams: TeamsClient) -> None:
    community(teams, "bob")
    said = teams.command("bob", "status")
    assert "Test CoP" in said
    activity = teams.channel_activity("cas", "join")
    assert ";messageid=" in activity["conversation"]["id"]
    assert teams.post(activity)[0] == 200
    assert any("Cas" in t for t in teams.fake.texts(CHANNEL) + teams.channel_texts())


DEEP = b"[" * 5000


def test_thousands_of_nested_brackets_are_a_400(teams: TeamsClient) -> None:
    status, _ = teams.post(None, raw=DEEP)
    assert status == 400


def test_thousands_of_nested_brackets_with_a_garbage_token_are_refused(
    teams_auth: TeamsClient,
) -> None:
    teams_auth.auth = "Bearer garbage"
    status, _ = teams_auth.post(None, raw=DEEP)
    assert status == 401


@pytest.mark.parametrize(
    "service_url",
    ["not a url", "http://", "http://127.0.0.1:99999/", "http://127.0.0.1:abc/", "ftp://x/y"],
)
def test_a_service_url_that_is_not_one_is_never_a_500(teams: TeamsClient, service_url: str) -> None:
    community(teams, "bob")
    for activity in (
        teams.channel_activity("bob", "status"),
        teams.activity("bob", conversation=teams.personal_conversation("bob"), text="status"),
    ):
        activity["serviceUrl"] = service_url
        status, _ = teams.post(activity)
        assert status in (200, 400), status


@pytest.mark.parametrize("failure", [503, 403, "refused"])
def test_saying_hello_to_a_new_team_survives_a_failing_connector(
    teams: TeamsClient, failure: int | str
) -> None:
    activity = teams.channel_activity("ann", "")
    activity.pop("text")
    activity |= {"type": "conversationUpdate", "membersAdded": [{"id": "28:copbot-app"}]}
    if failure == "refused":
        activity["serviceUrl"] = "http://127.0.0.1:1"  # nothing listens there
    else:
        teams.fake.fail_with[activity["conversation"]["id"]] = int(failure)
    status, _ = teams.post(activity)
    assert status == 200
