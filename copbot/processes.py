"""``copbot serve --processes N``: N serving processes on one port.

One Python process answers about as many inputs a second as one core allows (the core is
CPU-bound under the GIL). With ``--processes N`` the process that was started serves as
before (with the scheduler, unless ``--no-scheduler``) and starts N-1 more that serve the same
endpoints without a scheduler; all listen on the same address with SO_REUSEPORT, and the kernel
spreads connections over them. Everything they share lives in the database (the inbound
journal, the outbox and its claims, Slack's installations and install states, each person's
lock), so any process may take any request. Each has its own worker id, so their claims are
told apart.

``copbot serve --handlers N`` (or COPBOT_HANDLERS) starts N handling processes beside the
serving ones. The serving processes then only verify, store and acknowledge what a platform
can hand on (Slack), and announce it; the handlers claim it from the journal and do the work
(the core, the answers, the deliveries it queues). An acknowledgement no longer shares its
interpreter with the core, and the handlers run at a lower CPU priority
(``HANDLER_NICENESS``), so under load the kernel gives the acknowledgements the CPU first;
the work waits instead, which Slack allows (a response_url stays valid for 30 minutes, an
acknowledgement has 3 seconds).

SQLite is refused: it lets one process write at a time, and processes would wait for each
other in its busy handler (sleeps of up to 100 ms) instead of in one process's write gate.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import os
import signal
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field, replace
from multiprocessing.process import BaseProcess

from aiohttp import web

from bot.settings import Settings

logger = logging.getLogger(__name__)

# A process that dies sooner than this after its start counts as failing to start; after
# GIVE_UP such failures in a row its slot is left empty (a port taken by another program,
# say), rather than restarted forever.
QUICK_DEATH = 10.0
GIVE_UP = 3
# How often the first process looks whether the others still run.
WATCH_EVERY = 2.0
# A handling process's niceness (0 is a serving process's): under load the kernel lets the
# acknowledgements go first, and a handler gets the CPU they leave. At 10 a busy handler
# gets about a tenth of a core a busy serving process wants, and all of it otherwise.
HANDLER_NICENESS = 10


def refusal(settings: Settings, *, processes: int, mode: str | None) -> str | None:
    """Why more serving processes (``--processes``) or handling processes
    (``settings.handlers``, ``--handlers``) cannot be used here (None: they can)."""
    if processes < 1:
        return "copbot serve: --processes must be at least 1"
    if settings.handlers < 0:
        return "copbot serve: --handlers must be 0 or more"
    asked = [
        flag
        for flag, wanted in (("--processes", processes > 1), ("--handlers", settings.handlers))
        if wanted
    ]
    if not asked:
        return None
    if mode is not None:
        return f"copbot serve: --{mode} serves from one process, inputs and all: no {asked[0]}"
    if settings.database_url.startswith("sqlite"):
        return (
            f"copbot serve: {asked[0]} needs PostgreSQL (COPBOT_DATABASE_URL). SQLite lets one "
            "process write at a time, so more processes would only wait for each other."
        )
    return None


def start_others(app: web.Application, settings: Settings, *, processes: int) -> None:
    """Start the further serving processes (``processes`` - 1) and the handling processes
    (``settings.handlers``) with ``app``, the first serving process's, and stop them with it."""
    if processes > 1:
        app.cleanup_ctx.append(Others(settings, processes - 1).running)
    if settings.handlers > 0:
        app.cleanup_ctx.append(Others(settings, settings.handlers, handling=True).running)


def _log_as_serve() -> None:
    """A started process logs as ``copbot serve`` does (``copbot.cli``)."""
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    logging.getLogger("alembic").setLevel(logging.WARNING)


def serve_one(settings: Settings) -> None:
    """A further serving process: the endpoints, no scheduler, the same port."""
    _log_as_serve()
    from copbot.server import serving_app
    from copbot.wiring import build_core

    core = build_core(settings, deliver_inline=False, migrate=False)
    app = serving_app(settings, core, scheduler=False)
    app.cleanup_ctx.append(_orphan_watch)
    web.run_app(app, host=settings.host, port=settings.port, print=None, reuse_port=True)


