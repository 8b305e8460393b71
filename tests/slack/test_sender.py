"""The outbox's Slack sender against the fake Web API: DMs, channels, files and failures."""

from __future__ import annotations

import asyncio
import socket
from datetime import timedelta

import pytest
from slack_sdk import WebClient
from sqlalchemy import select

from adapters.slack.sender import SlackSender
from bot.communities.models import Community
from bot.members.models import Member
from bot.messages import File, Message, Text, plain
from bot.outbox.delivery import SENDING_LEASE, claim_one
from bot.outbox.models import Delivery
from bot.outbox.sender import PermanentDeliveryError, Recipient, TransientDeliveryError
from bot.outbox.service import Outgoing, enqueue
from tests.harness import PLATFORM, Harness
from tests.slack.fake_slack import FakeSlack
from tests.slack.test_commands import community
from tests.slack.workspace import TOKEN, Workspace, dm_of


def sender_for(fake: FakeSlack) -> SlackSender:
    return SlackSender(WebClient(token=TOKEN, base_url=fake.api_url))


def to(user: str, **kwargs: object) -> Recipient:
    return Recipient("slack", user, **kwargs)  # type: ignore[arg-type]


def test_dm_opens_the_conversation_once(fake: FakeSlack) -> None:
    sender = sender_for(fake)
    sender.send(to("UBOB"), plain("one"))
    sender.send(to("UBOB"), plain("two"))
    assert len(fake.of("conversations.open")) == 1
    assert [c.args["channel"] for c in fake.of("chat.postMessage")] == [dm_of("UBOB")] * 2
    assert fake.texts() == ["one", "two"]


def test_known_dm_channel_needs_no_conversations_open(fake: FakeSlack) -> None:
    sender_for(fake).send(to("UBOB", address={"dm": "DKNOWN"}), plain("hi"))
    assert fake.of("conversations.open") == []
    assert fake.of("chat.postMessage")[0].args["channel"] == "DKNOWN"


def test_channel_post(fake: FakeSlack) -> None:
    sender_for(fake).send(to("C0COP", to_channel=True), plain("announcement"))
    assert fake.of("chat.postMessage")[0].args["channel"] == "C0COP"


def test_files_are_uploaded_into_the_conversation(fake: FakeSlack) -> None:
    message = Message("Your report", (Text("Your report"), File("report.csv", "a,b\n1,2\n")))
    sender_for(fake).send(to("UANN"), message)
    assert fake.of("chat.postMessage")[0].args["text"] == "Your report"
    assert fake.uploads and next(iter(fake.uploads.values())) == b"a,b\n1,2\n"
    done = fake.of("files.completeUploadExternal")
    assert done and done[0].args["channel_id"] == dm_of("UANN")


def test_files_inline_when_uploads_are_not_allowed(fake: FakeSlack) -> None:
    fake.fail("files.getUploadURLExternal", "missing_scope")
    sender_for(fake).send(to("UANN"), Message("Data", (File("my-data.json", '{"a": 1}'),)))
    assert any("my-data.json" in t and '{"a": 1}' in t for t in fake.texts())


def test_rate_limit_is_transient_with_retry_after(fake: FakeSlack) -> None:
    fake.rate_limit("chat.postMessage", retry_after=7)
    with pytest.raises(TransientDeliveryError) as caught:
        sender_for(fake).send(to("UBOB", address={"dm": "D1"}), plain("hi"))
    assert caught.value.retry_after == 7


@pytest.mark.parametrize(
    "error",
    ["user_not_found", "account_inactive", "cannot_dm_bot", "is_archived", "token_revoked"],
)
def test_people_who_left_or_blocked_are_permanent(fake: FakeSlack, error: str) -> None:
    fake.fail("conversations.open", error)
    with pytest.raises(PermanentDeliveryError):
        sender_for(fake).send(to("UBOB"), plain("hi"))


def test_server_trouble_is_transient(fake: FakeSlack) -> None:
    fake.fail("chat.postMessage", "internal_error", status=500)
    with pytest.raises(TransientDeliveryError):
        sender_for(fake).send(to("UBOB", address={"dm": "D1"}), plain("hi"))


def test_unreachable_slack_is_transient_after_retries() -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    client = WebClient(token=TOKEN, base_url=f"http://127.0.0.1:{port}/api/", timeout=2)
    with pytest.raises(TransientDeliveryError):
        SlackSender(client).send(to("UBOB", address={"dm": "D1"}), plain("hi"))


def test_outbox_honours_retry_after_and_gives_up_on_leavers(
    workspace: Workspace, fake: FakeSlack
) -> None:
    """Through ``copbot serve``'s wiring: the welcome DMs hit a 429 and are retried after
    Retry-After; a user Slack no longer knows is marked permanently failed."""

    async def scenario() -> None:
        async with workspace as ws:
            await community(ws)
            fake.rate_limit("chat.postMessage", retry_after=7, times=100)
            fake.fail("conversations.open", "user_not_found")
            await ws.say("UBOB", "join")  # the ephemeral reply uses the response_url
            now = ws.core.clock()
            with ws.core.session_factory() as session:
                rows = session.scalars(select(Delivery).where(Delivery.recipient == "UBOB")).all()
                states = sorted(r.status for r in rows)
                retry_at = [r.not_before for r in rows if r.status == "pending"]
            assert "permanent" in states, states
            assert retry_at and all(t == now + timedelta(seconds=7) for t in retry_at)
            fake.clear()
            fake._failures.clear()
            report = await asyncio.to_thread(ws.core.deliver, now + timedelta(seconds=8))
            assert report.sent >= 1
            assert fake.of("chat.postMessage")

    asyncio.run(scenario())


def _stuck_delivery(bot: Harness, key: str) -> Recipient:
    """A DM to Bob claimed by a worker that then died: 'sending', never finished."""
    with bot.factory() as session:
        bob = session.scalars(select(Member).where(Member.user_id == "bob")).one()
        community = session.get(Community, bob.community_id)
        enqueue(
            session,
            items=[Outgoing(key=key, member=bob, community=community, message=plain("Hello"))],
            now=bot.clock(),
        )
        session.commit()
        row = claim_one(
            session, now=bot.clock(), worker="dead", platforms=[PLATFORM], stamp=bot.clock()
        )
        assert row is not None and row.key == key
    return Recipient(PLATFORM, "bob", key=key)


@pytest.mark.parametrize("arrived", [True, False])
def test_a_send_resumed_after_a_crash_posts_only_what_never_arrived(
    sqlite_url: str, fake: FakeSlack, arrived: bool
) -> None:
    bot = Harness(sqlite_url)
    bot.community(members=("bob",))
    bot.core.senders = {PLATFORM: sender_for(fake)}
    recipient = _stuck_delivery(bot, "test:resumed")
    if arrived:  # the dead worker's post reached Slack before it died
        sender_for(fake).send(recipient, plain("Hello"))
    before = len(fake.of("chat.postMessage"))
    report = bot.core.deliver(bot.clock() + SENDING_LEASE + timedelta(minutes=1))
    assert report.sent == 1  # the row is done either way
    posted = len(fake.of("chat.postMessage")) - before
    assert posted == (0 if arrived else 1)
    assert fake.of("conversations.history")
    tagged = [c.args.get("metadata") for c in fake.of("chat.postMessage")]
    assert {"event_type": "copbot_delivery", "event_payload": {"key": "test:resumed"}} in tagged
    bot.close()
