"""Proactive 1:1 messages: members who never wrote, the roster, and delivery failures."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from adapters.teams.connector import Connector
from adapters.teams.sender import TeamsSender
from adapters.teams.web import TEAMS_KEY
from bot.messages import Message, Text
from bot.outbox.models import Delivery, DeliveryStatus
from bot.outbox.sender import PermanentDeliveryError, Recipient, TransientDeliveryError
from bot.settings import Settings
from tests.harness import Harness
from tests.teams.conftest import BOT, TEAM, TENANT, Loop, TeamsClient, start_copbot, uid
from tests.teams.fake_connector import FakeConnector
from tests.teams.test_commands import community, member

ROSTER = [
    {"id": uid("ann"), "name": "Ann", "aadObjectId": "aad-ann", "tenantId": TENANT},
    {"id": BOT["id"], "name": "copbot"},
    {"id": uid("fay"), "name": "Fay", "aadObjectId": "aad-fay", "tenantId": TENANT},
    {"id": uid("gus"), "givenName": "Gus", "surname": "Jansen", "aadObjectId": "aad-gus"},
    {"id": uid("bob"), "name": "Bob de Vries", "aadObjectId": "aad-bob"},
]


def member_address(fake: FakeConnector, user: str) -> dict[str, Any]:
    return {
        "kind": "member",
        "serviceUrl": fake.base_url,
        "tenantId": TENANT,
        "reference": {"bot": dict(BOT), "user": {"id": uid(user)}, "conversation": None},
    }


def test_members_who_never_wrote_get_their_prompts(teams: TeamsClient) -> None:
    community(teams, "bob")
    created = teams.fake.created_for(uid("bob"))
    assert created, "the 1:1 chat with bob was never created"
    assert created[0]["tenantId"] == TENANT
    assert created[0]["channelData"] == {"tenant": {"id": TENANT}}
    assert created[0]["bot"]["id"] == BOT["id"]
    assert any("Welcome to Test CoP" in t for t in teams.dm_texts("bob"))


def test_members_sync_invites_the_team_roster(teams: TeamsClient) -> None:
    community(teams, "bob")
    teams.fake.rosters[TEAM] = ROSTER  # served two per page: paging is followed
    said = teams.command("ann", "members sync")
    assert "2" in said, said  # fay and gus; ann and bob are members, the bot is skipped
    assert teams.fake.created_for(uid("fay")) and teams.fake.created_for(uid("gus"))
    assert not teams.fake.created_for(BOT["id"])
    invite = teams.dm_cards("fay")[-1]
    join = next(a for a in invite["actions"] if a["data"]["copbot_action"] == "member.join")
    # Fay, who never wrote to the bot, joins with the button in her new 1:1 chat.
    said = "\n".join(teams.exchange(lambda: teams.submit("fay", join["data"])))
    assert "Test CoP" in said, said
    assert member(teams, "fay").display_name == "Fay"
    assert any("organisation" in t.lower() for t in teams.dm_texts("fay"))


def test_members_sync_needs_a_facilitator(teams: TeamsClient) -> None:
    community(teams, "bob")
    teams.fake.rosters[TEAM] = ROSTER
    said = teams.command("bob", "members sync")
    assert not teams.fake.created_for(uid("fay")), said


def test_timed_prompts_reach_members_through_the_outbox(teams: TeamsClient) -> None:
    community(teams, "bob")
    teams.fake.clear()
    # The check-in goes out a few days before the first meeting (2027-01-14).
    from datetime import UTC, datetime

    report = teams.run_due(datetime(2027, 1, 12, 12, 0, tzinfo=UTC))
    assert report.delivery.sent > 0, report
    assert teams.dm_texts("bob"), teams.fake.calls
    assert report.delivery.permanent == 0 and report.delivery.failed == 0


def test_sender_reuses_a_personal_reference(fake: FakeConnector) -> None:
    sender = TeamsSender(Connector(lambda: None))
    address = {
        "kind": "personal",
        "serviceUrl": fake.base_url,
        "tenantId": TENANT,
        "reference": {"conversation": {"id": "a:29:hal"}, "bot": dict(BOT)},
    }
    sender.send(Recipient("teams", uid("hal"), address=address), Message("hi", (Text("hi"),)))
    assert fake.texts("a:29:hal") == ["hi"]
    assert fake.created == []


def test_sender_creates_the_chat_once(fake: FakeConnector) -> None:
    sender = TeamsSender(Connector(lambda: "t0k3n"))
    recipient = Recipient("teams", uid("ivy"), address=member_address(fake, "ivy"))
    sender.send(recipient, Message("one", (Text("one"),)))
    sender.send(recipient, Message("two", (Text("two"),)))
    assert len(fake.created_for(uid("ivy"))) == 1
    assert fake.dm_texts(uid("ivy")) == ["one", "two"]
    assert all(c.authorization == "Bearer t0k3n" for c in fake.calls)


@pytest.mark.parametrize(
    ("status", "error"),
    [
        (403, PermanentDeliveryError),  # the bot is not in the conversation any more
        (404, PermanentDeliveryError),  # the user removed the app
        (429, TransientDeliveryError),
        (500, TransientDeliveryError),
        (503, TransientDeliveryError),
    ],
)
def test_delivery_failures_are_typed(fake: FakeConnector, status: int, error: type) -> None:
    sender = TeamsSender(Connector(lambda: None))
    fake.fail_with[uid("joe")] = status
    recipient = Recipient("teams", uid("joe"), address=member_address(fake, "joe"))
    with pytest.raises(error) as raised:
        sender.send(recipient, Message("x", (Text("x"),)))
    if status == 429:
        assert isinstance(raised.value, TransientDeliveryError)
        assert raised.value.retry_after == 7


def test_a_removed_app_fails_permanently_in_the_outbox(teams: TeamsClient) -> None:
    community(teams, "bob")
    teams.fake.fail_with[f"a:{uid('bob')}"] = 403
    teams.bot.clock.set(teams.bot.clock.now)
    said = teams.command("ann", "role @bob facilitator", mentions=("bob",))
    assert "facilitator" in said
    from datetime import UTC, datetime

    teams.run_due(datetime(2027, 1, 12, 12, 0, tzinfo=UTC))
    # Bob's role DM, facilitator turn and check-in each failed for good, whether the command's
    # own delivery or the tick sent them, and none is tried again.
    with teams.bot.factory() as session:
        failed = session.scalars(
            select(Delivery.key).where(Delivery.status == DeliveryStatus.PERMANENT.value)
        ).all()
    assert any(key.startswith("role:") for key in failed), failed
    assert any(key.startswith("checkin:") for key in failed), failed


def test_no_address_is_permanent(fake: FakeConnector) -> None:
    sender = TeamsSender(Connector(lambda: None))
    with pytest.raises(PermanentDeliveryError):
        sender.send(Recipient("teams", uid("kim")), Message("x", (Text("x"),)))


def test_unreachable_connector_is_transient() -> None:
    sender = TeamsSender(Connector(lambda: None, timeout=5))
    address = {
        "kind": "personal",
        "serviceUrl": "http://127.0.0.1:9",  # discard port: connection refused
        "reference": {"conversation": {"id": "a:1"}},
    }
    with pytest.raises(TransientDeliveryError):
        sender.send(Recipient("teams", "29:x", address=address), Message("x", (Text("x"),)))


def test_channel_posts_go_to_the_channel(teams: TeamsClient) -> None:
    community(teams)
    from adapters.teams.web import TEAMS_KEY  # noqa: F401  (the app registered the sender)

    sender = teams.bot.core.senders["teams"]
    from sqlalchemy import select

    from bot.places.models import CommunityPlace

    with teams.bot.factory() as session:
        row = session.scalars(select(CommunityPlace)).one()
    sender.send(
        Recipient("teams", row.channel_id, to_channel=True, address=row.address),
        Message("announce", (Text("announce"),)),
    )
    assert "announce" in teams.channel_texts()


def group_chat_activity(teams: TeamsClient, user: str, text: str) -> dict[str, Any]:
    """``@copbot <text>`` in a group chat (no team, no channel)."""
    return teams.activity(
        user,
        conversation={"isGroup": True, "conversationType": "groupChat", "id": GROUP_CHAT},
        text=f"<at>copbot</at> {text}",
        entities=[{"type": "mention", "text": "<at>copbot</at>", "mentioned": dict(BOT)}],
    )


GROUP_CHAT = "19:meeting-chat@thread.v2"


def test_a_community_in_a_group_chat_invites_the_chat_members(teams: TeamsClient) -> None:
    assert teams.post(group_chat_activity(teams, "ann", "setup Chat CoP"))[0] == 200
    assert any("Chat CoP" in t for t in teams.fake.texts(GROUP_CHAT)), teams.fake.calls
    teams.fake.rosters[GROUP_CHAT] = ROSTER
    assert teams.post(group_chat_activity(teams, "ann", "members sync"))[0] == 200
    # Everyone in the chat but ann and the bot got an invitation in a new 1:1 chat.
    for user in ("fay", "gus", "bob"):
        assert teams.fake.created_for(uid(user)), user
        assert teams.dm_cards(user), user
    assert not teams.fake.created_for(BOT["id"])
    # gus is known to the roster only by given name and surname.
    invite = teams.dm_cards("gus")[-1]
    join = next(a for a in invite["actions"] if a["data"]["copbot_action"] == "member.join")
    assert teams.submit("gus", join["data"]) == 200
    assert member(teams, "gus").display_name == "Gus Jansen"


def test_members_sync_when_the_roster_cannot_be_read(teams: TeamsClient) -> None:
    community(teams, "bob")
    # No roster for the team in the fake: the members API answers 404.
    said = teams.command("ann", "members sync")
    assert "could not read who is in this team" in said, said
    assert teams.fake.created_for(uid("fay")) == []


def test_serve_delivers_what_a_command_queued_without_waiting_for_the_tick(
    loop: Loop, fake: FakeConnector, bot: Harness
) -> None:
    # As under `copbot serve`: the core does not deliver inline, the scheduler is off.
    bot.core.deliver_inline = False
    url, app = start_copbot(loop, bot, Settings(database_url="sqlite://", teams_dev_mode=True))
    teams = TeamsClient(url, fake, bot)
    community(teams)
    teams.command("bob", "join")
    loop.run(app[TEAMS_KEY].tasks.idle())  # the delivery the join kicked off
    assert any("Welcome to Test CoP" in t for t in teams.dm_texts("bob"))
