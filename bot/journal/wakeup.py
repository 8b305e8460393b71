"""Wake a process that handles inputs the moment one is stored: PostgreSQL's LISTEN/NOTIFY.

With ``copbot serve --handlers N`` the serving processes store an input, acknowledge it and
announce it (``service.announce``); the handling processes listen here and look for inputs to
claim at once, instead of polling the journal. A notice is only a hint: the claim in the
journal decides who handles what, so a notice lost (a listener reconnecting) only delays an
input until the handler's next periodic look.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from sqlalchemy.engine import make_url

from bot.journal.service import CHANNEL

logger = logging.getLogger(__name__)

# How long a listener whose connection was lost waits before it connects again.
RETRY = 2.0


def conninfo(url: str) -> str:
    """psycopg's connection string for copbot's SQLAlchemy URL (``postgresql+psycopg://``)."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


async def listen(url: str, woken: Callable[[str], None], *, retry: float = RETRY) -> None:
    """Call ``woken(platform)`` for every input announced on ``CHANNEL``, until cancelled.

    On its own connection, outside the engine's pool: a listening connection stays open for
    the life of the process. Once listening (again, after a lost connection), ``woken("")``
    is called: anything announced while nobody listened is looked for then."""
    import psycopg

    while True:
        try:
            async with await psycopg.AsyncConnection.connect(
                conninfo(url), autocommit=True
            ) as connection:
                await connection.execute(f"LISTEN {CHANNEL}")
                woken("")
                async for notice in connection.notifies():
                    woken(notice.payload)
        except psycopg.Error as exc:
            logger.warning(
                "journal: not listening for new inputs (%s); again in %.0f s", exc, retry
            )
        await asyncio.sleep(retry)
