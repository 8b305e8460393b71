"""Slack answer latency: how long a member waits for copbot's answer to ``/cop status``.

What a Slack user waits for is the answer, not the acknowledgement. The 50 members of one
community send signed ``/cop status`` commands to copbot's ``POST /slack/events`` (the aiohttp
app of ``copbot serve``, without the scheduler) at concurrency 1, 10 and 50; each client sends
its next command once the answer to the last one has arrived. The answer is timed from the
moment the request is sent until the fake Slack receives the POST to the command's
``response_url`` (the fake records its arrival on ``time.perf_counter``, the same clock in every
process). In the same run, the same commands go to a bare bolt app that acknowledges and then
answers a fixed text through ``respond`` (bolt's own response_url client): the floor of any
bolt app that answers. Each app runs in its own process.

Every concurrency is measured in COPBOT_BENCH_ROUNDS rounds (default 3), both apps in turn.
Printed per round and concurrency: answer p50 / p99 and acknowledgement p50 / p99 for both;
then per concurrency the ratios, judged by the median round, against the goals (answer p50
within 3x the floor at concurrency 1; at 50, p50 within 2x and p99 within 1.5x; none
unanswered), each app's CPU time per command and their ratio (under load the answers' p50
ratio tends to it: every client waits for its answer, so a command waits behind the CPU of
those before it), and copbot's resident memory (RSS) before and after.
Figures are printed, not asserted.

    python -m bench.slack_answer
    COPBOT_BENCH_ANSWERS=1000 python -m bench.slack_answer      # commands per concurrency
    COPBOT_BENCH_ROUNDS=5 python -m bench.slack_answer          # rounds of every concurrency
    COPBOT_BENCH_LEVELS=50 COPBOT_BENCH_PROFILE=/tmp/answer.pstats python -m bench.slack_answer
        # copbot under cProfile (every thread: the event loop, the journal's, the core's)
    COPBOT_BENCH_POSTGRES_URL=postgresql+psycopg://postgres@127.0.0.1/test \
        COPBOT_BENCH_PROCESSES=2 python -m bench.slack_answer
        # on a fresh PostgreSQL database, copbot served by 2 processes on one port
    COPBOT_BENCH_POSTGRES_URL=postgresql+psycopg://postgres@127.0.0.1/test \
        COPBOT_BENCH_HANDLERS=1 python -m bench.slack_answer
        # copbot serve --handlers 1: the serving process acknowledges, a handling process
        # answers (its CPU and memory are counted as copbot's)
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import statistics
import tempfile
import time
from collections.abc import Callable, Coroutine, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from multiprocessing.synchronize import Event
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import aiohttp
from aiohttp import web
from slack_bolt.app.async_app import AsyncApp
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bench.fanout import postgres_database
from bench.procs import ThreadProfiles, children_of, cpu_of, free_port, rss_of
from bot.context import Actor, Place
from bot.core import Core
from bot.db import make_engine, make_session_factory
from bot.outbox.sender import RecordingSender
from bot.settings import Settings
from copbot.migrate import upgrade
from tests.slack.fake_slack import TEAM, Call, FakeSlack, sign
from tests.slack.workspace import slash_command

MEMBERS = 50
LEVELS = tuple(int(n) for n in os.environ.get("COPBOT_BENCH_LEVELS", "1,10,50").split(","))
SECRET = "bench-signing-secret"
TOKEN = "xoxb-bench"
CHANNEL = "C0BENCH"
ORGANISER = "UORG"
FIXED = "Bench CoP: 50 members, next meeting on Thursday."
ANSWER_TIMEOUT = 30.0  # seconds a client waits for an answer before counting it unanswered
GOALS = {1: (3.0, None), 50: (2.0, 1.5)}  # concurrency: (p50 ratio, p99 ratio) at most
# Rounds of every concurrency, both apps in turn: judged by the median round (at concurrency
# 1 one round's p50 ratio swung between x2.5 and x3.2 here).
ROUNDS = int(os.environ.get("COPBOT_BENCH_ROUNDS", "3"))


# -- the two apps, each in its own process -----------------------------------------------------
def bare_bolt(api_url: str) -> web.Application:
    """The least a bolt app that answers does: verify, route, acknowledge, then post a fixed
    text to the command's response_url with bolt's ``respond``."""
    bolt = AsyncApp(signing_secret=SECRET, client=AsyncWebClient(token=TOKEN, base_url=api_url))

    async def answer(ack: Callable[[], Coroutine[Any, Any, None]], respond: AsyncRespond) -> None:
        await ack()
        await respond(FIXED)

    bolt.command("/cop")(answer)
    return bolt.web_app(path="/slack/events")


def copbot_app(settings: Settings, *, first: bool = True) -> web.Application:
    """``copbot serve``'s app, without the scheduler (the database is migrated already); the
    first process starts the handling processes (``settings.handlers``) as serve does."""
    from copbot.processes import start_others
    from copbot.server import serving_app
    from copbot.wiring import build_core

    core = build_core(settings, deliver_inline=False, migrate=False)
    app = serving_app(settings, core, scheduler=False)
    if first:
        start_others(app, settings, processes=1)
    return app


def serve(
    kind: str,
    settings: Settings,
    ports: Any,
    stop: Event,
    profile: str | None,
    port: int,
    first: bool,
) -> None:
    """Child process: serve one app on 127.0.0.1 until ``stop`` is set: on ``port`` beside
    other processes (SO_REUSEPORT, as ``copbot serve --processes``), or on a port of its own
    (``port`` 0). The ``first`` starts copbot's handling processes."""
    profiles = ThreadProfiles() if profile else None

    async def run() -> None:
        copbot = kind == "copbot"
        app = copbot_app(settings, first=first) if copbot else bare_bolt(settings.slack_api_url)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", port, reuse_port=bool(port)).start()
        ports.put(runner.addresses[0][1])
        await asyncio.to_thread(stop.wait)
        await runner.cleanup()

    if profiles is not None:
        profiles.start()
    try:
        asyncio.run(run())
    finally:
        if profiles is not None and profile is not None:
            profiles.dump(profile)


