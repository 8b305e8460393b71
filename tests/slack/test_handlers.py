"""Slack with handling processes (``copbot serve --handlers``), in one process: the endpoint
stores, acknowledges and hands on; a handler's pass answers what was stored, making the core
calls in the order people sent them, also when one of them needs Slack first."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import replace

import pytest
from sqlalchemy import func, select

from adapters.slack.web import Role, SlackAdapter
from bot.core import Core
from bot.db import make_engine, make_session_factory
from bot.journal.models import InboundItem
from bot.logbook.models import LogEntry
from tests.harness import FakeClock
from tests.slack.fake_slack import FakeSlack
from tests.slack.workspace import Workspace, answer_texts, settings_for


@pytest.fixture
def handed_on(fake: FakeSlack, sqlite_url: str, clock: FakeClock) -> Iterator[Workspace]:
    """copbot's endpoint as a serving process with handlers runs it."""
    engine = make_engine(sqlite_url)
    core = Core(session_factory=make_session_factory(engine), clock=clock, deliver_inline=False)
    settings = replace(settings_for(fake, sqlite_url), handlers=1)
    yield Workspace(fake=fake, core=core, settings=settings, clock=clock)
    engine.dispose()


def stored(core: Core) -> list[tuple[str, int]]:
    with core.session_factory() as session:
        rows = session.execute(
            select(InboundItem.status, InboundItem.attempts).order_by(InboundItem.id)
        )
        return [(status, attempts) for status, attempts in rows]


def test_a_backlog_is_answered_in_the_order_it_was_stored(
    handed_on: Workspace, fake: FakeSlack
) -> None:
    fake.add_user("UMEM", "Mem")

    async def scenario() -> None:
        async with handed_on as ws:
            handler = SlackAdapter(core=ws.core, settings=ws.settings, role=Role.HANDLE)
            # The member is known to the handler already and the organiser is not: started
            # side by side, the member's join would reach the core while the organiser's
            # profile is still on its way, before there is a community to join.
            await handler.users.profile("UMEM", handler.client)
            for user, text in [
                ("UANN", "setup Order CoP"),
                ("UMEM", "join"),
                ("UMEM", "log Tried the kitchen-table talk"),
            ]:
                await ws.send_command(ws.command_fields(user, text))
            await ws.idle()
            # Acknowledged and stored for a handler; the endpoint handled none of them.
            assert stored(ws.core) == [("pending", 0)] * 3
            assert answer_texts(fake.calls) == []
            try:
                assert await handler.drain() == 3
                await handler.idle()
            finally:
                await handler.close()
            assert stored(ws.core) == [("done", 1)] * 3
            # Every answer as in a community made first; one person's answers in their order.
            said = answer_texts(fake.calls)
            assert not any("no community here" in text for text in said), said
            assert any("*Order CoP* is set up" in text for text in said), said
            welcome, noted = "Welcome <@UMEM> to Order CoP!", "Noted in your logbook."
            assert said.index(welcome) < said.index(noted), said
            with ws.core.session_factory() as session:
                assert session.scalar(select(func.count()).select_from(LogEntry)) == 1

    asyncio.run(scenario())
