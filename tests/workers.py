"""Workers on one database at the same moment: each a thread with its own engine, released
together by a barrier, as separate processes would race."""

from __future__ import annotations

import threading
from collections.abc import Callable

from sqlalchemy.orm import Session, sessionmaker

from bot.db import make_engine, make_session_factory


def workers_at_once(
    url: str, count: int, work: Callable[[int, sessionmaker[Session]], None]
) -> None:
    """Run ``work(index, factory)`` in ``count`` threads started together; the first error
    of any of them is raised here, after all have finished."""
    start = threading.Barrier(count)
    errors: list[BaseException] = []

    def run(index: int) -> None:
        engine = make_engine(url)
        try:
            factory = make_session_factory(engine)
            start.wait()
            work(index, factory)
        except BaseException as exc:  # raised below, in the test's own thread
            errors.append(exc)
        finally:
            engine.dispose()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
