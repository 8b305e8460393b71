"""copbot serving Slack and Teams from one process and one database, for the tests of one
community in several places: the fake Slack Web API, the fake Teams connector, and
``copbot serve``'s web app on a loop of its own."""

from __future__ import annotations

import itertools
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

from adapters.slack.web import SLACK_KEY
from adapters.teams.web import TEAMS_KEY
from bot.settings import Settings
from tests.harness import Harness
from tests.slack.fake_slack import Call, FakeSlack, sign
from tests.slack.workspace import SECRET
from tests.teams.conftest import Loop, TeamsClient, start_copbot
from tests.teams.fake_connector import FakeConnector


@dataclass
class Served:
    """What the tests drive: both fakes, the loop, the core's harness and copbot's URL."""

    slack: FakeSlack
    connector: FakeConnector
    loop: Loop
    bot: Harness
    url: str
    teams: TeamsClient
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def settle(self) -> None:
        """Wait for the work both adapters started (generous on a loaded machine; no sleep)."""
        app = self.teams.app
        assert app is not None
        self.loop.run(app[SLACK_KEY].idle(), timeout=120)
        self.loop.run(app[TEAMS_KEY].tasks.idle(), timeout=120)

    def slack_post(self, body: str, content_type: str) -> list[Call]:
        """A signed request to copbot's ``POST /slack/events``; the Web API calls it caused."""
        before = len(self.slack.calls)
        request = urllib.request.Request(f"{self.url}/slack/events", data=body.encode())
        request.add_header("Content-Type", content_type)
        for key, value in sign(SECRET, body).items():
            request.add_header(key, value)
        with urllib.request.urlopen(request, timeout=30) as response:
            assert response.status == 200
        self.settle()
        return self.slack.calls[before:]


S = TypeVar("S", bound=Served)


@contextmanager
def serving(kind: type[S], slack: FakeSlack, database_url: str, **settings: Any) -> Iterator[S]:
    """``kind`` around ``copbot serve`` with Slack (``settings``) and Teams in dev mode."""
    loop = Loop()
    connector = FakeConnector()
    connector.base_url = loop.serve(connector.app())
    bot = Harness(database_url)
    configured = Settings(
        database_url=database_url,
        slack_signing_secret=settings.pop("slack_signing_secret"),
        slack_api_url=slack.api_url,
        teams_dev_mode=True,
        worker_id="test",
        **settings,
    )
    url, app = start_copbot(loop, bot, configured)
    teams = TeamsClient(url, connector, bot, app=app)
    world = kind(slack, connector, loop, bot, url, teams)
    teams.settle = world.settle
    try:
        yield world
    finally:
        loop.close()
        slack.stop()
        bot.close()
