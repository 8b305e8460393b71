"""copbot installable in any workspace, against the fake Slack: the "Add to Slack" dance as a
browser does it, and signed requests from the workspaces that installed it.

The oauth.v2.access answers and events come from ``tests/payloads/slack-installs`` (and the
uninstall events from ``tests/payloads/slack``), each naming its source."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from sqlalchemy import create_engine, select

from adapters.slack.installs import BOTS_TABLE, INSTALLATIONS_TABLE, register_tables
from bot.core import Core
from bot.db import make_engine, make_session_factory
from bot.settings import Settings
from tests.harness import FakeClock
from tests.slack.fake_slack import Call, FakeSlack
from tests.slack.workspace import SECRET, Workspace, event_callback, slash_command

PAYLOADS = Path(__file__).parents[1] / "payloads"
CLIENT_ID = "2141029472.691202649728"
CLIENT_SECRET = "e1b9e11dfcd19c1982d5de12921e17e8c"
JSON = dict[str, Any]


def payload(name: str) -> JSON:
    """A published payload (``slack-installs/…`` or ``slack/…``), deep-copied."""
    data = json.loads((PAYLOADS / f"{name}.json").read_text(encoding="utf-8"))
    assert data["_source"], name
    return copy.deepcopy(data)


def replaced(data: JSON, ids: dict[str, str]) -> JSON:
    """``data`` with ids swapped (a second workspace made from a published one)."""
    text = json.dumps(data)
    for old, new in ids.items():
        text = text.replace(old, new)
    result: JSON = json.loads(text)
    return result


def oauth_settings(fake: FakeSlack, database_url: str) -> Settings:
    return Settings(
        database_url=database_url,
        slack_signing_secret=SECRET,
        slack_client_id=CLIENT_ID,
        slack_client_secret=CLIENT_SECRET,
        slack_api_url=fake.api_url,
        worker_id="test",
    )


@dataclass(frozen=True)
class Team:
    """A workspace copbot is installed in, as the tests address it."""

    team_id: str
    enterprise_id: str | None
    token: str
    bot_user: str
    channel: str
    org_wide: bool = False


# Workspace A: bolt's published oauth.v2.access answer (a workspace of a Grid organisation).
GRANT_A = payload("slack-installs/bolt__oauth_v2_access")["response"]
A = Team("T9TK3CUKW", "E12345678", GRANT_A["access_token"], "U0KRQLJ9H", "CAAAA0001")
# Workspace B: the same answer for another organisation's workspace, outside any Grid.
GRANT_B = replaced(
    GRANT_A,
    {
        "T9TK3CUKW": "TB0000002",
        "Slack Softball Team": "Buurtzorg Oost",
        "xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy": "xoxb-2-bbbb",
        "U0KRQLJ9H": "UBOTB0002",
    },
) | {"enterprise": None}
B = Team("TB0000002", None, "xoxb-2-bbbb", "UBOTB0002", "CBBBB0002")


@dataclass
class InstallableWorkspace(Workspace):
    """``copbot serve`` in installable mode: no SLACK_BOT_TOKEN, tokens from installations."""

    async def install(self, grant: JSON, *, code: str) -> str:
        """An admin clicks "Add to Slack", approves in Slack, and comes back: returns the
        page copbot shows. ``grant`` is what oauth.v2.access answers for ``code``."""
        self.fake.grant(code, grant)
        page = await self.client.get("/slack/install")
        assert page.status == 200, await page.text()
        html = await page.text()
        link = re.search(r'href="(https://slack\.com/oauth/v2/authorize\?[^"]+)"', html)
        assert link is not None, html
        query = parse_qs(urlsplit(link.group(1).replace("&amp;", "&")).query)
        assert query["client_id"] == [CLIENT_ID]
        state = query["state"][0]
        # The state cookie is Secure (HTTPS in production): the test browser sends it back
        # itself, as a browser does on https://YOUR-HOST.
        cookie = SimpleCookie(page.headers["Set-Cookie"])
        name = next(iter(cookie))
        back = await self.client.get(
            "/slack/oauth_redirect",
            params={"code": code, "state": state},
            headers={"Cookie": f"{name}={cookie[name].value}"},
        )
        return f"{back.status} {await back.text()}"

    async def command_from(self, team: Team, user: str, text: str) -> list[Call]:
        fields = slash_command(
            self.fake, user, text, channel=team.channel, tag=str(next(self._ids))
        )
        fields["team_id"] = team.team_id
        if team.enterprise_id:
            fields["enterprise_id"] = team.enterprise_id
            fields["is_enterprise_install"] = "true" if team.org_wide else "false"
        before = len(self.fake.calls)
        await self.send_command(fields)
        await self.idle()
        return self.fake.calls[before:]

    async def dm_from(self, team: Team, user: str, text: str) -> list[Call]:
        event = {
            "type": "message",
            "channel": "D" + user.removeprefix("U"),
            "channel_type": "im",
            "user": user,
            "text": text,
            "ts": f"1700000{next(self._ids)}.000100",
        }
        body = event_callback(event, event_id=f"Ev{next(self._ids):08d}")
        body["team_id"] = team.team_id
        body["authorizations"] = [
            {
                "enterprise_id": team.enterprise_id,
                "team_id": None if team.org_wide else team.team_id,
                "user_id": team.bot_user,
                "is_bot": True,
                "is_enterprise_install": team.org_wide,
            }
        ]
        if team.enterprise_id:
            body["enterprise_id"] = team.enterprise_id
        before = len(self.fake.calls)
        await self.send_event(body)
        await self.idle()
        return self.fake.calls[before:]

    async def event(self, body: JSON) -> list[Call]:
        before = len(self.fake.calls)
        await self.send_event(body)
        await self.idle()
        return self.fake.calls[before:]

    def bots(self) -> list[dict[str, Any]]:
        """The rows of slack_sdk's bot table: what the installation store holds."""
        return self.rows(BOTS_TABLE)

    def installations(self) -> list[dict[str, Any]]:
        """The rows of slack_sdk's installation table (one per install, with the installer)."""
        return self.rows(INSTALLATIONS_TABLE)

    def rows(self, name: str) -> list[dict[str, Any]]:
        engine = create_engine(self.settings.database_url)
        table = register_tables(_metadata()).tables[name]
        with engine.connect() as conn:
            rows = [dict(r) for r in conn.execute(select(table)).mappings()]
        engine.dispose()
        return rows


def _metadata() -> Any:
    from sqlalchemy import MetaData

    return MetaData()


def web_api(calls: list[Call]) -> list[Call]:
    """The Web API calls among ``calls`` (not response_urls, uploads or the OAuth exchange,
    which carry no bot token)."""
    return [c for c in calls if c.method not in ("response_url", "upload", "oauth.v2.access")]


@contextmanager
def installable(fake: FakeSlack, database_url: str) -> Iterator[InstallableWorkspace]:
    """copbot serve in installable mode on ``database_url``, replies at once and DMs through
    the outbox afterwards (as ``copbot serve`` does)."""
    engine = make_engine(database_url)
    core = Core(
        session_factory=make_session_factory(engine),
        clock=FakeClock(),
        deliver_inline=False,
        worker_id="test",
    )
    try:
        yield InstallableWorkspace(
            fake=fake,
            core=core,
            settings=oauth_settings(fake, database_url),
            clock=core.clock,  # type: ignore[arg-type]
        )
    finally:
        engine.dispose()
