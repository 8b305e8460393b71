"""Every Slack payload of the corpus (``tests/payloads/slack``: copied from Slack's API docs and
the test fixtures of slackapi/bolt-python, slackapi/python-slack-sdk and slackapi/java-slack-sdk,
each naming its source) replayed through ``copbot serve``'s real endpoint, signed as Slack signs,
against the fake Slack.

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

from bot.i18n import LANGS, t
from bot.members.models import Member
from bot.places.models import CommunityPlace
from bot.reach.models import Unreachable
from tests.slack.fake_slack import FakeSlack
from tests.slack.test_commands import community
from tests.slack.workspace import (
    Workspace,
    answer_texts,
    buttons_in,
    dm_of,
    open_intake_form,
)

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
            for c in session.scalars(select(CommunityPlace))
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
        assert session.scalars(select(CommunityPlace.channel_id)).one() == "C012Y48650T"
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


async def challenge_answered(ws: Workspace, data: JSON, name: str) -> None:
    """The Events API's url_verification: the challenge is echoed back, nothing else."""
    before, since = addresses(ws), len(ws.fake.calls)
    response = await ws.post_json(data["event"])
    assert response.status == 200
    assert await response.json() == {"challenge": data["event"]["challenge"]}
    assert said(ws.fake, since) == [] and addresses(ws) == before


def organisation_of(ws: Workspace, user: str) -> str | None:
    with ws.core.session_factory() as session:
        return session.scalars(select(Member.organisation).where(Member.user_id == user)).one()


async def dm_answers_the_prompt(ws: Workspace, data: JSON, name: str) -> None:
    """bob writes in his DM (in a thread of it, no subtype) while copbot's intake asks for his
    organisation: the words are stored as the answer, and the next question comes in that DM."""
    await community(ws, "UBOB")
    await asyncio.to_thread(ws.core.deliver)
    event = data["event"]["event"]
    since = len(ws.fake.calls)
    assert await replay(ws, data, tag=name) == 200
    assert organisation_of(ws, "UBOB") == event["text"]
    answers = [c for c in ws.fake.calls[since:] if c.method in SENT]
    assert answers and {c.args.get("channel") for c in answers} == {event["channel"]}
    assert "discipline" in answers[0].args["text"]


async def edit_ignored(ws: Workspace, data: JSON, name: str) -> None:
    """An edit in bob's DM while his intake is open: not an answer. 200, nothing stored."""
    await community(ws, "UBOB")
    await asyncio.to_thread(ws.core.deliver)
    before, since = addresses(ws), len(ws.fake.calls)
    assert await replay(ws, data, tag=name) == 200
    assert said(ws.fake, since) == [] and addresses(ws) == before
    assert organisation_of(ws, "UBOB") is None


async def help_privately(ws: Workspace, data: JSON, name: str) -> None:
    """``/cop`` with no text in the community's channel: the member's help, only to them,
    through the response_url; nothing in the channel."""
    await community(ws, "UBOB")
    before, since = addresses(ws), len(ws.fake.calls)
    assert await replay(ws, data, tag=name) == 200
    hooks = [c for c in ws.fake.calls[since:] if c.method == "response_url"]
    assert [h.args["response_type"] for h in hooks] == ["ephemeral"]
    assert says(hooks[0].args["text"], "help.title")
    assert (
        ws.fake.of("chat.postMessage", lambda c: c.args["channel"] == "C0COP")[-1:]
        == [
            c
            for c in ws.fake.calls[:since]
            if c.method == "chat.postMessage" and c.args["channel"] == "C0COP"
        ][-1:]
    )
    assert addresses(ws) == before


