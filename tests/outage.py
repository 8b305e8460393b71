"""A database outage at the driver's edge: while it is down, taking a connection from the pool
fails, and so does opening a new one, the way the driver fails when the server is gone."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.exc import DisconnectionError


class Outage:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.is_down = False
        self._after: int | None = None
        event.listen(engine, "do_connect", self._connect)
        event.listen(engine, "checkout", self._checkout)

    def _connect(self, *args: Any, **kwargs: Any) -> None:
        if self.is_down:
            error = self.engine.dialect.loaded_dbapi.OperationalError
            raise error("connection refused: the database is down")

    def _checkout(self, *args: Any) -> None:
        if self._after is not None:
            self._after -= 1
            if self._after < 0:
                self._after = None
                self.is_down = True
        if self.is_down:
            raise DisconnectionError("the database is down")

    def down(self, *, after: int = 0) -> None:
        """Down now, or after ``after`` more connections were taken from the pool."""
        if after:
            self._after = after
            return
        self.is_down = True
        self.engine.dispose()

    def up(self) -> None:
        self.is_down = False
        self._after = None


def engine_of(core: Any) -> Engine:
    bind = core.session_factory.kw["bind"]
    assert isinstance(bind, Engine)
    return bind
