"""Concurrent HTTP clients in a process of their own, timing each request.

A bench's fake Slack answers the work copbot does after its acknowledgements (its answers, its
DMs) in the bench's own process. Clients in that process would share its interpreter with the
fake, and each request's clock would run on while the fake handles copbot's calls: copbot's
acknowledgements would look slower than they are, the bare bolt app's (which does no work) not.
Here the clients run apart, with their requests made (and signed) beforehand.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import time
from multiprocessing.queues import Queue
from typing import Any

import aiohttp

Request = tuple[bytes, dict[str, str]]  # body, headers


def timed(url: str, clients: list[list[Request]]) -> tuple[list[float], float, int]:
    """Each client's requests, one after the other, all clients at once, from a new process:
    every request's latency in ms (sent until its answer is read), the seconds the whole
    took, and how many were not answered 200."""
    context = multiprocessing.get_context("spawn")
    results: Queue[Any] = context.Queue()
    process = context.Process(target=_run, args=(url, clients, results))
    process.start()
    try:
        outcome: tuple[list[float], float, int] = results.get(timeout=600)
    finally:
        process.join(60)
        if process.is_alive():
            process.kill()
    return outcome


def _run(url: str, clients: list[list[Request]], results: Queue[Any]) -> None:
    results.put(asyncio.run(_send(url, clients)))


async def _send(url: str, clients: list[list[Request]]) -> tuple[list[float], float, int]:
    timings: list[float] = []
    failures = 0
    connector = aiohttp.TCPConnector(limit=len(clients))
    async with aiohttp.ClientSession(connector=connector) as session:

        async def client(requests: list[Request]) -> None:
            nonlocal failures
            for body, headers in requests:
                started = time.perf_counter()
                async with session.post(url, data=body, headers=headers) as response:
                    await response.read()
                    timings.append((time.perf_counter() - started) * 1000)
                    failures += response.status != 200

        started = time.perf_counter()
        await asyncio.gather(*(client(requests) for requests in clients))
        seconds = time.perf_counter() - started
    return timings, seconds, failures
