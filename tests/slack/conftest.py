"""Fixtures for the Slack adapter: a fake Slack Web API and a copbot serving /slack/events."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.core import Core
from bot.db import make_engine, make_session_factory
from tests.harness import FakeClock
from tests.slack.fake_slack import BOT_USER, FakeSlack
from tests.slack.scopes import granted_bot_scopes, uncovered
from tests.slack.workspace import (
    CHANNEL,
    SocketWorkspace,
    Workspace,
    settings_for,
    socket_settings_for,
)

PEOPLE = {"UANN": "Ann", "UBOB": "Bob", "UCAT": "Cat", "UDAN": "Dan", "UEVE": "Eve"}


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    """A fake Slack granting the bot exactly the scopes of the app manifest. Afterwards, every
    Web API method the test made copbot call must be one the manifest covers."""
    slack = FakeSlack(granted=granted_bot_scopes()).start()
    for user_id, name in PEOPLE.items():
        slack.add_user(user_id, name)
    slack.add_user(BOT_USER, "copbot", bot=True)
    slack.add_user("UGONE", "Gone", deleted=True)
    slack.channel_members[CHANNEL] = [*PEOPLE, BOT_USER, "UGONE"]
    yield slack
    slack.stop()
    problems = uncovered({c.method for c in slack.calls}, granted_bot_scopes())
    assert not problems, f"Web API methods the Slack manifest does not cover: {problems}"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def make_workspace(
    kind: type[Workspace], fake: FakeSlack, database_url: str, clock: FakeClock
) -> Iterator[Workspace]:
    settings = (socket_settings_for if kind is SocketWorkspace else settings_for)(
        fake, database_url
    )
    engine = make_engine(database_url)
    # As in ``copbot serve``: replies come back at once, DMs go through the outbox afterwards.
    core = Core(
        session_factory=make_session_factory(engine),
        clock=clock,
        deliver_inline=False,
        worker_id="test",
    )
    yield kind(fake=fake, core=core, settings=settings, clock=clock)
    engine.dispose()


@pytest.fixture
def workspace(fake: FakeSlack, sqlite_url: str, clock: FakeClock) -> Iterator[Workspace]:
    """copbot serving ``POST /slack/events``."""
    yield from make_workspace(Workspace, fake, sqlite_url, clock)


@pytest.fixture
def socket_workspace(fake: FakeSlack, sqlite_url: str, clock: FakeClock) -> Iterator[Workspace]:
    """copbot connected to Slack over Socket Mode."""
    yield from make_workspace(SocketWorkspace, fake, sqlite_url, clock)


@pytest.fixture(params=["http", "socket"])
def any_workspace(
    request: pytest.FixtureRequest, fake: FakeSlack, sqlite_url: str, clock: FakeClock
) -> Iterator[Workspace]:
    """Both ways Slack reaches copbot: the same tests must pass over each."""
    kind = SocketWorkspace if request.param == "socket" else Workspace
    yield from make_workspace(kind, fake, sqlite_url, clock)
