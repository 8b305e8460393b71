"""Every table of copbot, from the slices that declare them (``bot.slices``), so the
metadata is complete (for Alembic and the tests)."""

from __future__ import annotations

from types import ModuleType

from sqlalchemy import MetaData

from bot.db import Base
from bot.slices import installed


def model_modules() -> tuple[ModuleType, ...]:
    """The ``models`` module of every slice that keeps tables, in the order of the slices."""
    return tuple(s.models for s in installed() if s.models is not None)


def load_all() -> MetaData:
    """The metadata of every table (importing the slices' models registered them with
    ``Base``)."""
    model_modules()
    return Base.metadata