class Served:
    """One app, served by one process or by ``processes`` on one port."""

    def __init__(
        self, kind: str, settings: Settings, *, profile: str | None = None, processes: int = 1
    ) -> None:
        context = multiprocessing.get_context("spawn")
        ports = context.Queue()
        self.stop = context.Event()
        shared = free_port() if processes > 1 else 0
        self.processes = [
            context.Process(
                target=serve,
                args=(
                    kind,
                    replace(settings, worker_id=f"{settings.worker_id}-{n}"),
                    ports,
                    self.stop,
                    profile if n == 0 else None,
                    shared,
                    n == 0,
                ),
                # Not daemonic: the first starts copbot's handling processes; close() stops them.
                daemon=False,
            )
            for n in range(processes)
        ]
        for process in self.processes:
            process.start()
        # Every process says its port once it listens (the same one when they share it).
        port = {ports.get(timeout=60) for _ in self.processes}.pop()
        self.url = f"http://127.0.0.1:{port}/slack/events"

    def pids(self) -> list[int]:
        """Its processes and theirs (copbot's handling processes)."""
        own = [p.pid for p in self.processes if p.pid is not None]
        return own + [child for pid in own for child in children_of(pid)]

    def rss_mb(self) -> tuple[float, float]:
        """Resident memory now and at its peak (VmRSS, VmHWM) of its processes, in MB."""
        now, peak = zip(*(rss_of(pid) for pid in self.pids()), strict=True)
        return sum(now), sum(peak)

    def cpu_seconds(self) -> float:
        """CPU time its processes have used so far (user + system), in seconds."""
        return sum(cpu_of(pid) for pid in self.pids())

    def alive(self) -> bool:
        return any(p.is_alive() for p in self.processes)

    def close(self) -> None:
        self.stop.set()
        for process in self.processes:
            process.join(30)
            if process.is_alive():
                process.kill()


