"""The one clock seam: every 'now' in copbot comes from here.

Tests freeze time with freezegun (which patches ``datetime.now``) or pass a fixed clock.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def utcnow() -> datetime:
    """Timezone-aware current time in UTC."""
    return datetime.now(UTC)


def ensure_aware(value: datetime) -> datetime:
    """SQLite hands back naive datetimes; we store UTC, so naive means UTC."""
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
