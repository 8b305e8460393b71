"""``copbot serve --processes N``: N serving processes on one port.

One Python process answers about as many inputs a second as one core allows (the core is
CPU-bound under the GIL). With ``--processes N`` the process that was started serves as
before (with the scheduler, unless ``--no-scheduler``) and starts N-1 more that serve the same
endpoints without a scheduler; all listen on the same address with SO_REUSEPORT, and the kernel
spreads connections over them. Everything they share lives in the database (the inbound
journal, the outbox and its claims, Slack's installations and install states, each person's
lock), so any process may take any request. Each has its own worker id, so their claims are
told apart.

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


def refusal(settings: Settings, *, processes: int, mode: str | None) -> str | None:
    """Why ``--processes`` cannot be used here (None: it can)."""
    if processes < 1:
        return "copbot serve: --processes must be at least 1"
    if processes == 1:
        return None
    if mode is not None:
        return f"copbot serve: --{mode} keeps one connection per app: use one process"
    if settings.database_url.startswith("sqlite"):
        return (
            "copbot serve: --processes needs PostgreSQL (COPBOT_DATABASE_URL). SQLite lets one "
            "process write at a time, so more processes would only wait for each other."
        )
    return None


def serve_one(settings: Settings) -> None:
    """A further serving process: the endpoints, no scheduler, the same port."""
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    logging.getLogger("alembic").setLevel(logging.WARNING)
    from copbot.server import serving_app
    from copbot.wiring import build_core

    core = build_core(settings, deliver_inline=False, migrate=False)
    app = serving_app(settings, core, scheduler=False)
    app.cleanup_ctx.append(_orphan_watch)
    web.run_app(app, host=settings.host, port=settings.port, print=None, reuse_port=True)


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
    """The further serving processes, started with the first one's app and stopped with it;
    one that dies is started again."""

    settings: Settings
    count: int
    slots: list[Slot] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._context = multiprocessing.get_context("spawn")
        self.slots = [Slot(n) for n in range(1, self.count + 1)]

    def _start(self, slot: Slot) -> None:
        # Each its own worker id: the outbox and the timed jobs tell claims apart by it.
        own = replace(self.settings, worker_id=f"{self.settings.worker_id}-{slot.number}")
        process = self._context.Process(
            target=serve_one, args=(own,), name=f"copbot-serve-{slot.number}", daemon=True
        )
        process.start()
        slot.process, slot.started = process, time.monotonic()
        logger.info("serving process %d started (pid %s)", slot.number, process.pid)

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
                "serving process %d (pid %s) ended with %s", slot.number, process.pid,
                process.exitcode,
            )  # fmt: skip
            if slot.quick_deaths >= GIVE_UP:
                logger.error(
                    "serving process %d failed to start %d times; not started again",
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
