"""What the scheduler runs. Module-level callables with explicit ids (APScheduler's rule for
jobs that might ever live in a persistent store), and nothing else: the state is in our tables.
"""

from __future__ import annotations

import asyncio
import logging

from bot.core import Core, RunReport
from bot.db import DatabaseUnavailable

logger = logging.getLogger(__name__)

TICK_JOB_ID = "copbot.tick"


def tick(core: Core) -> RunReport:
    """Run every planned job that is due, then deliver the outbox (synchronous). While the
    database is away the tick does nothing: what is due stays due until it is back."""
    try:
        report = core.run_due(core.clock())
    except DatabaseUnavailable:
        logger.warning("tick: the database is away; due work waits for it")
        return RunReport()
    delivery = report.delivery
    if report.jobs_done or report.jobs_skipped or report.jobs_failed or delivery.sent:
        logger.info(
            "tick: %d jobs done, %d skipped, %d failed; %d sent, %d retried, %d permanent",
            report.jobs_done,
            report.jobs_skipped,
            report.jobs_failed,
            delivery.sent,
            delivery.retried,
            delivery.permanent,
        )
    return report


async def tick_async(core: Core) -> RunReport:
    """The tick for an asyncio scheduler: the core is synchronous (SQLAlchemy sessions and
    blocking platform clients), so it runs in a worker thread and the event loop keeps
    answering Slack and Teams meanwhile."""
    return await asyncio.to_thread(tick, core)
