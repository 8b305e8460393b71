"""Every Slack payload of the corpus (``tests/payloads/slack``: copied from Slack's API docs and
the test fixtures of slackapi/bolt-python and slackapi/java-slack-sdk, each naming its source)
replayed through ``copbot serve``'s real endpoint, signed as Slack signs, against the fake Slack.

Each file has exactly one expectation below: what Slack expects back (always a 2xx: Slack
counts anything else as a failed delivery), where the answer goes, and what must or must not
change. A file without an expectation fails the suite, so the corpus cannot grow unjudged.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

import pytest
from sqlalchemy import select

from bot.communities.models import Community
from bot.i18n import LANGS, t
from bot.members.models import Member
from bot.reach.models import Unreachable
from tests.slack.fake_slack import FakeSlack
from tests.slack.test_commands import community
from tests.slack.workspace import Workspace, answer_texts, buttons_in, dm_of

CORPUS = Path(__file__).parents[1] / "payloads" / "slack"
JSON = dict[str, Any]


def load(name: str) -> JSON:
    data = json.loads((CORPUS / f"{name}.json").read_text(encoding="utf-8"))
    assert isinstance(data, dict) and data["_source"], name
    return data


async def replay(ws: Workspace, data: JSON, *, tag: str) -> int:
    """POST the payload as Slack would; a response_url is pointed at the fake Slack."""
    fake = ws.fake
    if "form" in data:
        fields = dict(parse_qsl(data["form"], keep_blank_values=True))
        if "response_url" in fields:
            fields["response_url"] = fake.response_url(tag)
        response = await ws.post(
            urlencode(fields), content_type="application/x-www-form-urlencoded"
        )
    elif "interactive" in data:
        payload = dict(data["interactive"])
        if "response_url" in payload:
            payload["response_url"] = fake.response_url(tag)
        response = await ws.post_form({"payload": json.dumps(payload)})
    else:
        response = await ws.post_json(data["event"])
    await ws.idle()
    return response.status


def addresses(ws: Workspace) -> tuple[list[Any], list[Any]]:
    """Every stored address: of members and of communities."""
    with ws.core.session_factory() as session:
        members = sorted(
            (m.user_id, m.community_id, json.dumps(m.address, sort_keys=True))
            for m in session.scalars(select(Member))
        )
        places = sorted(
            (c.channel_id, json.dumps(c.address, sort_keys=True))
            for c in session.scalars(select(Community))
        )
    return members, places


def unreachable(ws: Workspace) -> set[tuple[str, str]]:
    with ws.core.session_factory() as session:
        return {(u.scope, u.key) for u in session.scalars(select(Unreachable))}


SENT = ("chat.postMessage", "chat.postEphemeral", "response_url", "views.open", "views.publish")


def said(fake: FakeSlack, since: int) -> list[str]:
    return [c.method for c in fake.calls[since:] if c.method in SENT]


def says(text: str, key: str) -> bool:
    """``text`` holds the text ``key`` in either language (people unknown to the fake Slack
    have no locale, so copbot answers them in its default language)."""
    return any(t(lang, key).split("{")[0].strip() in text for lang in LANGS)


# -- expectations ------------------------------------------------------------------------------
Check = Callable[[Workspace, JSON, str], Awaitable[None]]


async def ignored(ws: Workspace, data: JSON, name: str) -> None:
    """Nothing for copbot: answered 200, nothing said, nothing stored changes."""
    await community(ws, "UBOB")
    before, since = addresses(ws), len(ws.fake.calls)
    assert await replay(ws, data, tag=name) == 200
    assert said(ws.fake, since) == []
    assert addresses(ws) == before and unreachable(ws) == set()


async def command(ws: Workspace, data: JSON, name: str) -> None:
    """/cop with an unknown verb: acknowledged, answered privately through the response_url."""
    before = addresses(ws)
    assert await replay(ws, data, tag=name) == 200
    (hook,) = ws.fake.of("response_url")
    assert hook.args["response_type"] == "ephemeral" and says(
        hook.args["text"], "error.unknown_verb"
    )
    assert ws.fake.of("chat.postMessage") == []
    assert addresses(ws) == before


async def mention(ws: Workspace, data: JSON, name: str) -> None:
    """@copbot in a channel: answered privately to the person, in that channel."""
    event = data["event"]["event"]
    before = addresses(ws)
    assert await replay(ws, data, tag=name) == 200
    (answer,) = ws.fake.of("chat.postEphemeral")
    assert (answer.args["channel"], answer.args["user"]) == (event["channel"], event["user"])
    assert ws.fake.of("chat.postMessage") == [] and addresses(ws) == before


async def direct_message(ws: Workspace, data: JSON, name: str) -> None:
    """Someone writes in copbot's DM: answered in that DM; nobody becomes a member."""
    event = data["event"]["event"]
    before = addresses(ws)
    assert await replay(ws, data, tag=name) == 200
    answers = ws.fake.of("chat.postMessage", lambda c: c.args["channel"] == event["channel"])
    assert answers and says(answers[0].args["text"], "error.no_open_prompt")
    assert addresses(ws) == before