# -- the load ---------------------------------------------------------------------------------
def user(n: int) -> str:
    return f"UB{n:04d}"


@dataclass
class Level:
    label: str
    concurrency: int
    answers: list[float]
    acks: list[float]
    unanswered: int
    not_200: int
    cpu_ms: float = 0.0  # the app's own CPU time per command

    @staticmethod
    def _p(values: list[float], q: int) -> float:
        if len(values) < 2:
            return values[0] if values else float("nan")
        return statistics.quantiles(values, n=100, method="inclusive")[q - 1]

    def answer(self, q: int) -> float:
        return self._p(self.answers, q)

    def ack(self, q: int) -> float:
        return self._p(self.acks, q)

    def line(self) -> str:
        cpu = f"   CPU {self.cpu_ms:.1f} ms/command" if self.cpu_ms else ""
        missing = f"   {self.unanswered} UNANSWERED" if self.unanswered else ""
        failed = f"   {self.not_200} NOT 200" if self.not_200 else ""
        return (
            f"  {self.label:<10} answer p50 {self.answer(50):7.1f} ms  p99 {self.answer(99):7.1f} ms"
            f"   ack p50 {self.ack(50):6.1f} ms  p99 {self.ack(99):6.1f} ms"
            f"   ({len(self.answers)} answers){cpu}{missing}{failed}"
        )


class Answers:
    """The fake Slack's response_url calls, handed to the client waiting for each."""

    def __init__(self, fake: FakeSlack) -> None:
        self.loop = asyncio.get_running_loop()
        self.waiting: dict[str, asyncio.Future[float]] = {}
        fake.on_call = self._seen

    def expect(self, hook: str) -> asyncio.Future[float]:
        future: asyncio.Future[float] = self.loop.create_future()
        self.waiting[hook] = future
        return future

    def _seen(self, call: Call) -> None:  # on the fake's thread
        if call.method != "response_url":
            return
        self.loop.call_soon_threadsafe(self._arrived, str(call.args.get("hook")), call.at)

    def _arrived(self, hook: str, at: float) -> None:
        future = self.waiting.pop(hook, None)
        if future is not None and not future.done():
            future.set_result(at)


