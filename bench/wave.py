"""The due wave, end to end: 1,000 communities x 20 members whose check-in wave (20,000
prompts), first rotation and weekly digest fall due at one moment, planned, run and handed to
a RecordingSender; on PostgreSQL by one and by two workers sharing the wave; and memory.

The data is bench.fanout's (bulk rows in a fresh database migrated through Alembic). Planning
runs in this process, as ``copbot migrate`` plans every community (``replan_every_community``:
a chunk of communities in the statements of one; bench.fanout times ``replan`` community by
community, as schedule edits run it). The wave runs in worker processes,
each ticking ``scheduler.jobs.tick`` (what APScheduler calls in ``copbot serve`` and ``copbot
scheduler``) with the clock at the due moment until a tick finds nothing left; the workers
claim jobs and deliveries from the same tables (SKIP LOCKED on PostgreSQL). Each worker first
builds ``copbot serve``'s web app (Slack and Teams), so its memory is that of a serving
process, and reports its peak resident memory (VmHWM). ``copbot serve`` itself is started idle
on a fresh SQLite database for its resident memory at rest.

Beside the run's seconds, its floor on this machine: the CPU the workers and (on a local
PostgreSQL) the database server spent, spread over the cores, and never less than the busiest
worker's own CPU. Goals printed beside the figures: the SQLite wave (plan + run + deliver)
under 15 s; on PostgreSQL two workers under 10 s and faster than one (the median of three
runs each, alternating: a shared machine's speed swings); idle ``copbot serve``
under 150 MB; a worker under 300 MB during the wave. Figures are printed, not asserted.

    python -m bench.wave
    COPBOT_BENCH_POSTGRES_URL=postgresql+psycopg://postgres@127.0.0.1/test python -m bench.wave
    COPBOT_BENCH_COMMUNITIES=200 python -m bench.wave          # a smaller wave
    COPBOT_BENCH_RUNS=1 python -m bench.wave                   # each PostgreSQL wave once
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import pwd
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from multiprocessing.synchronize import Barrier
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

from bench.fanout import MOMENT, PLATFORM, plan_together, populated, postgres_database, sqlite_url
from bench.procs import rss_of

MEMBERS = 20
LOCAL_HOSTS = (None, "127.0.0.1", "localhost")  # a PostgreSQL whose processes we can read
GOAL_SQLITE_S = 15.0
GOAL_POSTGRES_S = 10.0
GOAL_IDLE_MB = 150.0
GOAL_WAVE_MB = 300.0
RUNS = int(os.environ.get("COPBOT_BENCH_RUNS", "3"))  # PostgreSQL waves of each size


@dataclass
class Worked:
    jobs: int
    sent: int
    seconds: float
    cpu_seconds: float  # the worker's own CPU time: steadier than wall time on a busy machine
    peak_mb: float


def database_cpu_seconds(url: str) -> float | None:
    """CPU time (user + system, with the backends that have ended) of the PostgreSQL server's
    processes so far, when it runs on this machine; None for SQLite (in the worker) or a
    server elsewhere. The database server shares this machine's cores with the workers: the
    wave can take no less than their CPU and its CPU together, divided by the cores."""
    if not url.startswith("postgresql") or make_url(url).host not in LOCAL_HOSTS:
        return None
    try:
        owner = pwd.getpwnam("postgres").pw_uid
    except KeyError:
        return None
    ticks = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if entry.stat().st_uid != owner:
                continue
            fields = (entry / "stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue  # ended meanwhile
        # utime, stime, and those of its ended children (the postmaster's: ended backends)
        ticks += sum(int(fields[i]) for i in (11, 12, 13, 14))
    return ticks / os.sysconf("SC_CLK_TCK") if ticks else None


def worker(url: str, name: str, start: Barrier, results: Any) -> None:
    """Child process: a serving process's modules and app, then ticks at the due moment
    until nothing is left."""
    from bot.core import Core
    from bot.db import make_engine, make_session_factory
    from bot.outbox.sender import RecordingSender
    from bot.settings import Settings
    from copbot.memory import settle
    from copbot.server import build_web_app
    from scheduler.jobs import tick

    engine = make_engine(url)
    sender = RecordingSender()
    core = Core(
        session_factory=make_session_factory(engine),
        clock=lambda: MOMENT,
        senders={PLATFORM: sender},
        deliver_inline=False,
        worker_id=name,
    )
    settings = Settings(
        database_url=url,
        slack_bot_token="xoxb-wave",
        slack_signing_secret="wave-secret",
        slack_api_url="http://127.0.0.1:9/api/",
        teams_dev_mode=True,
        worker_id=name,
    )
    # Teams in development mode only to hold its endpoint in memory: its warning that the
    # endpoint takes unauthenticated activities is for a server someone can reach, not this
    # worker (it printed the banner once per worker of every wave).
    logging.getLogger("adapters.teams.web").setLevel(logging.ERROR)
    build_web_app(settings, core, scheduler=False)  # what `copbot serve` holds in memory
    settle()  # as `copbot serve` and `copbot scheduler` do once started
    start.wait()
    started, cpu = time.perf_counter(), time.process_time()
    jobs = 0
    while True:
        report = tick(core)
        jobs += report.jobs_done + report.jobs_skipped + report.jobs_failed
        if not (report.jobs_done or report.jobs_skipped or report.delivery.sent):
            break
    seconds = time.perf_counter() - started
    engine.dispose()
    cpu_seconds = time.process_time() - cpu
    results.put(Worked(jobs, len(sender.sent), seconds, cpu_seconds, rss_of()[1]))


def run_wave(url: str, workers: int) -> tuple[float, list[Worked]]:
    """The wave by ``workers`` processes started together: seconds until all are done."""
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(workers + 1)
    results = context.Queue()
    processes = [
        context.Process(target=worker, args=(url, f"wave-{i}", start, results))
        for i in range(workers)
    ]
    for process in processes:
        process.start()
    start.wait()
    started = time.perf_counter()
    done = [results.get(timeout=1800) for _ in processes]
    seconds = time.perf_counter() - started
    for process in processes:
        process.join(60)
    return seconds, done


def scenario(url: str, *, label: str, communities: int, workers: int) -> float:
    """Plan and run one wave; prints its lines and returns plan + wave seconds."""
    with populated(url, communities=communities, members=MEMBERS) as (_engine, factory):
        started = time.perf_counter()
        plan_together(factory)
        plan_s = time.perf_counter() - started
        server_before = database_cpu_seconds(url)
        wave_s, done = run_wave(url, workers)
        server_after = database_cpu_seconds(url)
    jobs = sum(w.jobs for w in done)
    sent = sum(w.sent for w in done)
    shares = " + ".join(f"{w.sent:,}" for w in done)
    peak = max(w.peak_mb for w in done)
    cpu = " + ".join(f"{w.cpu_seconds:.2f}" for w in done)
    print(
        f"{label}, {workers} worker{'s' if workers > 1 else ''}: {communities:,} communities x "
        f"{MEMBERS} members\n"
        f"  plan (as copbot migrate) {plan_s:6.2f} s   run and deliver {wave_s:6.2f} s   total {plan_s + wave_s:6.2f} s"
        f"   ({jobs:,} jobs, {sent:,} messages: {shares})\n"
        f"  CPU time of the worker{'s' if workers > 1 else ''} {cpu} s"
        f"{floor_line(done, server_before, server_after)}\n"
        f"  peak resident memory of a worker {peak:5.0f} MB "
        f"(goal < {GOAL_WAVE_MB:.0f} MB: {'met' if peak < GOAL_WAVE_MB else 'NOT MET'})",
        flush=True,
    )
    return plan_s + wave_s


def floor_line(done: list[Worked], before: float | None, after: float | None) -> str:
    """The wave's floor on this machine: all the CPU it took (the workers', and the database
    server's when it runs here) spread over every core, and no less than the busiest worker's
    own CPU (a worker is one interpreter)."""
    total = sum(w.cpu_seconds for w in done)
    server = ""
    if before is not None and after is not None:
        total += after - before
        server = f", the database server {after - before:.2f} s"
    cores = os.cpu_count() or 1
    floor = max(max(w.cpu_seconds for w in done), total / cores)
    return (
        f"{server}; on {cores} core{'s' if cores > 1 else ''} the run and delivery can take "
        f"no less than {floor:.2f} s here"
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def idle_serve(folder: Path) -> float:
    """Resident memory of ``copbot serve`` (Slack, Teams, scheduler) at rest, in MB."""
    port = free_port()
    env = {
        **os.environ,
        "COPBOT_DATABASE_URL": f"sqlite:///{folder / 'idle.db'}",
        "COPBOT_PORT": str(port),
        "SLACK_BOT_TOKEN": "xoxb-idle",
        "SLACK_SIGNING_SECRET": "idle-secret",
        "SLACK_API_URL": "http://127.0.0.1:9/api/",
        "COPBOT_TEAMS_DEV_MODE": "1",
    }
    copbot = Path(sys.executable).with_name("copbot")
    process = subprocess.Popen(
        [str(copbot), "serve"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                    break
            except OSError:
                time.sleep(0.2)
        time.sleep(3)  # the first tick has run
        return rss_of(process.pid)[0]
    finally:
        process.terminate()
        process.wait(30)


def main() -> None:
    communities = int(os.environ.get("COPBOT_BENCH_COMMUNITIES", "1000"))
    with tempfile.TemporaryDirectory(prefix="copbot-bench-") as name:
        folder = Path(name)
        idle = idle_serve(folder)
        print(
            f"copbot serve at rest: {idle:.0f} MB resident "
            f"(goal < {GOAL_IDLE_MB:.0f} MB: {'met' if idle < GOAL_IDLE_MB else 'NOT MET'})",
            flush=True,
        )
        total = scenario(
            sqlite_url(folder, "wave"), label="SQLite", communities=communities, workers=1
        )
        met = "met" if total < GOAL_SQLITE_S else "NOT MET"
        print(f"  SQLite wave {total:.2f} s (goal < {GOAL_SQLITE_S:.0f} s: {met})", flush=True)
    pg = os.environ.get("COPBOT_BENCH_POSTGRES_URL")
    if not pg:
        print("(set COPBOT_BENCH_POSTGRES_URL to run the wave on PostgreSQL, by two workers)")
        return
    times: dict[int, list[float]] = {1: [], 2: []}
    # A shared machine's speed can swing by a fifth from one minute to the next: each wave
    # runs RUNS times, alternating, and the median stands for it.
    for _ in range(RUNS):
        for workers in (1, 2):
            with postgres_database(pg) as url:
                times[workers].append(
                    scenario(url, label="PostgreSQL", communities=communities, workers=workers)
                )
    one, two = statistics.median(times[1]), statistics.median(times[2])
    met = "met" if two < GOAL_POSTGRES_S else "NOT MET"
    faster = "faster" if two < one else "NOT faster"
    runs = " ".join(f"{t:.2f}" for t in times[2])
    print(
        f"  PostgreSQL, two workers {two:.2f} s, the median of {runs} "
        f"(goal < {GOAL_POSTGRES_S:.0f} s: {met}); {faster} than one "
        f"({one:.2f} s, x{one / two:.2f})"
    )


if __name__ == "__main__":
    main()
