"""The core's own cost of ``/cop status``: what one answer costs without HTTP, threads or Slack.

Two communities, and their members' ``/cop status`` run the way ``copbot serve`` runs them,
minus the adapter: the input stored in the journal (``Core.record``), then handled in its own
unit of work with its receipt (``Core.handle_command``). First the community of
``bench.slack_answer`` (50 members who have just joined, Slack); then ``make demo``'s, played
until ten days after its 7th meeting of 13 (meetings held and planned, facilitators, buddies
between experiments, check-ins and reflections answered), where every slice has something to
say. Printed per command: the SQL statements (one member's), the Python function calls
(deterministic: the same code and data give the same count), and the CPU time (the median of
five rounds); then the same statements replayed as they were sent, on the sqlite3 driver
alone and through SQLAlchemy's Connection: the floors under the core's own cost. The core's
cost is the floor under ``bench.slack_answer``'s copbot figures: what is left there above it
is HTTP, the event loop and the threads. Under valgrind only the first runs.

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
import sqlite3
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event

from bench.slack_answer import CHANNEL, MEMBERS, prepare, user
from bot.context import Actor, Place
from bot.core import Core
from bot.settings import Settings
from copbot.wiring import build_core
from tests.slack.fake_slack import TEAM, FakeSlack
from tests.sql import statements
from tests.swing import in_full_swing

COMMANDS = int(os.environ.get("COPBOT_BENCH_STATUS_COMMANDS", "300"))
HELD = 7  # the community in full swing: stopped ten days after its 7th meeting of 13
ROUNDS = 5


class Status:
    """Members' ``/cop status``, one after another, as the server runs them."""

    def __init__(self, core: Core, *, place: Place, actors: list[Actor]) -> None:
        self.core = core
        self.place = place
        self.actors = actors
        self.sent = 0

    def one(self) -> None:
        actor = self.actors[self.sent % len(self.actors)]
        self.sent += 1
        receipt = self.core.record(actor.platform, f"status-{self.sent}", {"text": "status"})
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


def report(title: str, status: Status) -> None:
    """Print what one ``status`` costs, warmed up on every member's rows first."""
    status.many(2 * len(status.actors))  # warm: compiled statements, every member's rows
    engine = status.core.session_factory.kw["bind"]
    with statements(engine) as seen:
        status.one()
    print(f"/cop status in process, {title}: the journal's insert and the unit of work, no HTTP")
    print(f"  {len(seen)} SQL statements per command (one member's):")
    for statement in seen:
        print(f"    {statement[:110]}")
    print(f"  {python_calls(status, COMMANDS):,.0f} Python function calls per command")
    print(f"  {cpu_ms(status, COMMANDS):.2f} ms CPU per command (median of {ROUNDS})", flush=True)
    driver, sqlalchemy = floors(engine, status)
    print(
        f"  the same statements replayed (one transaction, rolled back): {driver:.2f} ms on "
        f"the sqlite3 driver alone, {sqlalchemy:.2f} ms through SQLAlchemy's Connection "
        "(exec_driver_sql, no statement building, no ORM)",
        flush=True,
    )


def floors(engine: Engine, status: Status) -> tuple[float, float]:
    """CPU ms for one command's statements and parameters, as sent, replayed in one
    transaction that is rolled back: on the sqlite3 driver alone (the database's own work),
    then through SQLAlchemy's Connection. What the core costs above the second is its
    statements built and run through the ORM's session, and its own Python."""
    sent: list[tuple[str, Any]] = []

    def note(_c: object, _cursor: object, statement: str, parameters: Any, *_: object) -> None:
        sent.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", note)
    try:
        status.one()
    finally:
        event.remove(engine, "before_cursor_execute", note)
    driver = sqlite3.connect(engine.url.database or "", isolation_level=None)

    def on_driver() -> None:
        driver.execute("BEGIN")
        for statement, parameters in sent:
            driver.execute(statement, parameters).fetchall()
        driver.execute("ROLLBACK")

    def on_sqlalchemy() -> None:
        with engine.connect() as connection:
            for statement, parameters in sent:
                result = connection.exec_driver_sql(statement, parameters)
                if result.returns_rows:
                    result.fetchall()
            connection.rollback()

    try:
        return median_ms(on_driver), median_ms(on_sqlalchemy)
    finally:
        driver.close()


def median_ms(replay: Callable[[], None]) -> float:
    rounds = []
    for _ in range(ROUNDS):
        started = time.process_time()
        for _ in range(COMMANDS):
            replay()
        rounds.append((time.process_time() - started) * 1000 / COMMANDS)
    return statistics.median(rounds)


def new_community(folder: Path) -> None:
    """bench.slack_answer's community: 50 members who have just joined (Slack)."""
    fake = FakeSlack().start()
    try:
        url = f"sqlite:///{folder / 'status.db'}"
        prepare(fake, url)
        settings = Settings(database_url=url, slack_api_url=fake.api_url, worker_id="bench")
        core = build_core(settings, deliver_inline=False, migrate=False)
        actors = [Actor("slack", user(n), display_name=f"Member {n}") for n in range(MEMBERS)]
        status = Status(core, place=Place("slack", CHANNEL, "channel", TEAM), actors=actors)
        report(f"{MEMBERS} members who have just joined, SQLite", status)
        if under_callgrind(status, COMMANDS):
            print(f"  instructions per command: valgrind's Collected figure / {COMMANDS}")
        core.session_factory.kw["bind"].dispose()
    finally:
        fake.stop()


def full_swing(folder: Path) -> None:
    """``make demo``'s community (console), played until ten days after meeting HELD of 13:
    meetings held and planned, facilitators chosen, buddies between experiments, a logbook.
    Each active member asks at the moment the play stopped."""
    with in_full_swing(folder / "demo", meetings=13, held=HELD) as swing:
        status = Status(swing.core, place=swing.place, actors=swing.actors)
        title = f"{len(swing.actors)} members after meeting {HELD} of 13 (make demo's community)"
        report(f"{title}, SQLite", status)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="copbot-bench-") as folder:
        new_community(Path(folder))
        if not os.environ.get("COPBOT_BENCH_STATUS_VALGRIND"):
            full_swing(Path(folder))


if __name__ == "__main__":
    main()
