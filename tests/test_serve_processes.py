"""``copbot serve --processes N``: N processes answer on one port (PostgreSQL), every signed
command is answered once whichever process takes it, one that dies is started again, and
SQLite (one writer at a time) is refused with the reason."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest

from bot.context import Actor, Place
from bot.core import Core
from bot.db import make_engine, make_session_factory
from bot.outbox.sender import RecordingSender
from bot.settings import Settings
from copbot.migrate import upgrade
from tests.slack.fake_slack import TEAM, FakeSlack, sign
from tests.slack.workspace import slash_command

SECRET = "processes-secret"
CHANNEL = "C0PROC"
MEMBERS = 8
ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until(what: str, check: Callable[[], bool], *, timeout: float = 60) -> None:
    # Waits for real processes (they start, import and bind in their own time); the code
    # under test has no clock of ours to set.
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as reply:
            return bool(reply.status == 200)
    except OSError:
        return False


def serving_children(pid: int) -> list[int]:
    """The further serving processes (spawned), not multiprocessing's resource tracker."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rpartition(")")[2].split()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if int(stat[1]) == pid and b"spawn_main" in cmdline:
            found.append(int(entry.name))
    return found


def listeners(port: int) -> int:
    """How many sockets listen on 127.0.0.1:``port`` (/proc/net/tcp: state 0A is LISTEN)."""
    local = f"0100007F:{port:04X}"
    rows = Path("/proc/net/tcp").read_text().splitlines()[1:]
    return sum(1 for row in rows if row.split()[1] == local and row.split()[3] == "0A")


def cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return int(fields[11]) + int(fields[12])


def environment(url: str, fake: FakeSlack, port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "MICROSOFT_"))}
    env.update(
        COPBOT_DATABASE_URL=url,
        COPBOT_PORT=str(port),
        SLACK_BOT_TOKEN="xoxb-processes",
        SLACK_SIGNING_SECRET=SECRET,
        SLACK_API_URL=fake.api_url,
        PYTHONPATH=str(ROOT),
    )
    return env


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    slack = FakeSlack().start()
    yield slack
    slack.stop()


def community(url: str, fake: FakeSlack) -> None:
    upgrade(url)
    engine = make_engine(url)
    core = Core(session_factory=make_session_factory(engine), senders={"slack": RecordingSender()})
    channel = Place("slack", CHANNEL, "channel", TEAM)
    fake.add_user("UORG", "Organiser")
    core.handle_command(Actor("slack", "UORG", display_name="Organiser"), channel, "setup Proc")
    for n in range(MEMBERS):
        fake.add_user(f"UP{n}", f"Member {n}")
        core.handle_command(Actor("slack", f"UP{n}", display_name=f"Member {n}"), channel, "join")
    engine.dispose()


def status(fake: FakeSlack, port: int, n: int) -> int:
    """A signed ``/cop status`` on a connection of its own (the kernel spreads connections
    over the processes); the HTTP status of the acknowledgement."""
    fields = slash_command(fake, f"UP{n % MEMBERS}", "status", channel=CHANNEL, tag=f"p{n}")
    body = urlencode(fields)
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/slack/events",
        data=body.encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded", **sign(SECRET, body)},
    )
    with urllib.request.urlopen(request, timeout=10) as reply:
        return int(reply.status)


def answers(fake: FakeSlack) -> list[str]:
    return [str(c.args.get("hook")) for c in fake.calls if c.method == "response_url"]


