"""Charts and the social map in Slack: drawn as PNG, uploaded through the files API, shown
by an image block that names the uploaded file once Slack reports it ready."""

from __future__ import annotations

import asyncio

from slack_sdk import WebClient
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.replies import Origin, ReplySender
from adapters.slack.sender import SlackSender
from bot.messages import Chart, Header, Message, Network, Node, Series, Text, Tie
from bot.outbox.sender import Recipient
from tests.harness import Harness
from tests.slack.fake_slack import FakeSlack
from tests.slack.workspace import TOKEN, dm_of
from tests.test_attendance import two_meetings_attended

CHART = Chart(
    "Response per meeting",
    "grouped",
    (Series("check-in", (("#1", 80.0), ("#2", 65.0))), Series("evaluation", (("#1", 50.0),))),
    unit="%",
    top=100,
)
MAP = Network(
    "Social map",
    (Node("Gemeente", 3), Node("GGD", 2), Node("Woonstad", 1)),
    (Tie("Gemeente", "GGD", 2, 0),),
    legend=("recent", "older", "not connected"),
)
DIGEST = Message("Digest", (Header("Digest"), Text("Figures"), CHART, MAP))


def test_outbox_sender_uploads_each_picture_and_shows_it_once_ready(fake: FakeSlack) -> None:
    fake.processing_polls = 2
    waits: list[float] = []
    sender = SlackSender(WebClient(token=TOKEN, base_url=fake.api_url), sleep=waits.append)
    sender.send(Recipient("slack", "UANN"), DIGEST)

    asked = fake.of("files.getUploadURLExternal")
    assert [c.args["filename"] for c in asked] == ["copbot-chart-3.png", "copbot-map-4.png"]
    uploaded = [c.args["file"] for c in fake.of("upload")]
    assert len(uploaded) == 2
    for name in uploaded:
        assert fake.uploads[name].startswith(b"\x89PNG\r\n\x1a\n")
        assert int(next(c for c in asked if c.args["filename"]).args["length"]) > 1000
    # Completed without a channel: the files are not shared on their own, only shown.
    completed = fake.of("files.completeUploadExternal")
    assert len(completed) == 2 and all(not c.args.get("channel_id") for c in completed)
    # Two polls without a type, the third ready: the message waits for both files.
    assert len(fake.of("files.info")) == 6
    assert waits == [0.2, 0.4, 0.2, 0.4]
    post = fake.of("chat.postMessage")[0]
    assert post.args["channel"] == dm_of("UANN")
    images = [b for b in post.args["blocks"] if b["type"] == "image"]
    assert [i["slack_file"]["id"] for i in images] == uploaded
    assert [i["title"]["text"] for i in images] == ["Response per meeting", "Social map"]
    assert "80%" in images[0]["alt_text"] and "Woonstad" in images[1]["alt_text"]
    # The message comes after every call that made its files ready.
    order = [c.method for c in fake.calls]
    assert order.index("chat.postMessage") > max(
        i for i, m in enumerate(order) if m == "files.info"
    )


def test_without_files_write_pictures_are_shown_as_text(fake: FakeSlack) -> None:
    fake.fail("files.getUploadURLExternal", "missing_scope", times=2)
    SlackSender(WebClient(token=TOKEN, base_url=fake.api_url)).send(
        Recipient("slack", "UANN"), DIGEST
    )
    blocks = fake.of("chat.postMessage")[0].args["blocks"]
    assert not [b for b in blocks if b["type"] == "image"]
    texts = "\n".join(b["text"]["text"] for b in blocks if b["type"] == "section" and "text" in b)
    assert "Response per meeting" in texts and "80%" in texts
    assert "Gemeente — GGD" in texts and "not connected: Woonstad" in texts


def test_a_picture_that_never_becomes_ready_is_shown_as_text(fake: FakeSlack) -> None:
    fake.processing_polls = 99
    waits: list[float] = []
    SlackSender(WebClient(token=TOKEN, base_url=fake.api_url), sleep=waits.append).send(
        Recipient("slack", "UANN"), Message("Digest", (CHART,))
    )
    assert waits == [0.2, 0.4, 0.8, 1.6]
    blocks = fake.of("chat.postMessage")[0].args["blocks"]
    assert [b["type"] for b in blocks] == ["section"]


def test_a_reply_with_a_chart_uploads_it_too(fake: FakeSlack) -> None:
    async def run() -> None:
        waits: list[float] = []
        client = AsyncWebClient(token=TOKEN, base_url=fake.api_url)
        replies = ReplySender(client, sleep=waits.append)
        origin = Origin(user_id="UANN", channel_id=dm_of("UANN"), own_dm=True)
        await replies.post(origin, Message("Digest", (CHART,)), "private")
        assert waits == [0.2]

    asyncio.run(run())
    post = fake.of("chat.postMessage")[0]
    image = post.args["blocks"][0]
    assert image["type"] == "image"
    assert fake.uploads[image["slack_file"]["id"]].startswith(b"\x89PNG")


def test_the_digest_attendance_chart_is_uploaded_and_shown(fake: FakeSlack, bot: Harness) -> None:
    two_meetings_attended(bot)
    [reply] = bot.say("ann", "digest")
    sender = SlackSender(WebClient(token=TOKEN, base_url=fake.api_url), sleep=lambda _: None)
    sender.send(Recipient("slack", "UANN"), reply.message)
    post = fake.of("chat.postMessage")[0]
    images = {i["title"]["text"]: i for i in post.args["blocks"] if i["type"] == "image"}
    attendance = images["Attendance per meeting (members)"]
    assert fake.uploads[attendance["slack_file"]["id"]].startswith(b"\x89PNG")
    assert "#2" in attendance["alt_text"] and "came" in attendance["alt_text"]
