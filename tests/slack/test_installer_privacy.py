"""The installer of a workspace's copbot and forget-me: slack_sdk's installation store keeps
the installing person's Slack user id (and, in bolt's published oauth.v2.access answer, a
user token) in every installation row. my-data shows it; forget-me erases it there too, and
copbot keeps working in that workspace with its bot token."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest

from tests.slack.fake_slack import Call, FakeSlack
from tests.slack.installs import (
    InstallableWorkspace,
    Team,
    installable,
    payload,
    replaced,
    web_api,
)
from tests.slack.scopes import granted_bot_scopes

PUBLISHED = payload("slack-installs/bolt__oauth_v2_access")["response"]
# Ann installs copbot: the published answer, with her as the authorising user.
GRANT = replaced(PUBLISHED, {'"U1234"': '"UANN"'})
A = Team("T9TK3CUKW", "E12345678", PUBLISHED["access_token"], "U0KRQLJ9H", "CAAAA0001")
CONFIG = 'lang=en start=2027-01-14 time=14:00 question="How do we keep elderly people home?"'


@pytest.fixture
def ws(sqlite_url: str) -> Iterator[InstallableWorkspace]:
    fake = FakeSlack(granted=granted_bot_scopes()).start()
    for user in ("UANN", "UBOB", "UCAT"):
        fake.add_user(user, user[1:].title(), team=A.team_id)
    fake.channel_members[A.channel] = ["UANN", "UBOB", "UCAT", A.bot_user]
    with installable(fake, sqlite_url) as workspace:
        yield workspace
    fake.stop()


def said(calls: list[Call]) -> str:
    return "\n".join(str(c.args.get("text", "")) for c in calls)


def test_forget_me_erases_the_installer_and_copbot_keeps_working(
    ws: InstallableWorkspace,
) -> None:
    async def scenario() -> None:
        async with ws:
            assert (await ws.install(GRANT, code="code-a")).startswith("200")
            [row] = ws.installations()
            assert (row["user_id"], row["user_token"]) == ("UANN", "xoxp-1234")
            await ws.command_from(A, "UANN", "setup Test CoP")
            await ws.command_from(A, "UANN", f"config {CONFIG}")
            await ws.command_from(A, "UANN", "role @Bob organiser")
            await ws.command_from(A, "UBOB", "join")

            # my-data says she installed copbot, never the token itself.
            uploaded = set(ws.fake.uploads)
            data = said(await ws.dm_from(A, "UANN", "my-data"))
            assert "You installed copbot in: Slack Softball Team" in data, data
            [new] = set(ws.fake.uploads) - uploaded
            exported = ws.fake.uploads[new].decode()
            assert '"installed_copbot_in": "Slack Softball Team"' in exported, exported
            assert "xoxp-1234" not in exported and '"has_user_token": true' in exported

            asked = said(await ws.dm_from(A, "UANN", "forget-me"))
            assert "installed copbot in 1 workspace" in asked, asked
            done = said(await ws.dm_from(A, "UANN", "forget-me confirm"))
            assert "is erased" in done, done

            [row] = ws.installations()
            assert row["user_id"] == ""
            assert row["user_token"] is None and row["user_scopes"] is None
            assert "UANN" not in str(row) and "xoxp" not in str(row)
            # The bot's installation is untouched: copbot answers the others as before.
            [bot] = ws.bots()
            assert (bot["team_id"], bot["bot_token"]) == (A.team_id, A.token)
            before = len(ws.fake.calls)
            welcome = said(await ws.command_from(A, "UCAT", "join"))
            assert "Welcome" in welcome, welcome
            assert {c.token for c in web_api(ws.fake.calls[before:])} == {A.token}
            # Asked again, there is nothing left to erase.
            assert "nothing stored" in said(await ws.dm_from(A, "UANN", "forget-me"))

    asyncio.run(scenario())


def test_an_installer_who_never_joined_can_still_be_forgotten(ws: InstallableWorkspace) -> None:
    async def scenario() -> None:
        async with ws:
            assert (await ws.install(GRANT, code="code-a")).startswith("200")
            asked = said(await ws.dm_from(A, "UANN", "forget-me"))
            assert "installed copbot in 1 workspace" in asked and "Sure?" in asked, asked
            done = said(await ws.dm_from(A, "UANN", "forget-me confirm"))
            assert "erased from the installation records" in done, done
            assert [r["user_id"] for r in ws.installations()] == [""]
            # Someone else's forget-me leaves the installer alone.
            assert (await ws.install(GRANT, code="code-b")).startswith("200")
            assert "nothing stored" in said(await ws.dm_from(A, "UBOB", "forget-me"))
            assert sorted(r["user_id"] for r in ws.installations()) == ["", "UANN"]

    asyncio.run(scenario())