def serve_two(url: str, fake: FakeSlack, port: int) -> subprocess.Popen[bytes]:
    """``copbot serve --processes 2`` on ``port`` (its log kept for a failure message)."""
    return subprocess.Popen(
        [sys.executable, "-m", "copbot.cli", "serve", "--processes", "2", "--no-scheduler"],
        env=environment(url, fake, port),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def test_two_processes_answer_on_one_port(postgres_url: str, fake: FakeSlack) -> None:
    community(postgres_url, fake)
    port = free_port()
    server = serve_two(postgres_url, fake, port)
    try:
        wait_until("copbot to answer", lambda: healthy(port))
        wait_until("the second process", lambda: len(serving_children(server.pid)) == 1)
        (child,) = serving_children(server.pid)
        # Two sockets listen on the port (SO_REUSEPORT): the second process is ready.
        wait_until("two listeners", lambda: listeners(port) == 2)
        before = {pid: cpu_ticks(pid) for pid in (server.pid, child)}
        codes = [status(fake, port, n) for n in range(40)]
        assert codes == [200] * 40
        wait_until("every answer", lambda: len(answers(fake)) >= 40)
        # Each command answered once, whichever process took it.
        assert sorted(answers(fake)) == sorted(f"cmdp{n}" for n in range(40))
        # Both processes worked: 40 connections over two listeners.
        worked = {pid: cpu_ticks(pid) - ticks for pid, ticks in before.items()}
        assert all(ticks >= 2 for ticks in worked.values()), worked

        # A process that dies is started again, and the port keeps answering meanwhile.
        os.kill(child, signal.SIGKILL)
        wait_until(
            "a new second process",
            lambda: serving_children(server.pid) not in ([], [child]),
        )
        wait_until("two listeners again", lambda: listeners(port) == 2)
        assert status(fake, port, 99) == 200
        wait_until("its answer", lambda: "cmdp99" in answers(fake))
    finally:
        stopped(server)
    # Stopping the first stops the others.
    assert serving_children(server.pid) == []
    assert server.returncode == 0, server.stderr.read().decode() if server.stderr else ""


def test_the_others_stop_when_the_first_is_killed(postgres_url: str, fake: FakeSlack) -> None:
    upgrade(postgres_url)
    port = free_port()
    server = serve_two(postgres_url, fake, port)
    try:
        wait_until("two listeners", lambda: listeners(port) == 2)
        (child,) = serving_children(server.pid)
    finally:
        server.kill()  # kill -9: no cleanup of its own
        server.wait(30)
    # Left behind, the other notices and stops: nothing answers on the port any more.
    wait_until("the other to stop", lambda: listeners(port) == 0)
    wait_until("its exit", lambda: not Path(f"/proc/{child}").exists() or zombie(child))


def zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0] == "Z"
    except OSError:
        return True


def refused_on_sqlite(tmp_path: Path, fake: FakeSlack, *flags: str) -> str:
    """``copbot serve <flags>`` on SQLite: it must refuse (exit 2); what it said."""
    url = f"sqlite:///{tmp_path / 'x.db'}"
    result = subprocess.run(
        [sys.executable, "-m", "copbot.cli", "serve", *flags],
        env=environment(url, fake, free_port()),
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 2, result.stderr
    return result.stderr


def stopped(server: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the first process, as a service manager stops copbot."""
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(30)
    except subprocess.TimeoutExpired:
        server.kill()


def test_sqlite_is_refused_with_the_reason(tmp_path: Path, fake: FakeSlack) -> None:
    said = refused_on_sqlite(tmp_path, fake, "--processes", "2")
    assert "--processes needs PostgreSQL" in said, said


FREEZE = """
import asyncio, gc, sys
from aiohttp import web
from bot.settings import Settings
from copbot.server import serving_app
from copbot.wiring import build_core

settings = Settings(database_url=sys.argv[1], slack_bot_token="x", slack_signing_secret="y")
core = build_core(settings, deliver_inline=False)


async def main() -> None:
    runner = web.AppRunner(serving_app(settings, core, scheduler=False))
    print(gc.get_freeze_count(), end=" ")
    await runner.setup()
    print(gc.get_freeze_count())
    await runner.cleanup()


asyncio.run(main())
"""


def test_a_serving_process_freezes_what_starting_made(tmp_path: Path) -> None:
    """The garbage collector's full passes never scan what starting made: they held every
    request for 80-100 ms."""
    url = f"sqlite:///{tmp_path / 'x.db'}"
    result = subprocess.run(
        [sys.executable, "-c", FREEZE, url],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    before, after = map(int, result.stdout.split())
    assert before == 0 and after > 10_000, result.stdout


class Dead:
    """A process that has ended."""

    pid = 4242
    exitcode = 1

    def is_alive(self) -> bool:
        return False


def test_a_slot_that_keeps_dying_at_once_is_left_empty(monkeypatch: pytest.MonkeyPatch) -> None:
    from copbot import processes

    others = processes.Others(Settings(database_url="postgresql://x/y"), 1)
    starts: list[int] = []

    def start(slot: processes.Slot) -> None:
        # Started now, and dead at once (a port another program holds, say).
        starts.append(slot.number)
        slot.process, slot.started = Dead(), time.monotonic()  # type: ignore[assignment]

    monkeypatch.setattr(others, "_start", start)
    start(others.slots[0])
    for _ in range(5):
        others.watch()
    assert starts == [1, 1, 1]  # the first start and two more; the third quick death gives up
    assert others.slots[0].process is None


def test_a_process_that_ran_a_while_is_always_started_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from copbot import processes

    others = processes.Others(Settings(database_url="postgresql://x/y"), 1)
    starts: list[int] = []

    def start(slot: processes.Slot) -> None:
        starts.append(slot.number)
        # Ran longer than QUICK_DEATH before it died.
        slot.process, slot.started = Dead(), time.monotonic() - processes.QUICK_DEATH - 1  # type: ignore[assignment]

    monkeypatch.setattr(others, "_start", start)
    start(others.slots[0])
    for _ in range(5):
        others.watch()
    assert starts == [1] * 6