async def click(ws: Workspace, data: JSON, name: str) -> None:
    """A button copbot does not know (not one of its own): 200, a private word, no change."""
    before = addresses(ws)
    assert await replay(ws, data, tag=name) == 200
    assert says("\n".join(answer_texts(ws.fake.calls)), "error.unknown_action")
    assert addresses(ws) == before


async def home(ws: Workspace, data: JSON, name: str) -> None:
    assert await replay(ws, data, tag=name) == 200
    (published,) = ws.fake.of("views.publish")
    assert published.args["user_id"] == data["event"]["event"]["user"]


async def bot_added(ws: Workspace, data: JSON, name: str) -> None:
    """copbot added to a channel without a community: it introduces itself there, once."""
    channel = data["event"]["event"]["channel"]
    assert await replay(ws, data, tag=name) == 200
    (hello,) = ws.fake.of("chat.postMessage", lambda c: c.args["channel"] == channel)
    assert "setup" in hello.args["text"]


async def nothing_to_do(ws: Workspace, data: JSON, name: str) -> None:
    """A change in a channel or of a person copbot has no community or member for: 200, and
    nothing is said or stored."""
    await community(ws, "UBOB")
    before, since = addresses(ws), len(ws.fake.calls)
    assert await replay(ws, data, tag=name) == 200
    assert said(ws.fake, since) == []
    assert addresses(ws) == before and unreachable(ws) == set()


async def newcomer_invited(ws: Workspace, data: JSON, name: str) -> None:
    await community(ws, "UBOB")
    assert await replay(ws, data, tag=name) == 200
    await asyncio.to_thread(ws.core.deliver)
    (invite,) = ws.fake.of("chat.postMessage", lambda c: c.args["channel"] == dm_of("UDAN"))
    assert "invited" in invite.args["text"]
    assert [b["action_id"] for b in buttons_in(invite)] == ["member.join"]


async def leaver_asked(ws: Workspace, data: JSON, name: str) -> None:
    await community(ws, "UBOB")
    assert await replay(ws, data, tag=name) == 200
    await asyncio.to_thread(ws.core.deliver)
    asked = ws.fake.of("chat.postMessage", lambda c: "leave the community" in c.args["text"])
    assert [c.args["channel"] for c in asked] == [dm_of("UBOB")]
    assert {b["action_id"] for b in buttons_in(asked[0])} == {"reach.leave", "reach.stay"}


def channel_gone(reason: str) -> Check:
    async def check(ws: Workspace, data: JSON, name: str) -> None:
        await community(ws, "UBOB")
        assert await replay(ws, data, tag=name) == 200
        await asyncio.to_thread(ws.core.deliver)
        assert ("place", "C0COP") in unreachable(ws)
        (told,) = ws.fake.of("chat.postMessage", lambda c: "no longer post" in c.args["text"])
        assert told.args["channel"] == dm_of("UANN") and reason in told.args["text"]

    return check


async def channel_back(ws: Workspace, data: JSON, name: str) -> None:
    """Unarchived after an archive: copbot posts there again and tells the organisers."""
    await community(ws, "UBOB")
    archive = load("api__channel_archive")
    archive["event"]["event_id"] = "EvARCHIVE"  # the docs give every example the same id
    await replay(ws, archive, tag="archive")
    assert await replay(ws, data, tag=name) == 200
    await asyncio.to_thread(ws.core.deliver)
    assert unreachable(ws) == set()
    assert ws.fake.of("chat.postMessage", lambda c: "again" in c.args["text"])


