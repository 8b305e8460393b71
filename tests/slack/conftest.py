"""Fixtures for the Slack adapter: a fake Slack Web API and a copbot serving /slack/events."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.core import Core
from bot.db import make_engine, make_session_factory
from tests.harness import FakeClock
from tests.slack.fake_slack import BOT_USER, FakeSlack
from tests.slack.workspace import CHANNEL, Workspace, settings_for

PEOPLE = {"UANN": "Ann", "UBOB": "Bob", "UCAT": "Cat", "UDAN": "Dan", "UEVE": "Eve"}


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    slack = FakeSlack().start()
    for user_id, name in PEOPLE.items():
        slack.add_user(user_id, name)
    slack.add_user(BOT_USER, "copbot", bot=True)
    slack.add_user("UGONE", "Gone", deleted=True)
    slack.channel_members[CHANNEL] = [*PEOPLE, BOT_USER, "UGONE"]
    yield slack
    slack.stop()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def workspace(fake: FakeSlack, sqlite_url: str, clock: FakeClock) -> Iterator[Workspace]:
    settings = settings_for(fake, sqlite_url)
    engine = make_engine(sqlite_url)
    # As in ``copbot serve``: replies come back at once, DMs go through the outbox afterwards.
    core = Core(
        session_factory=make_session_factory(engine),
        clock=clock,
        deliver_inline=False,
        worker_id="test",
    )
    yield Workspace(fake=fake, core=core, settings=settings, clock=clock)
    engine.dispose()