def handle_one(settings: Settings) -> None:
    """A handling process: the stored inputs it is announced, no endpoint, no scheduler; a
    lower CPU priority than the serving processes (``HANDLER_NICENESS``)."""
    _log_as_serve()
    os.nice(HANDLER_NICENESS)
    from copbot.server import handling_app
    from copbot.wiring import build_core

    core = build_core(settings, deliver_inline=False, migrate=False)
    app = handling_app(settings, core)
    app.cleanup_ctx.append(_orphan_watch)
    asyncio.run(_until_stopped(app))


async def _until_stopped(app: web.Application) -> None:
    """Run ``app`` (its startup and cleanup) on no port until SIGTERM or SIGINT."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    runner = web.AppRunner(app)
    await runner.setup()
    try:
        await stop.wait()
    finally:
        await runner.cleanup()


async def _orphan_watch(_app: web.Application) -> AsyncIterator[None]:
    """Stop when the first process is gone. It stops the others when it stops itself; killed
    (kill -9, out of memory) it cannot, and a process left behind would keep answering on the
    port beside the copbot started next, with the code of before."""
    parent = os.getppid()

    async def watch() -> None:
        while os.getppid() == parent:
            await asyncio.sleep(WATCH_EVERY)
        logger.warning("the first serving process is gone; stopping")
        os.kill(os.getpid(), signal.SIGTERM)

    task = asyncio.get_running_loop().create_task(watch())
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


@dataclass
class Slot:
    """One further process's slot: the process in it now and how it has fared."""

    number: int
    process: BaseProcess | None = None
    started: float = 0.0
    quick_deaths: int = 0


@dataclass
class Others:
    """The further serving processes, or the handling ones (``handling``), started with the
    first serving process's app and stopped with it; one that dies is started again."""

    settings: Settings
    count: int
    handling: bool = False
    slots: list[Slot] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._context = multiprocessing.get_context("spawn")
        self.slots = [Slot(n) for n in range(1, self.count + 1)]

    @property
    def kind(self) -> str:
        return "handling" if self.handling else "serving"

    def _start(self, slot: Slot) -> None:
        # Each its own worker id: the outbox and the timed jobs tell claims apart by it.
        tag = f"h{slot.number}" if self.handling else str(slot.number)
        own = replace(self.settings, worker_id=f"{self.settings.worker_id}-{tag}")
        process = self._context.Process(
            target=handle_one if self.handling else serve_one,
            args=(own,),
            name=f"copbot-{'handle' if self.handling else 'serve'}-{slot.number}",
            daemon=True,
        )
        process.start()
        slot.process, slot.started = process, time.monotonic()
        logger.info("%s process %d started (pid %s)", self.kind, slot.number, process.pid)

    async def running(self, _app: web.Application) -> AsyncIterator[None]:
        """The further processes for as long as the app runs (``app.cleanup_ctx``)."""
        for slot in self.slots:
            self._start(slot)
        watcher = asyncio.get_running_loop().create_task(self._watch_forever())
        try:
            yield
        finally:
            watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watcher
            self.stop()

    async def _watch_forever(self) -> None:
        while True:
            await asyncio.sleep(WATCH_EVERY)
            self.watch()

    def watch(self) -> None:
        """Start again a process that died; give up on a slot that keeps dying at once."""
        for slot in self.slots:
            process = slot.process
            if process is None or process.is_alive():
                continue
            quick = time.monotonic() - slot.started < QUICK_DEATH
            slot.quick_deaths = slot.quick_deaths + 1 if quick else 0
            logger.warning(
                "%s process %d (pid %s) ended with %s", self.kind, slot.number, process.pid,
                process.exitcode,
            )  # fmt: skip
            if slot.quick_deaths >= GIVE_UP:
                logger.error(
                    "%s process %d failed to start %d times; not started again",
                    self.kind,
                    slot.number,
                    GIVE_UP,
                )
                slot.process = None
                continue
            self._start(slot)

    def stop(self) -> None:
        for slot in self.slots:
            if slot.process is not None and slot.process.is_alive():
                slot.process.terminate()
        for slot in self.slots:
            if slot.process is not None:
                slot.process.join(10)
                if slot.process.is_alive():
                    slot.process.kill()
            slot.process = None