async def command_without_response_url(ws: Workspace, data: JSON, name: str) -> None:
    """Slack's older slash command example has no response_url: the answer still reaches only
    the person (ephemeral in that channel), never the channel."""
    await community(ws, "UBOB")
    before, since = addresses(ws), len(ws.fake.calls)
    fields = dict(parse_qsl(data["form"], keep_blank_values=True))
    response = await ws.post(urlencode(fields), content_type="application/x-www-form-urlencoded")
    assert response.status == 200
    body = await response.text()
    await ws.idle()
    new = ws.fake.calls[since:]
    private = [c for c in new if c.method == "chat.postEphemeral"]
    texts = [c.args["text"] for c in private] + ([body] if body.strip() else [])
    assert any(says(text, "error.unknown_verb") for text in texts), (texts, new)
    assert all(c.args["user"] == "UBOB" for c in private)
    assert not [c for c in new if c.method == "chat.postMessage"]
    assert addresses(ws) == before


async def bare_mention(ws: Workspace, data: JSON, name: str) -> None:
    """``@copbot`` and nothing else, in a channel without a community: the help for someone
    who is in none, privately to them in that channel (never "unknown command")."""
    event = data["event"]["event"]
    before = addresses(ws)
    assert await replay(ws, data, tag=name) == 200
    (answer,) = ws.fake.of("chat.postEphemeral")
    assert (answer.args["channel"], answer.args["user"]) == (event["channel"], event["user"])
    assert says(answer.args["text"], "help.intro_title"), answer.args["text"]
    assert ws.fake.of("chat.postMessage") == [] and addresses(ws) == before


async def modal_answers_stored(ws: Workspace, data: JSON, name: str) -> None:
    """bob submits the intake form copbot opened (the published submission with copbot's
    ids): Slack gets an empty 200 that closes the modal, the answer is stored."""
    await community(ws, "UBOB")
    await asyncio.to_thread(ws.core.deliver)
    opened = await open_intake_form(ws, "UBOB")
    payload = dict(data["interactive"])
    payload["view"] = {
        **payload["view"],
        "private_metadata": opened.args["view"]["private_metadata"],
    }
    response = await ws.post_form({"payload": json.dumps(payload)})
    assert response.status == 200
    assert (await response.text()).strip() in ("", "{}")
    await ws.idle()
    answer = payload["view"]["state"]["values"]["organisation"]["value"]["value"]
    assert organisation_of(ws, "UBOB") == answer


async def join_clicked(ws: Workspace, data: JSON, name: str) -> None:
    """dan joined the channel, was invited by DM, and clicks Join (the published click with
    copbot's action id): he becomes a member, is welcomed in his DM and announced in the
    channel, and his DM is stored as his address."""
    await community(ws, "UBOB")
    assert await replay(ws, load("docs__member_joined_channel_community"), tag="joined") == 200
    await asyncio.to_thread(ws.core.deliver)
    (invite,) = ws.fake.of("chat.postMessage", lambda c: c.args["channel"] == dm_of("UDAN"))
    (button,) = buttons_in(invite)
    payload = dict(data["interactive"])
    payload["actions"] = [{**payload["actions"][0], "value": button["value"]}]
    since = len(ws.fake.calls)
    assert await replay(ws, {"interactive": payload}, tag=name) == 200
    await asyncio.to_thread(ws.core.deliver)
    with ws.core.session_factory() as session:
        dan = session.scalars(select(Member).where(Member.user_id == "UDAN")).one()
        assert dan.is_current and dan.address == {"dm": dm_of("UDAN")}
    new = [c for c in ws.fake.calls[since:] if c.method in SENT]
    assert any(
        says(c.args["text"], "member.joined") and c.args.get("channel") == "C0COP" for c in new
    ), [(c.method, c.args.get("channel")) for c in new]
    assert any(c.args.get("channel") == dm_of("UDAN") or c.method == "response_url" for c in new)


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
    "bolt__url_verification": challenge_answered,
    "bolt__message_im_in_thread": dm_answers_the_prompt,
    "bolt__message_changed_im": edit_ignored,
    "bolt__view_submission_intake": modal_answers_stored,
    "bolt__block_actions_join": join_clicked,
    "api__slash_command_without_response_url": command_without_response_url,
    # slackapi/python-slack-sdk
    "sdk__slash_command_empty_text": help_privately,
    "sdk__app_mention_rich_text": bare_mention,
    "sdk__message_channel_mention": ignored,
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
