"""Deliver what a chat input queued at once, in the background, not at the next tick.

``copbot serve`` runs the core without inline delivery (a request must not wait for other
people's DMs), so the messages a command queues (a welcome, a swap request, the buddies told
about an experiment) would otherwise wait for the scheduler's next tick. Both chat adapters
kick a delivery run after each input that queued something.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from bot.core import Core
from bot.db import DatabaseUnavailable

logger = logging.getLogger(__name__)

Spawn = Callable[[Coroutine[Any, Any, None]], None]


class BackgroundTasks:
    """Tasks started from request handlers, kept referenced until done and awaitable."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[None]] = set()

    def spawn(self, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.get_running_loop().create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._done)

    def _done(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            logger.error("background work failed", exc_info=task.exception())

    async def idle(self) -> None:
        """Wait until every started task (and what it started) has finished."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    async def close(self, *, timeout: float = 10) -> None:
        """At shutdown: let running work finish for a while, then cancel what is left."""
        try:
            await asyncio.wait_for(self.idle(), timeout=timeout)
        except TimeoutError:
            for task in list(self._tasks):
                task.cancel()


Item = tuple[str, str | None, dict[str, Any]]  # platform, key, payload


class Journal:
    """Stores inputs in the core's inbound journal before they are acknowledged.

    One writer, on a thread of its own (an acknowledgement must not queue behind core work
    in the default thread pool), stores in one transaction every input that arrived while it
    stored the last ones: fifty requests at once cost a few commits, not fifty (each commit
    takes SQLite's write lock, or a round trip and an fsync on PostgreSQL)."""

    def __init__(self, core: Core, *, handed_on: bool = False) -> None:
        self.core = core
        # Inputs another process handles (``copbot serve --handlers``): stored for it to
        # claim, and announced to it once their acknowledgements are on their way.
        self.handed_on = handed_on
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="journal")
        self._waiting: list[tuple[Item, asyncio.Future[int | None]]] = []
        self._writer: asyncio.Task[None] | None = None

    async def record(self, platform: str, key: str | None, payload: dict[str, Any]) -> int | None:
        """The input's receipt; None when it was stored before. Raises DatabaseUnavailable."""
        future: asyncio.Future[int | None] = asyncio.get_running_loop().create_future()
        self._waiting.append(((platform, key, payload), future))
        if self._writer is None:
            self._writer = asyncio.get_running_loop().create_task(self._write())
        return await future

    async def _write(self) -> None:
        loop = asyncio.get_running_loop()
        try:
            while self._waiting:
                batch, self._waiting = self._waiting, []
                items = [item for item, _ in batch]
                try:
                    receipts = await loop.run_in_executor(self._pool, self._store, items)
                except Exception as exc:
                    for _, future in batch:
                        if not future.done():
                            future.set_exception(exc)
                    continue
                for (_, future), receipt in zip(batch, receipts, strict=True):
                    if future.done():
                        continue
                    if isinstance(receipt, Exception):
                        future.set_exception(receipt)
                    else:
                        future.set_result(receipt)
                if self.handed_on:
                    stored = {
                        item[0]
                        for item, r in zip(items, receipts, strict=True)
                        if isinstance(r, int)
                    }
                    for platform in sorted(stored):
                        await loop.run_in_executor(self._pool, self._announce, platform)
        finally:
            self._writer = None

    def _store(self, items: list[Item]) -> list[int | Exception | None]:
        try:
            return list(self.core.record_many(items, handed_on=self.handed_on))
        except DatabaseUnavailable:
            raise
        except Exception:
            if len(items) == 1:
                raise
            # One input the database refuses must not cost the others their place: each on
            # its own, so only that one fails.
            logger.warning("storing %d inputs together failed; one by one", len(items))
            return [self._one(item) for item in items]

    def _one(self, item: Item) -> int | Exception | None:
        try:
            return self.core.record_many([item], handed_on=self.handed_on)[0]
        except Exception as exc:
            return exc

    def _announce(self, platform: str) -> None:
        try:
            self.core.announce(platform)
        except DatabaseUnavailable:
            # Stored all the same: the handlers find it on their next periodic look.
            logger.warning("%s: new inputs stored, not announced: the database is away", platform)

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


class DeliveryKick:
    """After an input: a delivery run when the core queued messages (``Core.take_queued``),
    none otherwise. One run at a time; a kick during a run that finds new messages makes it
    run once more, so nothing queued meanwhile waits for the tick. The outbox's claims make
    a run safe next to the scheduler's."""

    def __init__(self, core: Core, *, spawn: Spawn) -> None:
        self.core = core
        self.spawn = spawn
        self._running = False
        self._again = False

    def __call__(self) -> None:
        if not self.core.take_queued():
            return
        if self._running:
            self._again = True
            return
        self._running = True
        self.spawn(self._loop())

    async def _loop(self) -> None:
        try:
            while True:
                self._again = False
                try:
                    await asyncio.to_thread(self.core.deliver)
                except DatabaseUnavailable:
                    logger.warning("delivery waits: the database is away")
                    return
                if not self._again:
                    return
        finally:
            self._running = False


class DrainLoop:
    """Every ``every`` seconds, and whenever it is woken (``wake``), a pass that hands out
    the inputs whose claim has lapsed (the adapter's ``drain``): cut off by an outage or a
    crash, or stored for this process to handle. Each pass is background work like a
    delivery run: started through ``BackgroundTasks``, so ``idle()`` also waits for a pass in
    progress and for what it started. Passes never overlap; a pass that handed something
    out, or was woken meanwhile, is followed by another at once, until one finds nothing."""

    def __init__(
        self,
        drain: Callable[[], Coroutine[Any, Any, int]],
        *,
        tasks: BackgroundTasks,
        every: float,
        name: str,
    ) -> None:
        self.drain = drain
        self.tasks = tasks
        self.every = every
        self.name = name
        self._running = False
        self._again = False
        self._loop: asyncio.Task[None] | None = None

    def start(self) -> None:
        if self._loop is None:
            self._loop = asyncio.get_running_loop().create_task(self._forever())

    async def stop(self) -> None:
        if self._loop is not None:
            self._loop.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._loop
            self._loop = None

    def soon(self) -> None:
        """Start a pass now, unless one is running."""
        if self._running:
            return
        self._running = True
        self.tasks.spawn(self._pass())

    def wake(self) -> None:
        """New inputs may wait: a pass now, or right after the one running."""
        if self._running:
            self._again = True
        else:
            self.soon()

    async def _pass(self) -> None:
        try:
            while True:
                self._again = False
                if not await self.drain() and not self._again:
                    return
        except Exception:
            logger.exception("%s: handling stored inputs failed", self.name)
        finally:
            self._running = False

    async def _forever(self) -> None:
        while True:
            self.soon()
            await asyncio.sleep(self.every)
