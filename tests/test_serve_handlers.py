"""``copbot serve --handlers N`` (PostgreSQL): the serving process stores and acknowledges
Slack's inputs and hands them on; a handling process of its own, at a lower CPU priority,
claims and answers each once, also what was stored while it could not run; one that dies is
started again; SQLite is refused with the reason."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.db import make_engine
from tests.slack.fake_slack import FakeSlack
from tests.test_serve_processes import (
    answers,
    community,
    environment,
    free_port,
    healthy,
    refused_on_sqlite,
    serving_children,
    status,
    stopped,
    wait_until,
)


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    slack = FakeSlack().start()
    yield slack
    slack.stop()


def serve_with_a_handler(url: str, fake: FakeSlack, port: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "copbot.cli", "serve", "--handlers", "1", "--no-scheduler"],
        env=environment(url, fake, port),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def niceness(pid: int) -> int:
    return int(Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[16])


def journal(url: str) -> list[tuple[str, int]]:
    """Every stored input's status and attempts, in the order they were stored."""
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                text("SELECT status, attempts FROM inbound_items ORDER BY id")
            ).all()
    finally:
        engine.dispose()
    return [(str(s), int(a)) for s, a in rows]


def test_a_handling_process_answers_what_the_serving_process_acknowledged(
    postgres_url: str, fake: FakeSlack
) -> None:
    community(postgres_url, fake)
    port = free_port()
    server = serve_with_a_handler(postgres_url, fake, port)
    try:
        wait_until("copbot to answer", lambda: healthy(port))
        wait_until("the handling process", lambda: len(serving_children(server.pid)) == 1)
        (handler,) = serving_children(server.pid)
        wait_until("the handler's lower priority", lambda: niceness(handler) == 10)
        assert niceness(server.pid) == 0

        # The handler stopped: the serving process still acknowledges every command at once,
        # stores it for a handler (a lapsed claim, no attempt yet) and handles none itself.
        os.kill(handler, signal.SIGSTOP)
        try:
            assert [status(fake, port, n) for n in range(12)] == [200] * 12
            assert journal(postgres_url) == [("pending", 0)] * 12
            assert answers(fake) == []
        finally:
            os.kill(handler, signal.SIGCONT)
        # Running again, it finds what was stored meanwhile: every command answered once.
        wait_until("every answer", lambda: len(answers(fake)) >= 12)
        assert sorted(answers(fake)) == sorted(f"cmdp{n}" for n in range(12))
        wait_until("the journal done", lambda: journal(postgres_url) == [("done", 1)] * 12)

        # Announced, a new command is answered without waiting for a periodic look.
        assert status(fake, port, 40) == 200
        wait_until("its answer", lambda: "cmdp40" in answers(fake), timeout=4)

        # A handler that dies is started again, and what arrives meanwhile is answered.
        os.kill(handler, signal.SIGKILL)
        assert status(fake, port, 41) == 200
        wait_until(
            "a new handling process",
            lambda: serving_children(server.pid) not in ([], [handler]),
        )
        wait_until("the answer stored while it was gone", lambda: "cmdp41" in answers(fake))
        assert sorted(answers(fake)) == sorted(f"cmdp{n}" for n in [*range(12), 40, 41])
    finally:
        stopped(server)
    assert serving_children(server.pid) == []
    assert server.returncode == 0, server.stderr.read().decode() if server.stderr else ""


def test_handlers_on_sqlite_are_refused_with_the_reason(tmp_path: Path, fake: FakeSlack) -> None:
    said = refused_on_sqlite(tmp_path, fake, "--handlers", "1")
    assert "--handlers needs PostgreSQL" in said, said


def test_a_handling_process_sends_to_every_configured_platform(sqlite_url: str) -> None:
    """What a Slack input queues for a Teams member goes out from the handler too; the
    handler serves no endpoint."""
    from bot.settings import Settings
    from copbot.server import handling_app
    from copbot.wiring import build_core

    settings = Settings(
        database_url=sqlite_url,
        slack_bot_token="xoxb-handler",
        slack_signing_secret="secret",
        teams_dev_mode=True,
        handlers=1,
    )
    core = build_core(settings, deliver_inline=False)
    app = handling_app(settings, core)
    assert sorted(core.senders) == ["slack", "teams"]
    assert [r.canonical for r in app.router.resources()] == []
    core.session_factory.kw["bind"].dispose()