async def channel_moved(ws: Workspace, data: JSON, name: str) -> None:
    await community(ws, "UBOB")
    assert await replay(ws, data, tag=name) == 200
    with ws.core.session_factory() as session:
        assert session.scalars(select(Community.channel_id)).one() == "C012Y48650T"
    assert "Test CoP" in await ws.say("UBOB", "status", channel="C012Y48650T")


async def workspace_removed(ws: Workspace, data: JSON, name: str) -> None:
    """Uninstalled (or its bot token revoked): nothing is tried there any more."""
    await community(ws, "UBOB")
    assert await replay(ws, data, tag=name) == 200
    assert ("workspace", "T0001") in unreachable(ws)


async def other_workspace_removed(ws: Workspace, data: JSON, name: str) -> None:
    """Removed from another workspace: that one is held, the community's is untouched."""
    await community(ws, "UBOB")
    since = len(ws.fake.calls)
    assert await replay(ws, data, tag=name) == 200
    assert unreachable(ws) == {("workspace", data["event"]["team_id"])}
    assert said(ws.fake, since) == []


async def time_zone_changed(ws: Workspace, data: JSON, name: str) -> None:
    await community(ws, "UBOB")
    assert await replay(ws, data, tag=name) == 200
    with ws.core.session_factory() as session:
        bob = session.scalars(select(Member).where(Member.user_id == "UBOB")).one()
        assert (bob.tz, bob.display_name) == ("America/Los_Angeles", "Some User")


EXPECT: dict[str, Check] = {
    # bolt-python
    "bolt__app_mention": mention,
    "bolt__reaction_added": ignored,
    "bolt__member_joined_channel_self": bot_added,
    "bolt__member_left_channel_self": nothing_to_do,
    "bolt__member_joined_channel_user": nothing_to_do,
    "bolt__member_left_channel_user": nothing_to_do,
    "bolt__member_left_channel_org_install": nothing_to_do,
    "bolt__app_uninstalled": other_workspace_removed,
    "bolt__tokens_revoked": other_workspace_removed,
    "bolt__message_file_share_private_channel": ignored,
    "bolt__message_channel": ignored,
    "bolt__message_channel_2": ignored,
    "bolt__message_channel_3": ignored,
    "bolt__message_channel_issue_232": ignored,
    "bolt__message_thread_broadcast_channel": ignored,
    "bolt__message_thread_broadcast_dm": direct_message,
    "bolt__slash_command": command,
    "bolt__block_actions": click,
    "bolt__view_submission": ignored,
    "bolt__view_submission_response_urls": ignored,
    "bolt__view_submission_connect_channel": ignored,
    "bolt__shortcut_global": ignored,
    "bolt__shortcut_message": ignored,
    "bolt__view_closed": ignored,
    # Slack API docs
    "docs__message_im": direct_message,
    "docs__message_mpim": ignored,
    "docs__message_app_home": ignored,
    "docs__member_joined_channel": nothing_to_do,
    "docs__member_joined_channel_community": newcomer_invited,
    "docs__group_joined": ignored,
    "docs__message_channel_join": ignored,
    "docs__member_left_channel": nothing_to_do,
    "docs__member_left_channel_community": leaver_asked,
    "docs__channel_left": nothing_to_do,
    "docs__group_left": nothing_to_do,
    "docs__message_channel_leave": ignored,
    "docs__message_channel_archive": ignored,
    "api__channel_archive": channel_gone("archived"),
    "api__channel_unarchive": channel_back,
    "api__channel_deleted": channel_gone("deleted"),
    "api__channel_id_changed": channel_moved,
    "docs__group_archive": nothing_to_do,
    "docs__user_change": nothing_to_do,
    "docs__user_change_member": time_zone_changed,
    "api__app_uninstalled": workspace_removed,
    "docs__app_uninstalled_team": ignored,
    "docs__tokens_revoked": workspace_removed,
    "api__app_home_opened": home,
    "docs__app_mention": mention,
    # slackapi/java-slack-sdk
    "java__member_joined_channel_blank": nothing_to_do,
}


def test_every_payload_of_the_corpus_has_an_expectation() -> None:
    assert {p.stem for p in CORPUS.glob("*.json")} == set(EXPECT)
    assert len(EXPECT) >= 40


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_published_payload_replays_as_slack_expects(
    name: str, workspace: Workspace, fake: FakeSlack
) -> None:
    async def scenario() -> None:
        async with workspace as ws:
            await EXPECT[name](ws, load(name), name)

    asyncio.run(scenario())