async def load(
    fake: FakeSlack,
    answers: Answers,
    url: str,
    *,
    label: str,
    concurrency: int,
    requests: int,
    run: str,
) -> Level:
    """``requests`` commands from ``concurrency`` members at once; each member sends its next
    command when the answer to its last one has arrived (or after ANSWER_TIMEOUT)."""
    answered: list[float] = []
    acks: list[float] = []
    unanswered = not_200 = 0
    per_client = max(1, requests // concurrency)
    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(connector=connector) as session:

        async def client(c: int) -> None:
            nonlocal unanswered, not_200
            for i in range(per_client):
                member = (c + i * concurrency) % MEMBERS
                tag = f"{run}-{c}-{i}"
                fields = slash_command(fake, user(member), "status", channel=CHANNEL, tag=tag)
                body = urlencode(fields)
                headers = {
                    "Content-Type": "application/x-www-form-urlencoded",
                    **sign(SECRET, body),
                }
                arrival = answers.expect(f"cmd{tag}")
                started = time.perf_counter()
                async with session.post(url, data=body.encode(), headers=headers) as response:
                    await response.read()
                    acks.append((time.perf_counter() - started) * 1000)
                    not_200 += response.status != 200
                try:
                    at = await asyncio.wait_for(arrival, ANSWER_TIMEOUT)
                except TimeoutError:
                    unanswered += 1
                    continue
                answered.append((at - started) * 1000)

        await asyncio.gather(*(client(c) for c in range(concurrency)))
    return Level(label, concurrency, answered, acks, unanswered, not_200)


# -- the run ---------------------------------------------------------------------------------
def prepare(fake: FakeSlack, url: str) -> None:
    """A community in CHANNEL with MEMBERS members who joined (their welcomes delivered)."""
    upgrade(url)
    engine = make_engine(url)
    core = Core(
        session_factory=make_session_factory(engine),
        senders={"slack": RecordingSender()},
        worker_id="bench",
    )
    fake.add_user(ORGANISER, "Organiser")
    channel = Place("slack", CHANNEL, "channel", TEAM)
    core.handle_command(Actor("slack", ORGANISER, display_name="Organiser"), channel, "setup Bench")
    core.handle_command(
        Actor("slack", ORGANISER), channel, 'config start=2027-01-14 question="How?"'
    )
    for n in range(MEMBERS):
        fake.add_user(user(n), f"Member {n}")
        core.handle_command(Actor("slack", user(n), display_name=f"Member {n}"), channel, "join")
    engine.dispose()


def ratio_line(concurrency: int, pairs: list[tuple[Level, Level]]) -> str:
    """The ratios copbot / bare bolt at one concurrency, judged by their medians over the
    rounds, with each round's."""
    median = statistics.median
    p50s = [ours.answer(50) / floor.answer(50) for ours, floor in pairs]
    p99s = [ours.answer(99) / floor.answer(99) for ours, floor in pairs]
    goal_p50, goal_p99 = GOALS.get(concurrency, (None, None))

    def judged(values: list[float], goal: float | None) -> str:
        value = median(values)
        each = ", ".join(f"x{v:.2f}" for v in values)
        verdict = (
            "" if goal is None else f" (goal <= x{goal:g}: {'met' if value <= goal else 'NOT MET'})"
        )
        return f"x{value:.2f}{verdict} [{each}]"

    unanswered = sum(ours.unanswered for ours, _ in pairs)
    missing = "none unanswered" if not unanswered else f"{unanswered} UNANSWERED"
    line = (
        f"concurrency {concurrency}, median of {len(pairs)} rounds [each round]:\n"
        f"  copbot / bare bolt answer: p50 {judged(p50s, goal_p50)}, "
        f"p99 {judged(p99s, goal_p99)}; {missing}"
    )
    cpu = [ours.cpu_ms / floor.cpu_ms for ours, floor in pairs if ours.cpu_ms and floor.cpu_ms]
    if concurrency > 1 and cpu:
        # Each client waits for its answer before it sends again, so once an app's interpreter
        # is busy all the time, a command waits behind the others' CPU: the p50 ratio's floor.
        ours_ms = median([ours.cpu_ms for ours, _ in pairs])
        floor_ms = median([floor.cpu_ms for _, floor in pairs])
        line += (
            f"\n  CPU per command: copbot {ours_ms:.1f} ms, bare bolt {floor_ms:.1f} ms: "
            f"x{median(cpu):.2f}; with one interpreter busy, the answers' p50 ratio tends to it"
        )
    return line


async def measure(
    fake: FakeSlack, bare: Served, copbot: Served, requests: int, profile: str | None
) -> None:
    answers = Answers(fake)
    # Warm up both: connections, auth.test, the users.info cache, SQLite's pages.
    for server, label in ((bare, "bare"), (copbot, "copbot")):
        await load(
            fake, answers, server.url, label=label, concurrency=MEMBERS, requests=MEMBERS, run="w"
        )
    measured: dict[int, list[tuple[Level, Level]]] = {n: [] for n in LEVELS}
    for round_ in range(1, ROUNDS + 1):
        for concurrency in LEVELS:
            count = requests if concurrency > 1 else max(50, requests // 4)
            run = f"{round_}-{concurrency}"
            floor = await timed_load(fake, answers, bare, "bare bolt", concurrency, count, run)
            ours = await timed_load(fake, answers, copbot, "copbot", concurrency, count, run)
            measured[concurrency].append((ours, floor))
            print(f"round {round_}, concurrency {concurrency} ({count} commands):", flush=True)
            print(floor.line())
            print(ours.line(), flush=True)
    for concurrency, pairs in measured.items():
        print(ratio_line(concurrency, pairs), flush=True)
    ours, floor = measured[max(LEVELS)][-1]
    ack = ours.ack(99) / floor.ack(99)
    print(
        f"  copbot / bare bolt acknowledgement p99 x{ack:.2f} in the last round "
        "(the goal, against a bolt app that only acknowledges: bench.slack_ack)"
    )


async def timed_load(
    fake: FakeSlack,
    answers: Answers,
    server: Served,
    label: str,
    concurrency: int,
    count: int,
    run: str,
) -> Level:
    """``load`` on one app, with its CPU time per command."""
    before = server.cpu_seconds()
    level = await load(
        fake,
        answers,
        server.url,
        label=label,
        concurrency=concurrency,
        requests=count,
        run=f"{label[0]}{run}",
    )
    level.cpu_ms = (server.cpu_seconds() - before) * 1000 / count
    return level


def bench_settings(fake: FakeSlack, url: str, *, handlers: int) -> Settings:
    """copbot's settings in a bench: Slack with the bench's secret, on the fake Web API."""
    return Settings(
        database_url=url,
        slack_bot_token=TOKEN,
        slack_signing_secret=SECRET,
        slack_api_url=fake.api_url,
        worker_id="bench",
        handlers=handlers,
    )


@contextmanager
def database(folder: str, name: str = "slack-answer") -> Iterator[str]:
    """SQLite in ``folder``, or a fresh PostgreSQL database (COPBOT_BENCH_POSTGRES_URL)."""
    base = os.environ.get("COPBOT_BENCH_POSTGRES_URL")
    if base:
        with postgres_database(base) as url:
            yield url
    else:
        yield f"sqlite:///{Path(folder) / f'{name}.db'}"


def main() -> None:
    requests = int(os.environ.get("COPBOT_BENCH_ANSWERS", "500"))
    profile = os.environ.get("COPBOT_BENCH_PROFILE") or None
    processes = int(os.environ.get("COPBOT_BENCH_PROCESSES", "1"))
    handlers = int(os.environ.get("COPBOT_BENCH_HANDLERS", "0"))
    where = "PostgreSQL" if os.environ.get("COPBOT_BENCH_POSTGRES_URL") else "SQLite"
    serving = "1 process" if processes == 1 else f"{processes} processes on one port"
    if handlers:
        serving += f" and {handlers} handling"
    print(
        f"Answer latency of /cop status on 127.0.0.1: {MEMBERS} members, concurrency "
        f"{', '.join(map(str, LEVELS))}; the bare bolt app in 1 process, copbot in {serving}; "
        f"{where}."
    )
    fake = FakeSlack().start()
    bare: Served | None = None
    copbot: Served | None = None
    try:
        with tempfile.TemporaryDirectory(prefix="copbot-bench-") as folder, database(folder) as url:
            prepare(fake, url)
            settings = bench_settings(fake, url, handlers=handlers)
            bare = Served("bare", settings)
            copbot = Served("copbot", settings, profile=profile, processes=processes)
            started_rss, _ = copbot.rss_mb()
            asyncio.run(measure(fake, bare, copbot, requests, profile))
            rss, peak = copbot.rss_mb()
            print(
                f"copbot's {serving}: {started_rss:.0f} MB resident before the load, {rss:.0f} MB "
                f"after, {peak:.0f} MB at its peak"
            )
            copbot.close()
            bare.close()
            if profile:
                print(f"profile of copbot (warm-up and every level, all threads): {profile}")
    finally:
        for server in (bare, copbot):
            if server is not None and server.alive():
                server.close()
        fake.stop()


if __name__ == "__main__":
    main()
