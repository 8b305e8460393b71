"""The core's own cost of ``/cop status``: what one answer costs without HTTP, threads or Slack.

The community of ``bench.slack_answer`` (50 members who joined, SQLite), and its members'
``/cop status`` run the way ``copbot serve`` runs them, minus the adapter: the input stored in
the journal (``Core.record``), then handled in its own unit of work with its receipt
(``Core.handle_command``). Printed per command: the SQL statements (listed once), the Python
function calls (deterministic: the same code and data give the same count), and the CPU time
(the median of five rounds). This is the floor under ``bench.slack_answer``'s copbot figures:
what is left there above it is HTTP, the event loop and the threads.

For a figure that does not move with the machine's other load, count instructions (valgrind
prints them when the process ends; collection is on for COPBOT_BENCH_STATUS_COMMANDS commands):

    python -m bench.status_cost
    COPBOT_BENCH_STATUS_VALGRIND=1 COPBOT_BENCH_STATUS_COMMANDS=100 valgrind --tool=callgrind \\
        --instr-atstart=no .venv/bin/python -m bench.status_cost
"""

from __future__ import annotations

import cProfile
import os
import pstats
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from bench.slack_answer import CHANNEL, MEMBERS, prepare, user
from bot.context import Actor, Place
from bot.core import Core
from bot.settings import Settings
from copbot.wiring import build_core
from tests.slack.fake_slack import TEAM, FakeSlack
from tests.sql import statements

COMMANDS = int(os.environ.get("COPBOT_BENCH_STATUS_COMMANDS", "300"))
ROUNDS = 5


class Status:
    """Members' ``/cop status``, one after another, as the server runs them."""

    def __init__(self, core: Core) -> None:
        self.core = core
        self.place = Place("slack", CHANNEL, "channel", TEAM)
        self.sent = 0

    def one(self) -> None:
        n = self.sent % MEMBERS
        self.sent += 1
        actor = Actor("slack", user(n), display_name=f"Member {n}")
        receipt = self.core.record("slack", f"status-{self.sent}", {"text": "status"})
        replies = self.core.handle_command(actor, self.place, "status", receipt=receipt)
        assert replies, "status answered nothing"

    def many(self, count: int) -> None:
        for _ in range(count):
            self.one()


def python_calls(status: Status, count: int) -> float:
    profile = cProfile.Profile()
    profile.enable()
    status.many(count)
    profile.disable()
    return pstats.Stats(profile).total_calls / count  # type: ignore[attr-defined,no-any-return]


def cpu_ms(status: Status, count: int) -> float:
    rounds = []
    for _ in range(ROUNDS):
        started = time.process_time()
        status.many(count)
        rounds.append((time.process_time() - started) * 1000 / count)
    return statistics.median(rounds)


def under_callgrind(status: Status, count: int) -> bool:
    """Under callgrind (started with ``--instr-atstart=no``), collect for ``count`` commands
    only: valgrind's closing "Collected" figure divided by ``count`` is then the instructions
    per command."""
    if not os.environ.get("COPBOT_BENCH_STATUS_VALGRIND"):
        return False
    pid = str(os.getpid())
    subprocess.run(["callgrind_control", "-i", "on", pid], check=True, capture_output=True)
    status.many(count)
    subprocess.run(["callgrind_control", "-i", "off", pid], check=True, capture_output=True)
    return True


def main() -> None:
    fake = FakeSlack().start()
    try:
        with tempfile.TemporaryDirectory(prefix="copbot-bench-") as folder:
            url = f"sqlite:///{Path(folder) / 'status.db'}"
            prepare(fake, url)
            settings = Settings(database_url=url, slack_api_url=fake.api_url, worker_id="bench")
            core = build_core(settings, deliver_inline=False, migrate=False)
            status = Status(core)
            status.many(2 * MEMBERS)  # warm: compiled statements, every member's rows
            engine = core.session_factory.kw["bind"]
            with statements(engine) as seen:
                status.one()
            print(
                f"/cop status in process, {MEMBERS} members, SQLite: the journal's insert and "
                "the unit of work, no HTTP"
            )
            print(f"  {len(seen)} SQL statements per command:")
            for statement in seen:
                print(f"    {statement[:110]}")
            print(f"  {python_calls(status, COMMANDS):,.0f} Python function calls per command")
            print(f"  {cpu_ms(status, COMMANDS):.2f} ms CPU per command (median of {ROUNDS})")
            if under_callgrind(status, COMMANDS):
                print(f"  instructions per command: valgrind's Collected figure / {COMMANDS}")
            core.session_factory.kw["bind"].dispose()
    finally:
        fake.stop()


if __name__ == "__main__":
    main()
