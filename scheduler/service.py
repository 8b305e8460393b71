"""Build and run the APScheduler scheduler that triggers copbot's timed work.

APScheduler only *triggers*: every meeting, prompt and digest is a row in our own tables,
claimed atomically by ``Core.run_due``. So the job store is APScheduler's default in-memory
one (rebuilt at every start, nothing to migrate), and a tick that runs late, twice, or in two
processes at once changes nothing but timing.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime

from aiohttp import web
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from adapters import platforms
from bot.core import Core
from bot.outbox.sender import Sender
from bot.settings import Settings
from scheduler.jobs import TICK_JOB_ID, tick_async

logger = logging.getLogger(__name__)

SCHEDULER_KEY = web.AppKey("scheduler", AsyncIOScheduler)


# The logger of APScheduler's default executor, which runs the tick.
EXECUTOR_LOGGER = "apscheduler.executors.default"


def _as_debug(record: logging.LogRecord) -> bool:
    """Turn ``record`` into a debug record; keep it only when its logger shows debug."""
    record.levelno, record.levelname = logging.DEBUG, "DEBUG"
    return logging.getLogger(record.name).isEnabledFor(logging.DEBUG)


class _SkippedTickFilter(logging.Filter):
    """A tick skipped because the previous one is still sending is the design
    (``max_instances=1``), not a problem: APScheduler's warning for it becomes debug."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == logging.WARNING and "maximum number of running" in record.msg:
            return _as_debug(record)
        return True


class _RoutineRunFilter(logging.Filter):
    """The executor's info lines, 'Running job' and 'executed successfully', come at every
    tick and say nothing (the tick logs what it did when it did something): they become
    debug. Its warnings and errors stay."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == logging.INFO:
            return _as_debug(record)
        return True


def _with_filter(name: str, kind: type[logging.Filter]) -> logging.Logger:
    found = logging.getLogger(name)
    if not any(isinstance(f, kind) for f in found.filters):
        found.addFilter(kind())
    return found


def _apscheduler_logger() -> logging.Logger:
    _with_filter(EXECUTOR_LOGGER, _RoutineRunFilter)
    return _with_filter("scheduler.apscheduler", _SkippedTickFilter)


def build_scheduler(*, core: Core, settings: Settings) -> AsyncIOScheduler:
    """A scheduler with the tick registered (not started)."""
    scheduler = AsyncIOScheduler(timezone=UTC, logger=_apscheduler_logger())
    add_jobs(scheduler, core=core, settings=settings)
    return scheduler


def add_jobs(scheduler: AsyncIOScheduler, *, core: Core, settings: Settings) -> None:
    """Register copbot's one job: the tick.

    There is no separate cron job per community for the weekly digest: each digest is a
    planned row at its community's local day and time (``bot.timed.planner.digest_spec``), so
    the tick runs it within ``tick_seconds`` of its moment. Cron jobs would duplicate that
    state in APScheduler, need re-registering whenever an organiser changes ``digest``, and
    would still have to claim the row to stay exactly-once across processes.
    """
    scheduler.add_job(
        tick_async,
        trigger=IntervalTrigger(seconds=max(1, settings.tick_seconds), timezone=UTC),
        kwargs={"core": core},
        id=TICK_JOB_ID,
        name="copbot: run due work and deliver the outbox",
        replace_existing=True,
        # A tick runs *all* due work, so ticks missed while the loop was busy or the machine
        # slept are worth exactly one run, not a burst of catch-up runs.
        coalesce=True,
        # A slow tick (a big fan-out) must not overlap itself; overlapping would be safe thanks
        # to the claims, but it only adds contention. The next tick picks up what is left.
        max_instances=1,
        # Late is always better than never: the tick is idempotent and decides from the rows
        # what is still useful (expired work is skipped there). None = run however late,
        # instead of APScheduler's 1-second default that silently drops a late tick.
        misfire_grace_time=None,
        # Run once right at start-up: after downtime, overdue-but-useful work goes out now.
        next_run_time=datetime.now(UTC),
    )


def attach(app: web.Application, *, core: Core, settings: Settings) -> None:
    """Run the scheduler inside ``copbot serve``: started and stopped with the aiohttp app."""

    async def lifecycle(app: web.Application) -> AsyncIterator[None]:
        scheduler = build_scheduler(core=core, settings=settings)
        scheduler.start()  # needs the running loop, so here and not at build time
        app[SCHEDULER_KEY] = scheduler
        logger.info("scheduler started: a tick every %d s", settings.tick_seconds)
        yield
        scheduler.shutdown(wait=False)
        logger.info("scheduler stopped")

    app.cleanup_ctx.append(lifecycle)


def platform_senders(settings: Settings) -> dict[str, Sender]:
    """The senders of the platforms configured in ``settings``, for a process without the web
    endpoints. The outbox only claims rows for platforms this process can send to, so a
    platform left out here keeps its messages for a process that can send them."""
    senders: dict[str, Sender] = {}
    for platform in platforms.installed():
        sender = platform.sender(settings)
        if sender is not None:
            senders[platform.name] = sender
    return senders


def run_standalone(settings: Settings, *, started: Callable[[], None] = lambda: None) -> int:
    """``copbot scheduler``: only the scheduler, as its own process (serve --no-scheduler).
    ``started`` runs once it is built, before the first tick (the command settles the
    process's memory there: ``copbot.memory.settle``)."""
    from copbot.wiring import build_core

    senders = platform_senders(settings)
    if not senders:
        logger.warning("no chat platform configured: due jobs run, deliveries wait for a sender")
    core = build_core(settings, senders=senders, deliver_inline=False)
    for platform in platforms.installed():
        sender = senders.get(platform.name)
        if sender is not None and platform.bind is not None:
            platform.bind(sender, core)
    started()
    asyncio.run(_run_until_signalled(core=core, settings=settings))
    return 0


async def _run_until_signalled(*, core: Core, settings: Settings) -> None:
    scheduler = build_scheduler(core=core, settings=settings)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    scheduler.start()
    logger.info("copbot scheduler running: a tick every %d s (Ctrl-C stops)", settings.tick_seconds)
    await stop.wait()
    scheduler.shutdown(wait=False)
    logger.info("copbot scheduler stopped")
